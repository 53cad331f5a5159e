"""Render stage: what a reader sees of a study at a glance and of the site's safety
warnings, as plain view-model values. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from k2site.model.document import Page
from k2site.model.evidence import VERIFICATION_MARK
from k2site.model.site import Site
from k2site.render.jsonld import short_authors


def warnings(site: Site, page: Page | None = None) -> list[dict[str, str]]:
    """The site's safety warnings that concern `page` (all of them on the home page)."""
    return [{"title": w.title or "Safety warning", "text": w.text}
            for w in site.config.warnings if page is None or w.concerns(page.slug, page.topics)]


def preview(view: Mapping[str, Any]) -> dict[str, Any]:
    """What a citation preview shows of one study; the JSON the reader script reads.

    Short keys keep the per-page data block small; missing fields are left out. A source
    not identified shows no title: its entry's title only describes what is missing.
    """
    symbol, verified = VERIFICATION_MARK.get(view["verification"], ("?", "Not identified"))
    unresolved = view["verification"] == "unresolved"
    data = {
        "n": view["number"], "title": None if unresolved else view["title"],
        "authors": short_authors(view["authors"]), "journal": view["journal"],
        "year": view["year"], "design": view["design_label"],
        "group": view["group"]["id"], "short": view["group"]["short"],
        "symbol": view["group"]["symbol"], "participants": view["participants"],
        "doi": view["doi"], "pmid": view["pmid"], "url": view["url"],
        "finding": view["finding"], "verification": view["verification"],
        "verified": verified, "vsymbol": symbol,
    }
    data["notice"] = "; ".join(n["summary"] for n in view["notices"])
    return {k: v for k, v in data.items() if v not in (None, "")}
