"""Render-stage helper: BibTeX `Study` values -> CSL-JSON, formatted by citeproc-py.

Read top to bottom: the public interface (`ReferenceCache`, `to_csl`, `csl_json`,
`Bibliography`), then the digests, the formatting of many items at once (`_Batch`) and
the style parsing; the output markup is `citeproc_markup`'s. The conversion of one
entry, the way Pandoc's BibLaTeX reader does it, is `csl_json`'s (with `names`, `dates`
and `capitalisation`); `citeproc_patches` mends citeproc-py where it breaks a CSL rule.
Together they make a bundled style format an entry as `pandoc --citeproc` does
(tests/test_pandoc_compare.py). A bibliography is formatted as a whole, as Pandoc does,
so that citations that would print alike are told apart (`disambiguation`: 2007a,
2007b); each entry still depends only on its own CSL item, which carries what was
decided, so every formatted entry and label is kept in the run's `ReferenceCache` by a
hash of the style and that item, and a build formats only what is new.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from k2site.files.styles import CitationStyle, load_style
from k2site.model.document import Study
from k2site.pipeline.workers import parallel_map
from k2site.references.citeproc_markup import (
    CLOSING_QUOTE_THEN_PUNCTUATION,
    MARKUP,
    citation_parts,
    to_html,
    to_plain,
)
from k2site.references.disambiguation import NAMES_SHOWN, Rules, disambiguate

if TYPE_CHECKING:  # citeproc-py loads only when something is not in the cache yet
    from citeproc import CitationStylesStyle

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"

#: How a citation can be printed (Pandoc's citation modes): whole (`Gast et al., 2009`),
#: its names alone (`Gast et al.`, for `@gast2009 found`), or without them (`2009`, for
#: `[-@gast2009]`). In a numeric style the names are empty and the rest is the number,
#: as Pandoc prints `@gast2009 found` there: "[12] found".
LABEL_FORMS = ("normal", "author-only", "suppress-author")


@dataclass
class ReferenceCache:
    """Formatted output, and converted CSL-JSON and bibliography orders as JSON text, by
    a digest of their input (kind, style, locale, entry fields). Owned by one pipeline
    run, which fills it from the disk cache and saves what it `used`, or by `serve`,
    across its rebuilds."""

    entries: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    """The digests asked for since this cache was made: what a disk cache should keep."""
    styles: dict[tuple[str, str], CitationStylesStyle] = field(default_factory=dict)
    """Parsed styles by content digest and locale: parsing one costs more than a small
    site's whole build from the cache."""
    pending: Callable[[], None] | None = None
    """Brings in entries being formatted elsewhere (`prefetch`), before the first read."""

    def settle(self) -> None:
        """Wait for the `pending` entries, if any, once."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending()

    def get(self, digest: str, make: Callable[[], str]) -> str:
        """The text under `digest`, made (and kept) on a miss."""
        self.settle()
        self.used.add(digest)
        found = self.entries.get(digest)
        if found is None:
            found = self.entries[digest] = make()
        return found

    def kept(self) -> dict[str, str]:
        """The entries used since this cache was made, for the disk cache."""
        self.settle()
        return {d: self.entries[d] for d in self.used if d in self.entries}


def to_csl(study: Study, store: Mapping[str, Study] | None = None,
           cache: ReferenceCache | None = None) -> dict[str, Any]:
    """The CSL-JSON item of one entry; `id` is the BibTeX key. With the `store`, fields
    missing from the entry are taken from its `crossref` parent, as biblatex does."""
    raw = _raw(study, store)
    cache = cache if cache is not None else ReferenceCache()
    found = cache.get(_csl_json_digest(study, raw), lambda: _converted(study, raw))
    return dict(json.loads(found))


def convert_all(studies: Sequence[Study], store: Mapping[str, Study],
                cache: ReferenceCache) -> None:
    """Convert every entry not converted yet, across worker processes when there are many
    (converting names, dates and title case takes a third of a millisecond an entry)."""
    jobs = [(digest, study) for study in studies
            if (digest := _csl_json_digest(study, _raw(study, store))) not in cache.entries]

    def convert(study: Study) -> str:
        return _converted(study, _raw(study, store))

    done = parallel_map(convert, [study for _, study in jobs])
    for (digest, _), found in zip(jobs, done, strict=True):
        cache.entries[digest] = found


def _raw(study: Study, store: Mapping[str, Study] | None) -> Mapping[str, str]:
    if store is not None and study.raw_fields.get("crossref"):
        from k2site.references.csl_json import inherit

        return inherit(study, store)
    return study.raw_fields


def _csl_json_digest(study: Study, raw: Mapping[str, str]) -> str:
    return _digest("csl-json", "", "", {"key": study.key, "type": study.entry_type, **raw})


def _converted(study: Study, raw: Mapping[str, str]) -> str:
    from k2site.references.csl_json import convert

    return json.dumps(convert(study.key, study.entry_type, raw))


def csl_json(studies: Sequence[Study],
             cache: ReferenceCache | None = None) -> list[dict[str, Any]]:
    """`references.json`: CSL-JSON items plus k2site's `evidence` and `verification`."""
    items = []
    store = {study.key: study for study in studies}
    for study in sorted(studies, key=lambda s: s.key):
        item = to_csl(study, store, cache)
        item["evidence"] = study.design
        item["verification"] = study.verification
        items.append(item)
    return items


