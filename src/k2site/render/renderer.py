"""Render stage: a resolved `Site` -> {output path: bytes}. Pure.

View models are plain dicts built here; templates never see the model objects.
Every page links with paths relative to itself, so the site works under any base path.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from k2site.content.syntax import PLACEHOLDER
from k2site.files.output import Output
from k2site.model.document import Citation, Page, Study
from k2site.model.evidence import GROUP_BY_ID, GROUPS
from k2site.model.site import Site
from k2site.pipeline.workers import parallel_imap
from k2site.references import export
from k2site.references.bibliography import Bibliography, csl_json
from k2site.render import jsonld, views
from k2site.render.templates import template_env

THEME_STATIC = Path(__file__).parent.parent / "theme" / "static"


@dataclass(frozen=True)
class CitationHtml:
    """Turns citations and claim badges into HTML for one page (the markdown env hook)."""

    site: Site
    bibliography: Bibliography
    root: str
    made: dict[tuple[str, str, str], str] = field(default_factory=dict, compare=False)
    """Each citation's HTML by key, prefix and locator: a study is cited from many pages."""

    def citation_html(self, citations: Sequence[Citation]) -> str:
        parts = []
        for citation in citations:
            ident = (citation.key, citation.prefix, citation.locator)
            if ident not in self.made:
                self.made[ident] = self._item(citation)
            parts.append(self.made[ident])
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


class _SiteRenderer:
    """What every page of one build shares: templates, formatted references, views."""

    def __init__(self, site: Site, overrides: Mapping[str, str],
                 cache_dir: Path | None) -> None:
        self.site = site
        self.env = template_env(overrides, cache_dir)
        self.bibliography = Bibliography(list(site.studies.values()),
                                         site.config.citation_style)
        # Everything citeproc formats is formatted here, before the pages are rendered
        # (in workers of its own when there is much), so that it lands in the reference
        # cache that the next build reads.
        page_items = [views.page_csl(site, page) for page in site.pages]
        self.bibliography.prepare(_citation_order(site), page_items)
        self.entries = self.bibliography.entries(_citation_order(site))
        for key, number in site.numbers.items():
            self.bibliography.cite_label(key, number)
        self.cite_page = {page.slug: Markup(self.bibliography.format_item(item))
                          for page, item in zip(site.pages, page_items, strict=True)}
        self.common = views.common(site)
        self.studies = views.StudyViews(site, self.entries)
        self.citations = CitationHtml(site, self.bibliography, "../")
        self.used: set[bytes] = set()

    def page(self, path: str, template: str, root: str, title: str,
             **context: Any) -> tuple[str, bytes]:
        url = self.site.config.base_url + path.removesuffix("index.html")
        context.setdefault("jsonld", jsonld.jsonld_page(self.site, url, title))
        # A page is a function of its template and view model: when `serve` rebuilds,
        # the pages whose view model did not change are not rendered again.
        digest = b""
        if _REMEMBER:
            digest = hashlib.sha1(repr((id(self.env), template, root, path, self.common,
                                        sorted(context.items()))).encode()).digest()
        found = _RENDERED.get(digest)
        if found is None:
            html = self.env.get_template(template).render(site=self.common, root=root,
                                                          path=path, **context)
            found = html.encode("utf-8")
            if _REMEMBER:
                _RENDERED[digest] = found
                # a path has one page at a time: its last version goes (serve may run long)
                if (older := _DIGEST_OF.get(path)) not in (None, digest):
                    _RENDERED.pop(older, None)
                _DIGEST_OF[path] = digest
        self.used.add(digest)
        return path, found

    def article(self, index: int) -> tuple[str, bytes]:
        item = self.site.pages[index]
        body = _body_html(self.site, item, self.citations)
        view = views.article(self.site, item, body, self.studies, index)
        view["cite"] = self.cite_page[item.slug]
        return self.page(f"{item.slug}/index.html", "article.html", "../", item.title,
                         page=view, jsonld=view["jsonld"])

    def study(self, key: str) -> tuple[str, bytes]:
        study = views.study(self.site, self.site.studies[key], self.entries)
        return self.page(f"studies/{key}/index.html", "study.html", "../../",
                         study["title"] or key, study=study,
                         jsonld=jsonld.jsonld_study(self.site, study))

    def site_pages(self, only: Collection[str] | None = None) -> list[tuple[str, bytes]]:
        """The site's own pages (or those of them in `only`), in a fixed order."""
        site, entries, bibliography = self.site, self.entries, self.bibliography
        makers: dict[str, Callable[[], tuple[str, bytes]]] = {
            "index.html": lambda: self.page(
                "index.html", "home.html", "", site.config.title, home=views.home(site),
                jsonld=jsonld.jsonld_home(site)),
            "references/index.html": lambda: self.page(
                "references/index.html", "references.html", "../", "References",
                refs=views.references(site, entries, bibliography.sort_keys(list(site.studies)),
                                      bibliography.numeric)),
            "evidence/index.html": lambda: self.page(
                "evidence/index.html", "evidence.html", "../", "Evidence overview",
                overview=views.overview(site)),
            "how-we-grade/index.html": lambda: self.page(
                "how-we-grade/index.html", "grading.html", "../", "How we grade evidence",
                groups=views.groups()),
            "search/index.html": lambda: self.page(
                "search/index.html", "search.html", "../", "Search", groups=views.groups(),
                jsonld=jsonld.jsonld_page(site, site.config.base_url + "search/", "Search",
                                          kind="SearchResultsPage")),
            "404.html": lambda: self.page(
                "404.html", "404.html", self.common["base_path"], "Page not found",
                jsonld=None),
        }
        return [make() for path, make in makers.items() if only is None or path in only]


