"""Render stage: a resolved `Site` -> {output path: bytes}. Pure.

View models are plain dicts built here; templates never see the model objects.
Every page links with paths relative to itself, so the site works under any base path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from k2site import views
from k2site.csl import Bibliography, csl_json
from k2site.evidence import GROUP_BY_ID, GROUPS
from k2site.markdown import PLACEHOLDER
from k2site.model import Citation, Page, Study
from k2site.resolve import Site
from k2site.templates import template_env

THEME_STATIC = Path(__file__).parent / "theme" / "static"


@dataclass(frozen=True)
class CitationHtml:
    """Turns citations and claim badges into HTML for one page (the markdown env hook)."""

    site: Site
    bibliography: Bibliography
    root: str

    def citation_html(self, citations: Sequence[Citation]) -> str:
        parts = [self._item(c) for c in citations]
        if self.bibliography.numeric:
            return f'<sup class="citation">[{", ".join(parts)}]</sup>'
        return f'<span class="citation">({"; ".join(parts)})</span>'

    def _item(self, citation: Citation) -> str:
        key = citation.key
        number = self.site.numbers.get(key, 0)
        label = self.bibliography.cite_label(key, number) if key in self.site.studies else key
        study = self.site.studies.get(key)
        design = study.group.short if study else "unknown source"
        link = (f'<a class="cite" href="{self.root}studies/{escape(key)}/" '
                f'data-key="{escape(key)}" aria-label="{escape(_aria(label, design))}">'
                f"{escape(label)}</a>")
        prefix = f"{escape(citation.prefix)} " if citation.prefix else ""
        locator = f", {escape(citation.locator)}" if citation.locator else ""
        return f"{prefix}{link}{locator}"

    def claim_badge_html(self, claim_id: str) -> str:
        return str(views.badge(self.site, claim_id, self.root))

    def claim_attrs(self, claim_id: str) -> dict[str, str]:
        group = self.site.groups.get(claim_id, GROUP_BY_ID["none"])
        return {"id": claim_id, "class": f"claim claim-{group.id}", "data-evidence": group.id}


def _aria(label: str, design: str) -> str:
    return f"Reference {label}: {design}" if label.isdigit() else f"{label}: {design}"


def render_site(site: Site, overrides: Mapping[str, str]) -> dict[str, bytes]:
    """Every output file of SPEC §5 but the search index, as bytes by relative path."""
    env = template_env(overrides)
    bibliography = Bibliography(list(site.studies.values()), site.config.citation_style)
    entries = bibliography.entries(_citation_order(site))
    out: dict[str, bytes] = {}
    common = views.common(site)

    def page(path: str, template: str, root: str, title: str, **context: Any) -> None:
        url = site.config.base_url + path.removesuffix("index.html")
        context.setdefault("jsonld", views.jsonld_page(site, url, title))
        html = env.get_template(template).render(site=common, root=root, path=path, **context)
        out[path] = html.encode("utf-8")

    for number, item in enumerate(site.pages):
        body = _body_html(site, item, bibliography, "../")
        view = views.article(site, item, body, entries, number)
        page(f"{item.slug}/index.html", "article.html", "../", item.title, page=view,
             jsonld=view["jsonld"])
    page("index.html", "home.html", "", site.config.title, home=views.home(site),
         jsonld=views.jsonld_home(site))
    page("references/index.html", "references.html", "../", "References",
         refs=views.references(site, entries, bibliography.sort_keys(list(site.studies)),
                               bibliography.numeric))
    for key in sorted(site.studies):
        study = views.study(site, site.studies[key], entries)
        page(f"studies/{key}/index.html", "study.html", "../../", study["title"] or key,
             study=study, jsonld=views.jsonld_study(site, study))
    page("evidence/index.html", "evidence.html", "../", "Evidence overview",
         overview=views.overview(site))
    page("how-we-grade/index.html", "grading.html", "../", "How we grade evidence",
         groups=views.groups())
    page("search/index.html", "search.html", "../", "Search", groups=views.groups(),
         jsonld=views.jsonld_page(site, site.config.base_url + "search/", "Search",
                                  kind="SearchResultsPage"))
    page("404.html", "404.html", common["base_path"], "Page not found", jsonld=None)
    out["sitemap.xml"] = env.get_template("sitemap.xml").render(
        site=common, paths=sorted(p for p in out if p.endswith("index.html"))).encode()
    out["feed.xml"] = env.get_template("feed.xml").render(
        site=common, entries=views.feed(site)).encode()
    out["claims.json"] = _json(views.claims_json(site))
    out["references.json"] = _json(csl_json(list(site.studies.values())))
    out.update(_theme_assets())
    return out


def _citation_order(site: Site) -> list[str]:
    return sorted(site.numbers, key=site.numbers.__getitem__)


def _body_html(site: Site, page: Page, bibliography: Bibliography, root: str) -> Markup:
    """Fill the parsed body's placeholders with what the whole site decided."""
    html = CitationHtml(site, bibliography, root)

    def fill(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "c":
            return html.citation_html(page.groups[int(value)])
        if kind == "b":
            return html.claim_badge_html(value)
        return site.groups.get(value, GROUP_BY_ID["none"]).id

    return Markup(PLACEHOLDER.sub(fill, page.body))


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def _theme_assets() -> dict[str, bytes]:
    return {f"assets/{p.name}": p.read_bytes()
            for p in sorted(THEME_STATIC.iterdir()) if p.is_file()}


__all__ = ["render_site", "GROUPS", "Study"]
