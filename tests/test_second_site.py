"""A second, different site in the same format: nothing of the K2 site is built in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitecheck import broken_links
from support import run

SITE = Path(__file__).parent / "sites" / "second"


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("second") / "out"
    from k2site.cli import main

    assert main(["build", str(SITE), "-o", str(out), "--no-search"]) == 0
    return out


def test_pages_in_reading_order_without_drafts(second: Path) -> None:
    home = (second / "index.html").read_text()
    assert home.index("What are omega-3 fats?") < home.index("Fish oil and heart rhythm")
    assert not (second / "draft").exists()
    assert (second / "robots.txt").read_text() == "User-agent: *\n"


def test_claims_and_their_evidence(second: Path) -> None:
    claims = {c["id"]: c for c in json.loads((second / "claims.json").read_text())}
    div = claims["omega-rhythm"]
    assert div["citations"] == ["gencer2021", "manson2019"]
    assert div["evidence"] == "synthesis"
    assert div["text"].startswith("Fish oil may change heart rhythm") and "dose." in div["text"]
    listed = next(c for c in claims.values() if c["citations"] == ["hu2002", "mozaffarian2006"])
    assert listed["evidence"] == "observational" and listed["designs"] == ["cohort", "review"]
    lab = next(c for c in claims.values() if c["citations"] == ["leaf2003"])
    assert lab["evidence"] == "lab"
    assert all(c["url"].startswith("https://omega.example.net/guide/") for c in claims.values())


def test_author_date_style_and_locators(second: Path) -> None:
    page = (second / "fish-oil" / "index.html").read_text()
    assert ">Manson et al., 2019</a>" in page
    assert "(see <a" in page and ", p. 5)" in page


def test_email_is_not_a_citation_and_links_resolve(second: Path) -> None:
    page = (second / "basics" / "index.html").read_text()
    assert "editors@omega.example.net" in page
    assert broken_links(second) == []


def test_language_and_base_path(second: Path) -> None:
    page = (second / "basics" / "index.html").read_text()
    assert '<html lang="en-GB">' in page
    assert 'href="https://omega.example.net/guide/basics/"' in page


def test_drafts_flag_includes_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(["build", str(SITE), "-o", str(out), "--drafts", "--no-search"], capsys)[0] == 0
    assert (out / "draft" / "index.html").is_file()
