"""The pipeline: load -> parse -> resolve -> lint -> render -> write.

The only module that knows every stage. `check` is the pipeline without render and
write; `render` is all of it but write; `build` is all of it; `serve` calls `render`
from a watch loop and serves the files from memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from jinja2 import TemplateError

from k2site.diagnostics import Diagnostic, error, failed
from k2site.files.cache import FOLDER, Cache, key
from k2site.files.folders import PAGES
from k2site.files.load import SiteSource, SourceText, listed, load_site, read_text, static_files
from k2site.files.output import Output, output_refusal, write_site
from k2site.files.search_index import Indexer, SearchIndexError, executable
from k2site.lint import rules
from k2site.model.document import Page, SiteConfig, Study
from k2site.model.site import Site, resolve, with_flags
from k2site.pipeline.follow_ons import without_follow_ons
from k2site.pipeline.workers import parallel_map
from k2site.references import bibliography
from k2site.references.bibtex import BibSource, merge_files, parse_file
from k2site.render.renderer import render_files, render_site, rerender_pages
from k2site.render.templates import template_diagnostic

T = TypeVar("T")


@dataclass
class Result:
    """What one run of the pipeline produced."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    site: Site | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Text of each input file by path, for excerpts under diagnostics."""
    source: SiteSource | None = None
    written: int = 0
    """How many files `build` wrote; 0 when it wrote nothing."""
    rendered: frozenset[str] | None = None
    """The only files that may differ from the run before, when the run knows (`rerender`)."""


def check(root: Path, drafts: bool = False, cache: bool = True) -> Result:
    """Load, parse, resolve and lint; write nothing. Parse results are cached in the site."""
    source, problems = load_site(root)
    cache_dir = root / FOLDER if cache else None
    result = Result(problems, sources=_texts(source), source=source)
    if source.config is None:
        return result
    [(config, more)] = _cached(cache_dir, "config", _parse_config, [source.config])
    result.diagnostics += more
    studies, more = merge_files(_cached(cache_dir, "bib", _parse_bib, source.bibs))
    result.diagnostics += more
    pages = []
    for page, more in _cached(cache_dir, "pages", _parse_page, source.pages):
        result.diagnostics += more
        pages += [page] if page is not None else []
    if config is None:
        return result
    site, more = resolve(config, pages, studies, drafts)
    if len(pages) < len(source.pages) or len(source.pages) < len(listed(root, PAGES)):
        # a page that failed to parse may cite any entry: "never cited" would mislead
        more = [d for d in more if d.rule != "unused-reference"]
    result.diagnostics += more
    store = Cache(cache_dir, "lint")
    findings = rules.lint_site(site, source, store)
    store.save()
    result.diagnostics += findings.diagnostics
    result.diagnostics = without_follow_ons(result.diagnostics, pages, studies,
                                            (t.text for t in source.bibs))
    result.site = with_flags(site, findings.flags, findings.uncited)
    return result


def render(root: Path, strict: bool = False, drafts: bool = False) -> Result:
    """The pipeline without write: the output files in memory (`serve` keeps them there),
    all but the search index, which only `build` makes."""
    result = check(root, drafts)
    if result.site is None or result.source is None or failed(result.diagnostics, strict):
        return result
    site, templates = result.site, result.source.templates
    with _rendering(root, result):
        result.files = render_site(site, templates, root / FOLDER)
    return result


def rerender(root: Path, previous: Result, changed: Sequence[str]) -> Result | None:
    """`render` after an edit to content pages alone, from the last good `render` in this
    process: only the edited pages are read, parsed, linted and rendered again, with the
    pages that show a claim whose words changed. None when that would not give what
    `render` gives (a changed title, summary, order, citation or claim id; any other
    input; any error); the caller then renders the whole site. `serve` uses it; tests
    check it against `render`.
    It walks the whole site only to find the edited pages and to copy lists, so that an
    edit is served in tens of milliseconds on a site of any size."""
    site, source = previous.site, previous.source
    edited = list(dict.fromkeys(changed))
    if site is None or source is None or not edited or failed(previous.diagnostics, False):
        return None
    # where each edited page sits in the site and in the source texts
    at_page = {p.path: i for i, p in enumerate(site.pages) if p.path in edited}
    at_text = {t.path: i for i, t in enumerate(source.pages) if t.path in edited}
    if len(at_page) < len(edited) or len(at_text) < len(edited):
        return None
    pages, texts, uncited = list(site.pages), list(source.pages), dict(site.uncited)
    flags = dict(site.flags)
    diagnostics = [d for d in previous.diagnostics if d.path not in at_page]
    reworded: set[str] = set()  # keys cited by a claim whose words changed
    for path in edited:
        file, old = root / path, site.pages[at_page[path]]
        text, problems = read_text(root, file) if file.is_file() else (None, [])
        page, more = _parse_page(text) if text is not None else (None, [])
        if text is None or page is None or failed(problems + more, False) \
                or _shown_elsewhere(page) != _shown_elsewhere(old):
            return None
        try:
            notes, flagged, found = rules.lint_page(
                site, page, text.text, source.wording.text if source.wording else None)
        except ValueError:
            return None
        for before, after in zip(old.claims, page.claims, strict=True):
            flags.pop(before.id, None)
            reworded.update(after.keys if after.text != before.text else ())
        flags.update(notes)
        pages[at_page[path]], texts[at_text[path]] = page, text
        uncited.pop(page.slug, None)
        uncited.update({page.slug: flagged} if flagged else {})
        diagnostics += more + found
    claims = {c.id: c for path in edited for c in pages[at_page[path]].claims}
    cited_by = dict(site.cited_by)  # the same claims, reworded or at other lines
    for cited in {k for claim in claims.values() for k in claim.keys}:
        cited_by[cited] = tuple(claims.get(c.id, c) for c in cited_by[cited])
    new_site = replace(site, pages=tuple(pages), uncited=uncited, cited_by=cited_by,
                       flags=flags)
    try:
        rendered = rerender_pages(site, new_site, [at_page[path] for path in edited],
                                  sorted(reworded), claim_lists=bool(reworded))
    except TemplateError:
        return None
    if rendered is None:
        return None
    sources = {**previous.sources, **{t.path: t.text for t in texts if t.path in at_text}}
    return Result(diagnostics, new_site, {**previous.files, **rendered}, sources,
                  replace(source, pages=tuple(texts)), rendered=frozenset(rendered))


