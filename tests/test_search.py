"""The search index: what Pagefind is given, and a build that fails when it fails."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from k2site.files import search_index
from support import copy_site, need, run

SECOND = Path(__file__).parent / "sites" / "second"


def _pagefind() -> None:
    need(search_index.executable() is not None,
         "Pagefind is not installed (pip install 'pagefind[bin]')")


def _indexed_pages(out: Path) -> int:
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_articles_and_studies_are_indexed_once_each(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
    articles = [p for p in out.glob("*/index.html") if b"data-pagefind-body" in p.read_bytes()]
    studies = list((out / "studies").glob("*/index.html"))
    assert articles and studies
    assert _indexed_pages(out) == len(articles) + len(studies)
    # an article's reference list is left to the study pages
    article = articles[0].read_text()
    assert '<section class="page-references" aria-labelledby="page-refs" data-pagefind-ignore>' \
        in article or 'class="page-references"' not in article


def test_a_page_marked_beyond_those_expected_is_indexed_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a site's own template marks its home page for search: Pagefind, started when the
    # articles and studies had gone by, starts again with the home page in
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "home.html").write_text(
        '{% extends "base.html" %}{% block main %}<main data-pagefind-body>'
        "<h1>Home of the fish oil notes</h1></main>{% endblock %}\n")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
    studies = len(list((out / "studies").glob("*/index.html")))
    articles = len([p for p in out.glob("*/index.html")
                    if b"data-pagefind-body" in p.read_bytes()])
    assert _indexed_pages(out) == articles + studies + 1


def test_a_failing_pagefind_fails_the_build_and_keeps_the_old_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out), "--no-search"], capsys)[0] == 0
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    failing = [sys.executable, "-c", "import sys; sys.exit('out of words')"]
    monkeypatch.setattr(search_index, "_command", lambda *args: failing)
    code, _, err = run(["build", str(site), "-o", str(out)], capsys)
    assert code == 1
    assert "(search index):0:0: error: Pagefind failed: out of words [search]" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert not list(out.parent.glob(".k2site-search-*")), "the pages' scratch copy was left"
    assert not list(out.parent.glob(".out.new-*"))


def test_no_marked_page_means_no_bundle(tmp_path: Path) -> None:
    _pagefind()
    with search_index.Indexer("en", tmp_path / "cache", expected=2) as indexer:
        files = list(indexer.watch([("a/index.html", b"<html><body>plain</body></html>")]))
        indexer.finish(tmp_path)
    assert files == [("a/index.html", b"<html><body>plain</body></html>")]
    assert not (tmp_path / "pagefind").exists()


def test_a_static_page_marked_for_search_is_indexed_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Pagefind then starts once the static files are copied, not while the site's own
    # pages are still being written, so what it finds does not depend on timing
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    (site / "static" / "about").mkdir(parents=True)
    (site / "static" / "about" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>About</title></head><body>'
        "<main data-pagefind-body><h1>About the fish oil notes</h1></main></body></html>\n")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
    marked = [p for p in out.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    assert out / "about" / "index.html" in marked
    assert _indexed_pages(out) == len(marked)


def test_the_bundle_is_the_same_from_the_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    bundles = []
    for out in (tmp_path / "one", tmp_path / "two"):
        assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
        bundles.append({p.relative_to(out).as_posix(): p.read_bytes()
                        for p in sorted((out / "pagefind").rglob("*")) if p.is_file()})
    assert bundles[0] and bundles[0] == bundles[1]
