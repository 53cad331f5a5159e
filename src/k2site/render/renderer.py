"""Render stage: a resolved `Site` -> {output path: bytes}. Pure.

View models are plain dicts built here; templates never see the model objects.
Every page links with paths relative to itself, so the site works under any base path.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from markupsafe import Markup

from k2site.files.bundled import theme_assets
from k2site.files.folders import study_slug
from k2site.files.output import Output
from k2site.files.search_index import index_parts, part_bundles
from k2site.files.styles import CitationStyle
from k2site.model.document import Page
from k2site.model.site import Site
from k2site.pipeline.workers import parallel_imap
from k2site.references import export
from k2site.references.bibliography import Bibliography, ReferenceCache, csl_json
from k2site.render import jsonld, page_meta, publication, views
from k2site.render.body import Badges, CitationHtml, body_html
from k2site.render.templates import compile_theme, template_env


@dataclass
class PageMemory:
    """What `serve` keeps from one build to the next in its process, so that a rebuild
    renders only the pages whose view model changed; a one-off build keeps none."""

    pages: dict[bytes, bytes] = field(default_factory=dict)
    """Rendered pages by a digest of their template and view model; pruned to the last
    build's pages after each."""
    digest_of: dict[str, bytes] = field(default_factory=dict)
    """The digest each path was last rendered under."""
    environments: dict[str, Environment] = field(default_factory=dict)
    """Compiled templates, by the site's overrides."""
    last: SiteRenderer | None = None
    """The renderer of the last build, which `rerender_pages` starts from."""


