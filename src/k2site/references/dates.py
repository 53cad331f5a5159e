"""BibTeX dates as CSL date objects: biblatex's EDTF `date` fields, or BibTeX's
`year`/`month`/`day`, as Pandoc's BibLaTeX reader reads them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from k2site.references.latex import field_text

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EDTF = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:]+Z?)?[~?%]?$")


def csl_dates(raw: Mapping[str, str]) -> dict[str, dict[str, Any]]:
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
    year_text = field_text(raw, prefix + "year")
    start = _date_parts(year_text, raw.get(prefix + "month", ""), raw.get(prefix + "day", ""))
    end = _date_parts(field_text(raw, prefix + "endyear"), raw.get(prefix + "endmonth", ""),
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
