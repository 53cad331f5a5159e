"""Render stage: the pages' JSON-LD, what search engines and health-information checkers
read: schema.org `MedicalWebPage` with `lastReviewed`, and each cited study with its DOI
and design. Pure; builds on the view models of `views`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from k2site.files.folders import study_slug
from k2site.model.site import Site


@lru_cache(maxsize=16384)
def short_authors(names: tuple[str, ...], limit: int = 3) -> str:
    """`Geleijnse, Johanna M.`, `Vermeer, Cees`... (as `references.names.decoded_names`
    gives them) -> `Geleijnse JM, Vermeer C, et al.`"""
    short = [_short_name(n) for n in names if n.lower() != "others"]
    more = len(short) > limit or any(n.lower() == "others" for n in names)
    return ", ".join(short[:limit]) + (", et al." if more else "")


def _short_name(name: str) -> str:
    name = name.strip("{} ")
    if "," not in name:
        return name
    family, given = (part.strip() for part in name.split(",", 1))
    initials = "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w[:1].isalpha())
    return f"{family} {initials}".strip()


#: MeSH publication types for our designs, the vocabulary schema.org's
#: `publicationType` asks for; designs MeSH has no type for keep their plain label.
MESH_TYPE = {
    "meta-analysis": "Meta-Analysis", "systematic-review": "Systematic Review",
    "rct": "Randomized Controlled Trial", "clinical-trial": "Clinical Trial",
    "cohort": "Observational Study", "case-control": "Observational Study",
    "cross-sectional": "Observational Study", "case-series": "Case Reports",
    "review": "Review", "guideline": "Practice Guideline",
    "protocol": "Clinical Trial Protocol",
}


def study_jsonld(site: Site, view: Mapping[str, Any]) -> dict[str, Any]:
    """One cited study as schema.org `MedicalScholarlyArticle`, with its DOI and design."""
    data: dict[str, Any] = {
        "@type": "MedicalScholarlyArticle",
        "name": view["title"] or view["key"],
        "url": f"{site.config.base_url}studies/{study_slug(view['key'])}/",
        "publicationType": MESH_TYPE.get(view["design"], view["design_label"]),
        "description": view["design_label"],
    }
    if view["authors"]:
        data["author"] = short_authors(view["authors"], limit=50)
    if view["year"]:
        data["datePublished"] = view["year"]
    if view["journal"]:
        data["isPartOf"] = {"@type": "Periodical", "name": view["journal"]}
    ids = [("DOI", view["doi"]), ("PMID", view["pmid"])]
    data["identifier"] = [{"@type": "PropertyValue", "propertyID": kind, "value": value}
                          for kind, value in ids if value]
    if view["doi"]:
        data["sameAs"] = f"https://doi.org/{view['doi']}"
    return data


def jsonld_page(site: Site, url: str, name: str, description: str = "",
                reviewed: dt.date | None = None, kind: str = "MedicalWebPage",
                **extra: Any) -> dict[str, Any]:
    """A page's JSON-LD: what search engines and health-information checkers read."""
    config = site.config
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": kind, "name": name, "url": url,
        "inLanguage": config.language,
        "isPartOf": {"@type": "WebSite", "name": config.title, "url": config.base_url},
    }
    if description or config.description:
        data["description"] = description or config.description
    if reviewed:
        data["lastReviewed"] = reviewed.isoformat()
    if config.author:
        data["author"] = {"@type": "Person", "name": config.author}
    data.update({k: v for k, v in extra.items() if v})
    return data


def jsonld_home(site: Site) -> dict[str, Any]:
    """The home page as a health page whose parts are the article's sections."""
    config = site.config
    parts = [{"@type": "MedicalWebPage", "name": p.title, "url": f"{config.base_url}{p.slug}/"}
             for p in site.pages]
    return jsonld_page(site, config.base_url, config.title, config.description,
                       site.last_reviewed, hasPart=parts)


def jsonld_study(site: Site, view: Mapping[str, Any]) -> dict[str, Any]:
    """A study page: a web page whose main entity is the study."""
    url = f"{site.config.base_url}studies/{study_slug(view['key'])}/"
    return jsonld_page(site, url, view["title"] or view["key"], view["design_label"],
                       kind="WebPage", mainEntity=study_jsonld(site, view))