class SiteRenderer:
    """What every page of one build shares: templates, formatted references, views."""

    def __init__(self, site: Site, overrides: Mapping[str, str], style: CitationStyle,
                 cache_dir: Path | None, references: ReferenceCache,
                 memory: PageMemory | None) -> None:
        self.site, self.memory = site, memory
        self.env = template_env(overrides, cache_dir,
                                memory.environments if memory is not None else None)
        compile_theme(self.env)  # once, here, rather than in each worker that forks
        self.bibliography = Bibliography(list(site.studies.values()), style, references)
        # Everything citeproc formats is formatted here, before the pages are rendered
        # (in workers of its own when there is much), so that it lands in the reference
        # cache that the next build reads.
        order, page_items, in_text = reference_jobs(site)
        self.bibliography.prepare(order, page_items, in_text)
        self.entries = self.bibliography.entries(_citation_order(site))
        for key, number in site.numbers.items():
            self.bibliography.cite_label(key, number)
        self.cite_page = {page.slug: Markup(self.bibliography.format_item(item))
                          for page, item in zip(site.pages, page_items, strict=True)}
        self.page_items = {page.slug: item for page, item in zip(site.pages, page_items,
                                                                  strict=True)}
        self.common = views.common(site)
        self.common.update(publication.common(site))
        self.studies = views.StudyViews(site, self.entries)
        self.citations = CitationHtml(site, self.bibliography, Badges(self.env), "../")
        self.references = page_meta.References()
        self.in_articles: dict[tuple[str, str], CitationHtml] = {}
        """Citations on the pages of an article of a publication, by article and root."""
        self.used: set[bytes] = set()

    def citations_on(self, page: Page, root: str) -> CitationHtml:
        """Citation HTML for a page: numbered in its article, linked from its depth."""
        article = self.site.article_of[page.slug].slug
        if (article, root) == ("", self.citations.root):
            return self.citations
        found = self.in_articles.get((article, root))
        if found is None:
            found = self.in_articles[(article, root)] = replace(
                self.citations, root=root, made={}, article=article)
        return found

    def page(self, path: str, template: str, root: str, title: str,
             **context: Any) -> tuple[str, bytes]:
        url = self.site.config.base_url + path.removesuffix("index.html")
        context.setdefault("jsonld", jsonld.jsonld_page(self.site, url, title))
        # A page is a function of its template and view model: when `serve` rebuilds,
        # the pages whose view model did not change are not rendered again.
        memory, digest = self.memory, b""
        if memory is not None:
            digest = hashlib.sha1(repr((id(self.env), template, root, path, self.common,
                                        sorted(context.items()))).encode()).digest()
        found = memory.pages.get(digest) if memory is not None else None
        if found is None:
            html = self.env.get_template(template).render(site=self.common, root=root,
                                                          path=path, **context)
            found = html.encode("utf-8")
            if memory is not None:
                memory.pages[digest] = found
                # a path has one page at a time: its last version goes (serve may run long)
                if (older := memory.digest_of.get(path)) not in (None, digest):
                    memory.pages.pop(older, None)
                memory.digest_of[path] = digest
        self.used.add(digest)
        return path, found

    def streamed(self, path: str, template: str, root: str, title: str,
                 **context: Any) -> tuple[str, Output]:
        """`page`, written as it renders when no page is kept (a one-off build): a large
        site's home and reference pages are tens of MB, which rendering whole holds in
        memory several times over (Jinja's pieces, the text, its bytes)."""
        if self.memory is not None:
            return self.page(path, template, root, title, **context)
        url = self.site.config.base_url + path.removesuffix("index.html")
        context.setdefault("jsonld", jsonld.jsonld_page(self.site, url, title))
        pieces = self.env.get_template(template).generate(site=self.common, root=root,
                                                         path=path, **context)
        return path, _encoded(pieces)

    def article(self, index: int) -> tuple[str, bytes]:
        item = self.site.pages[index]
        root = "../" * (item.slug.count("/") + 1)  # a section is a folder deeper
        body = body_html(self.site, item, self.citations_on(item, root))
        view = views.article(self.site, item, body, self.studies)
        view["cite"] = self.cite_page[item.slug]
        view.update(publication.article_extras(self.site, item, root, view,
                                               self.page_items[item.slug], self.references))
        return self.page(f"{item.slug}/index.html", "article.html", root, item.title,
                         page=view, jsonld=view["jsonld"])

    def publication_pages(self) -> list[tuple[str, bytes]]:
        """Topic and people pages (SPEC §6), each only where its data exists."""
        site = self.site
        made = [self.page(f"topics/{slug}/index.html", "topic.html", "../../", name,
                          **publication.topic(site, name, articles, claims))
                for slug, (name, articles, claims) in publication.topics(site).items()]
        return made + [self.page(f"people/{who.id}/index.html", "person.html", "../../",
                                 who.name, **publication.person(site, who))
                       for who in site.people.values()]

    def study(self, key: str) -> tuple[str, bytes]:
        study = views.study(self.site, self.site.studies[key], self.studies)
        return self.page(f"studies/{study_slug(key)}/index.html", "study.html", "../../",
                         study["title"] or key, study=study,
                         jsonld=jsonld.jsonld_study(self.site, study))

    def site_pages(self, only: Collection[str] | None = None) -> list[tuple[str, bytes]]:
        """The site's own pages (or those of them in `only`), in a fixed order."""
        made = self._site_pages(self.page)
        return [cast(tuple[str, bytes], make()) for path, make in made.items()
                if only is None or path in only]

    def streamed_site_pages(self) -> Iterator[tuple[str, Output]]:
        """`site_pages`, one at a time, the largest written as they render."""
        for make in self._site_pages(self.streamed).values():
            yield make()

    def _site_pages(self, page: Callable[..., tuple[str, Output]]
                    ) -> dict[str, Callable[[], tuple[str, Output]]]:
        """How to make each of the site's own pages; `page` renders the large ones."""
        site, studies, bibliography = self.site, self.studies, self.bibliography
        return {
            "index.html": lambda: page(
                "index.html", "home.html", "", site.config.title, home=views.home(site),
                jsonld=jsonld.jsonld_home(site)) if not site.publication else page(
                "index.html", "publication.html", "", site.config.title,
                home=publication.home(site), jsonld=publication.jsonld_home(site)),
            "references/index.html": lambda: page(
                "references/index.html", "references.html", "../", "References",
                refs=views.references(site, studies, bibliography.sort_keys(list(site.studies)),
                                      bibliography.numeric)),
            "evidence/index.html": lambda: page(
                "evidence/index.html", "evidence.html", "../", "Evidence overview",
                overview=views.overview(site)),
            "how-we-grade/index.html": lambda: self.page(
                "how-we-grade/index.html", "grading.html", "../", "How we grade evidence",
                groups=views.groups()),
            "search/index.html": lambda: self.page(
                "search/index.html", "search.html", "../", "Search", groups=views.groups(),
                synonyms=[list(g) for g in site.config.synonyms],
                parts=part_bundles(index_parts(len(site.pages), len(site.studies))),
                jsonld=jsonld.jsonld_page(site, site.config.base_url + "search/", "Search",
                                          kind="SearchResultsPage")),
            "404.html": lambda: self.page(
                "404.html", "404.html", self.common["base_path"], "Page not found",
                jsonld=None),
        }


#: What shows the words of a claim besides its own page and the studies it cites.
CLAIM_LISTS = ("references/index.html", "evidence/index.html", "claims.json")
#: What counts each page's health statements with no source, besides the page itself.
UNCITED_COUNTS = ("index.html", "evidence/index.html")


