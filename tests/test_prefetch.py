"""Render stage: a small site's references formatted in a forked process while the build
lints (`references.prefetch`), and what rendering then finds in its cache."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from k2site.files.cache import site_cache
from k2site.pipeline.run import Result, build, check
from k2site.references.bibliography import Bibliography, ReferenceCache
from k2site.references.prefetch import Prefetch
from k2site.render.renderer import reference_jobs
from support import REPO, copy_site

SITE = REPO / "tests" / "sites" / "publication"


@pytest.fixture()
def checked(monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv("K2SITE_JOBS", "2")  # the prefetch forks only with two cores
    result = check(SITE, cache=False)
    assert result.site is not None and result.style is not None
    return result


def formatted(result: Result, cache: ReferenceCache) -> tuple[dict[str, str], list[str]]:
    """The entries and "Cite this page" items, as the renderer asks for them."""
    assert result.site is not None and result.style is not None
    order, items, in_text = reference_jobs(result.site)
    bibliography = Bibliography(list(result.site.studies.values()), result.style, cache)
    bibliography.prepare(order, items, in_text)
    return bibliography.entries(order), [bibliography.format_item(item) for item in items]


def test_rendering_finds_every_reference_the_prefetch_formatted(
        checked: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    assert checked.site is not None and checked.style is not None
    expected = formatted(checked, ReferenceCache())
    prefetch, cache = Prefetch(None), ReferenceCache()
    prefetch.start(checked.site, checked.style, reference_jobs)
    prefetch.join(cache)
    assert cache.entries

    def render(self: Any, jobs: Any) -> list[str]:
        raise AssertionError(f"formatted again: {jobs}")

    monkeypatch.setattr(Bibliography, "_render", render)
    assert formatted(checked, cache) == expected


def test_a_warm_build_does_not_fork(checked: Result, tmp_path: Path) -> None:
    assert checked.site is not None and checked.style is not None
    (tmp_path / "csl.pickle").write_bytes(b"")
    prefetch, cache = Prefetch(tmp_path), ReferenceCache()
    prefetch.start(checked.site, checked.style, reference_jobs)
    prefetch.join(cache)
    assert cache.entries == {}


def test_a_failed_prefetch_leaves_the_work_to_rendering(checked: Result) -> None:
    assert checked.site is not None and checked.style is not None

    def broken(site: Any) -> Any:
        raise ValueError("no jobs")

    prefetch, cache = Prefetch(None), ReferenceCache()
    prefetch.start(checked.site, checked.style, broken)
    prefetch.join(cache)
    assert cache.entries == {}
    assert formatted(checked, cache) == formatted(checked, ReferenceCache())


def test_a_build_that_stops_ends_the_process(checked: Result) -> None:
    assert checked.site is not None and checked.style is not None
    prefetch = Prefetch(None)
    prefetch.start(checked.site, checked.style, reference_jobs)
    assert prefetch._child is not None
    child, _ = prefetch._child
    prefetch.join(None)
    with pytest.raises(ChildProcessError):  # ended and reaped
        os.waitpid(child, 0)


def test_the_results_arrive_when_rendering_first_reads_the_cache(checked: Result) -> None:
    assert checked.site is not None and checked.style is not None
    prefetch, cache = Prefetch(None), ReferenceCache()
    prefetch.start(checked.site, checked.style, reference_jobs)
    prefetch.hand_over(cache)
    assert cache.entries == {}  # not waited for yet: the build compiles its templates
    order, items, in_text = reference_jobs(checked.site)
    Bibliography(list(checked.site.studies.values()), checked.style, cache).entries(order)
    assert len(cache.entries) > len(order) and prefetch._child is None


def test_a_build_leaves_a_cache_that_makes_the_next_one_warm(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("K2SITE_CACHE_DIR", str(tmp_path / "cache"))
    site = copy_site(SITE, tmp_path / "site")
    assert Prefetch(site_cache(site))._cold
    build(site, tmp_path / "out", search_index=False)
    assert not Prefetch(site_cache(site))._cold  # the formatted references' cache file
