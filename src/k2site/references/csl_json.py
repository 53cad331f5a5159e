"""Render-stage helper for `bibliography`: one BibTeX `Study` -> one CSL-JSON item.

Follows Pandoc's BibLaTeX reader (Text.Pandoc.Citeproc.BibTeX) field by field: entry
types, fields inherited through `crossref` (biblatex's rules), titles in sentence case,
numbers, publishers, identifiers and notes. Names are read by `names`, dates by
`dates`, sentence case is `capitalisation`'s. Pure functions of the entry's raw fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from k2site.model.document import Study
from k2site.references import latex
from k2site.references.capitalisation import sentence_case
from k2site.references.dates import csl_dates
from k2site.references.latex import field_text
from k2site.references.names import csl_names, split_names


def inherit(study: Study, store: Mapping[str, Study], depth: int = 0) -> dict[str, str]:
    """The entry's fields plus those it inherits through `crossref` (biblatex's rules)."""
    fields = dict(study.raw_fields)
    parent = store.get(fields.get("crossref", "").strip())
    if parent is None or depth > 8 or parent.key == study.key:
        return fields
    inherited = inherit(parent, store, depth + 1)
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


def convert(key: str, entry_type: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """Pandoc's BibLaTeX-to-CSL mapping, field by field."""
    item: dict[str, Any] = {"id": key, "type": _TYPES.get(entry_type, "document")}
    language = _language(raw)
    english = language is None or language.startswith("en")
    item.update(csl_names(raw))
    item.update(_titles(entry_type, raw, english))
    item.update(csl_dates(raw))
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


# Titles, in sentence case when the entry is English


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
        "container-title-short": field_text(raw, "shortjournal"),
    }
    if main:
        found["volume-title"] = _concat(":", [title("title"), title("subtitle")])
    found["title-short"] = _short_title(raw, title, main, chapter)
    return found


def _container(entry_type: str, raw: Mapping[str, str], title: Any) -> str:
    if entry_type == "periodical":
        return _concat(":", [field_text(raw, "title"), field_text(raw, "subtitle")])
    if entry_type in _CHAPTERS and ("maintitle" in raw or "booktitle" in raw):
        prefix = "main" if "maintitle" in raw else "book"
        main = title("maintitle" if prefix == "main" else "booktitle")
        full = _concat(":", [main, title(prefix + "subtitle")])
        return _concat(".", [full, title(prefix + "titleaddon")])
    name = "journaltitle" if "journaltitle" in raw else "journal"
    return _concat(":", [field_text(raw, name), field_text(raw, "journalsubtitle")])


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


_NOCASE = ('<span class="nocase">', "</span>")


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


# Numbers, publishers, identifiers and notes


def _numbers(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    number = field_text(raw, "number")
    volume, part = field_text(raw, "volume"), field_text(raw, "part")
    found = {
        "page": field_text(raw, "pages").replace("–", "-"),
        "volume": f"{volume}.{part}" if volume and part else volume or part,
        "number-of-volumes": field_text(raw, "volumes"),
        "number-of-pages": field_text(raw, "pagetotal"),
        "chapter-number": field_text(raw, "chapter"),
        "edition": field_text(raw, "edition"),
        "version": field_text(raw, "version"),
    }
    if number and entry_type in _BOOKS:
        found["collection-number"] = number
    elif number and entry_type in _ARTICLES:
        found["issue"] = _concat(",", [number, field_text(raw, "issue")])
    elif number:
        found["number"] = number
    return found


def _publishing(entry_type: str, raw: Mapping[str, str]) -> dict[str, str]:
    lists = ("school", "institution", "organization", "publisher")
    publishers = [_literal_list(raw.get(name, "")) for name in lists]
    publishers.insert(3, field_text(raw, "howpublished"))
    place = raw.get("address") or ("" if entry_type == "patent" else raw.get("location", ""))
    return {
        "publisher": _concat(";", publishers),
        "publisher-place": _literal_list(place),
        "event-place": field_text(raw, "venue"),
        "genre": _genre(entry_type, raw),
        "status": _BIBSTRINGS.get(raw.get("pubstate", "").lower(), field_text(raw, "pubstate")),
    }


def _literal_list(value: str) -> str:
    """A biblatex literal list (`London and New York`) joined with `; `, as Pandoc does;
    braces keep an `and` that belongs to a name: `{Chapman and Hall}`."""
    return "; ".join(latex.decode(item) for item in split_names(value))


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
    note = "" if entry_type == "periodical" else field_text(raw, "note")
    return {
        "note": _concat(".", [note, field_text(raw, "addendum")]),
        "annote": field_text(raw, "annotation") or field_text(raw, "annote"),
        "abstract": field_text(raw, "abstract"),
        "keyword": field_text(raw, "keywords"),
    }
