"""What readers see at a glance: verdicts, legends, counts that agree, wording notes,
previews' data, safety warnings and what search indexes, in the built K2 and second sites."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from k2site.model.evidence import GROUPS
from k2site.model.verdict import (
    CLAIM_VERDICTS,
    DISPUTED,
    EMPTY,
    PAGE_DISPUTED,
    PAGE_VERDICTS,
    UNSOURCED,
    claim_verdict,
    page_verdict,
)

SECOND = Path(__file__).parent / "sites" / "second"


def test_every_group_has_a_claim_and_a_page_verdict() -> None:
    assert set(CLAIM_VERDICTS) == set(PAGE_VERDICTS) == {g.id for g in GROUPS}
    assert claim_verdict("lab").text == "Only animal or lab studies"
    assert claim_verdict("rct").text == "Backed by a randomised trial"
    # a verdict never says more than the store: unknown groups read as unidentified
    assert claim_verdict("no-such-group").text == CLAIM_VERDICTS["unknown"]


def test_a_disputed_claim_reads_disputed_whatever_backs_it() -> None:
    assert claim_verdict("synthesis", disputed=True).text == DISPUTED
    assert page_verdict(["synthesis", "rct"], disputed=1).text == PAGE_DISPUTED


@pytest.mark.parametrize(("groups", "uncited", "expected"), [
    # the middle claim of nine: three are stronger, five weaker or the same
    (["synthesis", "rct", "observational", "observational", "observational", "review",
      "review", "review", "unknown"], 0, "observational"),
    # an even count takes the weaker of the two middle claims
    (["rct", "rct", "lab", "lab"], 0, "lab"),
    (["rct", "rct", "rct"], 0, "rct"),
    # statements with no source count as claims of no evidence
    (["rct", "rct"], 3, "none"),
    (["rct", "rct", "rct"], 2, "rct"),
    ([], 0, "empty"),
])
def test_a_page_reads_as_its_middle_claim(groups: list[str], uncited: int,
                                          expected: str) -> None:
    assert page_verdict(groups, uncited=uncited).id == expected
    assert page_verdict([], uncited=1).text == UNSOURCED
    assert page_verdict([]).text == EMPTY


def test_mostly_only_when_more_than_half_rest_on_it() -> None:
    assert page_verdict(["lab", "lab", "lab", "rct"]).text == "Mostly animal and lab studies"
    # reviews and trials together back more than half: "trials in people" names both
    assert page_verdict(["synthesis", "rct", "rct", "lab"]).text == (
        "Mostly backed by trials in people")
    # the middle claim is observational, but most claims are not
    assert page_verdict(["rct", "observational", "lab", "review"], uncited=1).text == (
        "Mixed; typically animal and lab studies")
    assert page_verdict(["rct", "rct", "observational", "lab", "review"]).text == (
        "Mixed; typically links seen in people, not proof of cause")


def _text(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8"))


def _no_source_count(page: str) -> int:
    """The count a page's legend gives for statements with no evidence (0 without one)."""
    found = re.search(r"(\d+) with no evidence cited</li>", page)
    return int(found.group(1)) if found else 0


UNCITED_MARK = "States a health effect as fact, with no source cited."


def test_counts_of_statements_with_no_source_agree(k2_build: Path) -> None:
    slugs = [p.name for p in k2_build.iterdir() if (p / "index.html").is_file()
             and p.name not in ("evidence", "references", "how-we-grade", "search", "studies")]
    pages = {slug: _text(k2_build / slug / "index.html") for slug in slugs}
    per_page = {slug: _no_source_count(page) for slug, page in pages.items()}
    marks = {slug: page.count(UNCITED_MARK) for slug, page in pages.items()}
    total = sum(per_page.values())
    assert total >= sum(marks.values()) > 0 and per_page["dosing"] >= marks["dosing"] > 0
    home = _text(k2_build / "index.html")
    overview = _text(k2_build / "evidence" / "index.html")
    site_wide = home[home.index('id="all-evidence"'):home.index('id="sections-heading"')]
    assert _no_source_count(site_wide) == total
    assert f"and {total} health statements cite none" in overview
    # each page's unsourced statements are listed under its topics on the overview, with
    # the number of marks the page itself shows
    listed = re.findall(r'<a href="../([a-z0-9-]+)/">[^<]+</a>: (\d+) health statements?'
                        r" with no source cited", overview)
    assert listed and all(marks[slug] == int(n) for slug, n in listed)
    assert {slug for slug, _ in listed} == {s for s, n in marks.items() if n}


def test_pages_open_with_a_verdict_then_a_legend(k2_build: Path) -> None:
    page = _text(k2_build / "heart-health" / "index.html")
    verdict = page.index('class="verdict verdict-review">Verdict: <strong>'
                         "Mixed; typically background and opinion, not new studies</strong>.")
    legend = page.index('<ul class="evidence-legend">')
    assert page.index('class="takeaway"') > verdict
    assert verdict < page.index('class="evidence-bar"') < legend
    items = page[legend:page.index("</ul>", legend)]
    for row in ("4 observational: association, not cause",
                "2 narrative review, opinion or other source", "1 source not identified",
                "2 with no evidence cited"):
        assert row in items
    assert items.count('class="swatch"') == items.count("<li>") == 4
    home = _text(k2_build / "index.html")
    assert home.count('class="verdict verdict-') == 16  # the site and each section
    overview = _text(k2_build / "evidence" / "index.html")
    assert overview.count('class="verdict verdict-') == 1 + overview.count('class="topic-section"')


