"""Render-stage helper: BibTeX `Study` values -> CSL-JSON, formatted by citeproc-py.

Read top to bottom: the public interface (`to_csl`, `csl_json`, `Bibliography`), then the
conversion of one entry the way Pandoc's BibLaTeX reader does it (types, titles in
sentence case, names with particles, dates, crossref), then fixes to citeproc-py where it
breaks a CSL rule, then the output markup. Together they make a bundled style format an
entry as `pandoc --citeproc` does (tests/test_pandoc_compare.py). citeproc-py is slow, so
every formatted entry is cached by a hash of the style and the entry's fields.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import model as citeproc_model
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String

from k2site import latex
from k2site.model import Study

STYLES_DIR = Path(__file__).parent / "styles"
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def bundled_styles() -> list[str]:
    """Names of the CSL styles shipped with k2site."""
    return sorted(p.stem for p in STYLES_DIR.glob("*.csl"))


def to_csl(study: Study, store: Mapping[str, Study] | None = None) -> dict[str, Any]:
    """The CSL-JSON item of one entry; `id` is the BibTeX key. With the `store`, fields
    missing from the entry are taken from its `crossref` parent, as biblatex does."""
    raw = study.raw_fields
    if store is not None and raw.get("crossref"):
        raw = _inherit(study, store)
    digest = _digest("csl-json", "", "", {"key": study.key, "type": study.entry_type, **raw})
    USED.add(digest)
    found = ENTRY_CACHE.get(digest)
    if found is None:
        found = ENTRY_CACHE[digest] = json.dumps(_convert(study.key, study.entry_type, raw))
    return dict(json.loads(found))


def csl_json(studies: Sequence[Study]) -> list[dict[str, Any]]:
    """`references.json`: CSL-JSON items plus k2site's `evidence` and `verification`."""
    items = []
    store = {study.key: study for study in studies}
    for study in sorted(studies, key=lambda s: s.key):
        item = to_csl(study, store)
        item["evidence"] = study.design
        item["verification"] = study.verification
        items.append(item)
    return items


def resolve_style(style: str, site_dir: Path | None = None) -> Path:
    """The independent `.csl` file for a bundled name or a path inside the site."""
    if style.endswith(".csl"):
        path = Path(style) if site_dir is None else site_dir / style
        if not path.is_file():
            raise ValueError(f"citation style file '{style}' not found")
        return _independent(path)
    path = STYLES_DIR / f"{style}.csl"
    if not path.is_file():
        raise ValueError(
            f"unknown citation style '{style}'; bundled: {', '.join(bundled_styles())}"
        )
    return _independent(path)


def _independent(path: Path) -> Path:
    """A dependent style (such as `vancouver`) names its parent; use the bundled parent."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'href="([^"]+)"\s+rel="independent-parent"', text)
    if match is None:
        return path
    parent = STYLES_DIR / f"{match.group(1).rstrip('/').rsplit('/', 1)[-1]}.csl"
    if not parent.is_file():
        raise ValueError(f"citation style '{path.name}' needs its parent style {match.group(1)}")
    return parent


class Bibliography:
    """One CSL style applied to a store; formats entries and in-text labels."""

    def __init__(
        self,
        studies: Sequence[Study],
        style: str,
        site_dir: Path | None = None,
        locale: str = "en-US",
    ) -> None:
        self.style_path = resolve_style(style, site_dir)
        self.locale = locale
        self._studies = {s.key: s for s in studies}
        # keyed by content, so an edited site style is reloaded while `k2site serve` runs
        self._style_hash = hashlib.sha1(self.style_path.read_bytes()).hexdigest()
        self._style = _load_style(str(self.style_path), self._style_hash, locale)
        self.numeric = _is_numeric(self._style)
        self._quotes_take_punctuation = (
            str(self._style.root.get_locale_option("punctuation-in-quote")).lower() == "true"
        )
        self._ids = {key: f"k{i}" for i, key in enumerate(self._studies)}
        self._converted: dict[str, dict[str, Any]] = {}

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
        if digest not in SORT_CACHE:
            bib = self._bibliography(known)
            bib.sort()
            by_id = {self._ids[k]: k for k in known}
            SORT_CACHE[digest] = [by_id[item.key] for item in bib.items]
        return list(SORT_CACHE[digest])

    def cite_label(self, key: str, number: int, locator: str = "") -> str:
        """Plain in-text label of one cited item: `12` or `Gast et al., 2009`. The
        locator is not part of it: the caller appends it in both kinds of style."""
        if self.numeric:
            return str(number)
        if key not in self._studies:
            return key
        return self._cached("cite", key, self._format_cite)

    def format_item(self, item: Mapping[str, Any]) -> str:
        """One CSL-JSON item formatted as a bibliography entry (safe HTML, no number);
        for "cite this page", where the page itself is a `webpage` item."""
        internal = {name: value for name, value in item.items() if name != "id"}
        digest = _digest("item", self._style_hash, self.locale, internal)
        found = ENTRY_CACHE.get(digest)
        if found is None:
            internal["id"] = "page"
            source = CiteProcJSON([internal])
            bib = CitationStylesBibliography(self._style, source, _MARKUP)
            bib.register(Citation([CitationItem("page")]))
            rendered = bib.bibliography()
            found = ENTRY_CACHE[digest] = self._output(rendered, item.get("language", "en"))
        return found

    def _entry(self, key: str) -> str:
        return self._cached("entry", key, self._format)

    def _cached(self, kind: str, key: str, make: Callable[[str], str]) -> str:
        """Output per (style, locale, entry fields): unchanged entries are not re-rendered
        when the site is rebuilt in the same process (`k2site serve`)."""
        digest = _digest(kind, self._style_hash, self.locale, self._item(key))
        USED.add(digest)
        found = ENTRY_CACHE.get(digest)
        if found is None:
            found = ENTRY_CACHE[digest] = make(key)
        return found

    def _item(self, key: str) -> dict[str, Any]:
        """The entry as citeproc-py's input, converted on first use."""
        if key not in self._converted:
            self._converted[key] = _item_for(self._studies[key], self._ids[key], self._studies)
        return self._converted[key]

    def _format_cite(self, key: str) -> str:
        bib = self._bibliography([key])
        citation = Citation([CitationItem(self._ids[key])])
        bib.register(citation)
        text = str(bib.cite(citation, lambda item: None))
        return _plain(text).strip().strip("()[]").strip()

    def _format(self, key: str) -> str:
        bib = self._bibliography([key])
        bib.register(Citation([CitationItem(self._ids[key])]))
        return self._output(bib.bibliography(), self._item(key).get("language", "en"))

    def _output(self, rendered: Sequence[Any], language: str = "en") -> str:
        if not rendered:
            return ""
        text = str(rendered[0])
        if self._quotes_take_punctuation and language.startswith("en"):
            # American usage, `“good.”`, for English entries, as Pandoc does
            text = _CLOSING_QUOTE_THEN_PUNCTUATION.sub(r"\2\1", text)
        return _html(text)

    def _bibliography(self, keys: Sequence[str]) -> CitationStylesBibliography:
        with warnings.catch_warnings():
            # citeproc-py warns about CSL 1.0.2 variables it does not list (volume-title),
            # yet formats them; the warning would only be noise in the build output.
            warnings.simplefilter("ignore", UserWarning)
            source = CiteProcJSON([self._item(k) for k in keys])
        bib = CitationStylesBibliography(self._style, source, _MARKUP)
        for key in keys:
            bib.register(Citation([CitationItem(self._ids[key])]))
        return bib


