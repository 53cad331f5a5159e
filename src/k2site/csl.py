"""Render-stage helper: BibTeX `Study` values -> CSL-JSON, formatted by citeproc-py.

`to_csl` converts one entry the way Pandoc's BibTeX reader does (types, names with
particles, dates, sentence-cased English titles), so that a CSL style formats it as
`pandoc --citeproc` would. `Bibliography` wraps citeproc-py for one style and caches
each entry's output, because citeproc-py is slow on large stores.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from k2site import latex
from k2site.model import Study

STYLES_DIR = Path(__file__).parent / "styles"
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def bundled_styles() -> list[str]:
    """Names of the CSL styles shipped with k2site."""
    return sorted(p.stem for p in STYLES_DIR.glob("*.csl"))


def to_csl(study: Study) -> dict[str, Any]:
    """The CSL-JSON item of one entry; `id` is the BibTeX key."""
    return _convert(study.key, study.entry_type, study.raw_fields)


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
}
_ENGLISH = {"english", "american", "british", "usenglish", "ukenglish", "canadian",
            "australian", "newzealand"}
_LANGUAGES = {"american": "en-US", "english": "en-US", "british": "en-GB",
              "usenglish": "en-US", "ukenglish": "en-GB", "german": "de-DE",
              "ngerman": "de-DE", "french": "fr-FR", "spanish": "es-ES", "italian": "it-IT",
              "dutch": "nl-NL", "danish": "da-DK", "swedish": "sv-SE", "norwegian": "nb-NO",
              "portuguese": "pt-PT", "brazilian": "pt-BR", "russian": "ru-RU"}


def _convert(key: str, entry_type: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """Pandoc's BibLaTeX-to-CSL mapping, field by field."""
    item: dict[str, Any] = {"id": key, "type": _TYPES.get(entry_type, "document")}
    english = _is_english(raw)
    item.update(_names(raw))
    item.update(_titles(entry_type, raw, english))
    item.update(_dates(raw))
    item.update(_numbers(entry_type, raw))
    item.update(_publishing(entry_type, raw))
    item.update(_identifiers(raw))
    item.update(_notes(entry_type, raw))
    language = _LANGUAGES.get(raw.get("langid", raw.get("hyphenation", "")).strip().lower())
    if language:
        item["language"] = language
    return {name: value for name, value in item.items() if value not in ("", None, [])}


def _is_english(raw: Mapping[str, str]) -> bool:
    language = raw.get("langid", raw.get("hyphenation", "")).strip().lower()
    return not language or language in _ENGLISH or language.startswith("en")


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
        "collection-title": title("series"),
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
        main = "maintitle" if "maintitle" in raw else "booktitle"
        sub = "mainsubtitle" if main == "maintitle" else "booksubtitle"
        return _concat(":", [title(main), title(sub)])
    name = "journaltitle" if "journaltitle" in raw else "journal"
    return _concat(":", [_text(raw, name), _text(raw, "journalsubtitle")])


def _short_title(raw: Mapping[str, str], title: Any, main: bool, chapter: bool) -> str:
    if "shorttitle" in raw and (not main or chapter):
        return str(title("shorttitle"))
    full = str(title("title"))
    if ("subtitle" in raw or "titleaddon" in raw) and not main:
        return full
    return full.split(":", 1)[0] if ":" in full else ""


_CHUNK = re.compile(r"[A-Za-z0-9]+|[^\W\d_A-Za-z]+|\d+|\s+|.", re.S)
_NOCASE = ('<span class="nocase">', "</span>")


def sentence_case(runs: Sequence[latex.Run]) -> list[latex.Run]:
    """Pandoc's `unTitlecase`: English BibTeX titles to sentence case; braces protect."""
    state = "start"
    result: list[latex.Run] = []
    for run in runs:
        if run.protected:
            result.append(run)
            state = _next_state(state, run.text)
            continue
        pieces = []
        for chunk in _CHUNK.findall(run.text):
            pieces.append(_sentence_chunk(state, chunk))
            state = _next_state(state, chunk)
        result.append(latex.Run("".join(pieces), False))
    return result


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


_NAME_ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"),
               ("bookauthor", "container-author"), ("director", "director"))


