"""The evidence test site built: roles, contradiction, retractions from both sources,
registrations and the evidence map, as claims.json, pages and diagnostics show them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from k2site.cli import main
from support import REPO

SITE = REPO / "tests" / "sites" / "evidence"


def text(path: Path) -> str:
    """A page's words as a reader reads them (tags dropped, spaces folded)."""
    body = re.sub(r"<script.*?</script>", " ", path.read_text(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def claim_text(build: Path, page: str, claim_id: str) -> str:
    source = (build / page / "index.html").read_text()
    match = re.search(rf'<(p|li) id="{claim_id}".*?</\1>', source, re.S)
    assert match, claim_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group())).split())


@pytest.fixture(scope="module")
def claims(evidence_build: Path) -> dict[str, dict[str, object]]:
    return {c["id"]: c for c in json.loads((evidence_build / "claims.json").read_text())}


def test_claims_json_gives_each_citation_its_role(claims: dict[str, dict[str, object]]) -> None:
    disputed = claims["bones-calcium-pills-may-protect-bones"]
    assert disputed["citations"] == ["cohort2010", "meta2018"]
    assert disputed["roles"] == ["supports", "contradicts"]
    assert disputed["designs"] == ["cohort", "meta-analysis"]
    assert (disputed["evidence"], disputed["contradicted_by"], disputed["disputed"]) == \
        ("observational", "synthesis", True)
    background = claims["bones-vitamin-k-was-first-described"]
    assert (background["roles"], background["evidence"]) == (["background"], "none")
    assert claims["walking-brisk-walking-lowers-blood-pressure"]["summary"] == \
        "2 randomised trials, 304 people, newest 2015"


def test_retracted_studies_never_count(claims: dict[str, dict[str, object]]) -> None:
    by_field = claims["walking-fish-oil-may-ease-joint"]
    assert (by_field["evidence"], by_field["retracted"]) == ("none", ["retracted2016"])
    by_snapshot = claims["walking-green-tea-may-sharpen-memory"]
    assert (by_snapshot["evidence"], by_snapshot["retracted"]) == \
        ("observational", ["watched2017"])


def test_claims_read_so_in_words(evidence_build: Path) -> None:
    words = claim_text(evidence_build, "bones", "bones-calcium-pills-may-protect-bones")
    assert "Disputed: a cited study that goes against this claim is stronger" in words
    assert "Contradicted by: 1 systematic review." in words
    words = claim_text(evidence_build, "walking", "walking-stretching-may-ease-back-pain")
    assert "Contradicted by: 1 observational study." in words and "Disputed" not in words
    words = claim_text(evidence_build, "walking", "walking-fish-oil-may-ease-joint")
    assert "Evidence: Retracted source" in words
    assert "Cites a retracted study (Fish 2016), which no longer counts as evidence." in words
    words = claim_text(evidence_build, "bones", "bones-vitamin-k-was-first-described")
    assert "Evidence: Background only" in words and "cited for context, not as evidence" in words
    words = claim_text(evidence_build, "walking", "walking-walking-lowers-blood-pressure-walkers")
    assert "Mixed: its sentences rest on different evidence" in words
    words = claim_text(evidence_build, "bones", "bones-dairy-may-be-linked-to")
    assert "(Milk 2014) is under an expression of concern" in words
    assert "(Butter 2013) was corrected" in words


def test_citations_say_how_they_are_used(evidence_build: Path) -> None:
    page = (evidence_build / "bones" / "index.html").read_text()
    assert re.search(r'data-key="meta2018" data-role="contradicts" aria-label="Reference \d+:'
                     r' Systematic review, cited as going against this"', page)
    previews = json.loads(re.search(r'id="k2-studies">(.*?)</script>',
                                    (evidence_build / "walking" / "index.html").read_text(),
                                    re.S).group(1))
    assert previews["retracted2016"]["notice"] == \
        "Retracted 1 March 2019: no longer counts as evidence"


def test_study_pages_show_notices_and_registrations(evidence_build: Path) -> None:
    words = text(evidence_build / "studies" / "watched2017" / "index.html")
    assert "Retracted: this study no longer counts as evidence" in words
    assert "Retracted 16 August 2023 ( notice: DOI 10.1000/NOTICE.2023.7 )" in words
    assert "Source: Retraction Watch data" in words
    assert "Trial registration ACTRN12610000086066 (ANZCTR)" in words
    page = (evidence_build / "studies" / "trial2015" / "index.html").read_text()
    assert '<a href="https://clinicaltrials.gov/study/NCT01234567" rel="noopener">' in page
    words = text(evidence_build / "studies" / "corrected2013" / "index.html")
    assert "Notices about this study Corrected 25 June 2021" in words
    assert "Retracted:" not in words
    refs = text(evidence_build / "references" / "index.html")
    assert "Retracted 1 March 2019: no longer counts as evidence" in refs


def test_the_overview_is_an_evidence_map_with_gaps(evidence_build: Path) -> None:
    page = (evidence_build / "evidence" / "index.html").read_text()
    rows = {m[0]: re.findall(r"<td[^>]*>(.*?)</td>", m[1]) for m in
            re.findall(r'<tr><th scope="row"><a href="#topic-[a-z-]+">(\w+)</a></th>(.*?)</tr>',
                       page)}
    cells = {topic: [re.sub(r"<[^>]+>", "", c) for c in row] for topic, row in rows.items()}
    # synthesis, rct, trial, observational, lab, review, unknown, none, disputed, all
    assert cells["bone"] == ["gap", "gap", "gap", "1", "gap", "gap", "0", "1", "1", "3"]
    assert cells["heart"] == ["gap", "3", "gap", "1", "gap", "gap", "0", "1", "0", "5"]
    assert 'id="topic-bone-disputed"' in page


def test_retracted_sources_fail_a_strict_build(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SITE)]) == 0
    out = capsys.readouterr().out
    assert out.count("[retracted-source]") == 2
    assert main(["check", str(SITE), "--strict"]) == 1
    assert main(["build", str(SITE), "-o", str(tmp_path / "out"), "--strict"]) == 1
    assert not (tmp_path / "out").exists()


def test_a_source_named_in_the_prose_warns_editors_but_marks_nothing_for_readers() -> None:
    from k2site.pipeline.run import check

    result = check(REPO / "tests" / "sites_lint" / "uncited-claim", cache=False)
    assert result.site is not None
    page = next(p for p in result.site.pages if p.slug == "takeaway")
    found = [d for d in result.diagnostics if d.path == "content/takeaway.md"]
    assert sorted(d.line for d in found) == [4, 4, 7, 9]
    # passages: "The site Walk Well ..." (0), "... is also desirable" (1), injection site (2)
    assert set(result.site.uncited["takeaway"]) == {1} and len(page.passages) == 3


def test_a_snapshot_linked_from_outside_the_site_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from support import copy_site

    site = copy_site(SITE, tmp_path / "site")
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((SITE / "references" / "retraction_watch.csv").read_bytes())
    (site / "references" / "retraction_watch.csv").unlink()
    (site / "references" / "retraction_watch.csv").symlink_to(outside)
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out
    assert "references/retraction_watch.csv:0:0: error: this path goes through a symbolic" \
        " link" in out and "[unsafe-path]" in out
