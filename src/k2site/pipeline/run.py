"""The pipeline: load -> parse -> resolve -> lint -> render -> write.

The only module that knows every stage. `check` is the pipeline without render and
write; `render` is all of it but write; `build` is all of it; `serve` calls `render`
from a watch loop and serves the files from memory. What a run keeps for the next one
in the same process is a `Memory` the caller owns (`serve` does); no module keeps any.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from k2site.diagnostics import Diagnostic, error, failed
from k2site.files.cache import Cache, key, site_cache
from k2site.files.folders import PAGES
from k2site.files.load import SiteSource, SourceBytes, SourceText, listed, load_site, static_files
from k2site.files.output import (
    Output,
    StaticCollision,
    UnsafeOutputPath,
    output_refusal,
    static_collisions,
    write_site,
)
from k2site.files.search_index import Indexer, SearchIndexError, executable, index_parts
from k2site.files.styles import CitationStyle, StyleError, load_style
from k2site.lint import review, rules
from k2site.model.document import Page, Person, SiteConfig, Study
from k2site.model.notices import Notice
from k2site.model.publication import missing_indexes
from k2site.model.site import Site, resolve, with_flags
from k2site.pipeline.follow_ons import without_follow_ons
from k2site.pipeline.workers import parallel_map
from k2site.references.bibliography import ReferenceCache
from k2site.references.bibtex import BibSource, merge_files, parse_file
from k2site.references.prefetch import Prefetch
from k2site.references.retractions import snapshot_notices, with_snapshot
from k2site.render.renderer import PageMemory, reference_jobs, render_files, render_site
from k2site.render.templates import TEMPLATE_ERRORS, template_diagnostic

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
    style: CitationStyle | None = None
    """The citation style `site.yaml` names, read from the site folder or the bundle."""


@dataclass
class Memory:
    """What runs in one process hand on to the next: `serve` owns one for all its
    rebuilds; a one-off `check` or `build` makes its own and drops it."""

    references: ReferenceCache = field(default_factory=ReferenceCache)
    """Formatted references and CSL-JSON, filled from the disk cache on each run."""
    pages: PageMemory | None = None
    """Rendered pages and the last renderer, for rebuilds that render only what changed;
    None when pages are not kept (a one-off build would hold every page for nothing)."""

    @classmethod
    def for_serve(cls) -> Memory:
        return cls(pages=PageMemory())


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build makes millions of small objects that live until it ends, and few cycles:
    the collector, run every 700 allocations, mostly walks them in vain. What is loaded
    so far (modules, compiled patterns) is frozen out of its reach, and it runs 70 times
    less often; both are undone afterwards, for `serve`'s next rebuild."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def check(root: Path, drafts: bool = False, cache: bool = True,
          prefetch: Prefetch | None = None) -> Result:
    """Load, parse, resolve and lint; write nothing in the site. Parse results are kept in
    the user's cache folder (`cache.site_cache`). A build's `prefetch` starts formatting
    references once the site is resolved."""
    with _fewer_collections():
        return _check(root, drafts, cache, prefetch)


def _check(root: Path, drafts: bool, cache: bool, prefetch: Prefetch | None) -> Result:
    source, problems = load_site(root)
    cache_dir = site_cache(root) if cache else None
    result = Result(problems, sources=_texts(source), source=source)
    if source.config is None:
        return result
    [(config, more)] = _cached(cache_dir, "config", _parse_config, [source.config])
    result.diagnostics += more
    studies, more = merge_files(_cached(cache_dir, "bib", _parse_bib, source.bibs))
    result.diagnostics += more
    if source.retractions is not None:
        notices, more = _snapshot(cache_dir, source.retractions, studies)
        result.diagnostics += more
        studies = with_snapshot(studies, notices)
    pages = []
    for page, more in _cached(cache_dir, "pages", parse_page, source.pages):
        result.diagnostics += more
        pages += [page] if page is not None else []
    people, more = _parse_people(source.people)
    result.diagnostics += more
    people_read = not failed(more, False)
    today, more = review_date()
    result.diagnostics += more
    if config is None:
        return result
    result.style, more = _citation_style(root, config, source.config)
    result.diagnostics += more
    site, more = resolve(config, pages, studies, drafts, people, today)
    if prefetch is not None and result.style is not None:
        prefetch.start(site, result.style, reference_jobs)  # while linting
    paths = [p.relative_to(root).as_posix() for p in listed(root, PAGES)]
    more += missing_indexes(paths)
    all_read = len(pages) == len(source.pages) == len(paths)
    if not all_read:
        # a page that failed to parse may cite any entry: "never cited" would mislead
        more = [d for d in more if d.rule != "unused-reference"]
    # nor, with a page or person unread, would "never named" or "not in people.yaml"
    result.diagnostics += more + review.check_review(site, pages, source.people is not None,
                                                     all_read and people_read)
    store = Cache(cache_dir, "lint")
    findings = rules.lint_site(site, source, store)
    store.save()
    result.diagnostics += findings.diagnostics
    result.diagnostics = without_follow_ons(result.diagnostics, pages, studies,
                                            (t.text for t in source.bibs))
    result.site = with_flags(site, findings.flags, findings.uncited)
    return result


def review_date() -> tuple[dt.date, list[Diagnostic]]:
    """The day review dates are judged against: SOURCE_DATE_EPOCH (seconds since 1970,
    UTC) when set, as reproducible-builds.org asks, so that two builds of the same input
    stay identical whatever the day; else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.date.today(), []
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date(), []
    except (ValueError, OverflowError, OSError):
        return dt.date.today(), [error("(environment)", 0, 0, "source-date-epoch",
                                       f"SOURCE_DATE_EPOCH is '{epoch}', not a whole number"
                                       " of seconds since 1970-01-01")]


