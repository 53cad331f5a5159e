"""Render stage: a study's notices (retraction, correction, concern) and trial registrations
as view-model values for its page, the reference lists and citation previews. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from k2site.model.document import Study
from k2site.model.notices import NATURE_MEANING, RETRACTION, Notice
from k2site.references.registries import not_registered, registrations


def integrity_view(study: Study) -> dict[str, Any]:
    """`notices`, `retracted` and `registrations` of one study's view."""
    return {
        "notices": [notice_view(n) for n in study.notices],
        "retracted": study.retracted,
        "registrations": [{"id": r.id, "registry": r.registry, "url": r.url}
                          for r in registrations(study.get("registration"))],
        "unregistered": not_registered(study.get("registration")),
    }


def notice_view(notice: Notice) -> dict[str, Any]:
    date = reader_date(notice.date)
    source = ("Retraction Watch data" if notice.source.endswith(".csv")
              else "this site's reference store")
    summary = notice.label + (f" {date}" if date else "")
    if notice.nature == RETRACTION:
        summary += ": no longer counts as evidence"
    return {
        "kind": notice.nature, "label": notice.label, "date": date, "iso": notice.date,
        "doi": notice.doi, "source": source, "meaning": NATURE_MEANING[notice.nature],
        "reasons": list(notice.reasons), "summary": summary,
    }


def reader_date(iso: str) -> str:
    """`2020-05-14` -> `14 May 2020`, `2020-05` -> `May 2020`; a bad date as written."""
    try:
        if len(iso) == 10:
            day = dt.date.fromisoformat(iso)
            return f"{day.day} {day:%B %Y}"
        if len(iso) == 7:
            return f"{dt.date.fromisoformat(iso + '-01'):%B %Y}"
    except ValueError:
        pass
    return iso