#: One thing to format: a kind (`entry`, `cite`, `parts`, `item`) and a key or an item.
Job = tuple[str, str | Mapping[str, Any]]


class Bibliography:
    """One CSL style applied to a store: its entries, in-text labels and order.

    The keys `prepare` is given are the bibliography, among which citations that would
    print alike are told apart; keys asked for without `prepare` are prepared then, as
    a bibliography of their own.
    """

    def __init__(self, studies: Sequence[Study], style: CitationStyle | str,
                 cache: ReferenceCache | None = None, locale: str = "en-US") -> None:
        """`style` as `files.styles.load_style` reads it, or a bundled style's name."""
        self.style = style if isinstance(style, CitationStyle) else load_style(style)
        self.cache = cache if cache is not None else ReferenceCache()
        self.locale = locale
        self._studies = {s.key: s for s in studies}
        # keyed by content, so an edited site style is reloaded while `k2site serve` runs
        self._style_hash = hashlib.sha1(self.style.text).hexdigest()
        self.numeric = _is_numeric(self.style.text.decode("utf-8"))
        self._rules = Rules.of_style(self.style.text.decode("utf-8"))
        # citeproc-py lower-cases ids; a neutral id keeps `Smith2009` and `smith2009` apart
        self._ids = {key: f"k{i}" for i, key in enumerate(self._studies)}
        self._converted: dict[str, dict[str, Any]] = {}
        self._added: dict[str, dict[str, Any]] = {}
        self._members: frozenset[str] | None = None
        self._digests: dict[tuple[str, str], str] = {}

    @property
    def _style(self) -> CitationStylesStyle:
        """The parsed style, on first use: parsing it and loading citeproc-py cost more
        than a small site's whole build from the cache."""
        parsed = self.cache.styles.get((self._style_hash, self.locale))
        if parsed is None:
            parsed = _parse_style(self.style.text, self.locale)
            self.cache.styles[(self._style_hash, self.locale)] = parsed
        return parsed

    def prepare(self, keys: Sequence[str], items: Sequence[Mapping[str, Any]] = (),
                in_text: Iterable[str] = ()) -> None:
        """Make `keys` the bibliography, and format what is not cached yet: its entries
        and labels (also the names and the rest apart for the keys `in_text`), and the
        `items`. All in one citeproc-py bibliography, across worker processes when there
        are many: citeproc-py takes over half a millisecond an entry."""
        self.cache.settle()
        known = self._known(keys)
        convert_all([self._studies[k] for k in known], self._studies, self.cache)
        self._disambiguate(known)
        jobs: list[Job] = [("entry", key) for key in known]
        if not self.numeric:
            jobs += [("cite", key) for key in known]
        jobs += [("parts", key) for key in self._known(in_text)]
        self._format(jobs + [("item", item) for item in items])

    def entries(self, keys_in_citation_order: Sequence[str]) -> dict[str, str]:
        """Formatted entry per known key, as safe HTML, without its number or label."""
        known = self._known(keys_in_citation_order)
        if self._members is None or not self._members.issuperset(known):
            self.prepare(known)
        return {key: self._formatted("entry", key) for key in known}

    def sort_keys(self, keys: Sequence[str]) -> list[str]:
        """The keys in the style's bibliography order (citation order for numeric styles)."""
        known = self._known(keys)
        if self.numeric or len(known) < 2:
            return known
        digest = _digest("sort", self._style_hash, self.locale, {"keys": known, "items": [
            {k: v for k, v in self._item(key).items() if k != "id"} for key in known]})
        return list(json.loads(self.cache.get(digest, lambda: json.dumps(self._sorted(known)))))

    def _sorted(self, known: list[str]) -> list[str]:
        if self._style.root.bibliography.sort is None:
            return known
        from citeproc.formatter import plain

        # sorted on plain text: italics marked with private-use characters sort last
        items = {self._ids[k]: self._item(k) for k in known}
        bib = _Batch(self._style, items, plain).bibliography
        bib.sort()
        by_id = {self._ids[k]: k for k in known}
        return [by_id[item.key] for item in bib.items]

    def cite_label(self, key: str, number: int, locator: str = "", form: str = "normal") -> str:
        """Plain in-text label of one cited item in one of the `LABEL_FORMS`: `12`, or
        `Gast et al., 2009`, `Gast et al.` and `2009`. The locator is not part of it: the
        caller appends it in both kinds of style."""
        if form not in LABEL_FORMS:
            raise ValueError(f"unknown citation form {form!r}; one of {', '.join(LABEL_FORMS)}")
        if self.numeric:
            return "" if form == "author-only" else str(number)
        if key not in self._studies:
            return key
        if form == "normal":
            return self._formatted("cite", key)
        names, rest = citation_parts(self._formatted("parts", key))
        return names if form == "author-only" else _bare(rest)

    def cite_parts(self, key: str) -> tuple[str, str]:
        """The in-text label split for a narrative citation in an author-date style: the
        names and the rest, ("Lippi & Franchini", "2011") for Pandoc's `Lippi & Franchini
        (2011)`; ("", label) for a numeric style or a label that does not begin with names.
        The rest alone is the label of `[-@key]`."""
        label = self.cite_label(key, 0)
        if self.numeric or key not in self._studies:
            return "", label
        names = self.cite_label(key, 0, form="author-only")
        rest = self.cite_label(key, 0, form="suppress-author")
        return (names, rest) if names and rest else ("", label)

    def format_item(self, item: Mapping[str, Any]) -> str:
        """One CSL-JSON item formatted as a bibliography entry (safe HTML, no number);
        for "cite this page", where the page itself is a `webpage` item."""
        [digest] = self._format([("item", item)])
        return self.cache.entries[digest]

    def _known(self, keys: Iterable[str]) -> list[str]:
        return [key for key in dict.fromkeys(keys) if key in self._studies]

    def _disambiguate(self, keys: list[str]) -> None:
        """Tell apart the citations of `keys` that would print alike (`disambiguation`),
        from their labels without it (formatted here when not cached)."""
        self._members, self._added, self._digests = frozenset(keys), {}, {}
        if self.numeric or not self._rules.active:
            return
        self._format([("cite", key) for key in keys])
        labels = {key: self._formatted("cite", key) for key in keys}
        names = {key: _cited_names(self._item(key)) for key in keys}
        self._added = disambiguate(labels, names, self._rules, self.sort_keys)
        self._digests = {}  # those of the keys given more were of their items without it

    def _formatted(self, kind: str, key: str) -> str:
        [digest] = self._format([(kind, key)])
        return self.cache.entries[digest]

    def _format(self, jobs: Sequence[Job]) -> list[str]:
        """Format the jobs whose output is not cached yet, each distinct one once; the
        digests of all, under which the cache holds them."""
        self.cache.settle()
        digests = [self._job_digest(job) for job in jobs]
        self.cache.used.update(digests)
        missing = {digest: job for digest, job in zip(digests, jobs, strict=True)
                   if digest not in self.cache.entries}
        if missing:
            self.cache.entries.update(zip(missing, self._render(list(missing.values())),
                                          strict=True))
        return digests

    def _render(self, jobs: list[Job]) -> list[str]:
        """The jobs' outputs, from one citeproc-py bibliography of all their items, made
        before the workers fork so that they share it."""
        items: dict[str, Mapping[str, Any]] = {}
        ids: list[tuple[str, str]] = []
        for kind, what in jobs:
            ident = f"item{len(items)}" if isinstance(what, Mapping) else self._ids[what]
            items[ident] = what if isinstance(what, Mapping) else self._final_item(what)
            ids.append((kind, ident))
        return parallel_map(_Batch(self._style, items).render, ids)

    def _job_digest(self, job: Job) -> str:
        kind, what = job
        if isinstance(what, Mapping):
            return _digest(kind, self._style_hash, self.locale, what)
        found = self._digests.get((kind, what))
        if found is None:
            found = self._digests[kind, what] = _digest(kind, self._style_hash, self.locale,
                                                        self._final_item(what))
        return found

    def _item(self, key: str) -> dict[str, Any]:
        """The entry as citeproc-py's input, converted on first use."""
        if key not in self._converted:
            item = to_csl(self._studies[key], self._studies, self.cache)
            item["id"] = self._ids[key]
            self._converted[key] = item
        return self._converted[key]

    def _final_item(self, key: str) -> Mapping[str, Any]:
        """The item with what disambiguation added to it, if anything."""
        added = self._added.get(key)
        return {**self._item(key), **added} if added else self._item(key)