#: Formatted output by content hash of (kind, style file, locale, CSL item). The pipeline
#: may persist and restore it between runs (with k2site's code fingerprint in its own key).
#: Formatted output, and converted CSL-JSON as JSON text, by a digest of their input.
ENTRY_CACHE: dict[str, str] = {}
#: The ENTRY_CACHE digests asked for since the last clear: what a disk cache should keep.
USED: set[str] = set()
SORT_CACHE: dict[str, list[str]] = {}


def _digest(kind: str, style: str, locale: str, item: dict[str, Any]) -> str:
    fields = {name: value for name, value in item.items() if name != "id"}
    payload = json.dumps([kind, style, locale, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _item_for(study: Study, internal_id: str, store: Mapping[str, Study]) -> dict[str, Any]:
    # citeproc-py lower-cases ids; a neutral id keeps `Smith2009` and `smith2009` apart.
    item = to_csl(study, store)
    item["id"] = internal_id
    return item


@lru_cache(maxsize=32)
def _load_style(path: str, content_hash: str, locale: str) -> CitationStylesStyle:
    style = CitationStylesStyle(path, locale=locale, validate=False)
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


def _is_numeric(style: CitationStylesStyle) -> bool:
    info = style.root.find(f"{_CSL_NS}info")
    for category in info.iter(f"{_CSL_NS}category"):
        if category.get("citation-format") is not None:
            return category.get("citation-format") == "numeric"
    return False


# BibTeX -> CSL-JSON, following Pandoc's BibLaTeX reader (Text.Pandoc.Citeproc.BibTeX)


def _inherit(study: Study, store: Mapping[str, Study], depth: int = 0) -> dict[str, str]:
    """The entry's fields plus those it inherits through `crossref` (biblatex's rules)."""
    fields = dict(study.raw_fields)
    parent = store.get(fields.get("crossref", "").strip())
    if parent is None or depth > 8 or parent.key == study.key:
        return fields
    inherited = _inherit(parent, store, depth + 1)
    for name, value in inherited.items():
        for target in _inherited_names(parent.entry_type, study.entry_type, name):
            fields.setdefault(target, value)
    return fields


_NOT_INHERITED = {"ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label",
                  "options", "presort", "related", "relatedoptions", "relatedstring",
                  "relatedtype", "shorthand", "shorthandintro", "sortkey"}
_TITLE_SHIFT = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_MAIN_SHIFT = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_SHORT_TITLES = {"shorttitle", "sorttitle", "indextitle", "indexsorttitle"}


def _inherited_names(parent: str, child: str, name: str) -> list[str]:
    """biblatex manual, appendix B: which child field a parent's field fills."""
    if name in _NOT_INHERITED:
        return []
    book_parts = ("inbook", "bookinbook", "suppbook")
    if name == "author" and (
        parent in ("mvbook", "book") and child in book_parts
        or parent == "mvbook" and child == "book"
    ):
        return ["bookauthor", "author"]
    multi = {"mvbook": {"book", "inbook", "bookinbook", "suppbook"},
             "mvcollection": {"collection", "reference", "incollection", "inreference",
                              "suppcollection"},
             "mvreference": {"collection", "reference", "incollection", "inreference",
                             "suppcollection"},
             "mvproceedings": {"proceedings", "inproceedings"}}
    single = {"book": {"inbook", "bookinbook", "suppbook"},
              "collection": {"incollection", "inreference", "suppcollection"},
              "reference": {"incollection", "inreference", "suppcollection"},
              "proceedings": {"inproceedings"}}
    if child in multi.get(parent, ()):
        return [] if name in _SHORT_TITLES else [_MAIN_SHIFT.get(name, name)]
    if child in single.get(parent, ()):
        return [] if name in _SHORT_TITLES else [_TITLE_SHIFT.get(name, name)]
    if parent == "periodical" and child in ("article", "suppperiodical"):
        shift = {"title": "journaltitle", "subtitle": "journalsubtitle"}
        return [] if name in _SHORT_TITLES else [shift.get(name, name)]
    return [name]


_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet",
    "bookinbook": "chapter", "collection": "book", "dataset": "dataset",
    "electronic": "webpage", "inbook": "chapter", "incollection": "chapter",
    "inreference": "entry-encyclopedia", "inproceedings": "paper-conference",
    "conference": "paper-conference", "manual": "book", "mastersthesis": "thesis",
    "mvbook": "book", "mvcollection": "book", "mvproceedings": "book", "mvreference": "book",
    "online": "webpage", "patent": "patent", "periodical": "article-journal",
    "phdthesis": "thesis", "proceedings": "book", "reference": "book", "report": "report",
    "software": "software", "suppbook": "chapter", "suppcollection": "chapter",
    "suppperiodical": "article-journal", "techreport": "report", "thesis": "thesis",
    "www": "webpage", "artwork": "graphic", "audio": "song", "commentary": "book",
    "image": "graphic", "jurisdiction": "legal_case", "legislation": "legislation",
    "legal": "treaty", "letter": "personal_communication", "movie": "motion_picture",
    "music": "song", "performance": "speech", "review": "review", "standard": "standard",
    "video": "motion_picture", "data": "dataset", "newsarticle": "article-newspaper",
}
_ARTICLES = {"article", "periodical", "suppperiodical", "review"}
_CHAPTERS = {"inbook", "incollection", "inproceedings", "inreference", "bookinbook"}
_BOOKS = {
    "book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
    "mvproceedings", "mvreference", "bookinbook", "inbook", "incollection", "inproceedings",
    "inreference", "suppbook", "suppcollection",
}
# biblatex's localisation keys that appear as field values (Pandoc resolves them too).
_BIBSTRINGS = {
    "phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "techreport": "technical report",
    "resreport": "research report", "software": "computer software", "datacd": "CD-ROM",
    "audiocd": "audio CD", "patent": "patent", "inpress": "in press",
    "submitted": "submitted", "forthcoming": "forthcoming", "inpreparation": "in preparation",
    "newseries": "new series", "oldseries": "old series", "patentus": "U.S. patent",
    "patenteu": "European patent", "patentuk": "British patent", "patentde": "German patent",
    "patentfr": "French patent", "patrequs": "U.S. patent request",
    "patreqeu": "European patent request", "patreqfr": "French patent request",
    "patreqde": "German patent request", "patrequk": "British patent request",
}
# babel/polyglossia language names (biblatex `langid`) -> BCP 47, as Pandoc's `toIETF`.
_LANGUAGES = {
    "american": "en-US", "english": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "australian": "en-AU", "canadian": "en-CA", "newzealand": "en-NZ",
    "afrikaans": "af-ZA", "arabic": "ar", "basque": "eu", "brazil": "pt-BR",
    "brazilian": "pt-BR", "bulgarian": "bg-BG", "catalan": "ca-AD", "croatian": "hr-HR",
    "czech": "cs-CZ", "danish": "da-DK", "dutch": "nl-NL", "estonian": "et-EE",
    "finnish": "fi-FI", "french": "fr-FR", "galician": "gl-ES", "german": "de-DE",
    "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT", "greek": "el-GR",
    "hebrew": "he-IL", "hungarian": "hu-HU", "magyar": "hu-HU", "icelandic": "is-IS",
    "indonesian": "id-ID", "irish": "ga-IE", "italian": "it-IT", "japanese": "ja-JP",
    "korean": "ko-KR", "latin": "la", "latvian": "lv-LV", "lithuanian": "lt-LT",
    "norsk": "nb-NO", "nynorsk": "nn-NO", "norwegian": "nb-NO", "polish": "pl-PL",
    "portuguese": "pt-PT", "romanian": "ro-RO", "russian": "ru-RU", "serbian": "sr-RS",
    "slovak": "sk-SK", "slovene": "sl-SI", "slovenian": "sl-SI", "spanish": "es-ES",
    "swedish": "sv-SE", "turkish": "tr-TR", "ukrainian": "uk-UA", "welsh": "cy-GB",
    "chinese": "zh-CN", "vietnamese": "vi-VN", "thai": "th-TH",
}


def _convert(key: str, entry_type: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """Pandoc's BibLaTeX-to-CSL mapping, field by field."""
    item: dict[str, Any] = {"id": key, "type": _TYPES.get(entry_type, "document")}
    language = _language(raw)
    english = language is None or language.startswith("en")
    item.update(_names(raw))
    item.update(_titles(entry_type, raw, english))
    item.update(_dates(raw))
    item.update(_numbers(entry_type, raw))
    item.update(_publishing(entry_type, raw))
    item.update(_identifiers(raw))
    item.update(_notes(entry_type, raw))
    if language:
        item["language"] = language
    return {
        name: value
        for name, value in item.items()
        if value not in ("", None, []) or name in ("id", "type")
    }


def _language(raw: Mapping[str, str]) -> str | None:
    """The entry's language as BCP 47 (`langid` or `hyphenation`); None when unstated."""
    name = raw.get("langid", raw.get("hyphenation", "")).strip().lower()
    if not name:
        return None
    return _LANGUAGES.get(name, name)


def _text(raw: Mapping[str, str], name: str) -> str:
    value = raw.get(name)
    return latex.decode(value) if value else ""


def _concat(separator: str, parts: Sequence[str]) -> str:
    """Pandoc's `concatWith`: join with `sep ` unless the text already ends in punctuation."""
    joined = ""
    for part in parts:
        if not part:
            continue
        if not joined:
            joined = part
        elif joined[-1] in "!?.,:;":
            joined += " " + part
        else:
            joined += separator + " " + part
    return joined


def _titles(entry_type: str, raw: Mapping[str, str], english: bool) -> dict[str, str]:
    def title(name: str) -> str:
        value = raw.get(name, "")
        return _rich(sentence_case(latex.runs(value)) if english else latex.runs(value))

    periodical = entry_type == "periodical"
    chapter = entry_type in _CHAPTERS
    main = "maintitle" in raw and not chapter
    own = "issuetitle" if periodical else "maintitle" if main else "title"
    subtitle = "issuesubtitle" if periodical else "mainsubtitle" if main else "subtitle"
    addon = "maintitleaddon" if main else "titleaddon"
    found = {
        "title": _concat(".", [_concat(":", [title(own), title(subtitle)]), title(addon)]),
        "container-title": _container(entry_type, raw, title),
        "collection-title": _series(raw, title),
        "event": title("eventtitle"),
        "original-title": title("origtitle"),
        "container-title-short": _text(raw, "shortjournal"),
    }
    if main:
        found["volume-title"] = _concat(":", [title("title"), title("subtitle")])
    found["title-short"] = _short_title(raw, title, main, chapter)
    return found


def _container(entry_type: str, raw: Mapping[str, str], title: Any) -> str:
    if entry_type == "periodical":
        return _concat(":", [_text(raw, "title"), _text(raw, "subtitle")])
    if entry_type in _CHAPTERS and ("maintitle" in raw or "booktitle" in raw):
        prefix = "main" if "maintitle" in raw else "book"
        main = title("maintitle" if prefix == "main" else "booktitle")
        full = _concat(":", [main, title(prefix + "subtitle")])
        return _concat(".", [full, title(prefix + "titleaddon")])
    name = "journaltitle" if "journaltitle" in raw else "journal"
    return _concat(":", [_text(raw, name), _text(raw, "journalsubtitle")])


def _series(raw: Mapping[str, str], title: Any) -> str:
    """`series`: biblatex keys such as `newseries`, and `3` meaning the third series."""
    value = raw.get("series", "").strip()
    if value.isdigit():
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(int(value) % 10, "th")
        suffix = "th" if int(value) % 100 in (11, 12, 13) else suffix
        return f"{value}{suffix} series"
    resolved = _BIBSTRINGS.get(value.lower())
    return resolved[0].upper() + resolved[1:] if resolved else str(title("series"))


def _short_title(raw: Mapping[str, str], title: Any, main: bool, chapter: bool) -> str:
    if "shorttitle" in raw and (not main or chapter):
        return str(title("shorttitle"))
    full = str(title("title"))
    if ("subtitle" in raw or "titleaddon" in raw) and not main:
        return full
    return full.split(":", 1)[0] if ":" in full else ""


# Sentence case for English titles, as Pandoc's citeproc does it (CaseTransform)

_CHUNK = re.compile(r"[^\W_]+|\s+|.", re.S)
_NOCASE = ('<span class="nocase">', "</span>")


def sentence_case(runs: Sequence[latex.Run]) -> list[latex.Run]:
    """Pandoc's `unTitlecase`: English BibTeX titles to sentence case; braces protect."""
    state = "start"
    result: list[latex.Run] = []
    for index, run in enumerate(runs):
        if run.protected:
            result.append(run)
            state = _next_state(state, run.text)
            continue
        head, last_word = run.text, ""
        if index == len(runs) - 1:
            head, last_word = _split_last_word(run.text, index > 0)
        text, state = _case_text(head, state, _sentence_chunk)
        if last_word:
            # citeproc treats a title's final word apart: it is never a sentence start.
            state = "before-last" if state in ("start", "sentence", "word-end") else state
            tail, state = _case_text(last_word, state, _sentence_chunk)
            text += tail
        result.append(latex.Run(text, False))
    return result


def _split_last_word(text: str, after_other_runs: bool) -> tuple[str, str]:
    cut = max(text.rfind(" "), text.rfind("\u00a0"))
    last = text[cut + 1 :]
    if not last or any(c in "-/\u2013\u2014" for c in last) or (cut < 0 and not after_other_runs):
        return text, ""
    return text[: cut + 1], last


def _case_text(text: str, state: str, convert: Callable[[str, str], str]) -> tuple[str, str]:
    pieces = []
    for chunk in _CHUNK.findall(text):
        pieces.append(convert(state, chunk))
        state = _next_state(state, chunk)
    return "".join(pieces), state


def _sentence_chunk(state: str, chunk: str) -> str:
    if not chunk.isalnum():
        return chunk
    capitalized = chunk[0].isupper() and all(c.islower() for c in chunk[1:])
    starting = state in ("start", "sentence")
    if capitalized and not starting:
        return chunk.lower()
    if starting and (capitalized or all(c.islower() for c in chunk)):
        return chunk[0].upper() + chunk[1:].lower()
    return chunk


_OPENING_QUOTES = "“‘\"«"


def _next_state(state: str, text: str) -> str:
    """citeproc's case-transform state after `text`: where sentences and words start."""
    if not text:
        return state
    last = text[-1]
    if last in ".?!:":
        return "after-sentence"
    if last.isalnum():
        return "in-word"
    if last.isspace():
        return "sentence" if state == "after-sentence" else "word-end"
    if last in _OPENING_QUOTES:
        return state  # Pandoc's quotes are markup, not text: they change nothing
    return "word-end" if last in "-/\u2013\u2014" else "punctuation"


def _rich(runs: Sequence[latex.Run]) -> str:
    """CSL-JSON rich text: protected text with a lower-case word keeps a nocase span."""
    parts = []
    for run in runs:
        if run.protected and _has_lowercase_word(run.text):
            parts.append(_NOCASE[0] + run.text + _NOCASE[1])
        else:
            parts.append(run.text)
    return " ".join("".join(parts).split())


def _has_lowercase_word(text: str) -> bool:
    return any(word[:1].islower() for word in re.split(r"[\s\W]+", text))


# Names: BibTeX's `and`-separated lists, with biblatex's reading of particles

_NAME_ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"),
               ("bookauthor", "container-author"), ("director", "director"))


def _names(raw: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    found = {}
    prefix = "non-dropping-particle" if _use_prefix(raw) else "dropping-particle"
    for field, variable in _NAME_ROLES:
        value = " ".join(raw.get(field, "").split())
        if value:
            found[variable] = [_name(part, prefix) for part in _split_top(value, " and ")]
    if raw.get("editortype", "").strip().lower() == "director" and "editor" in found:
        found["director"] = found.pop("editor")
    return {variable: [n for n in names if n] for variable, names in found.items()}


def _use_prefix(raw: Mapping[str, str]) -> bool:
    """biblatex's `options = {useprefix}`: `van` is then part of the family name."""
    for option in raw.get("options", "").split(","):
        name, _, value = option.partition("=")
        if name.strip().lower() == "useprefix":
            return value.strip().lower() in ("", "true")
    return False


def _name(source: str, particle: str = "dropping-particle") -> dict[str, str]:
    """One BibTeX name: `First von Last`, `von Last, First` or `von Last, Jr, First`."""
    source = source.strip()
    if source == "others":
        return {"literal": "others"}  # BibTeX's truncation mark, kept as Pandoc keeps it
    if source.startswith("{") and _closing_brace(source, 0) == len(source) - 1:
        return {"literal": latex.decode(source)}  # {World Health Organization}
    if "=" in source.split(",", 1)[0]:
        return _extended_name(source)
    parts = [_words(part) for part in _split_top(source, ",")]
    if len(parts) == 1:
        first, von_last = _split_first(parts[0])
        jr: list[str] = []
    else:
        von_last, first = parts[0], parts[-1]
        jr = parts[1] if len(parts) > 2 else []
    von, last = _split_von(von_last)
    name = {
        "family": " ".join(latex.decode(w) for w in last),
        "given": _space_initials(" ".join(latex.decode(w) for w in first)),
        particle: " ".join(latex.decode(w) for w in von),
        "suffix": " ".join(latex.decode(w) for w in jr),
    }
    return {part: value for part, value in name.items() if value}


def _split_first(words: list[str]) -> tuple[list[str], list[str]]:
    capitals = 0
    while capitals < len(words) and _capitalized(words[capitals]):
        capitals += 1
    if capitals == len(words) and words:
        return words[:-1], words[-1:]
    return words[:capitals], words[capitals:]


def _split_von(words: list[str]) -> tuple[list[str], list[str]]:
    """biblatex's reading (as Pandoc's): the von part is the leading lower-case words."""
    lower = 0
    while lower < len(words) and not _capitalized(words[lower]):
        lower += 1
    if lower == len(words) and words:
        return words[:-1], words[-1:]
    return words[:lower], words[lower:]


def _capitalized(word: str) -> bool:
    for char in latex.decode(word):
        if char.isalpha():
            return char.isupper()
    return True


def _space_initials(given: str) -> str:
    """`J.G.` -> `J. G.`, as Pandoc does, so both spellings format alike."""
    return re.sub(r"(?<![^\s.])([A-Z])\.(?=[A-Z])", r"\1. ", given)


def _extended_name(source: str) -> dict[str, str]:
    """biblatex's `family=Smith, given=John, prefix=van` name format."""
    keys = {"family": "family", "given": "given", "prefix": "dropping-particle",
            "suffix": "suffix"}
    name: dict[str, str] = {}
    for part in _split_top(source, ","):
        key, _, value = part.partition("=")
        if key.strip().lower() in keys:
            name[keys[key.strip().lower()]] = latex.decode(value.strip())
    return name


def _words(text: str) -> list[str]:
    """Words of a name; an unescaped `~` (a tie) separates words too."""
    return [w for w in _split_top(re.sub(r"(?<!\\)~", " ", text), " ") if w.strip()]


def _split_top(text: str, separator: str) -> list[str]:
    """Split at `separator` outside braces; `and` matches in any case, as in BibTeX."""
    parts, depth, start, index = [], 0, 0, 0
    lowered = text.lower()
    size = len(separator)
    while index < len(text):
        char = text[index]
        depth += 1 if char == "{" else -1 if char == "}" and depth else 0
        if depth == 0 and lowered.startswith(separator, index):
            parts.append(text[start:index].strip())
            index = start = index + size
            continue
        index += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


# Dates, numbers, publishers, identifiers and notes

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EDTF = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:]+Z?)?[~?%]?$")


