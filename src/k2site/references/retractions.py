"""Parse stage for retraction notices: the store's `retraction` field and a Retraction
Watch snapshot (the CSV Crossref publishes), matched to the store by DOI and PMID. Pure.

The field holds one notice or several separated by `;`, each an optional kind and a
colon, then the notice's DOI, its date, or both:

    retraction = {10.1016/j.cell.2020.05.001}
    retraction = {2020-05-14}
    retraction = {Expression of concern: 2019-03; Retraction: 2020-05-14, 10.1000/xyz}

A value that cannot be read still marks the study retracted (a warning says why): a
typo never makes a withdrawn study count. The snapshot is read by its documented column
names; only rows whose `OriginalPaperDOI` or `OriginalPaperPubMedID` is a study of the
store are parsed, so that a snapshot of tens of megabytes costs a fraction of a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from urllib.parse import unquote

from k2site.diagnostics import Diagnostic, error
from k2site.model.document import Study
from k2site.model.notices import CONCERN, CORRECTION, REINSTATEMENT, RETRACTION, Notice

#: The kinds of notice a field may name, in the words editors and Retraction Watch use.
KINDS = {
    "retraction": RETRACTION, "retracted": RETRACTION,
    "correction": CORRECTION, "corrected": CORRECTION, "erratum": CORRECTION,
    "expression of concern": CONCERN, "concern": CONCERN,
    "reinstatement": REINSTATEMENT, "reinstated": REINSTATEMENT,
}
_KIND = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:(?!//)\s*")
_NEXT_KIND = re.compile(r";\s*(?=[A-Za-z][A-Za-z ]*:(?!//))")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def field_notices(value: str, path: str, line: int) -> tuple[tuple[Notice, ...], list[str]]:
    """The notices of a `retraction` field, and what could not be read in it."""
    notices, problems = [], []
    for part in _NEXT_KIND.split(value.strip()):
        kind, rest = RETRACTION, part
        if " ".join(part.lower().split()) in KINDS:  # a kind alone: `{Correction}`
            kind, rest = KINDS[" ".join(part.lower().split())], ""
        elif match := _KIND.match(part):
            word = " ".join(match[1].lower().split())
            if word not in ("doi", "http", "https"):
                rest = part[match.end():]
                kind = KINDS.get(word, RETRACTION)
                if word not in KINDS:
                    problems.append(f"'{match[1]}' is not a kind of notice; use retraction,"
                                    " correction, expression of concern or reinstatement")
        date, doi = "", ""
        for token in rest.replace(",", " ").split():
            if (found := _DOI.match(token)) is not None:
                doi = found[1]
            elif _is_date(token):
                date = token
            else:
                problems.append(f"'{token}' is neither a DOI (10.NNNN/suffix) nor a date"
                                " (YYYY-MM-DD)")
        notices.append(Notice(kind, date, doi, path, line))
    return tuple(notices), problems


def _is_date(token: str) -> bool:
    """`2020`, `2020-05` or `2020-05-14`, a real month and day."""
    if not _DATE.match(token):
        return False
    try:
        dt.date.fromisoformat((token + "-01-01")[:10] if len(token) < 10 else token)
    except ValueError:
        return False
    return True


def normal_doi(value: str) -> str:
    """A DOI as compared: percent-decoded, lower-case, without `https://doi.org/`."""
    doi = unquote(value.strip()).lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                   "http://dx.doi.org/", "doi:"):
        doi = doi.removeprefix(prefix)
    return doi if doi.startswith("10.") else ""


def normal_pmid(value: str) -> str:
    value = value.strip()
    return value if value.isdigit() and value.strip("0") else ""


#: The snapshot's columns k2site reads (Retraction Watch's names); the first three must be.
REQUIRED = ("OriginalPaperDOI", "OriginalPaperPubMedID", "RetractionNature")
OPTIONAL = ("RetractionDate", "RetractionDOI", "Reason")
_NATURES = {"retraction": RETRACTION, "correction": CORRECTION,
            "expression of concern": CONCERN, "reinstatement": REINSTATEMENT}
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")


def snapshot_notices(path: str, text: str, studies: Mapping[str, Study]
                     ) -> tuple[dict[str, tuple[Notice, ...]], list[Diagnostic]]:
    """The notices of the snapshot's rows about studies of the store, by study key."""
    first = text.find("\n")
    header = next(csv.reader([text[:first if first >= 0 else len(text)].lstrip("\ufeff")]), [])
    columns = {name.strip(): i for i, name in enumerate(header) if name.strip()}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        return {}, [error(path, 1, 1, "retractions-file",
                          f"this is not a Retraction Watch snapshot: its first line lacks the"
                          f" column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")]
    dois = {normal_doi(s.get("doi")): s.key for s in studies.values() if s.get("doi")}
    pmids = {normal_pmid(s.get("pmid")): s.key for s in studies.values() if s.get("pmid")}
    dois.pop("", None)
    pmids.pop("", None)
    found: dict[str, dict[int, Notice]] = {}
    for key, row, line in _rows_about(text, columns, dois, pmids):
        notice = _notice(row, columns, path, line)
        if notice is not None:
            found.setdefault(key, {})[line] = notice
    return {key: tuple(rows[line] for line in sorted(rows)) for key, rows in found.items()}, []