def render(root: Path, strict: bool = False, drafts: bool = False,
           memory: Memory | None = None) -> Result:
    """The pipeline without write: the output files in memory (`serve` keeps them there),
    all but the search index, which only `build` makes."""
    result = check(root, drafts)
    if result.site is None or result.source is None or result.style is None \
            or failed(result.diagnostics, strict):
        return result
    memory = memory if memory is not None else Memory()
    site, templates, style = result.site, result.source.templates, result.style
    with _rendering(root, result, memory), _fewer_collections():
        result.files = render_site(site, templates, style, site_cache(root),
                                   memory.references, memory.pages)
    static = static_files(result.source)
    if collisions := static_collisions(result.files, static, site.config.static_overrides):
        result.diagnostics += collisions
        result.files = {}
    return result


Progress = Callable[[int, int], None]
"""Told (files written so far, files expected) as a build writes."""


def build(root: Path, out: Path, strict: bool = False, drafts: bool = False,
          search_index: bool = True, progress: Progress | None = None) -> Result:
    """The whole pipeline; the output folder changes only when the build succeeds.
    Pages stream from render to the staged output, then Pagefind indexes that folder.
    `out` is replaced only when it is missing, empty or an earlier build's output
    (`files.output.output_refusal`); anything else fails before any work is done."""
    if (refusal := output_refusal(out, root)) is not None:
        return Result([error(str(out), 0, 0, "output-folder", refusal)])
    prefetch = Prefetch(site_cache(root))
    try:
        result = check(root, drafts, prefetch=prefetch)
    except BaseException:
        prefetch.join(None)
        raise
    if result.site is None or result.source is None or result.style is None \
            or failed(result.diagnostics, strict):
        prefetch.join(None)
        return result
    site, templates, style, memory = result.site, result.source.templates, result.style, Memory()
    # The input texts are only needed to quote lines in diagnostics, which are all known
    # by now; a large site's texts are hundreds of MB that rendering does not need.
    result.sources = {}
    result.source = replace(result.source, pages=(), bibs=(), retractions=None)

    with _rendering(root, result, memory), ExitStack() as stack, _fewer_collections():
        prefetch.hand_over(memory.references)  # joined when rendering first reads it
        stack.callback(prefetch.join, None)  # or ended, if it never does
        files = render_files(site, templates, style, site_cache(root), memory.references)
        static = static_files(result.source)
        finish = begin = stop = None
        if search_index and executable() is not None:
            # Pagefind indexes the staged output while the rest is written, unless a
            # static file copied at the end is a page it could index
            indexer = stack.enter_context(Indexer(
                site.config.language, site_cache(root), len(site.pages) + len(site.studies),
                [path for path in static if path.endswith(".html")],
                index_parts(len(site.pages), len(site.studies))))
            files, finish, begin = indexer.watch(files), indexer.finish, indexer.begin
            stop = indexer.close  # Pagefind writes into the staged folder
        if progress is not None:
            files = _counted(files, len(site.pages) + len(site.studies), progress)
        try:
            result.written = write_site(out, files, static, finish,
                                        site.config.static_overrides, begin, stop)
        except OSError as exc:  # a read-only or full disk: the old output stays
            result.diagnostics.append(error(str(out), 0, 0, "output-folder",
                                            f"cannot write the output: {exc.strerror or exc}"))
        except UnsafeOutputPath as exc:  # the last guard: bibtex and slugs keep paths safe
            result.diagnostics.append(error(str(out), 0, 0, "unsafe-path", str(exc)))
        except StaticCollision as exc:
            result.diagnostics += exc.diagnostics
    return result


