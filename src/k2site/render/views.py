"""Render stage: view models, the plain dicts templates see. Pure.

Each function takes the resolved `Site` (and formatted reference entries) and returns
what one template needs, with no model objects inside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

from markupsafe import Markup

from k2site.files.folders import study_slug
from k2site.model.document import Claim, Page, Study
from k2site.model.evidence import (
    DESIGN_LABEL,
    GROUPS,
    VERIFICATION_LABEL,
    EvidenceGroup,
)
from k2site.model.site import Site
from k2site.model.verdict import claim_verdict, page_verdict
from k2site.references.names import decoded_names
from k2site.render import claim_notes
from k2site.render.integrity import integrity_view
from k2site.render.jsonld import jsonld_page, study_jsonld
from k2site.render.reader import preview, warnings
from k2site.text import escape_html, slugify

DEFAULT_DISCLAIMER = (
    "This page is for information only and is not medical advice. Talk to a doctor or"
    " pharmacist before changing your diet, supplements or medicines."
)


def group_view(group: EvidenceGroup) -> dict[str, Any]:
    return {"id": group.id, "label": group.label, "short": group.short,
            "symbol": group.symbol, "meaning": group.meaning, "rank": group.rank,
            "verdict": claim_verdict(group.id).text}


def common(site: Site) -> dict[str, Any]:
    """What every page template gets as `site`."""
    config = site.config
    return {
        "title": config.title, "base_url": config.base_url, "language": config.language,
        "description": config.description, "author": config.author,
        "disclaimer": config.disclaimer or DEFAULT_DISCLAIMER,
        "base_path": urlparse(config.base_url).path or "/",
        "groups": [group_view(g) for g in GROUPS],
    }


def summary(site: Site, claims: Sequence[Claim], uncited: int = 0,
            disputed: int | None = None) -> dict[str, Any]:
    """The verdict, then how many statements rest on each evidence group, strongest first:
    the claims, and the `uncited` health statements with no source (counted as `none`).
    `disputed` counts claims kept out of `claims` that a cited study contradicts; by
    default, those among `claims`."""
    counts = {g.id: 0 for g in GROUPS}
    for claim in claims:
        counts[site.groups[claim.id].id] += 1
    groups = [site.groups[claim.id].id for claim in claims]
    counts["none"] += uncited
    total = len(claims) + uncited
    rows, x = [], 0.0
    for group in GROUPS:
        if counts[group.id]:
            percent = round(100 * counts[group.id] / total, 2)
            rows.append({**group_view(group), "count": counts[group.id], "percent": percent,
                         "x": round(x, 2)})
            x += percent
    if disputed is None:
        disputed = sum(1 for claim in claims if site.evidence[claim.id].disputed)
    verdict = page_verdict(groups, disputed=disputed, uncited=uncited)
    return {"total": total, "cited": total - counts["none"], "uncited": counts["none"],
            "rows": rows, "verdict": {"id": verdict.id, "text": verdict.text}}


def uncited_count(site: Site, pages: Iterable[Page]) -> int:
    """The health statements with no source on these pages, as each page counts them."""
    return sum(len(site.uncited.get(page.slug, ())) for page in pages)


def study_view(site: Site, study: Study, entries: Mapping[str, str]) -> dict[str, Any]:
    """One study as previews, reference lists and its page show it."""
    return {
        "key": study.key, "slug": study_slug(study.key), "number": site.shown_number(study.key),
        "entry": Markup(entries.get(study.key) or escape_html(study.get("title") or study.key)),
        "title": study.get("title"), "year": study.get("year"), "journal": study.get("journal"),
        "authors": decoded_names(study.raw_fields.get("author", "")),
        "design": study.design, "design_label": DESIGN_LABEL.get(study.design, study.design),
        "group": group_view(study.group), "participants": study.participants,
        "verification": study.verification,
        "verification_label": VERIFICATION_LABEL.get(study.verification, study.verification),
        "doi": study.get("doi"), "pmid": study.get("pmid"), "url": safe_url(study.get("url")),
        "note": study.get("note"), "finding": study.get("finding"),
        **integrity_view(study),
    }


def safe_url(url: str) -> str:
    """Only http(s) links from references reach a page; anything else is dropped."""
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def claim_link(site: Site, claim: Claim) -> dict[str, Any]:
    return {"id": claim.id, "page": claim.page, "page_title": site.page_titles[claim.page],
            "text": claim.text, "group": group_view(site.groups[claim.id])}


class StudyViews:
    """Each study's view, preview and JSON-LD, made once per build: a study looks the same
    on every page that cites it, in the reference list and on its own page, and a large
    site cites each one from many pages."""

    def __init__(self, site: Site, entries: Mapping[str, str]) -> None:
        self.site, self.entries = site, entries
        self._views: dict[str, dict[str, Any]] = {}
        self._made: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}

    def view(self, key: str) -> dict[str, Any]:
        """A copy of the study's `study_view`, for the caller to add to."""
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = study_view(self.site, self.site.studies[key],
                                                 self.entries)
        return dict(view)

    def __call__(self, key: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """(a copy of its `study_view`, its `preview`, its `study_jsonld`)."""
        made = self._made.get(key)
        if made is None:
            view = self.view(key)
            made = self._made[key] = (view, preview(view), study_jsonld(self.site, view))
        return dict(made[0]), made[1], made[2]


def article(site: Site, page: Page, body: Markup, studies: StudyViews) -> dict[str, Any]:
    keys = list(dict.fromkeys(c.key for c in page.citations if c.key in site.studies))
    numbers = site.numbers_of(page)  # its article's: each article numbers from 1
    keys.sort(key=lambda k: numbers.get(k, 0))
    pages, index = site.article_of[page.slug].pages, site.place_in_article[page.slug]
    made = [studies(k) for k in keys]
    refs = [{**view, "number": numbers.get(view["key"])} for view, _, _ in made]
    here: dict[str, list[str]] = {}
    for claim in page.claims:
        for key in dict.fromkeys(claim.keys):
            here.setdefault(key, []).append(claim.id)
    for ref in refs:
        # links back to each claim on this page citing the study, like Wikipedia's "^ a b"
        ref["cited_here"] = here.get(ref["key"], [])
    url = f"{site.config.base_url}{page.slug}/"
    return {
        "slug": page.slug, "title": page.title, "summary": page.summary,
        "topics": list(page.topics), "reviewed": _date(page.reviewed),
        "toc": [{"level": lvl, "id": i, "text": t} for lvl, i, t in page.headings],
        "body": body, "evidence": summary(site, page.claims, uncited_count(site, [page])),
        "warnings": warnings(site, page),
        "levels": filter_levels(site, list(page.claims)),
        "refs": refs, "previews": {view["key"]: {**shown, "n": numbers.get(view["key"])}
                                   for view, shown, _ in made},
        "nav": nav_window(pages, index),
        "prev": _nav(pages[index - 1]) if index > 0 else None,
        "next": _nav(pages[index + 1]) if index + 1 < len(pages) else None,
        "url": url,
        "jsonld": jsonld_page(site, url, page.title, page.summary, page.reviewed,
                              citation=[data for _, _, data in made]),
    }


#: A page's contents list names every page of a site up to this size; beyond it, only
#: the pages around it, so that pages stay small and rendering stays linear.
NAV_ALL = 40
NAV_AROUND = 5


def nav_window(pages: Sequence[Page], index: int) -> list[dict[str, Any]]:
    """The pages the contents list names, with their reading-order numbers."""
    if len(pages) <= NAV_ALL:
        first, last = 0, len(pages)
    else:
        first, last = max(0, index - NAV_AROUND), min(len(pages), index + NAV_AROUND + 1)
    return [{**_nav(pages[i]), "number": i + 1} for i in range(first, last)]


def page_csl(site: Site, page: Page) -> dict[str, Any]:
    """The page itself as a CSL-JSON `webpage`, for "cite this page" in the site's style.
    The review date stands for the issue date; no access date, so builds stay identical."""
    item: dict[str, Any] = {
        "id": page.slug, "type": "webpage", "title": page.title,
        "container-title": site.config.title, "URL": f"{site.config.base_url}{page.slug}/",
    }
    authors = [site.people[i].name for i in page.authors if i in site.people]
    if authors or site.config.author:
        item["author"] = [{"literal": name} for name in authors or [site.config.author]]
    if page.reviewed:
        item["issued"] = {"date-parts": [[page.reviewed.year, page.reviewed.month,
                                          page.reviewed.day]]}
    return item


def filter_levels(site: Site, claims: list[Claim]) -> list[dict[str, Any]]:
    """The evidence filter's choices: each group with a real source, and how many claims
    on the page reach it (a claim reaches a group when its evidence is that or stronger)."""
    ranks = [site.groups[c.id].rank for c in claims]
    return [{**group_view(g), "count": sum(r <= g.rank for r in ranks), "total": len(ranks)}
            for g in GROUPS if g.id not in ("unknown", "none")]


def _nav(page: Page) -> dict[str, str]:
    return {"slug": page.slug, "title": page.title}


def _date(value: dt.date | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"iso": value.isoformat(), "text": f"{value.day} {value:%B %Y}"}


def home(site: Site) -> dict[str, Any]:
    sections = [{"slug": p.slug, "title": p.title, "summary": p.summary,
                 "evidence": summary(site, p.claims, uncited_count(site, [p]))}
                for p in site.pages]
    return {"sections": sections, "warnings": warnings(site),
            "evidence": summary(site, list(site.claims), uncited_count(site, site.pages)),
            "reviewed": _date(site.last_reviewed), "studies": len(site.numbers)}


def references(site: Site, studies: StudyViews, order: list[str],
               numeric: bool) -> dict[str, Any]:
    """Cited studies by number (numeric styles) or in the style's order, then the rest."""
    cited = sorted(site.numbers, key=site.numbers.__getitem__) if numeric \
        else [k for k in order if k in site.numbers]
    if site.publication:  # each article numbers apart: the whole store reads by author
        cited = sorted(cited, key=lambda k: _by_author(site.studies[k]))
    uncited = sorted(k for k in site.studies if k not in site.numbers)
    return {
        "cited": [_ref(site, k, studies) for k in cited],
        "uncited": [_ref(site, k, studies) for k in uncited],
    }


def _by_author(study: Study) -> tuple[str, str, str]:
    return study.get("author").casefold(), study.get("year"), study.key


def _ref(site: Site, key: str, studies: StudyViews) -> dict[str, Any]:
    view = studies.view(key)
    view["cited_by"], view["cited_more"] = _claim_links(
        site, site.cited_by.get(key, ()), BACKLINKS_PER_REFERENCE)
    return view


def study(site: Site, item: Study, studies: StudyViews) -> dict[str, Any]:
    view = studies.view(item.key)
    view["cited_by"], view["cited_more"] = _claim_links(
        site, site.cited_by.get(item.key, ()), CLAIMS_PER_STUDY)
    return view


def groups() -> list[dict[str, Any]]:
    return [group_view(g) for g in GROUPS]


#: How many claims a list names before it says "and N more": on a site of thousands of
#: pages, complete lists would make the overview and references pages megabytes long.
LISTED_PER_GROUP = 30
BACKLINKS_PER_REFERENCE = 12
CLAIMS_PER_STUDY = 300


def _claim_links(site: Site, claims: Sequence[Claim], limit: int) -> tuple[list[Any], int]:
    return [claim_link(site, c) for c in claims[:limit]], max(0, len(claims) - limit)


def overview(site: Site) -> dict[str, Any]:
    """The evidence map: claims by topic and evidence group, with the bar geometry of the
    SVG chart. Disputed claims are counted apart, not in the group of their support; each
    page's health statements with no source count under its topics, as its claims do."""
    topics: dict[str, list[Page]] = {}
    for page in site.pages:
        for topic in page.topics or ("general",):
            topics.setdefault(topic, []).append(page)
    rows = []
    for topic, pages in sorted(topics.items()):
        claims = [c for page in pages for c in page.claims]
        disputed = [c for c in claims if site.evidence[c.id].disputed]
        settled = [c for c in claims if not site.evidence[c.id].disputed]
        row = {"topic": topic, "anchor": f"topic-{slugify(topic, 'topic')}",
               **summary(site, settled, uncited_count(site, pages), len(disputed))}
        row["total"] += len(disputed)  # every claim of the topic, and its unsourced statements
        for cell in row["rows"]:
            cell["anchor"] = f"{row['anchor']}-{cell['id']}"
            listed = [c for c in settled if site.groups[c.id].id == cell["id"]]
            cell["claims"] = [claim_link(site, c) for c in listed[:LISTED_PER_GROUP]]
            cell["more"] = max(0, len(listed) - LISTED_PER_GROUP)
            cell["uncited_pages"] = [
                {**_nav(p), "count": len(site.uncited[p.slug])}
                for p in pages if cell["id"] == "none" and site.uncited.get(p.slug)]
        row["disputed"] = {"count": len(disputed), "anchor": f"{row['anchor']}-disputed",
                           "claims": [claim_link(site, c) for c in disputed[:LISTED_PER_GROUP]],
                           "more": max(0, len(disputed) - LISTED_PER_GROUP)}
        row["map"] = evidence_map_row(row)
        rows.append(row)
    disputed_all = sum(1 for c in site.claims if site.evidence[c.id].disputed)
    return {"topics": rows, "disputed": disputed_all,
            "all": summary(site, list(site.claims), uncited_count(site, site.pages)),
            "gaps": sum(cell["gap"] for row in rows for cell in row["map"])}


#: Groups whose empty cell in the evidence map is a gap: no claim of the topic rests on
#: that kind of evidence. (No unidentified source, or no uncited claim, is no gap.)
MAP_GAP_GROUPS = ("synthesis", "rct", "trial", "observational", "lab", "review")


def evidence_map_row(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One topic's cells of the evidence map, one per group in GROUPS order."""
    found = {cell["id"]: cell for cell in row["rows"]}
    return [{"id": g.id, "short": g.short, "count": found[g.id]["count"] if g.id in found else 0,
             "anchor": found[g.id]["anchor"] if g.id in found else "",
             "gap": g.id not in found and g.id in MAP_GAP_GROUPS} for g in GROUPS]


def feed(site: Site) -> list[dict[str, Any]]:
    return [{"slug": p.slug, "title": p.title, "summary": p.summary,
             "updated": (p.reviewed or dt.date(2000, 1, 1)).isoformat()} for p in site.pages]


def claims_json(site: Site) -> Iterator[dict[str, Any]]:
    """`claims.json` as SPEC §5 fixes it, one claim at a time."""
    return (
        {
            "id": claim.id, "page": claim.page, "text": claim.text,
            "citations": list(claim.keys), "evidence": site.groups[claim.id].id,
            "designs": site.designs(claim),
            "url": f"{site.config.base_url}{claim.page}/#{claim.id}",
            **claim_notes.claims_json_fields(site.evidence[claim.id], claim, site.studies),
            "article": site.article_of[claim.page].slug,
        }
        for claim in site.claims
    )

