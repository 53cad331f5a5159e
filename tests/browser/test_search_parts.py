"""A large site's search index, made in parts and merged in the browser: one search finds
the pages of every part, ranked as on a site indexed whole."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any


def _urls_by_part(build: Path) -> dict[str, set[str]]:
    """The pages each bundle indexed (from its fragments), by bundle folder."""
    bundles = [build / "pagefind", *sorted((build / "pagefind").glob("part*"))]
    found: dict[str, set[str]] = {}
    for bundle in bundles:
        urls = set()
        for fragment in (bundle / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            urls.add(json.loads(data[data.index(b"{"):])["url"])
        found[bundle.relative_to(build).as_posix()] = urls
    return found


def _found(reader: Any, query: str) -> set[str]:
    """The paths of the pages a search on the search page finds."""
    reader.goto("search/?q=" + query.replace(" ", "+"))
    reader.page.locator("#search-status", has_text="found for").wait_for()
    links = reader.page.locator(".search-result h2 a")
    return {"/" + h.split("/", 3)[3] for h in links.evaluate_all("els => els.map(e => e.href)")}


def test_one_search_finds_pages_from_every_part(parts_reader_factory: Any,
                                                parts_build: Path) -> None:
    parts = _urls_by_part(parts_build)
    assert len(parts) == 3 and all(parts.values())
    reader = parts_reader_factory()
    page = reader.page
    hrefs = _found(reader, "fatty acids")
    for bundle, urls in parts.items():
        assert hrefs & urls, f"nothing found from {bundle}: {sorted(hrefs)}"
    # each page once, though every part was searched
    assert page.locator(".search-result").count() == len(hrefs)


def test_a_source_not_identified_still_comes_last(parts_reader_factory: Any,
                                                 parts_build: Path) -> None:
    # "source" is in both articles and in the study whose source was not identified,
    # each page in a part of its own: merged, the study still comes after the articles
    parts = _urls_by_part(parts_build)
    where = {url: bundle for bundle, urls in parts.items() for url in urls}
    assert len({where["/basics/"], where["/fish-oil/"], where["/studies/unknownsource/"]}) == 3
    reader = parts_reader_factory()
    page = reader.page
    reader.goto("search/?q=source")
    page.locator("#search-status", has_text="found for").wait_for()
    titles = page.locator(".search-result h2").all_inner_texts()
    assert titles[-1] == "A leaflet nobody could find", titles
    assert {"What are omega-3 fats?", "Fish oil and heart rhythm"} <= set(titles[:-1]), titles


def test_a_part_that_is_not_there_is_left_out(parts_missing_reader_factory: Any,
                                              parts_build: Path) -> None:
    """The search page lists three parts, and the third was never written: search finds
    the pages of the other two, with no error."""
    parts = _urls_by_part(parts_build)
    reader = parts_missing_reader_factory()
    hrefs = _found(reader, "fatty acids")
    assert hrefs & parts["pagefind"] and hrefs & parts["pagefind/part2"], sorted(hrefs)
    assert not hrefs & (parts["pagefind/part3"] - parts["pagefind"] - parts["pagefind/part2"])
    # the one console line is the browser's own for the missing part's entry file
    assert len(reader.errors) == 1 and "404" in reader.errors[0], reader.errors
    reader.errors.clear()
