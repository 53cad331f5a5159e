"""The pages of a publication (SPEC §6) in headless Chromium: tests/sites/publication's
home, an article's opening page, a section, a one-page article, the about page, a topic
and a person. axe-core finds nothing in light and dark mode, at desktop and phone
widths, with the "Cite this page" formats open too; screenshots go to
test-artifacts/screenshots/publication-<page>-<scheme>-<width>.png."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .browser_support import screenshot
from .test_accessibility import WIDTHS, axe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "article": "vitamin-d/",
    "section": "vitamin-d/dosing/",
    "one-page": "walking/",
    "about": "about/",
    "topic": "topics/heart/",
    "person": "people/carla-jensen/",
    "references": "references/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_reports_no_violations(publication_reader_factory: Any, publication_axe_url: str,
                                   name: str, scheme: str) -> None:
    reader = publication_reader_factory(color_scheme=scheme,
                                        viewport={"width": WIDTHS[0], "height": 900})
    reader.goto(PAGES[name])
    page = reader.page
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 740})
        # the reference-manager formats open, so that their boxes are held to the rules too
        page.evaluate("document.querySelectorAll('details.cite-format')"
                      ".forEach(d => d.open = true)")
        violations = axe_violations(page, publication_axe_url)
        if violations:
            found[width] = violations
        screenshot(reader, f"publication-{name}-{scheme}-{width}")
        overflow = page.evaluate("document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
    assert not found, json.dumps(found, indent=1)


def test_a_sections_preview_shows_its_articles_number(publication_reader_factory: Any) -> None:
    reader = publication_reader_factory()
    reader.goto(PAGES["section"])
    cite = reader.page.locator('a.cite[data-key="manson2019d"]').first
    assert cite.inner_text() == "3"
    cite.hover()
    preview = reader.page.locator(".preview")
    preview.wait_for(state="visible")
    assert "Vitamin D supplements and prevention of cancer" in preview.inner_text()


def test_byline_links_lead_to_the_people_and_topics(publication_reader_factory: Any) -> None:
    reader = publication_reader_factory()
    reader.goto(PAGES["section"])
    reader.page.locator(".byline a", has_text="Carla Jensen").click()
    reader.page.wait_for_load_state("load")
    assert reader.page.locator("main h1").inner_text() == "Carla Jensen"
    reader.page.locator("main h3 a", has_text="Walking and daily steps").click()
    reader.page.wait_for_load_state("load")
    reader.page.locator(".byline a", has_text="exercise").click()
    reader.page.wait_for_load_state("load")
    assert reader.page.locator("main h1").inner_text() == "Exercise"


def test_the_cite_formats_open_by_keyboard(publication_reader_factory: Any) -> None:
    reader = publication_reader_factory()
    reader.goto(PAGES["one-page"])
    summary = reader.page.locator("details.cite-format summary", has_text="BibTeX")
    summary.focus()
    reader.page.keyboard.press("Enter")
    code = reader.page.locator("details.cite-format[open] pre")
    code.wait_for(state="visible")
    assert code.inner_text().startswith("@misc{walking,\n  author = {Ben Okafor},")
