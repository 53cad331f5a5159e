"""What readers do, in headless Chromium against the built K2 site.

Every reader fixture also checks, at the end of its test, that the page logged no console
error and asked no other host for anything.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .browser_support import PAGES, Reader

pytestmark = pytest.mark.browser

ARTICLE = PAGES["article"]
PREVIEW = ".preview"


def first_cite(reader: Reader) -> Any:
    return reader.page.locator("a.cite").first


def test_pages_load_clean(reader: Reader) -> None:
    for path in PAGES.values():
        reader.goto(path)
        assert reader.page.locator("main h1").count() == 1, path
    reader.check_clean()


def test_preview_opens_on_hover_and_stays_while_pointer_is_over_it(reader: Reader) -> None:
    reader.goto(ARTICLE)
    cite = first_cite(reader)
    key = cite.get_attribute("data-key")
    cite.hover()
    preview = reader.page.locator(PREVIEW)
    preview.wait_for(state="visible")
    text = preview.inner_text()
    for expected in ("Calcification", "Review", "Study page"):
        assert expected.lower() in text.lower(), text
    assert cite.get_attribute("aria-describedby") == f"preview-{key}"
    # WCAG 1.4.13 hoverable: moving onto the preview keeps it open
    preview.hover()
    reader.page.wait_for_timeout(500)
    assert preview.is_visible()
    # ... and leaving both closes it
    reader.page.mouse.move(5, 5)
    preview.wait_for(state="detached")
    # dismissible without moving the pointer
    cite.hover()
    preview.wait_for(state="visible")
    reader.page.keyboard.press("Escape")
    preview.wait_for(state="detached")


def test_preview_shows_design_participants_and_links(reader: Reader) -> None:
    reader.goto(ARTICLE)
    cite = reader.page.locator('a.cite[data-key="geleijnse2004"]').first
    cite.hover()
    preview = reader.page.locator(PREVIEW)
    preview.wait_for(state="visible")
    text = preview.inner_text()
    assert "Geleijnse" in text and "2004" in text and "Journal of Nutrition" in text
    assert "Cohort study" in text and "Observational" in text
    links = preview.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.startswith("https://doi.org/10.") for h in hrefs), hrefs
    assert "../studies/geleijnse2004/" in hrefs


def test_preview_opens_on_focus_and_escape_closes_it(reader: Reader) -> None:
    reader.goto(ARTICLE)
    page = reader.page
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.cite')"):
            break
    else:
        pytest.fail("Tab never reached a citation")
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    page.keyboard.press("Escape")
    preview.wait_for(state="detached")
    # focus stays on the citation, and the preview stays closed
    assert page.evaluate("document.activeElement.matches('a.cite')")
    page.wait_for_timeout(200)
    assert preview.count() == 0


def test_preview_opens_on_tap_and_closes_on_tap_elsewhere(reader_factory: Any) -> None:
    reader = reader_factory(viewport={"width": 375, "height": 740}, has_touch=True,
                            is_mobile=True)
    reader.goto(ARTICLE)
    cite = first_cite(reader)
    cite.scroll_into_view_if_needed()
    cite.tap()
    preview = reader.page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert reader.page.url.endswith(ARTICLE), "the first tap must not leave the page"
    box = preview.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    reader.page.locator("h1").tap()
    preview.wait_for(state="detached")


def test_without_javascript_a_citation_is_a_link_to_the_study(reader_factory: Any) -> None:
    reader = reader_factory(java_script_enabled=False)
    reader.goto(ARTICLE)
    cite = first_cite(reader)
    key = cite.get_attribute("data-key")
    cite.click()
    reader.page.wait_for_url(re.compile(rf"/studies/{key}/$"))
    assert reader.page.locator(".evidence-filter").is_hidden()


def claim_states(reader: Reader) -> list[tuple[str, bool]]:
    return reader.page.eval_on_selector_all(
        ".article-body .claim",
        "els => els.map(e => [e.dataset.evidence, e.classList.contains('is-strong')])")


def test_evidence_filter_highlights_and_survives_reload(reader: Reader) -> None:
    reader.goto(ARTICLE)
    page = reader.page
    # (the heart page's best claims are observational since its K1 trial is background)
    page.select_option("#evidence-min", "observational")
    strong = {"synthesis", "rct", "trial", "observational"}
    states = claim_states(reader)
    assert states and all(on == (group in strong) for group, on in states), states
    assert any(on for _, on in states) and not all(on for _, on in states)
    assert "evidence=observational" in page.url
    assert "Highlighting" in page.locator(".filter-status").inner_text()
    # a dimmed claim is muted, not invisible: its text keeps AA contrast (axe checks it)
    page.reload()
    assert page.input_value("#evidence-min") == "observational"
    assert claim_states(reader) == states
    # ... and follows the reader to the next section
    page.locator(".pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"\?evidence=observational$"))
    assert page.input_value("#evidence-min") == "observational"
    page.select_option("#evidence-min", "")
    assert "evidence=" not in page.url
    assert not any(on for _, on in claim_states(reader))


def test_search_finds_claims_about_osteocalcin(reader: Reader) -> None:
    reader.goto("")
    page = reader.page
    page.fill("#site-search-q", "osteocalcin")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=osteocalcin$"))
    claims = page.locator(".search-claims a")
    claims.first.wait_for()
    texts = claims.all_inner_texts()
    assert any("osteocalcin" in t.lower() for t in texts), texts
    assert "osteocalcin" in page.locator("#search-status").inner_text()
    href = claims.first.get_attribute("href")
    claims.first.click()
    page.wait_for_url(href)
    claim_id = href.split("#", 1)[1]
    assert page.locator(f"#{claim_id}.claim").is_visible()


def test_search_finds_studies_on_their_own_pages(reader: Reader) -> None:
    # an author's name is in no claim: it finds the studies, each once, with its evidence
    reader.goto("search/?q=Schurgers")
    page = reader.page
    studies = page.locator(".search-study h2 a")
    studies.first.wait_for()
    hrefs = studies.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all("/studies/" in h for h in hrefs), hrefs
    assert len(set(hrefs)) == len(hrefs)
    assert page.locator(".search-study .badge").count() == len(hrefs)
    assert "studies found" in page.locator("#search-status").inner_text()
    assert page.locator(".search-result:not(.search-study)").count() == 0
    studies.first.click()
    page.wait_for_url(re.compile(r"/studies/[^/]+/$"))
    assert "Schurgers" in page.locator(".ref-entry").inner_text()


def test_theme_toggle_overrides_the_system_and_is_remembered(reader_factory: Any) -> None:
    reader = reader_factory(color_scheme="light")
    reader.goto("")
    page = reader.page
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.select_option("#theme-choice", "dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    reader.goto(ARTICLE)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.input_value("#theme-choice") == "dark"
    page.select_option("#theme-choice", "auto")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == light


@pytest.mark.parametrize("width", [320, 375])
def test_no_horizontal_scroll_on_phones(reader_factory: Any, width: int) -> None:
    reader = reader_factory(viewport={"width": width, "height": 740})
    for name, path in PAGES.items():
        reader.goto(path)
        scroll = reader.page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} scrolls sideways at {width}px ({scroll}px wide)"


def test_study_page_leads_back_to_the_reading_place(reader: Reader) -> None:
    reader.goto(ARTICLE)
    page = reader.page
    cite = first_cite(reader)
    cite.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    cite.click()
    page.wait_for_url(re.compile(r"/studies/"))
    back = page.locator(".study-back-link")
    back.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE) + "$"))
    page.wait_for_timeout(100)
    assert abs(page.evaluate("window.scrollY") - before) < 50


def test_print_keeps_numbers_and_references_and_drops_controls(reader: Reader) -> None:
    reader.goto(ARTICLE)
    page = reader.page
    page.emulate_media(media="print")
    assert page.locator(".page-references").is_visible()
    assert page.locator("sup.citation").first.is_visible()
    for hidden in (".site-header", ".evidence-filter", ".toc", ".pager"):
        assert page.locator(hidden).first.is_hidden(), hidden


def test_evidence_chart_clicks_through_to_the_claims(reader: Reader) -> None:
    reader.goto(PAGES["evidence"])
    page = reader.page
    segment = page.locator(".chart-bar a").first
    target = segment.get_attribute("href")
    segment.locator("rect").click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    links = page.locator(f"{target} .claim-links a")
    assert links.count() >= 1
    claim = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_url(re.compile(re.escape(claim.split("/", 1)[1]) + "$"))
    assert page.locator(f"#{claim.split('#')[1]}.claim").is_visible()


def test_search_from_a_page_opened_as_a_file_says_what_to_run(browser: Any,
                                                               k2_build: Any) -> None:
    # Chromium loads no module from file://: the page says why search fails and what to run
    tab = browser.new_page()
    try:
        tab.goto((k2_build / "search" / "index.html").as_uri() + "?q=osteocalcin")
        status = tab.locator("#search-status")
        tab.wait_for_function(
            "document.querySelector('#search-status').textContent.includes('HTTP')")
        assert "k2site serve" in status.inner_text()
    finally:
        tab.close()