def test_claim_badges_read_as_verdicts(k2_build: Path) -> None:
    page = _text(k2_build / "dosing" / "index.html")
    assert '<span class="visually-hidden">Evidence: </span>Only animal or lab studies</a>' in page
    assert '<span class="visually-hidden">Evidence: </span>No source cited</a>' in page
    # "background or opinion" reads apart from a systematic review
    assert "Only background or opinion" in page and "review" not in CLAIM_VERDICTS["review"]


def test_overclaim_notes_quote_the_words_and_the_fairer_wording(k2_build: Path) -> None:
    page = _text(k2_build / "bone-health" / "index.html")
    note = page[page.index("The wording goes beyond the cited evidence"):]
    note = note[:note.index("</span></span>")]
    assert '<q class="reword-words">does promote</q>' in note
    assert ('<q class="reword-fairer">it is very uncertain whether on its own calcium does'
            " promote bone health</q>") in note


def _previews(site: Path, slug: str) -> dict[str, dict[str, object]]:
    page = (site / slug / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="k2-studies">(.*?)</script>', page,
                      re.S)
    assert block
    return json.loads(block.group(1))


def test_previews_mark_verification_and_hide_placeholder_titles(k2_build: Path) -> None:
    studies = _previews(k2_build, "heart-health")
    assert studies["geleijnse2004"]["verification"] == "confirmed"
    assert studies["geleijnse2004"]["verified"] == "Confirmed source"
    likely = next(s for s in studies.values() if s["verification"] == "likely")
    assert str(likely["verified"]).startswith("Likely")
    unresolved = studies["unresolved41"]
    assert unresolved["verification"] == "unresolved" and "title" not in unresolved
    assert (k2_build / "heart-health" / "index.html").read_text().count("assets/previews.js") == 1
    assert "previews.js" not in (k2_build / "evidence" / "index.html").read_text()


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from k2site.cli import main

    out = tmp_path_factory.mktemp("second-display") / "out"
    assert main(["build", str(SECOND), "-o", str(out), "--no-search"]) == 0
    return out


def test_a_finding_field_reaches_the_preview_and_the_study_page(second: Path) -> None:
    finding = "did not lower the rate of major cardiovascular events or of cancer"
    assert finding in str(_previews(second, "fish-oil")["manson2019"]["finding"])
    study = _text(second / "studies" / "manson2019" / "index.html")
    assert "<strong>What it found:</strong> In 25,871 adults" in study


def test_warnings_show_at_the_top_of_the_pages_they_concern(k2_build: Path,
                                                            second: Path) -> None:
    concerned = {"dosing", "safety", "heart-health", "how-to-get-k2", "bone-health",
                 "synergy-vitamins-a-d", "types-of-k2", "final-thoughts", "other-benefits"}
    for path in k2_build.glob("*/index.html"):
        page = _text(path)
        if "page-article" not in page:
            continue
        shown = "Taking warfarin or another vitamin K antagonist?" in page
        assert shown == (path.parent.name in concerned), path.parent.name
        if shown:  # right under the title, before the takeaway and the text
            assert page.index('class="safety-warning"') < page.index('class="article-body"')
            assert page.index("<h1>") < page.index('class="safety-warning"')
    assert "Taking warfarin" in _text(k2_build / "index.html")
    assert "On blood thinners?" in _text(second / "fish-oil" / "index.html")
    assert "On blood thinners?" not in _text(second / "basics" / "index.html")


def test_search_indexes_sources_apart_and_knows_the_synonyms(k2_build: Path) -> None:
    unresolved = _text(k2_build / "studies" / "unresolved41" / "index.html")
    assert 'data-pagefind-meta="source:unidentified"' in unresolved
    assert '<h1 data-pagefind-weight="0.1">' in unresolved
    confirmed = _text(k2_build / "studies" / "geleijnse2004" / "index.html")
    assert "source:unidentified" not in confirmed and "data-pagefind-weight" not in confirmed
    assert '<dl class="study-facts" data-pagefind-ignore>' in confirmed
    # no Pagefind filter: its index would not be byte-identical from build to build
    assert not list((k2_build / "pagefind").glob("filter/*"))
    search = _text(k2_build / "search" / "index.html")
    synonyms = re.search(r'id="k2-synonyms">(.*?)</script>', search)
    assert synonyms and ["MK-7", "menaquinone-7"] in json.loads(synonyms.group(1))


def test_printed_pages_say_where_they_came_from(k2_build: Path) -> None:
    page = _text(k2_build / "dosing" / "index.html")
    header = page[page.index('class="print-only print-header"'):]
    assert "https://k2.example.org/dosing/" in header[:400]
    assert "Last reviewed 29 November 2026" in header[:500]
    key = page[page.index('class="print-only print-key"'):]
    for group in GROUPS:
        assert CLAIM_VERDICTS[group.id] in key
