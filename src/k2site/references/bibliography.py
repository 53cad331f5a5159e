"""Render-stage helper: BibTeX `Study` values -> CSL-JSON, formatted by citeproc-py.

Read top to bottom: the public interface (`ReferenceCache`, `to_csl`, `csl_json`,
`Bibliography`), then the digests and the style parsing; the output markup is
`citeproc_markup`'s. The conversion of one entry, the way
Pandoc's BibLaTeX reader does it, is `csl_json`'s (with `names`, `dates` and
`capitalisation`); `citeproc_patches` mends citeproc-py where it breaks a CSL rule.
Together they make a bundled style format an entry as `pandoc --citeproc` does
(tests/test_pandoc_compare.py). citeproc-py is slow, so every formatted entry is kept in
the run's `ReferenceCache` by a hash of the style and the entry's fields.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from k2site.files.styles import CitationStyle, load_style
from k2site.model.document import Study
from k2site.pipeline.workers import parallel_map
from k2site.references.citeproc_markup import (
    CLOSING_QUOTE_THEN_PUNCTUATION,
    MARKUP,
    to_html,
    to_plain,
)

if TYPE_CHECKING:  # citeproc-py loads only when something is not in the cache yet
    from citeproc import CitationStylesBibliography, CitationStylesStyle

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass
class ReferenceCache:
    """Formatted output, and converted CSL-JSON as JSON text, by a digest of their input
    (kind, style, locale, entry fields). Owned by one pipeline run, which fills it from
    the disk cache and saves what it `used`, or by `serve`, across its rebuilds."""

    entries: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    """The digests asked for since this cache was made: what a disk cache should keep."""
    sorts: dict[str, list[str]] = field(default_factory=dict)
    """Bibliography orders of non-numeric styles, by a digest of the items sorted."""
    styles: dict[tuple[str, str], CitationStylesStyle] = field(default_factory=dict)
    """Parsed styles by content digest and locale: parsing one costs more than a small
    site's whole build from the cache."""

    def get(self, digest: str, make: Callable[[], str]) -> str:
        """The text under `digest`, made (and kept) on a miss."""
        self.used.add(digest)
        found = self.entries.get(digest)
        if found is None:
            found = self.entries[digest] = make()
        return found

    def kept(self) -> dict[str, str]:
        """The entries used since this cache was made, for the disk cache."""
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


