"""The K2 site end to end: citations, numbering, links, JSON outputs, determinism."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from k2site.references.bibtex import BibSource, parse_store
from sitecheck import broken_links, external_requests
from support import REPO, run


def _store() -> dict:
    bib = REPO / "references" / "k2.bib"
    studies, problems = parse_store([BibSource("references/k2.bib", bib.read_text("utf-8"))])
    assert not [p for p in problems if p.severity == "error"]
    return studies


def test_all_65_citations_resolve_and_number_in_article_order(k2_build: Path) -> None:
    studies = _store()
    claims = json.loads((k2_build / "claims.json").read_text())
    cited = list(dict.fromkeys(k for c in claims for k in c["citations"]))
    assert len(cited) == 65 and all(k in studies for k in cited)
    expected = sorted(studies, key=lambda k: int(studies[k].get("citationnumber")))
    assert cited == expected
    refs = (k2_build / "references" / "index.html").read_text()
    numbers = [(int(n), k) for k, n in re.findall(r'id="ref-([\w-]+)" value="(\d+)"', refs)]
    assert sorted(numbers) == [(i + 1, k) for i, k in enumerate(expected)]


def test_every_citation_links_to_its_study(k2_build: Path) -> None:
    page = (k2_build / "heart-health" / "index.html").read_text()
    links = re.findall(r'<a class="cite" href="\.\./studies/([\w-]+)/"[^>]*>(\d+)</a>', page)
    assert ("geleijnse2004", "34") in links and ("gast2009", "35") in links
    for key, _ in links:
        assert (k2_build / "studies" / key / "index.html").is_file()


def test_internal_links_and_anchors_resolve(k2_build: Path) -> None:
    assert broken_links(k2_build) == []


def test_no_page_requests_another_host(k2_build: Path) -> None:
    assert external_requests(k2_build) == []


def test_spec_outputs_exist(k2_build: Path) -> None:
    for rel in ["index.html", "references/index.html", "evidence/index.html", "claims.json",
                "references.json", "sitemap.xml", "feed.xml", "404.html",
                "how-we-grade/index.html", "studies/gast2009/index.html",
                "bone-health/index.html", "pagefind/pagefind.js",
                "references/references.bib", "references/references.ris"]:
        assert (k2_build / rel).is_file(), rel


def test_claims_json_fields(k2_build: Path) -> None:
    claims = json.loads((k2_build / "claims.json").read_text())
    assert len({c["id"] for c in claims}) == len(claims) > 40
    groups = {"synthesis", "rct", "trial", "observational", "lab", "review", "unknown", "none"}
    for claim in claims:
        assert set(claim) == {"id", "page", "text", "citations", "evidence", "designs", "url",
                              "roles", "contradicted_by", "disputed", "retracted", "summary",
                              "article"}
        assert claim["article"] == ""  # the site's one article has no slug (SPEC §6)
        assert claim["evidence"] in groups
        assert len(claim["designs"]) == len(claim["citations"]) == len(claim["roles"])
        assert set(claim["roles"]) <= {"supports", "contradicts", "background"}
        assert "[@" not in claim["text"] and "@" not in claim["text"]
        assert claim["url"].endswith(f"/{claim['page']}/#{claim['id']}")
    heart = next(c for c in claims if c["citations"] == ["geleijnse2004"])
    assert heart["evidence"] == "observational" and heart["designs"] == ["cohort"]


def test_references_json_carries_evidence_and_verification(k2_build: Path) -> None:
    items = json.loads((k2_build / "references.json").read_text())
    assert len(items) == 65
    by_id = {i["id"]: i for i in items}
    assert by_id["gast2009"]["evidence"] == "cohort"
    assert by_id["unresolved18"]["verification"] == "unresolved"
    assert "DOI" not in by_id["unresolved18"] and "author" not in by_id["unresolved18"]


def test_unresolved_source_says_so_plainly(k2_build: Path) -> None:
    page = (k2_build / "studies" / "unresolved18" / "index.html").read_text()
    assert "Source not identified" in page
    likely = html.unescape((k2_build / "studies" / "lippi2011" / "index.html").read_text())
    assert "identified from the article's context, not confirmed" in likely


def test_article_page_shows_evidence_disclaimer_and_review_date(k2_build: Path) -> None:
    page = (k2_build / "heart-health" / "index.html").read_text()
    assert 'class="badge badge-observational"' in page and "Observational" in page
    assert "Medical disclaimer" in page
    assert '<time datetime="2026-11-29">' in page
    assert "claims with cited evidence" in page


def test_two_builds_are_byte_identical(k2_build: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    again = tmp_path / "again"
    assert run(["build", str(REPO), "-o", str(again)], capsys)[0] == 0
    first = {p.relative_to(k2_build): p.read_bytes() for p in k2_build.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_store_downloads_and_cite_this_page(k2_build: Path) -> None:
    refs = (k2_build / "references" / "index.html").read_text()
    assert 'href="references.bib"' in refs and 'href="references.ris"' in refs
    bib = (k2_build / "references" / "references.bib").read_text()
    assert bib.count("\n@") + bib.startswith("@") == 65
    ris = (k2_build / "references" / "references.ris").read_text()
    assert ris.count("ER  -") == 65 and "AU  - others" not in ris
    page = (k2_build / "heart-health" / "index.html").read_text()
    assert ('<p class="cite-text">Heart Health. An Advanced Look at Vitamin K2 Benefits for'
            ' Health. November 29, 2026. https://k2.example.org/heart-health/</p>') in page


def test_readers_see_overclaims_and_unsourced_health_statements(k2_build: Path) -> None:
    dental = html.unescape((k2_build / "dental-health" / "index.html").read_text())
    assert "The wording goes beyond the cited evidence" in dental
    dosing = html.unescape((k2_build / "dosing" / "index.html").read_text())
    sentence = dosing[dosing.index("there's no risk that you'll consume too much K2"):]
    assert sentence.index("States a health effect as fact, with no source cited") < 800
    # issue 16: dose advice stated as fact is one of them ("a higher dose ... is desirable")
    assert "and 3 health statements without" in dosing
    # the note quotes the words that go too far and gives the fairer wording of the check
    assert ('Goes too far: <q class="reword-words">there\'s no risk</q>. Fairer:'
            ' <q class="reword-fairer">there seems to be little risk</q>.') in dosing
    advice = dosing[dosing.index("a higher dose of vitamin K2 is also desirable"):]
    assert advice.index("States a health effect as fact, with no source cited") < 800
    # a source named in the prose warns editors, but marks nothing for readers
    final = html.unescape((k2_build / "final-thoughts" / "index.html").read_text())
    assert "Paleo Leap" in final and "with no source cited" not in final


def test_editors_notes_never_reach_readers(k2_build: Path) -> None:
    """Issue 16: the store's working notes ("URL field dropped ... kept in TSV") stay in
    `editor_note`, which no page, download or search entry shows; `note` is for readers."""
    store = (REPO / "references" / "k2.bib").read_text()
    editor_notes = re.findall(r"^  editor_note = \{(.*)\},?$", store, re.M)
    assert len(editor_notes) > 50
    shown = [p.read_text() for p in k2_build.rglob("*") if p.suffix in (
        ".html", ".json", ".bib", ".ris", ".xml")]
    for phrase in ("kept in TSV", "URL field dropped", "in this pass", "not seen"):
        assert phrase in store and not any(phrase in text for text in shown), phrase
    for note in editor_notes:
        assert not any(note[:60] in text for text in shown), note
    page = (k2_build / "studies" / "gast2009" / "index.html").read_text()
    assert "Prospect-EPIC" in page and "repository page" not in page
