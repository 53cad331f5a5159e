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
    """The pages indexed by the bundle in `out/pagefind`, or in `out` if it is a bundle."""
    bundle = out if (out / "pagefind-entry.json").is_file() else out / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
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


def _static_page(site: Path, folder: str, heading: str) -> None:
    """A page of the site's own in static/FOLDER, marked for search."""
    (site / "static" / folder).mkdir(parents=True)
    (site / "static" / folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><title>{heading}</title></head><body>'
        f"<main data-pagefind-body><h1>{heading}</h1></main></body></html>\n")


def test_a_static_page_marked_for_search_is_indexed_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Pagefind then starts once the static files are copied, not while the site's own
    # pages are still being written, so what it finds does not depend on timing
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    _static_page(site, "about", "About the fish oil notes")
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


def test_a_large_site_is_indexed_in_parts_of_bounded_size() -> None:
    # measured: a Pagefind run holds ~0.6 MB per article, ~36 KB per study page
    assert search_index.index_parts(1, 65) == 1  # the K2 site: one bundle, as always
    assert search_index.index_parts(600, 0) == 1
    assert search_index.index_parts(601, 0) == 2
    assert search_index.index_parts(1000, 2000) == 2
    assert search_index.index_parts(10000, 10000) == 18
    assert search_index.part_bundles(1) == []
    assert search_index.part_bundles(3) == ["pagefind/part2/", "pagefind/part3/"]


def test_parts_share_the_pages_out_without_overlap() -> None:
    paths = sorted([f"page-{n:03}/index.html" for n in range(7)]
                   + ["studies/a/index.html", "about me/index.html", "about-me/index.html",
                      "x[1]/index.html"])
    groups = search_index.partition(paths, 3)
    assert len(groups) == 3 and all(groups)
    flat = [path for group in groups for path in group]
    assert sorted(flat) == paths and len(set(flat)) == len(flat)
    # the glob spells "about me" as "about?me", which matches "about-me" too: both go to
    # the first part, with the other path the glob cannot spell as it is
    assert {"about me/index.html", "about-me/index.html", "x[1]/index.html"} <= set(groups[0])
    assert search_index.partition(["a/index.html"], 3) == [["a/index.html"]]


def test_each_page_is_indexed_in_exactly_one_part(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _pagefind()
    monkeypatch.setattr(search_index, "ARTICLES_PER_PART", 1)
    site = copy_site(SECOND, tmp_path / "site")
    # a page whose name the glob cannot spell as it is, marked by the site's own file
    _static_page(site, "odd (1)", "An oddly named page")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
    marked = [p for p in out.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    bundles = [out / "pagefind", out / "pagefind" / "part2", out / "pagefind" / "part3"]
    assert sorted(p for p in (out / "pagefind").glob("part*")) == bundles[1:]
    counts = [_indexed_pages(bundle) for bundle in bundles]
    assert all(counts) and sum(counts) == len(marked)
    search = (out / "search" / "index.html").read_text()
    assert '<script type="application/json" id="k2-search-parts">' \
        '["pagefind/part2/", "pagefind/part3/"]</script>' in search


def test_a_small_site_has_one_bundle_and_no_parts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pagefind()
    site = copy_site(SECOND, tmp_path / "site")
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out)], capsys)[0] == 0
    assert not list((out / "pagefind").glob("part*"))
    assert "k2-search-parts" not in (out / "search" / "index.html").read_text()


def test_serve_makes_the_parts_as_build_does(tmp_path: Path) -> None:
    _pagefind()
    page = ('<html lang="en"><body><main data-pagefind-body><h1>{}</h1>'
            "<p>words about fish</p></main></body></html>")
    pages = {f"p{n}/index.html": page.format(f"Page {n}").encode() for n in range(4)}
    bundle = search_index.bundle_of(pages, "en", parts=2)
    entries = [json.loads(bundle[f"{folder}pagefind-entry.json"])
               for folder in ("pagefind/", "pagefind/part2/")]
    assert [sum(lang["page_count"] for lang in entry["languages"].values())
            for entry in entries] == [2, 2]


@pytest.mark.parametrize("cut", [0, 3, len(search_index.MARK) - 1, 40])
def test_a_page_written_in_chunks_is_read_for_the_mark_even_across_two(cut: int) -> None:
    page = b"<main " + search_index.MARK + b"><p>fish</p></main>"
    at = page.index(search_index.MARK) + cut
    for chunks in ([page[:at], page[at:]], [page[:at], b"", b"x"[:0], page[at:]],
                   [bytes([c]) for c in page]):
        scan = search_index._Scan(iter(chunks))
        assert b"".join(scan.chunks()) == page
        assert scan.marked and scan.size == len(page)
    unmarked = search_index._Scan(iter([b"<main data-pagefind", b"-ignore>"]))
    assert b"".join(unmarked.chunks()) and not unmarked.marked
