"""The verdict at a glance, in headless Chromium: verdicts and legends, safety warnings
above the fold, previews that fingers can use and that add no Tab stop, the skip link,
search ranking, synonyms and excerpts, no layout shift, and the printed page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .browser_support import PAGES, Reader

pytestmark = pytest.mark.browser

ARTICLE = PAGES["article"]
PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}


def test_the_verdict_and_the_legend_come_before_the_text(reader_factory: Any) -> None:
    reader = reader_factory(**PHONE)
    reader.goto(ARTICLE)
    page = reader.page
    verdict = page.locator(".article-header .verdict")
    assert verdict.inner_text() == (
        "Verdict: Mixed; typically background and opinion, not new studies.")
    box = verdict.bounding_box()
    assert box and box["y"] + box["height"] < 740, "the verdict is below the fold on a phone"
    legend = page.locator(".page-evidence .evidence-legend li")
    assert legend.count() == 4
    assert "4 observational: association, not cause" in legend.all_inner_texts()[0]
    # each legend row's swatch has the colour of the bar's segment for that group
    colours = page.eval_on_selector_all(
        ".page-evidence .evidence-legend .swatch rect, .page-evidence .evidence-bar rect",
        "els => els.map(e => getComputedStyle(e).fill)")
    assert colours[:4] == colours[4:]
    first = page.locator(".article-body a.badge").first
    assert first.inner_text().strip().endswith("Only background or opinion")


@pytest.mark.parametrize("name", ["home", "article", "evidence"])
def test_every_bar_has_a_legend(reader: Reader, name: str) -> None:
    reader.goto(PAGES[name])
    page = reader.page
    bars = page.locator(".evidence-bar, .chart-bar")
    assert bars.count() > 0
    assert page.locator(".evidence-legend, .chart-legend").first.is_visible()
    if name == "home":  # each section's bar is followed by its own legend
        assert page.locator(".evidence-legend").count() == page.locator(".evidence-bar").count()


def test_a_safety_warning_is_above_the_fold_on_a_phone(reader_factory: Any) -> None:
    reader = reader_factory(**PHONE)
    for path in ("dosing/", ""):
        reader.goto(path)
        warning = reader.page.locator(".safety-warning").first
        box = warning.bounding_box()
        assert box and box["y"] < 740 / 2, (path, box)
        assert "warfarin" in warning.inner_text()
    reader.goto("cancer/")
    assert reader.page.locator(".safety-warning").count() == 0


def _open_by_tap(reader: Reader, key: str) -> Any:
    cite = reader.page.locator(f'a.cite[data-key="{key}"]').first
    cite.scroll_into_view_if_needed()
    cite.tap()
    preview = reader.page.locator(".preview")
    preview.wait_for(state="visible")
    return preview


def test_previews_have_44px_targets_and_a_close_button_on_phones(reader_factory: Any) -> None:
    reader = reader_factory(**PHONE)
    reader.goto(ARTICLE)
    preview = _open_by_tap(reader, "geleijnse2004")
    targets = preview.locator("a, button")
    assert targets.count() >= 4
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (
            targets.nth(i).inner_text(), box)
    assert "Confirmed source" in preview.locator(".preview-verification").inner_text()
    preview.locator(".preview-close").tap()
    preview.wait_for(state="detached")
    assert reader.page.url.endswith(ARTICLE)


def test_a_source_not_identified_says_so_once_without_a_title(reader_factory: Any) -> None:
    reader = reader_factory(**PHONE)
    reader.goto(ARTICLE)
    preview = _open_by_tap(reader, "unresolved41")
    text = preview.inner_text()
    assert len(re.findall(r"not (be )?identified", text, re.I)) == 2, text
    assert preview.locator(".preview-title").count() == 0
    assert "Source proposing" not in text and "Source linking" not in text


def _tab_to_first_citation(page: Any) -> None:
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.cite')"):
            return
    pytest.fail("Tab never reached a citation")


def test_a_preview_adds_no_tab_stop(reader: Reader) -> None:
    reader.goto(ARTICLE)
    page = reader.page
    _tab_to_first_citation(page)
    preview = page.locator(".preview")
    preview.wait_for(state="visible")
    assert preview.locator("a, button").count() >= 2
    tabbable = preview.evaluate(
        "p => [...p.querySelectorAll('a, button, [tabindex]')].filter(e => e.tabIndex >= 0)"
        ".length")
    assert tabbable == 0
    # the next Tab stop is the next one of the page, as if there were no preview
    page.evaluate("""() => {
        const all = [...document.querySelectorAll('a[href], button, select, input, [tabindex]')]
          .filter(e => e.tabIndex >= 0 && !e.closest('.preview') && e.offsetParent !== null);
        all[all.indexOf(document.activeElement) + 1].dataset.expectedNext = "yes"; }""")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.expectedNext") == "yes"
    assert not page.evaluate("!!document.activeElement.closest('.preview')")


def test_the_skip_link_passes_the_contents_list(reader_factory: Any) -> None:
    reader = reader_factory(viewport={"width": 1280, "height": 900})
    reader.goto(ARTICLE)
    page = reader.page
    assert page.locator(".toc-details").evaluate("d => d.open")  # a long list beside the text
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "article"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.article')")
    assert not page.evaluate("!!document.activeElement.closest('.toc')")


CLS = """window.__cls = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => {
  if (!e.hadRecentInput) { window.__cls += e.value; } }))
  .observe({ type: 'layout-shift', buffered: true });"""


@pytest.mark.parametrize("width", [375, 1280])
def test_search_results_arrive_without_layout_shift(reader_factory: Any, width: int) -> None:
    reader = reader_factory(viewport={"width": width, "height": 740})
    reader.page.add_init_script(CLS)
    reader.goto("search/?q=calcification")
    page = reader.page
    page.locator(".search-result").first.wait_for()
    page.wait_for_timeout(500)
    page.fill("#search-q", "osteocalcin")  # results replaced, as a reader types on
    page.locator("#search-status", has_text="osteocalcin").wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__cls") < 0.1  # Lighthouse's "good" cumulative layout shift


def test_sources_not_identified_never_outrank_real_content(reader: Reader) -> None:
    reader.goto("search/?q=osteocalcin")
    page = reader.page
    page.locator(".search-result").first.wait_for()
    titles = page.locator(".search-result h2").all_inner_texts()
    unidentified = [i for i, t in enumerate(titles) if t.startswith("Source on osteocalcin")]
    assert unidentified, titles
    assert min(unidentified) == len(titles) - len(unidentified), titles
    for excerpt in page.locator(".search-excerpt").all_inner_texts():
        assert not re.search(r"Year\d|Participants[A-Z]", excerpt), excerpt
        assert re.search(r"[.!?…]\W*$", excerpt), excerpt  # ends as a sentence does


def test_a_synonym_finds_both_words(reader: Reader) -> None:
    reader.goto("search/?q=MK-7")
    page = reader.page
    page.locator(".search-result").first.wait_for()
    titles = page.locator(".search-result h2").all_inner_texts()
    # "Future Directions" says only "menaquinone-7"; site.yaml says that is MK-7
    assert "Future Directions" in titles and "Types of K2" in titles, titles


def test_printed_pages_carry_their_origin_and_a_key(reader: Reader) -> None:
    reader.goto("dosing/")
    page = reader.page
    assert page.locator(".print-header").is_hidden()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible()
    text = header.inner_text()
    assert "An Advanced Look at Vitamin K2 Benefits for Health" in text
    assert "https://k2.example.org/dosing/" in text
    assert re.search(r"Printed \d{1,2} \w+ \d{4} · Last reviewed 29 November 2026", text), text
    key = page.locator(".print-key")
    assert key.is_visible() and "Only animal or lab studies" in key.inner_text()
    assert page.locator(".safety-warning").is_visible()