def _names(raw: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    found = {}
    for field, variable in _NAME_ROLES:
        value = " ".join(raw.get(field, "").split())
        if value:
            found[variable] = [_name(part) for part in _split_top(value, " and ")]
    if raw.get("editortype", "").strip().lower() == "director" and "editor" in found:
        found["director"] = found.pop("editor")
    return {variable: [n for n in names if n] for variable, names in found.items()}


def _name(source: str) -> dict[str, str]:
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
        "dropping-particle": " ".join(latex.decode(w) for w in von),
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
    return [w for w in _split_top(text.replace("~", " "), " ") if w.strip()]


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
    for side in value.split("/"):
        match = _EDTF.match(side.strip())
        if match is None:
            return None if side.strip() in ("", "..") and parts else {"literal": value}
        parts.append([int(p) for p in match.groups() if p is not None])
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
    elif entry_type in _ARTICLES:
        found["issue"] = _text(raw, "issue")
    return found


def _publishing(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    names = ("school", "institution", "organization", "howpublished", "publisher")
    place = raw.get("address") or ("" if entry_type == "patent" else raw.get("location", ""))
    return {
        "publisher": _concat(";", [_text(raw, name) for name in names]),
        "publisher-place": latex.decode(place) if place else "",
        "event-place": _text(raw, "venue"),
        "genre": _genre(entry_type, raw),
        "status": _BIBSTRINGS.get(raw.get("pubstate", "").lower(), _text(raw, "pubstate")),
    }


def _genre(entry_type: str, raw: Mapping[str, str]) -> str:
    kind = raw.get("type", "").strip()
    if kind:
        return _BIBSTRINGS.get(kind.lower(), latex.decode(kind))
    return {"mastersthesis": "Master’s thesis", "phdthesis": "PhD thesis"}.get(entry_type, "")


_EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
                "googlebooks": "https://books.google.com?id="}


def _identifiers(raw: Mapping[str, str]) -> dict[str, str]:
    url = raw.get("url", "").strip()
    eprint_type = raw.get("eprinttype", raw.get("archiveprefix", "")).strip().lower()
    if not url and eprint_type in _EPRINT_URLS and raw.get("eprint"):
        url = _EPRINT_URLS[eprint_type] + raw["eprint"].strip()
    found = {"URL": url}
    for field, variable in (("doi", "DOI"), ("isbn", "ISBN"), ("issn", "ISSN"),
                            ("pmid", "PMID"), ("pmcid", "PMCID"), ("library", "call-number")):
        found[variable] = raw.get(field, "").strip()
    return found


def _notes(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    note = "" if entry_type == "periodical" else _text(raw, "note")
    return {
        "note": _concat(".", [note, _text(raw, "addendum")]),
        "annote": _text(raw, "annotation") or _text(raw, "annote"),
        "abstract": _text(raw, "abstract"),
        "keyword": _text(raw, "keywords"),
    }


def csl_json(studies: Sequence[Study]) -> list[dict[str, Any]]:
    """`references.json`: CSL-JSON items plus k2site's `evidence` and `verification`."""
    items = []
    for study in sorted(studies, key=lambda s: s.key):
        item = to_csl(study)
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
        self._style = _load_style(str(self.style_path), locale)
        self.numeric = _is_numeric(self._style)
        self._cache: dict[str, str] = {}
        self._ids = {key: f"k{i}" for i, key in enumerate(self._studies)}
        self._items = {key: _item_for(self._studies[key], self._ids[key]) for key in self._studies}

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
        bib = self._bibliography(known)
        bib.sort()
        by_id = {self._ids[k]: k for k in known}
        return [by_id[item.key] for item in bib.items]

    def cite_label(self, key: str, number: int, locator: str = "") -> str:
        """Plain in-text label of one cited item: `12` or `Gast et al., 2009`."""
        if self.numeric:
            return str(number)
        if key not in self._studies:
            return key
        bib = self._bibliography([key])
        cite = CitationItem(self._ids[key])
        citation = Citation([cite])
        bib.register(citation)
        text = str(bib.cite(citation, lambda item: None))
        return _plain(text).strip().strip("()[]").strip()

    def _entry(self, key: str) -> str:
        digest = _digest(str(self.style_path), self.locale, self._items[key])
        cached = self._cache.get(digest) or _ENTRY_CACHE.get(digest)
        if cached is None:
            cached = self._format(key)
            _ENTRY_CACHE[digest] = cached
        self._cache[digest] = cached
        return cached

    def _format(self, key: str) -> str:
        bib = self._bibliography([key])
        bib.register(Citation([CitationItem(self._ids[key])]))
        rendered = bib.bibliography()
        return _html(str(rendered[0])) if rendered else ""

    def _bibliography(self, keys: Sequence[str]) -> CitationStylesBibliography:
        source = CiteProcJSON([self._items[k] for k in keys])
        bib = CitationStylesBibliography(self._style, source, _MARKUP)
        for key in keys:
            bib.register(Citation([CitationItem(self._ids[key])]))
        return bib


_ENTRY_CACHE: dict[str, str] = {}


def _digest(style: str, locale: str, item: dict[str, Any]) -> str:
    payload = json.dumps([style, locale, item], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _item_for(study: Study, internal_id: str) -> dict[str, Any]:
    # citeproc-py lower-cases ids; a neutral id keeps `Smith2009` and `smith2009` apart.
    item = to_csl(study)
    item["id"] = internal_id
    return item


@lru_cache(maxsize=32)
def _load_style(path: str, locale: str) -> CitationStylesStyle:
    style = CitationStylesStyle(path, locale=locale, validate=False)
    _drop_bibliography_numbers(style)
    return style


def _drop_bibliography_numbers(style: CitationStylesStyle) -> None:
    """The caller numbers entries itself, so the layout's own number is removed."""
    bibliography = style.root.bibliography
    if bibliography is None:
        return
    layout = bibliography.find(f"{_CSL_NS}layout")
    for node in list(layout):
        if node.get("variable") in ("citation-number", "citation-label"):
            layout.remove(node)


def _is_numeric(style: CitationStylesStyle) -> bool:
    info = style.root.find(f"{_CSL_NS}info")
    for category in info.iter(f"{_CSL_NS}category"):
        if category.get("citation-format") is not None:
            return category.get("citation-format") == "numeric"
    return False


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

    return _MARK.sub(tag, html.escape(" ".join(marked.split()), quote=False))


def _plain(marked: str) -> str:
    return _MARK.sub("", " ".join(marked.split()))
