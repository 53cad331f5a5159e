"""A reader in Chromium sees, in words, that a claim is disputed and that a study was
retracted (tests/sites/evidence, built by the `evidence_build` fixture), and that the K2
claims issue 16 names show no badge stronger than what their studies tested."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser_support import Reader
from .conftest import _Handler

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def evidence_url(evidence_build: Path) -> Iterator[str]:
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Handler, directory=str(evidence_build)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def evidence_reader(browser: Any, evidence_url: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = Reader(context.new_page(), evidence_url)
    reader.page.on("console", lambda m: reader.errors.append(m.text)
                   if m.type == "error" else None)
    reader.page.on("pageerror", lambda e: reader.errors.append(str(e)))
    yield reader
    try:
        reader.check_clean()
    finally:
        context.close()


def test_a_disputed_claim_says_so_in_words(evidence_reader: Reader) -> None:
    reader = evidence_reader
    reader.goto("bones/")
    claim = reader.page.locator("#bones-calcium-pills-may-protect-bones")
    words = claim.inner_text()
    assert "Disputed: a cited study that goes against this claim is stronger evidence" in words
    assert "Contradicted by: 1 systematic review." in words
    assert claim.locator(".claim-evidence-disputed").is_visible()
    # the citation that goes against it says so to the preview and to a screen reader
    against = claim.locator('a.cite[data-role="contradicts"]')
    assert "cited as going against this" in (against.get_attribute("aria-label") or "")
    against.hover()
    preview = reader.page.locator(".preview")
    preview.wait_for(state="visible")
    assert "Cited here as going against the claim." in preview.inner_text()
    # and what stands behind the claim, as beside its badge
    assert "Claim: 1 observational study, 5,000 people, 2010." in preview.inner_text()


def test_a_retracted_study_says_so_in_words(evidence_reader: Reader) -> None:
    reader = evidence_reader
    reader.goto("walking/")
    claim = reader.page.locator("#walking-fish-oil-may-ease-joint")
    words = claim.inner_text()
    assert "Retracted source" in words
    assert "Cites a retracted study (Fish 2016), which no longer counts as evidence." in words
    claim.locator("a.cite").hover()
    preview = reader.page.locator(".preview")
    preview.wait_for(state="visible")
    assert "Retracted 1 March 2019: no longer counts as evidence" in preview.inner_text()
    reader.goto("studies/watched2017/")
    heading = reader.page.locator("#study-notices-heading")
    assert heading.is_visible()
    assert heading.inner_text() == "Retracted: this study no longer counts as evidence"
    assert "Source: Retraction Watch data." in reader.page.locator(".study-notices").inner_text()


def test_the_evidence_map_shows_gaps_and_disputed_claims(evidence_reader: Reader) -> None:
    reader = evidence_reader
    reader.goto("evidence/")
    table = reader.page.locator("table.evidence-map")
    assert table.locator("td.gap").count() == 9
    assert "Disputed" in table.locator("thead").inner_text()
    reader.page.locator('a[href="#topic-bone-disputed"]').click()
    assert "Calcium pills may protect bones" in reader.page.locator(
        "#topic-bone-disputed").inner_text()


#: The K2 claims issue 16 names, and what their badge must now say (before: "Systematic
#: review", "Randomised trial", "Systematic review").
K2_CLAIMS = {
    # calcium plus K2 and heart attacks: the meta-analysis tested calcium alone
    "bone-health/#bone-health-because-of-this-supplementing-with": "Background only",
    # the calcium score: a trial of vitamin K1 that found no overall difference
    "heart-health/#heart-health-one-interesting-aspect-of-research":
        "A link in people, not proof",  # the observational group's verdict
    # reviews found not enough evidence: no top badge for a statement about research
    "bone-health/#bone-health-however-as-is-often-the": "Background only",
}


@pytest.mark.parametrize("where,badge", sorted(K2_CLAIMS.items()))
def test_k2_claims_show_no_badge_stronger_than_their_study_tested(
        reader: Reader, where: str, badge: str) -> None:
    path, claim_id = where.split("#")
    reader.goto(path)
    claim = reader.page.locator(f"#{claim_id}")
    assert claim.locator(".badge").inner_text().strip().endswith(badge)
    assert "Systematic review" not in claim.locator(".badge").inner_text()