class Bibliography:
    """One CSL style applied to a store; formats entries and in-text labels."""

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
        self._ids = {key: f"k{i}" for i, key in enumerate(self._studies)}
        self._converted: dict[str, dict[str, Any]] = {}

    @property
    def _style(self) -> CitationStylesStyle:
        """The parsed style, on first use: parsing it and loading citeproc-py cost more
        than a small site's whole build from the cache."""
        parsed = self.cache.styles.get((self._style_hash, self.locale))
        if parsed is None:
            parsed = _parse_style(self.style.text, self.locale)
            self.cache.styles[(self._style_hash, self.locale)] = parsed
        return parsed

    def entries(self, keys_in_citation_order: Sequence[str]) -> dict[str, str]:
        """Formatted entry per known key, as safe HTML, without its number or label."""
        return {
            key: self._entry(key)
            for key in keys_in_citation_order
            if key in self._studies
        }

    def sort_keys(self, keys: Sequence[str]) -> list[str]:
        """The keys in the style's bibliography order (citation order for numeric styles)."""
        known = [k for k in dict.fromkeys(keys) if k in self._studies]
        if self.numeric or self._style.root.bibliography.sort is None:
            return known
        digest = _digest("sort", self._style_hash, self.locale, {"keys": known,
                         "items": [self._item(k) for k in known]})
        if digest not in self.cache.sorts:
            bib = self._bibliography(known)
            bib.sort()
            by_id = {self._ids[k]: k for k in known}
            self.cache.sorts[digest] = [by_id[item.key] for item in bib.items]
        return list(self.cache.sorts[digest])

    def cite_label(self, key: str, number: int, locator: str = "") -> str:
        """Plain in-text label of one cited item: `12` or `Gast et al., 2009`. The
        locator is not part of it: the caller appends it in both kinds of style."""
        if self.numeric:
            return str(number)
        if key not in self._studies:
            return key
        return self._cached("cite", key, self._format_cite)

    def cite_parts(self, key: str) -> tuple[str, str]:
        """The in-text label split for a narrative citation in an author-date style: the
        names and the rest, ("Lippi & Franchini", "2011") for Pandoc's `Lippi & Franchini
        (2011)`; ("", label) for a numeric style or a label that does not begin with names.
        The rest alone is the label of `[-@key]`."""
        label = self.cite_label(key, 0)
        if self.numeric or key not in self._studies:
            return "", label
        rest = self._cached("cite-rest", key, self._format_cite_rest)
        if rest and label.endswith(rest) and len(rest) < len(label):
            return label[: -len(rest)].rstrip(" ,;:"), rest
        return "", label

    def format_item(self, item: Mapping[str, Any]) -> str:
        """One CSL-JSON item formatted as a bibliography entry (safe HTML, no number);
        for "cite this page", where the page itself is a `webpage` item."""
        return self.cache.get(self._item_digest(item), lambda: self._format_item(item))

    def prepare(self, keys: Sequence[str], items: Sequence[Mapping[str, Any]] = ()) -> None:
        """Format every entry and in-text label of `keys`, and every item, that is not
        cached yet, across worker processes when there are many: citeproc-py takes over
        a millisecond an entry, the largest serial cost of a cold build."""
        convert_all([self._studies[k] for k in dict.fromkeys(keys) if k in self._studies],
                    self._studies, self.cache)
        kinds = ("entry",) if self.numeric else ("entry", "cite")
        jobs: list[tuple[str, str | Mapping[str, Any]]] = [
            (kind, key) for key in dict.fromkeys(keys) if key in self._studies
            for kind in kinds]
        jobs += [("item", item) for item in items]
        digests = [self._item_digest(x) if isinstance(x, Mapping) else self._digest(kind, x)
                   for kind, x in jobs]
        self.cache.used.update(digests)
        missing = [i for i, digest in enumerate(digests) if digest not in self.cache.entries]
        if missing:
            _ = self._style  # parsed before the workers fork, so that they share it
        done = parallel_map(self._format_job, [jobs[i] for i in missing])
        for i, text in zip(missing, done, strict=True):
            self.cache.entries[digests[i]] = text

    def _format_job(self, job: tuple[str, str | Mapping[str, Any]]) -> str:
        """One formatting job of `prepare`, in a worker process."""
        kind, what = job
        if isinstance(what, Mapping):
            return self._format_item(what)
        return (self._format if kind == "entry" else self._format_cite)(what)

    def _entry(self, key: str) -> str:
        return self._cached("entry", key, self._format)

    def _digest(self, kind: str, key: str) -> str:
        return _digest(kind, self._style_hash, self.locale, self._item(key))

    def _item_digest(self, item: Mapping[str, Any]) -> str:
        internal = {name: value for name, value in item.items() if name != "id"}
        return _digest("item", self._style_hash, self.locale, internal)

    def _cached(self, kind: str, key: str, make: Callable[[str], str]) -> str:
        """Output per (style, locale, entry fields): unchanged entries are not re-rendered
        when the site is rebuilt in the same process (`k2site serve`)."""
        return self.cache.get(self._digest(kind, key), lambda: make(key))

    def _item(self, key: str) -> dict[str, Any]:
        """The entry as citeproc-py's input, converted on first use."""
        if key not in self._converted:
            self._converted[key] = _item_for(self._studies[key], self._ids[key], self._studies,
                                             self.cache)
        return self._converted[key]

    def _format_cite(self, key: str) -> str:
        from citeproc import Citation, CitationItem

        bib = self._bibliography([key])
        citation = Citation([CitationItem(self._ids[key])])
        bib.register(citation)
        text = str(bib.cite(citation, lambda item: None))
        return to_plain(text).strip().strip("()[]").strip()

    def _format_cite_rest(self, key: str) -> str:
        """What the label holds after its names: the label of the same entry by one author
        whose name is a mark (a private-use character), cut after the mark."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        mark = "\ue00f"
        marked = {**self._item(key), "author": [{"family": mark}]}
        bib = CitationStylesBibliography(self._style, CiteProcJSON([marked]), MARKUP)
        citation = Citation([CitationItem(self._ids[key])])
        bib.register(citation)
        text = to_plain(str(bib.cite(citation, lambda item: None))).strip()
        return text.partition(mark)[2].strip().strip("()[]").strip(" ,;:")

    def _format_item(self, item: Mapping[str, Any]) -> str:
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        internal = {name: value for name, value in item.items() if name != "id"}
        internal["id"] = "page"
        bib = CitationStylesBibliography(self._style, CiteProcJSON([internal]), MARKUP)
        bib.register(Citation([CitationItem("page")]))
        return self._output(bib.bibliography(), item.get("language", "en"))

    def _format(self, key: str) -> str:
        from citeproc import Citation, CitationItem

        bib = self._bibliography([key])
        bib.register(Citation([CitationItem(self._ids[key])]))
        return self._output(bib.bibliography(), self._item(key).get("language", "en"))

    def _output(self, rendered: Sequence[Any], language: str = "en") -> str:
        if not rendered:
            return ""
        text = str(rendered[0])
        quotes_take_punctuation = self._style.root.get_locale_option("punctuation-in-quote")
        if str(quotes_take_punctuation).lower() == "true" and language.startswith("en"):
            # American usage, `“good.”`, for English entries, as Pandoc does
            text = CLOSING_QUOTE_THEN_PUNCTUATION.sub(r"\2\1", text)
        return to_html(text)

    def _bibliography(self, keys: Sequence[str]) -> CitationStylesBibliography:
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            # citeproc-py warns about CSL 1.0.2 variables it does not list (volume-title),
            # yet formats them; the warning would only be noise in the build output.
            warnings.simplefilter("ignore", UserWarning)
            source = CiteProcJSON([self._item(k) for k in keys])
        bib = CitationStylesBibliography(self._style, source, MARKUP)
        for key in keys:
            bib.register(Citation([CitationItem(self._ids[key])]))
        return bib


def _digest(kind: str, style: str, locale: str, item: dict[str, Any]) -> str:
    fields = {name: value for name, value in item.items() if name != "id"}
    payload = json.dumps([kind, style, locale, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _item_for(study: Study, internal_id: str, store: Mapping[str, Study],
              cache: ReferenceCache) -> dict[str, Any]:
    # citeproc-py lower-cases ids; a neutral id keeps `Smith2009` and `smith2009` apart.
    item = to_csl(study, store, cache)
    item["id"] = internal_id
    return item


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
