"""The parse cache and the worker processes never change what a build writes."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from k2site.files import cache, search_index
from k2site.files.cache import Cache
from k2site.pipeline import workers
from support import copy_site, need, run

SECOND = Path(__file__).parent / "sites" / "second"


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _kept(site: Path) -> Path:
    """The site's folder in the user's cache (the tests' own, see conftest)."""
    folder = cache.site_cache(site)
    assert folder is not None
    return folder


def _build(site: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    assert run(["build", str(site), "-o", str(out), "--no-search", *extra], capsys)[0] == 0


def test_cold_warm_and_parallel_builds_are_byte_identical(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    _build(site, tmp_path / "cold", capsys)
    assert (_kept(site) / "pages.pickle").is_file()
    assert not (site / ".k2site-cache").exists()
    _build(site, tmp_path / "warm", capsys)
    monkeypatch.setattr(workers, "MIN_ITEMS", 2)
    monkeypatch.setenv("K2SITE_JOBS", "2")
    # nothing cached: pages, references and wording checks all go to the workers
    shutil.rmtree(_kept(site))
    _build(site, tmp_path / "parallel", capsys)
    cold = _files(tmp_path / "cold")
    assert _files(tmp_path / "warm") == cold
    assert _files(tmp_path / "parallel") == cold


def test_an_edited_page_misses_the_cache(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    _build(site, tmp_path / "one", capsys)
    page = site / "content" / "basics.md"
    page.write_text(page.read_text().replace("oily fish", "oily fish and algae"))
    _build(site, tmp_path / "two", capsys)
    assert "oily fish and algae" in (tmp_path / "two" / "basics" / "index.html").read_text()


def test_a_corrupt_cache_is_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    _kept(site).mkdir(parents=True)
    (_kept(site) / "pages.pickle").write_bytes(b"not a pickle")
    _build(site, tmp_path / "out", capsys)
    assert (tmp_path / "out" / "basics" / "index.html").is_file()


def test_cache_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    store = Cache(tmp_path, "kind")
    store.put("a", 1)
    store.put("b", 2)
    store.save()
    again = Cache(tmp_path, "kind")
    assert again.get("a") == 1
    again.save()
    assert Cache(tmp_path, "kind").old == {"a": 1}


def test_keys_depend_on_every_part() -> None:
    assert cache.key("page", "a.md", "x") != cache.key("page", "a.md", "y")
    assert cache.key("page", "a.md", "x") != cache.key("page", "b.md", "x")
    assert cache.key("page", "a.md", "x") == cache.key("page", "a.md", "x")


def test_parallel_map_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 2)
    monkeypatch.setenv("K2SITE_JOBS", "2")
    assert workers.parallel_map(abs, list(range(-50, 50))) == [abs(i) for i in range(-50, 50)]


def test_parallel_map_uses_processes_but_not_beside_threads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 2)
    monkeypatch.setenv("K2SITE_JOBS", "2")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    pids = set(workers.parallel_map(_pid, list(range(40))))
    assert pids and os.getpid() not in pids
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert set(workers.parallel_map(_pid, list(range(40)))) == {os.getpid()}


def _pid(_: int) -> int:
    return os.getpid()


def test_remembered_pages_render_the_same_bytes(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from k2site.pipeline import run

    site = copy_site(SECOND, tmp_path / "site")
    plain = run.render(site).files
    memory = run.Memory.for_serve()
    first = run.render(site, memory=memory).files
    page = site / "content" / "basics.md"
    page.write_text(page.read_text().replace("oily fish", "oily fish and algae"))
    second = run.render(site, memory=memory).files
    assert first == plain
    assert "oily fish and algae" in second["basics/index.html"].decode()
    assert second["fish-oil/index.html"] == first["fish-oil/index.html"]


def test_an_edited_entry_rerenders_only_the_pages_that_show_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from k2site.pipeline import run

    site = copy_site(SECOND, tmp_path / "site")
    rendered: list[str] = []
    original = jinja2.Template.render

    def spy(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        rendered.append(str(kwargs.get("path", self.name)))
        return original(self, *args, **kwargs)

    memory = run.Memory.for_serve()
    run.render(site, memory=memory)
    bib = site / "references" / "other.bib"
    bib.write_text(bib.read_text().replace("Clinical prevention of sudden cardiac death",
                                           "Prevention of sudden cardiac death"))
    monkeypatch.setattr(jinja2.Template, "render", spy)
    run.render(site, memory=memory)
    pages = sorted(p for p in rendered if p.endswith(".html"))
    assert pages == ["fish-oil/index.html", "references/index.html",
                     "studies/leaf2003/index.html"]


def test_a_cache_written_by_other_code_is_dropped(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = Cache(tmp_path, "kind")
    store.put("a", 1)
    store.save()
    assert Cache(tmp_path, "kind").old == {"a": 1}
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    assert Cache(tmp_path, "kind").old == {}


def test_build_reports_progress(tmp_path: Path) -> None:
    from k2site.pipeline import run

    seen: list[tuple[int, int]] = []
    site = copy_site(SECOND, tmp_path / "site")
    result = run.build(site, tmp_path / "out", search_index=False,
                            progress=lambda done, total: seen.append((done, total)))
    assert result.written and seen[-1] == (9, 9)  # 2 articles and 7 study pages
    assert [done for done, _ in seen[:9]] == list(range(1, 10))


def test_the_search_bundle_is_reused_only_for_the_same_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    need(search_index.executable() is not None,
         "Pagefind is not installed (pip install 'pagefind[bin]')")
    site = copy_site(SECOND, tmp_path / "site")
    indexed: list[search_index.Indexer] = []
    real = search_index.Indexer._start
    monkeypatch.setattr(search_index.Indexer, "_start",
                        lambda indexer, *at: (indexed.append(indexer), real(indexer, *at)))

    def build(out: str) -> dict[str, bytes]:
        assert run(["build", str(site), "-o", str(tmp_path / out)], capsys)[0] == 0
        return _files(tmp_path / out)

    first = build("one")
    assert len(indexed) == 1 and any(p.startswith("pagefind/") for p in first)
    assert build("two") == first
    assert len(indexed) == 1, "the same pages were indexed again"
    page = site / "content" / "basics.md"
    page.write_text(page.read_text().replace("oily fish", "oily fish and algae"))
    edited = build("three")
    assert len(indexed) == 2, "an edited page did not reach the search index"
    assert {p for p in edited if p.startswith("pagefind/")} != {
        p for p in first if p.startswith("pagefind/")}