def rerender_pages(memory: PageMemory, previous: Site, site: Site, indexes: Iterable[int],
                   studies: Iterable[str] = (), claim_lists: bool = False,
                   counts: bool = False) -> dict[str, bytes] | None:
    """The article pages at `indexes`, the pages of `studies` and, with `claim_lists`, the
    files of CLAIM_LISTS, with `counts` those of UNCITED_COUNTS, rendered for `site`:
    `previous` with only the edits these show (`serve.rerender` decides which), reusing
    all the last build prepared. None unless the last build that kept `memory` was of
    `previous`."""
    last = memory.last
    if last is None or last.site is not previous:
        return None
    renderer = copy.copy(last)
    renderer.site = site
    renderer.citations = replace(last.citations, site=site, made=last.citations.made)
    renderer.in_articles = {place: replace(made, site=site)
                            for place, made in last.in_articles.items()}
    memory.last = renderer
    files = dict(renderer.article(index) for index in indexes)
    files.update(renderer.study(key) for key in studies if key in site.studies)
    if claim_lists or counts:
        files.update(renderer.site_pages((CLAIM_LISTS if claim_lists else ())
                                         + (UNCITED_COUNTS if counts else ())))
        files.update(renderer.publication_pages())  # topic pages list and count claims too
    if claim_lists:
        files["claims.json"] = b"".join(_json(views.claims_json(site)))
    return files


def render_site(site: Site, overrides: Mapping[str, str], style: CitationStyle,
                cache_dir: Path | None = None, references: ReferenceCache | None = None,
                memory: PageMemory | None = None) -> dict[str, bytes]:
    """Every output file of SPEC §5 but the search index, as bytes by relative path."""
    files = render_files(site, overrides, style, cache_dir, references, memory)
    return {path: bytes(data) if isinstance(data, bytes | bytearray) else b"".join(data)
            for path, data in sorted(files)}


def render_files(site: Site, overrides: Mapping[str, str], style: CitationStyle,
                 cache_dir: Path | None = None, references: ReferenceCache | None = None,
                 memory: PageMemory | None = None) -> Iterator[tuple[str, Output]]:
    """The output files one by one, so a large site never sits in memory whole.
    Compiled templates are kept in `cache_dir` when one is given; formatted references
    in `references`; rendered pages in `memory` (`serve`), for the next build."""
    references = references if references is not None else ReferenceCache()
    renderer = SiteRenderer(site, overrides, style, cache_dir, references, memory)
    if memory is not None:
        memory.last = renderer
    yield from parallel_imap(renderer.article, range(len(site.pages)))
    yield from parallel_imap(renderer.study, sorted(site.studies))
    made = []
    for path, data in chain(renderer.streamed_site_pages(), renderer.publication_pages()):
        made.append(path)
        yield path, data
    if memory is not None:
        for stale in memory.pages.keys() - renderer.used:
            del memory.pages[stale]
    env, common = renderer.env, renderer.common
    paths = [f"{p.slug}/index.html" for p in site.pages]
    paths += [f"studies/{study_slug(key)}/index.html" for key in site.studies]
    paths += [path for path in made if path.endswith("index.html")]
    yield "sitemap.xml", env.get_template("sitemap.xml").render(
        site=common, paths=sorted(paths)).encode()
    yield "feed.xml", env.get_template("feed.xml").render(
        site=common, entries=views.feed(site)).encode()
    yield "claims.json", _json(views.claims_json(site))
    studies = list(site.studies.values())
    yield "references.json", _json(csl_json(studies, references))
    yield "references/references.bib", export.bibtex_text(studies).encode()
    yield "references/references.ris", export.ris_text(studies, references).encode()
    yield from theme_assets().items()


def _encoded(pieces: Iterator[str], size: int = 1 << 16) -> Iterator[bytes]:
    """Rendered text as UTF-8, in chunks of about `size` characters."""
    chunk: list[str] = []
    length = 0
    for piece in pieces:
        chunk.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(chunk).encode("utf-8")
            chunk, length = [], 0
    yield "".join(chunk).encode("utf-8")


def reference_jobs(site: Site) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """What `Bibliography.prepare` formats for a site: the citation order, the pages'
    "Cite this page" items and the keys cited in text (also `references.prefetch`'s)."""
    return (_citation_order(site), [views.page_csl(site, page) for page in site.pages],
            _in_text(site))


def _citation_order(site: Site) -> list[str]:
    return sorted(site.numbers, key=site.numbers.__getitem__)


def _in_text(site: Site) -> list[str]:
    """The keys of narrative (`@key`) and author-suppressed (`[-@key]`) citations, whose
    labels are also formatted in their two parts."""
    return sorted({c.key for page in site.pages for group in page.groups for c in group
                   if c.mode})


def _json(items: Iterable[Any]) -> Iterator[bytes]:
    """A JSON list with one item per line, in chunks: readable and diffable, written by the
    C encoder (an indented dump falls back to a pure-Python one, 10x slower), and never
    whole in memory (a 10,000-page site's claims.json is over 100 MB)."""
    yield b"["
    for n, item in enumerate(items):
        yield (b"\n" if n == 0 else b",\n") + json.dumps(item, ensure_ascii=False).encode()
    yield b"\n]\n"