def _counted(files: Iterator[tuple[str, Output]], expected: int,
             progress: Progress) -> Iterator[tuple[str, Output]]:
    for count, item in enumerate(files, 1):
        progress(min(count, expected), expected)
        yield item


@contextmanager
def _rendering(root: Path, result: Result, memory: Memory) -> Iterator[None]:
    """Around rendering: the formatted-reference cache, and a broken template or a failed
    search index turned into a diagnostic on `result` instead of an exception."""
    templates = result.source.templates if result.source else {}
    try:
        with _reference_cache(site_cache(root), memory.references):
            yield
    except TEMPLATE_ERRORS as exc:
        result.diagnostics.append(template_diagnostic(exc, templates))
    except SearchIndexError as exc:
        result.diagnostics.append(error("(search index)", 0, 0, "search",
                                        f"Pagefind failed: {exc}"))


@contextmanager
def _reference_cache(folder: Path | None, references: ReferenceCache) -> Iterator[None]:
    """Formatted references from earlier builds in, the ones this build used out."""
    store = Cache(folder, "csl")
    references.entries.update(store.old)
    references.used = set()
    yield
    for digest, text in references.kept().items():
        store.put(digest, text)
    store.save()


def _snapshot(folder: Path | None, snapshot: SourceBytes, studies: Mapping[str, Study]
              ) -> tuple[dict[str, tuple[Notice, ...]], list[Diagnostic]]:
    """The snapshot's notices about the store, kept between builds under a digest of the
    file and of the store's DOIs and PMIDs: a snapshot is tens of megabytes."""
    ids = "\n".join(f"{k} {s.get('doi')} {s.get('pmid')}" for k, s in sorted(studies.items()))
    store = Cache(folder, "retractions")
    cache_key = key("retractions", snapshot.path, hashlib.sha256(snapshot.data).hexdigest(), ids)
    found = store.get(cache_key)
    if found is None:
        # Crossref notes that the daily file has stray bytes that are not UTF-8; the columns
        # k2site reads (DOIs, PMIDs, dates, kinds of notice) are ASCII, so decode leniently.
        found = snapshot_notices(snapshot.path, snapshot.data.decode("utf-8", "replace"),
                                 studies)
        store.put(cache_key, found)
    store.save()
    return found


def _citation_style(root: Path, config: SiteConfig, text: SourceText
                    ) -> tuple[CitationStyle | None, list[Diagnostic]]:
    """The style `citation_style` names, or an error at its value in `site.yaml`."""
    try:
        return load_style(config.citation_style, root), []
    except StyleError as exc:
        from k2site.content.front_matter import value_position

        line, col = value_position(text.text, "citation_style")
        return None, [error(text.path, line, col, exc.rule, str(exc))]


def parse_page(text: SourceText) -> tuple[Page | None, list[Diagnostic]]:
    from k2site.content.page import parse_page  # markdown-it loads only when a page changed

    return parse_page(text.path, text.text)


def _parse_config(text: SourceText) -> tuple[SiteConfig | None, list[Diagnostic]]:
    from k2site.content.front_matter import site_config  # PyYAML loads only when site.yaml changed

    return site_config(text.path, text.text)


def _parse_people(text: SourceText | None) -> tuple[dict[str, Person], list[Diagnostic]]:
    from k2site.content.people import parse_people  # PyYAML loads only when there are people

    return parse_people(text.path, text.text) if text is not None else ({}, [])


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
    if source.people is not None:
        texts[source.people.path] = source.people.text
    if source.config is not None:
        texts[source.config.path] = source.config.text
    return texts