def _bare(label: str) -> str:
    """A citation without the brackets around it: the page puts its own."""
    return label.strip().strip("()[]").strip()


def _cited_names(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The names a citation shows: the authors, else who stands in for them."""
    for role in ("author", "editor", "translator", "collection-editor", "composer"):
        if item.get(role):
            return list(item[role])
    return []


def _digest(kind: str, style: str, locale: str, item: Mapping[str, Any]) -> str:
    fields = {name: value for name, value in item.items() if name != "id"}
    payload = json.dumps([kind, style, locale, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


class _Batch:
    """Many CSL items in one citeproc-py bibliography, each formattable on its own."""

    def __init__(self, style: CitationStylesStyle, items: Mapping[str, Mapping[str, Any]],
                 formatter: Any = MARKUP):
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            # citeproc-py warns about CSL 1.0.2 variables it does not list (volume-title),
            # yet formats them; the warning would only be noise in the build output.
            warnings.simplefilter("ignore", UserWarning)
            source = CiteProcJSON([{**{k: v for k, v in item.items() if k != NAMES_SHOWN},
                                    "id": ident} for ident, item in items.items()])
        for ident, item in items.items():
            if NAMES_SHOWN in item:  # not a CSL variable: read by citeproc_patches
                source[ident][NAMES_SHOWN.replace("-", "_")] = item[NAMES_SHOWN]
        self.style = style
        self.bibliography = CitationStylesBibliography(style, source, formatter)
        self.cited = {ident: CitationItem(ident) for ident in items}
        for cited in self.cited.values():
            self.bibliography.register(Citation([cited]))
        self.languages = {ident: str(item.get("language", "en")) for ident, item in items.items()}

    def render(self, job: tuple[str, str]) -> str:
        """One job's output: an entry as safe HTML, or a label as plain text."""
        kind, ident = job
        if kind in ("entry", "item"):
            rendered = self.style.render_bibliography([self.cited[ident]])
            return self._entry(str(rendered[0]), self.languages[ident]) if rendered else ""
        if kind == "parts":
            from k2site.references.citeproc_patches import names_marked

            with names_marked():
                return to_plain(self._cite(ident))
        return _bare(to_plain(self._cite(ident)))

    def _cite(self, ident: str) -> str:
        from citeproc import Citation, CitationItem

        citation = Citation([CitationItem(ident)])
        self.bibliography.register(citation)
        return str(self.bibliography.cite(citation, lambda item: None))

    def _entry(self, text: str, language: str) -> str:
        quotes_take_punctuation = self.style.root.get_locale_option("punctuation-in-quote")
        if str(quotes_take_punctuation).lower() == "true" and language.startswith("en"):
            # American usage, `“good.”`, for English entries, as Pandoc does
            text = CLOSING_QUOTE_THEN_PUNCTUATION.sub(r"\2\1", text)
        return to_html(text)


def _parse_style(text: bytes, locale: str) -> CitationStylesStyle:
    from citeproc import CitationStylesStyle

    from k2site.references import citeproc_patches  # noqa: F401  # imported for its fixes to citeproc-py

    style = CitationStylesStyle(io.BytesIO(text), locale=locale, validate=False)
    _drop_bibliography_numbers(style)
    return style


def _drop_bibliography_numbers(style: CitationStylesStyle) -> None:
    """The caller numbers entries itself, so the layout's own number is removed."""
    bibliography = style.root.bibliography
    if bibliography is None:
        return
    layout = bibliography.find(f"{_CSL_NS}layout")
    for node in list(layout.iter(f"{_CSL_NS}text")):
        if node.get("variable") in ("citation-number", "citation-label"):
            node.getparent().remove(node)


def _is_numeric(style_text: str) -> bool:
    """Whether the style's first `category` with a `citation-format` says `numeric`; read
    from the text, so that a build from the cache needs no XML parser."""
    match = _CITATION_FORMAT.search(_XML_COMMENT.sub("", style_text))
    return match is not None and match.group(1) == "numeric"


_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITATION_FORMAT = re.compile(r"<category\b[^>]*?\bcitation-format\s*=\s*[\"']([^\"']*)[\"']")