def _shown_elsewhere(page: Page) -> tuple[object, ...]:
    """What other pages and the site-wide files show of a page, or what decides their
    numbering and evidence, besides its claims' words: an edit that leaves this alone
    changes the page's own HTML, and where a claim was reworded, the pages of the studies
    it cites and the lists of claims (`render.CLAIM_LISTS`)."""
    return (page.slug, page.title, page.order, page.summary, page.topics, page.reviewed,
            page.draft, tuple(c.key for c in page.citations),
            tuple((c.id, c.keys, c.explicit) for c in page.claims))


Progress = Callable[[int, int], None]
"""Told (files written so far, files expected) as a build writes."""


def build(root: Path, out: Path, strict: bool = False, drafts: bool = False,
          search_index: bool = True, progress: Progress | None = None) -> Result:
    """The whole pipeline; the output folder changes only when the build succeeds.
    Pages stream from render to the staged output, then Pagefind indexes that folder.
    `out` is replaced only when it is missing, empty or an earlier build's output
    (`write.output_refusal`); anything else fails before any work is done."""
    if (refusal := output_refusal(out, root)) is not None:
        return Result([error(str(out), 0, 0, "output-folder", refusal)])
    result = check(root, drafts)
    if result.site is None or result.source is None or failed(result.diagnostics, strict):
        return result
    site, templates = result.site, result.source.templates
    # The input texts are only needed to quote lines in diagnostics, which are all known
    # by now; a large site's texts are hundreds of MB that rendering does not need.
    result.sources = {}
    result.source = replace(result.source, pages=(), bibs=())

    with _rendering(root, result), ExitStack() as stack:
        files = render_files(site, templates, root / FOLDER)
        finish = None
        if search_index and executable() is not None:
            indexer = stack.enter_context(
                Indexer(site.config.language, root / FOLDER,
                        len(site.pages) + len(site.studies), out.resolve().parent))
            files, finish = indexer.watch(files), indexer.finish
        if progress is not None:
            files = _counted(files, len(site.pages) + len(site.studies), progress)
        try:
            result.written = write_site(out, files, static_files(result.source), finish)
        except OSError as exc:  # a read-only or full disk: the old output stays
            result.diagnostics.append(error(str(out), 0, 0, "output-folder",
                                            f"cannot write the output: {exc.strerror or exc}"))
    return result


def _counted(files: Iterator[tuple[str, Output]], expected: int,
             progress: Progress) -> Iterator[tuple[str, Output]]:
    for count, item in enumerate(files, 1):
        progress(min(count, expected), expected)
        yield item


@contextmanager
def _rendering(root: Path, result: Result) -> Iterator[None]:
    """Around rendering: the formatted-reference cache, and a broken template or a failed
    search index turned into a diagnostic on `result` instead of an exception."""
    templates = result.source.templates if result.source else {}
    try:
        with _csl_cache(root / FOLDER):
            yield
    except TemplateError as exc:
        result.diagnostics.append(template_diagnostic(exc, templates))
    except SearchIndexError as exc:
        result.diagnostics.append(error("(search index)", 0, 0, "search",
                                        f"Pagefind failed: {exc}"))


@contextmanager
def _csl_cache(folder: Path) -> Iterator[None]:
    """Formatted references from earlier builds in, the ones this build used out."""
    store = Cache(folder, "csl")
    bibliography.ENTRY_CACHE.update(store.old)
    bibliography.USED.clear()
    yield
    for digest in bibliography.USED:
        if digest in bibliography.ENTRY_CACHE:
            store.put(digest, bibliography.ENTRY_CACHE[digest])
    store.save()


def _parse_page(text: SourceText) -> tuple[Page | None, list[Diagnostic]]:
    from k2site.content.page import parse_page  # markdown-it loads only when a page changed

    return parse_page(text.path, text.text)


def _parse_config(text: SourceText) -> tuple[SiteConfig | None, list[Diagnostic]]:
    from k2site.content.front_matter import site_config  # PyYAML loads only when site.yaml changed

    return site_config(text.path, text.text)


def _parse_bib(text: SourceText) -> tuple[list[Study], list[Diagnostic]]:
    return parse_file(BibSource(text.path, text.text))


def _cached(folder: Path | None, kind: str, parse: Callable[[SourceText], T],
            texts: Sequence[SourceText]) -> list[T]:
    """`parse` of each text, from the cache where the same text was parsed before."""
    store = Cache(folder, kind)
    keys = [key(kind, t.path, t.text) for t in texts]
    results = [store.get(k) for k in keys]
    missing = [i for i, value in enumerate(results) if value is None]
    for i, value in zip(missing, parallel_map(parse, [texts[i] for i in missing]), strict=True):
        results[i] = value
        store.put(keys[i], value)
    store.save()
    return results  # type: ignore[return-value]


def _texts(source: SiteSource) -> dict[str, str]:
    texts = {t.path: t.text for t in (*source.pages, *source.bibs)}
    if source.config is not None:
        texts[source.config.path] = source.config.text
    return texts

