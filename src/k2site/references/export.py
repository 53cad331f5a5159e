"""Render-stage helper: the BibTeX store as downloadable BibTeX and RIS text.

Both exports are pure functions of the studies and sort entries by key, so two builds
of the same store give the same bytes. BibTeX keeps every field as written (including
k2site's `evidence` and `verification`) but the editors' `editor_note`, so the file
reloads into the store readers see; RIS is
built from the CSL-JSON conversion, so names, dates and titles read as the bibliography
shows them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from k2site.model.document import Study
from k2site.references.bibliography import ReferenceCache, to_csl

_MONTH_MACROS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec"}
_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')

# CSL item type -> RIS reference type.
_RIS_TYPES = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS",
    "book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER", "thesis": "THES",
    "report": "RPRT", "webpage": "ELEC", "patent": "PAT", "dataset": "DATA",
    "software": "COMP", "pamphlet": "PAMP", "entry-encyclopedia": "ENCYC",
    "manuscript": "UNPB", "speech": "CONF", "motion_picture": "VIDEO", "graphic": "ART",
    "legislation": "STAT", "legal_case": "CASE", "personal_communication": "PCOMM",
}


def bibtex_text(studies: Sequence[Study]) -> str:
    """The store as one BibTeX file, entries sorted by key, fields as written."""
    return "\n".join(_bibtex_entry(study) for study in sorted(studies, key=lambda s: s.key))


#: Fields for the site's editors only: readers' downloads leave them out.
EDITORS_ONLY = frozenset({"editor_note"})


def _bibtex_entry(study: Study) -> str:
    lines = [f"@{study.entry_type}{{{study.key},"]
    for name, value in study.raw_fields.items():
        if name not in EDITORS_ONLY:
            lines.append(f"  {name} = {_bibtex_value(name, value)},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _bibtex_value(name: str, value: str) -> str:
    """`{value}` as written; a month macro stays bare; unbalanced braces take quotes."""
    text = value.strip()
    if name == "month" and text.lower() in _MONTH_MACROS:
        return text.lower()
    if _balanced(text):
        return "{" + text + "}"
    return '"' + text.replace('"', "{\\textquotedbl}") + '"'


def _balanced(text: str) -> bool:
    depth = 0
    for brace in _UNESCAPED_BRACE.findall(text):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


_UNESCAPED_BRACE = re.compile(r"(?<!\\)[{}]")


def ris_text(studies: Sequence[Study], cache: ReferenceCache | None = None) -> str:
    """The store as RIS records (CRLF line ends, as the format asks), sorted by key."""
    store = {study.key: study for study in studies}
    records = [_ris_record(to_csl(study, store, cache))
               for study in sorted(studies, key=lambda s: s.key)]
    return "".join(records)


def _ris_record(item: Mapping[str, Any]) -> str:
    tags: list[tuple[str, str]] = [("TY", _RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"])]
    # BibTeX's "and others" is a truncation mark, not an author; RIS has no mark for it
    tags += [("AU", _ris_name(name)) for name in item.get("author", [])
             if name.get("literal") != "others"]
    tags += [("ED", _ris_name(name)) for name in item.get("editor", [])]
    tags += [("TI", _plain(item.get("title", ""))), ("T2", _plain(item.get("container-title", "")))]
    tags += [("T3", _plain(item.get("collection-title", "")))]
    tags += _ris_dates(item)
    tags += _ris_pages(item.get("page", ""))
    for tag, variable in _RIS_FIELDS:
        tags.append((tag, str(item.get(variable, ""))))
    tags += [("KW", word.strip()) for word in re.split(r"[;,]", item.get("keyword", ""))]
    lines = [f"{tag}  - {value}" for tag, value in tags if value]
    return "\r\n".join([*lines, "ER  - ", ""]) + "\r\n"


_RIS_FIELDS = (
    ("VL", "volume"), ("IS", "issue"), ("ET", "edition"), ("PB", "publisher"),
    ("CY", "publisher-place"), ("SN", "ISBN"), ("SN", "ISSN"), ("DO", "DOI"), ("UR", "URL"),
    ("AN", "PMID"), ("LA", "language"), ("AB", "abstract"), ("N1", "note"),
    ("M3", "genre"), ("M1", "number"),
)


def _ris_name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    return ", ".join(p for p in (family, given, name.get("suffix", "")) if p)


def _ris_dates(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    issued = item.get("issued", {})
    parts = (issued.get("date-parts") or [[]])[0]
    if not parts:
        return [("PY", issued.get("literal", ""))]
    padded = [f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:3]]
    padded += [""] * (3 - len(padded))
    return [("PY", padded[0]), ("DA", "/".join(padded) + "/")]


def _ris_pages(page: str) -> list[tuple[str, str]]:
    first, _, last = page.partition("-")
    return [("SP", first.strip()), ("EP", last.strip())]


def _plain(text: str) -> str:
    return _NOCASE.sub(r"\1", text)