def with_snapshot(studies: Mapping[str, Study],
                  notices: Mapping[str, tuple[Notice, ...]]) -> dict[str, Study]:
    """The store with each study's snapshot notices after those of its own field."""
    return {key: replace(study, notices=study.notices + notices[key]) if key in notices
            else study for key, study in studies.items()}


# A row about a study of the store holds its DOI as a token of its own (the literal "10."
# lets `re` skip ahead fast), or its PMID as a whole cell.
_DOI_TOKEN = re.compile(r"10\.\d{4,9}/[^\s,\"]+")


def _rows_about(text: str, columns: Mapping[str, int], dois: Mapping[str, str],
                pmids: Mapping[str, str]) -> Iterator[tuple[str, list[str], int]]:
    """(study key, row, line) of each row naming a study's DOI or PMID as the original
    paper's. Only the lines holding one of them are parsed: a whole snapshot of 55 MB
    takes seconds to parse as CSV, finding the few rows that matter a fraction of that."""
    candidates = []
    if dois:
        for match in _DOI_TOKEN.finditer(text):
            token = match.group().lower()
            key = dois.get(unquote(token) if "%" in token else token)
            if key is not None:
                candidates.append((match.start(), key))
    if pmids:
        # an alternation of literal ids after a comma is fast, even for thousands of ids
        cells = re.compile(",(?:" + "|".join(sorted(pmids, key=len, reverse=True)) +
                           r")(?=[,\r\n])")
        candidates += [(m.start() + 1, pmids[m.group()[1:]]) for m in cells.finditer(text)]
    seen: set[int] = set()
    for position, key in sorted(candidates):
        found = _row_at(text, position, columns, dois, pmids)
        if found is not None and found[2] not in seen and found[0] == key:
            seen.add(found[2])
            yield found


def _row_at(text: str, position: int, columns: Mapping[str, int], dois: Mapping[str, str],
            pmids: Mapping[str, str]) -> tuple[str, list[str], int] | None:
    """The row around `position` whose original paper is a study of the store. A quoted
    field may span lines, so up to 20 line starts before it are tried."""
    start = position
    for _ in range(20):
        start = text.rfind("\n", 0, start) + 1
        row = next(csv.reader(_lines(text, start)), [])
        doi, pmid = (_cell(row, columns, name) for name in REQUIRED[:2])
        key = dois.get(normal_doi(doi)) or pmids.get(normal_pmid(pmid))
        if key is not None:
            return key, row, text.count("\n", 0, start) + 1
        if start == 0:
            return None
        start -= 1
    return None


def _lines(text: str, start: int) -> Iterator[str]:
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _cell(row: list[str], columns: Mapping[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _notice(row: list[str], columns: Mapping[str, int], path: str, line: int) -> Notice | None:
    """A row as a notice; None for a kind of notice k2site does not know."""
    nature = _NATURES.get(" ".join(_cell(row, columns, "RetractionNature").lower().split()))
    if nature is None:
        return None
    notice_doi = _cell(row, columns, "RetractionDOI").strip()
    reasons = tuple(r.strip().lstrip("+").strip()
                    for r in _cell(row, columns, "Reason").split(";") if r.strip(" +"))
    return Notice(nature, _iso(_cell(row, columns, "RetractionDate")),
                  notice_doi if normal_doi(notice_doi) else "", path, line, reasons)


def _iso(value: str) -> str:
    """`8/16/2023 0:00` (Retraction Watch's month/day/year) or ISO -> `2023-08-16`."""
    value = value.strip()
    if match := _US_DATE.match(value):
        month, day, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else ""