#: The renderer of the build in progress, for forked workers to inherit (see workers).
_CURRENT: _SiteRenderer | None = None
#: Rendered pages by a digest of their template and view model, kept from one build to
#: the next in the same process (`serve`); pruned to the last build's pages after each.
_RENDERED: dict[bytes, bytes] = {}
#: The digest each path was last rendered under, while pages are remembered.
_DIGEST_OF: dict[str, bytes] = {}
_REMEMBER = False


def remember_pages(on: bool = True) -> None:
    """Keep rendered pages between builds in this process, so a rebuild renders only the
    pages whose view model changed. Off by default: a one-off build gains nothing and
    would hold every page in memory."""
    global _REMEMBER, _LAST
    _REMEMBER, _LAST = on, None
    _RENDERED.clear()
    _DIGEST_OF.clear()


#: With `remember_pages` on, the renderer of the last build, for `rerender_articles`.
_LAST: _SiteRenderer | None = None


#: What shows the words of a claim besides its own page and the studies it cites.
CLAIM_LISTS = ("references/index.html", "evidence/index.html", "claims.json")


def rerender_pages(previous: Site, site: Site, indexes: Iterable[int],
                   studies: Iterable[str] = (), claim_lists: bool = False
                   ) -> dict[str, bytes] | None:
    """The article pages at `indexes`, the pages of `studies` and, with `claim_lists`, the
    files of CLAIM_LISTS, rendered for `site`: `previous` with only the edits these show
    (`pipeline.rerender` decides which), reusing all the last build prepared. None unless
    the last build in this process (with `remember_pages` on) was of `previous`."""
    global _LAST
    if _LAST is None or _LAST.site is not previous:
        return None
    renderer = copy.copy(_LAST)
    renderer.site = site
    renderer.citations = replace(_LAST.citations, site=site, made=_LAST.citations.made)
    _LAST = renderer
    files = dict(renderer.article(index) for index in indexes)
    files.update(renderer.study(key) for key in studies if key in site.studies)
    if claim_lists:
        files.update(renderer.site_pages(CLAIM_LISTS))
        files["claims.json"] = b"".join(_json(views.claims_json(site)))
    return files


def _article(index: int) -> tuple[str, bytes]:
    assert _CURRENT is not None
    return _CURRENT.article(index)


def _study(key: str) -> tuple[str, bytes]:
    assert _CURRENT is not None
    return _CURRENT.study(key)


def render_site(site: Site, overrides: Mapping[str, str],
                cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every output file of SPEC §5 but the search index, as bytes by relative path."""
    return {path: bytes(data) if isinstance(data, bytes | bytearray) else b"".join(data)
            for path, data in sorted(render_files(site, overrides, cache_dir))}


def render_files(site: Site, overrides: Mapping[str, str],
                 cache_dir: Path | None = None) -> Iterator[tuple[str, Output]]:
    """The output files one by one, so a large site never sits in memory whole.
    Compiled templates are kept in `cache_dir` when one is given."""
    global _CURRENT, _LAST
    _CURRENT = renderer = _SiteRenderer(site, overrides, cache_dir)
    _LAST = renderer if _REMEMBER else None
    try:
        yield from parallel_imap(_article, list(range(len(site.pages))))
        yield from parallel_imap(_study, sorted(site.studies))
    finally:
        _CURRENT = None
    pages = renderer.site_pages()
    yield from pages
    for stale in _RENDERED.keys() - renderer.used:
        del _RENDERED[stale]
    env, common = renderer.env, renderer.common
    paths = [f"{p.slug}/index.html" for p in site.pages]
    paths += [f"studies/{key}/index.html" for key in site.studies]
    paths += [path for path, _ in pages if path.endswith("index.html")]
    yield "sitemap.xml", env.get_template("sitemap.xml").render(
        site=common, paths=sorted(paths)).encode()
    yield "feed.xml", env.get_template("feed.xml").render(
        site=common, entries=views.feed(site)).encode()
    yield "claims.json", _json(views.claims_json(site))
    studies = list(site.studies.values())
    yield "references.json", _json(csl_json(studies))
    yield "references/references.bib", export.bibtex_text(studies).encode()
    yield "references/references.ris", export.ris_text(studies).encode()
    yield from _theme_assets().items()


def _citation_order(site: Site) -> list[str]:
    return sorted(site.numbers, key=site.numbers.__getitem__)


def _body_html(site: Site, page: Page, html: CitationHtml) -> Markup:
    """Fill the parsed body's placeholders with what the whole site decided."""
    root = html.root
    uncited = site.uncited.get(page.slug, frozenset())

    def fill(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "c":
            return html.citation_html(page.groups[int(value)])
        if kind == "b":
            return html.claim_badge_html(value)
        if kind == "u":
            return views.uncited_mark(root) if int(value) in uncited else ""
        return site.groups.get(value, GROUP_BY_ID["none"]).id

    return Markup(PLACEHOLDER.sub(fill, page.body))


def _json(items: Iterable[Any]) -> Iterator[bytes]:
    """A JSON list with one item per line, in chunks: readable and diffable, written by the
    C encoder (an indented dump falls back to a pure-Python one, 10x slower), and never
    whole in memory (a 10,000-page site's claims.json is over 100 MB)."""
    yield b"["
    for n, item in enumerate(items):
        yield (b"\n" if n == 0 else b",\n") + json.dumps(item, ensure_ascii=False).encode()
    yield b"\n]\n"


def _theme_assets() -> dict[str, bytes]:
    return {f"assets/{p.name}": p.read_bytes()
            for p in sorted(THEME_STATIC.iterdir()) if p.is_file()}


__all__ = ["render_site", "GROUPS", "Study"]