def _dates(raw: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    found = {
        "issued": _edtf(raw.get("date", "")) or _old_date(raw, ""),
        "accessed": _edtf(raw.get("urldate", "")) or _old_date(raw, "url"),
        "event-date": _edtf(raw.get("eventdate", "")) or _old_date(raw, "event"),
        "original-date": _edtf(raw.get("origdate", "")) or _old_date(raw, "orig"),
    }
    return {name: date for name, date in found.items() if date}


def _edtf(value: str) -> dict[str, Any] | None:
    """biblatex `date` values: `2009`, `2009-03-15`, ranges `2009/2011`; else a literal."""
    value = value.strip()
    if not value:
        return None
    parts = []
    for side in value.split("/")[:2]:
        match = _EDTF.match(side.strip())
        if match is not None:
            parts.append([int(p) for p in match.groups() if p is not None])
        elif not (parts and side.strip() in ("", "..")):  # `2009/..` is open-ended
            return {"literal": value}
    return {"date-parts": parts}


def _old_date(raw: Mapping[str, str], prefix: str) -> dict[str, Any] | None:
    """BibTeX's `year`, `month`, `day` (and biblatex's `endyear`...) fields."""
    year_text = _text(raw, prefix + "year")
    start = _date_parts(year_text, raw.get(prefix + "month", ""), raw.get(prefix + "day", ""))
    end = _date_parts(_text(raw, prefix + "endyear"), raw.get(prefix + "endmonth", ""),
                      raw.get(prefix + "endday", ""))
    parts = [p for p in (start, end) if p]
    if parts:
        return {"date-parts": parts}
    return {"literal": year_text} if year_text else None


def _date_parts(year: str, month: str, day: str) -> list[int]:
    year = year.strip().replace("–", "-").replace("—", "-")
    if not re.fullmatch(r"-?\d+", year):
        return []
    parts = [int(year)]
    month_number = _month(month)
    if month_number:
        parts.append(month_number)
        if day.strip().isdigit():
            parts.append(int(day))
    return parts


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value in _MONTHS:
        return _MONTHS.index(value) + 1
    return int(value) if value.isdigit() and 1 <= int(value) <= 12 else None


def _numbers(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    number = _text(raw, "number")
    volume, part = _text(raw, "volume"), _text(raw, "part")
    found = {
        "page": _text(raw, "pages").replace("–", "-"),
        "volume": f"{volume}.{part}" if volume and part else volume or part,
        "number-of-volumes": _text(raw, "volumes"),
        "number-of-pages": _text(raw, "pagetotal"),
        "chapter-number": _text(raw, "chapter"),
        "edition": _text(raw, "edition"),
        "version": _text(raw, "version"),
    }
    if number and entry_type in _BOOKS:
        found["collection-number"] = number
    elif number and entry_type in _ARTICLES:
        found["issue"] = _concat(",", [number, _text(raw, "issue")])
    elif number:
        found["number"] = number
    return found


def _publishing(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    lists = ("school", "institution", "organization", "publisher")
    publishers = [_literal_list(raw.get(name, "")) for name in lists]
    publishers.insert(3, _text(raw, "howpublished"))
    place = raw.get("address") or ("" if entry_type == "patent" else raw.get("location", ""))
    return {
        "publisher": _concat(";", publishers),
        "publisher-place": _literal_list(place),
        "event-place": _text(raw, "venue"),
        "genre": _genre(entry_type, raw),
        "status": _BIBSTRINGS.get(raw.get("pubstate", "").lower(), _text(raw, "pubstate")),
    }


def _literal_list(value: str) -> str:
    """A biblatex literal list (`London and New York`) joined with `; `, as Pandoc does;
    braces keep an `and` that belongs to a name: `{Chapman and Hall}`."""
    return "; ".join(latex.decode(item) for item in _split_top(" ".join(value.split()), " and "))


def _genre(entry_type: str, raw: Mapping[str, str]) -> str:
    kind = raw.get("type", "").strip()
    if kind:
        return _BIBSTRINGS.get(kind.lower(), latex.decode(kind))
    return {"mastersthesis": "Master’s thesis", "phdthesis": "PhD thesis"}.get(entry_type, "")


_EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
                "googlebooks": "https://books.google.com?id="}


def _identifiers(raw: Mapping[str, str]) -> dict[str, str]:
    url = _unescape(raw.get("url", ""))
    eprint_type = raw.get("eprinttype", raw.get("archiveprefix", "")).strip().lower()
    if not url and eprint_type in _EPRINT_URLS and raw.get("eprint"):
        url = _EPRINT_URLS[eprint_type] + raw["eprint"].strip()
    found = {"URL": url}
    for field, variable in (("doi", "DOI"), ("isbn", "ISBN"), ("issn", "ISSN"),
                            ("pmid", "PMID"), ("pmcid", "PMCID"), ("library", "call-number")):
        found[variable] = _unescape(raw.get(field, ""))
    return found


def _unescape(value: str) -> str:
    """URLs and identifiers are verbatim, but `\\%` and friends are common in .bib files."""
    return re.sub(r"\\([%&#_~$])", r"\1", value.strip()).replace("&amp;", "&")


def _notes(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    note = "" if entry_type == "periodical" else _text(raw, "note")
    return {
        "note": _concat(".", [note, _text(raw, "addendum")]),
        "annote": _text(raw, "annotation") or _text(raw, "annote"),
        "abstract": _text(raw, "abstract"),
        "keyword": _text(raw, "keywords"),
    }


# Fixes to citeproc-py 0.11, applied to its classes when this module is imported. Each
# one makes a CSL rule hold that citeproc-py gets wrong; tests/test_pandoc_compare.py
# shows the effect.


def _repress_substituted(self: Any, child: Any, context: Any) -> None:
    """CSL: a variable used as a substitute is not printed again. citeproc-py forgets
    this when the substitute is a macro (AMA and APA print an author-less title twice)."""
    repressed = context.get_layout().repressed
    for element in _called_elements(child, set()):
        for variable in (element.get("variable") or "").split() or [None]:
            repressed.setdefault(element.tag, []).append(variable)


def _called_elements(element: Any, seen: set[str]) -> list[Any]:
    """The element and every element with a variable in the macros it calls, recursively."""
    found = [element]
    name = element.get("macro")
    if name and name not in seen:
        seen.add(name)
        for inner in element.get_macro(name).iter():
            if inner.get("variable"):
                found.append(inner)
            if inner.get("macro"):
                found += _called_elements(inner, seen)
    return found


def _last_page(self: Any, first: str, last: str) -> str:
    """The second page of a range per `page-range-format`, as Pandoc's citeproc shortens
    it, except that a longer second number is never cut (Pandoc turns `1-11` into `1-1`)."""
    page_format = self.get_root().get_option("page-range-format")
    first_prefix, last_prefix = first.rstrip("0123456789"), last.rstrip("0123456789")
    if page_format is None or first_prefix != last_prefix:
        return last
    x, y = first[len(first_prefix) :], last[len(last_prefix) :]
    if not x or not y:
        return last
    if len(y) < len(x):
        y = x[: len(x) - len(y)] + y  # `1620-35` means `1620-1635`
    if page_format == "expanded" or len(y) > len(x):
        return last_prefix + y
    if page_format.startswith("chicago"):
        return _chicago_last_page(x, y)
    return _minimal_last_page(x, y, 2 if page_format == "minimal-two" else 1)


def _minimal_last_page(x: str, y: str, threshold: int) -> str:
    common = len(os.path.commonprefix([x, y]))
    rest = y[common:]
    return y[-threshold:] if len(rest) < threshold <= len(y) else rest


def _chicago_last_page(x: str, y: str) -> str:
    if len(x) < 3 or x.endswith("00"):
        return y
    if x[-2:-1] == "0":
        return _minimal_last_page(x, y, 1)
    if len(x) == 4 and sum(a != b for a, b in zip(x, y, strict=False)) >= 3:
        return y
    return _minimal_last_page(x, y, 2)


def _names_not_repressed(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
    """Names used as a substitute (an editor standing in for the author) are not printed
    again; citeproc-py only suppressed repeated `<text>` variables."""
    context = kwargs.get("context")
    try:
        repressed = (self if context is None else context).get_layout().repressed
    except IndexError:  # rendered for sorting, outside any layout
        repressed = {}
    roles = (self.get("variable") or "").split()
    kept = [role for role in roles if role not in repressed.get(self.tag, [])]
    if kept == roles:
        return _ORIGINAL_NAMES_ELEMENT(self, item, *args, **kwargs)
    if not kept:
        raise VariableError
    self.set("variable", " ".join(kept))  # the style tree is shared: restore it after
    try:
        return _ORIGINAL_NAMES_ELEMENT(self, item, *args, **kwargs)
    finally:
        self.set("variable", " ".join(roles))


_NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*[-\u2013&,.]\s*[A-Za-z]*\d+[A-Za-z]*)*$")


def _if_is_numeric(self: Any, item: Any) -> list[bool]:
    """CSL's is-numeric: `12`, `2a`, `2-4`, `1, 3`, `7.2` (citeproc-py took one number)."""
    found = []
    for variable in self.get("is-numeric").split():
        try:
            value = str(item.reference[variable.replace("-", "_")])
        except VariableError:
            value = ""
        found.append(bool(_NUMERIC.match(value.strip())))
    return found


def _label_is_plural(self: Any, item: Any) -> bool:
    """citeproc-py looked `number-of-pages` up on the citation, not the reference."""
    variable = self.get("variable") or ""
    if not variable.startswith("number-of"):
        return bool(_ORIGINAL_IS_PLURAL(self, item))
    try:
        value = str(item.reference[variable.replace("-", "_")])
    except VariableError:
        return False
    digits = re.match(r"\d+", value)
    return digits is not None and int(digits.group()) > 1


def _names_with_others(self: Any, item: Any, variable: str, *args: Any, **kwargs: Any) -> Any:
    """BibTeX's `and others` ends the list with "et al.", as in Pandoc's citeproc."""
    names = item.reference.get(variable, [])
    if not names or names[-1].get("literal") != "others":
        return _ORIGINAL_NAMES(self, item, variable, *args, **kwargs)
    item.reference[variable] = names[:-1]
    try:
        text = _ORIGINAL_NAMES(self, item, variable, *args, **kwargs)
    finally:
        item.reference[variable] = names
    minimum = self.get_option("et-al-min", kwargs.get("context"))
    if not text or (minimum and len(names) - 1 >= minimum > 1):
        return text  # the style already shortened the list with its own et al.
    precedes = self.get_option("delimiter-precedes-et-al", kwargs.get("context"))
    comma = precedes == "always" or (precedes == "contextual" and len(names) > 2)
    delimiter = self.get_option("delimiter", kwargs.get("context")) if comma else " "
    return text + delimiter + self.et_al()


_XPATH_CACHE: dict[tuple[Any, str], Any] = {}


def _cached_xpath(self: Any, expression: str) -> Any:
    """citeproc-py looks macros, terms and layouts up by XPath for every entry; the style
    trees do not change shape after loading, so each answer is kept (a third of the time)."""
    key = (self, expression)
    found = _XPATH_CACHE.get(key)
    if found is None:
        found = _XPATH_CACHE[key] = _ORIGINAL_XPATH(self, expression)
    return found


def _locale_date_join(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A locale's date format joins its parts with its own delimiter (CSL 1.0.2,
    Localized Date Formats); citeproc-py took the calling element's (`2006Jan`)."""
    if context != self:
        parts = self.parts(date, show_parts, context)
    else:
        parts = self.parts(date, show_parts)
    return self.join(parts) if parts else None


def _case(self: Any, text: Any, language: str | None = None) -> Any:
    """`text-case="title"` as Pandoc's citeproc applies it (hyphenated words, last word)."""
    if self.get("text-case") == "title" and language in (None, "en"):
        return _title_case(text)
    return _ORIGINAL_CASE(self, text, language)


_STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up"
    " via with yet about van von de d l".split()
)


def _title_case(text: Any) -> Any:
    segments = list(text) if isinstance(text, MixedString) else [text]
    runs = [latex.Run(str(seg), isinstance(seg, NoCase)) for seg in segments]
    state = "start"
    output = []
    for index, run in enumerate(runs):
        if run.protected:
            output.append(NoCase(run.text))
            state = _next_state(state, run.text)
            continue
        head, last_word = run.text, ""
        if index == len(runs) - 1:
            head, last_word = _split_last_word(run.text, index > 0)
        converted, state = _case_text(head, state, _title_chunk)
        if last_word:
            state = "before-last" if state in ("start", "sentence", "word-end") else state
            tail, state = _case_text(last_word, state, _title_chunk)
            converted += tail
        output.append(String(converted))
    return MixedString(output) if len(output) != 1 else output[0]


def _title_chunk(state: str, chunk: str) -> str:
    if not chunk.isalnum() or any(c.isupper() for c in chunk):
        return chunk  # mixed case (mRNA) and capitals (DNA) stay as written
    if state in ("start", "sentence"):
        return chunk.capitalize()
    # Pandoc 2.x's citeproc leaves a final stop word alone too ("Den Moderne by").
    if state in ("word-end", "before-last") and chunk not in _STOP_WORDS and len(chunk) > 1:
        return chunk.capitalize()
    return chunk


_ORIGINAL_XPATH = citeproc_model.CitationStylesElement.xpath_search
citeproc_model.CitationStylesElement.xpath_search = _cached_xpath
_ORIGINAL_NAMES = citeproc_model.Name.process
_ORIGINAL_NAMES_ELEMENT = citeproc_model.Names.process
citeproc_model.Names.process = _names_not_repressed
_ORIGINAL_IS_PLURAL = citeproc_model.Label._is_plural
citeproc_model.Label._is_plural = _label_is_plural
citeproc_model.If._is_numeric = _if_is_numeric
_ORIGINAL_CASE = citeproc_model.TextCased.case
citeproc_model.TextCased.case = _case
citeproc_model.Date.render_single_date = _locale_date_join
citeproc_model.Substitute.add_to_repressed_list = _repress_substituted
citeproc_model.FormatNumber._format_last_page = _last_page
citeproc_model.Name.process = _names_with_others


# Output markup: citeproc-py's formatter interface, producing safe HTML


def _tag(name: str) -> Any:
    """A citeproc-py formatter wrapper that marks text with private-use characters."""
    return lambda text: f"\ue000{name}\ue001{text}\ue002{name}\ue001"


# citeproc-py's own HTML formatter leaves variable text unescaped; this one marks the
# style's markup, so that all text can be escaped first and the tags put in afterwards.
_MARKUP = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_tag("i"), Oblique=_tag("i"), Bold=_tag("b"), Light=_tag("span"),
    Underline=_tag("u"), Superscript=_tag("sup"), Subscript=_tag("sub"),
    SmallCaps=_tag("small-caps"),
)
_MARK = re.compile("\ue000([a-z-]+)\ue001|\ue002([a-z-]+)\ue001")


def _html(marked: str) -> str:
    """Escaped text with the style's markup as HTML tags."""

    def tag(match: re.Match[str]) -> str:
        opening, closing = match.groups()
        if opening == "small-caps":
            return '<span style="font-variant:small-caps">'
        if opening:
            return f"<{opening}>"
        return "</span>" if closing in ("small-caps", "span") else f"</{closing}>"

    return _MARK.sub(tag, html.escape(_tidy(marked), quote=False))


def _plain(marked: str) -> str:
    return _MARK.sub("", _tidy(marked))


_CLOSING_QUOTE_THEN_PUNCTUATION = re.compile(r"(”)([.,])")
_DOUBLE_PERIOD = re.compile("([.?!])((?:\ue002[a-z-]+\ue001)*)\\.")


def _tidy(marked: str) -> str:
    """Collapse spaces, and drop a period after `.`, `?` or `!` as CSL processors do."""
    return _DOUBLE_PERIOD.sub(r"\1\2", " ".join(marked.split()))
