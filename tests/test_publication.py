"""A publication (SPEC §6): tests/sites/publication has three articles (two in folders
with sections, one a single page), an about page, four people and one shared store.
Built once with a fixed SOURCE_DATE_EPOCH; each test reads one new key, rule or page."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from k2site.cli import main
from k2site.pipeline.run import review_date
from sitecheck import broken_links
from support import copy_site, run

SITE = Path(__file__).parent / "sites" / "publication"
#: 2026-12-01, before every `next_review` of the test site.
EPOCH = str(int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("publication") / "out"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main(["build", str(SITE), "-o", str(out), "--no-search"]) == 0
    yield out


def read(out: Path, path: str) -> str:
    return html.unescape((out / path).read_text("utf-8"))


def meta(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="{name}" content="([^"]*)">', page)


def test_checks_clean_under_strict(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, out, err = run(["check", str(SITE), "--strict"], capsys)
    assert (code, out, err) == (0, "", "k2site: 0 errors, 0 warnings\n")


def test_every_internal_link_resolves(built: Path) -> None:
    assert broken_links(built) == []


def test_articles_sections_topics_and_people_have_pages(built: Path) -> None:
    for rel in ["vitamin-d/", "vitamin-d/bones/", "vitamin-d/dosing/", "omega-3/",
                "omega-3/heart/", "omega-3/dosing/", "walking/", "about/",
                "topics/bone/", "topics/heart/", "topics/exercise/", "topics/supplements/",
                "people/ana-lima/", "people/ben-okafor/", "people/carla-jensen/",
                "people/david-cho/"]:
        assert (built / rel / "index.html").is_file(), rel
    sitemap = (built / "sitemap.xml").read_text()
    assert "https://notes.example.org/omega-3/heart/" in sitemap
    assert "https://notes.example.org/people/david-cho/" in sitemap


def test_each_article_numbers_its_citations_from_one(built: Path) -> None:
    """manson2019d is cited by both folder articles: third in each, by their own order."""
    def numbers(path: str) -> dict[str, str]:
        return dict(re.findall(r'data-key="([\w-]+)"[^>]*>(\d+)</a>', read(built, path)))

    assert numbers("vitamin-d/dosing/index.html") == {"ross2011": "1", "manson2019d": "3"}
    assert numbers("omega-3/heart/index.html") == {"manson2019n": "2", "manson2019d": "3"}
    assert numbers("walking/index.html") == {"saintmaurice2020": "1", "paluch2022": "2"}
    heart = read(built, "omega-3/heart/index.html")
    assert '<li value="3" id="ref-manson2019d">' in heart
    previews = json.loads(re.search(r'id="k2-studies">(.*?)</script>', heart, re.S)[1])
    assert previews["manson2019d"]["n"] == 3


def test_the_references_page_lists_the_shared_store_unnumbered(built: Path) -> None:
    refs = read(built, "references/index.html")
    assert '<ul class="reference-list bibliography">' in refs
    assert not re.search(r'<li id="ref-[\w-]+" value=', refs)
    keys = re.findall(r'<li id="ref-([\w-]+)"', refs)
    assert keys[:2] == ["abdelhamid2018", "bolland2018"]  # by first author
    entry = refs[refs.index('id="ref-manson2019d"'):refs.index('id="ref-manson2019n"')]
    assert "Vitamin D supplements: How much to take" in entry
    assert "Omega-3 fish oil and the heart: Heart attacks and strokes" in entry
    study = read(built, "studies/manson2019d/index.html")
    assert "Reference in the reference list" in study  # no one number across articles


def test_claims_json_names_each_claims_article(built: Path) -> None:
    claims = json.loads((built / "claims.json").read_text())
    by_page = {c["page"]: c["article"] for c in claims}
    assert by_page == {"vitamin-d": "vitamin-d", "vitamin-d/bones": "vitamin-d",
                       "vitamin-d/dosing": "vitamin-d", "omega-3": "omega-3",
                       "omega-3/heart": "omega-3", "omega-3/dosing": "omega-3",
                       "walking": "walking"}
    heart = next(c for c in claims if c["page"] == "omega-3/heart")
    assert heart["url"] == f"https://notes.example.org/omega-3/heart/#{heart['id']}"
    assert heart["id"].startswith("omega-3-heart-")


def test_home_lists_articles_newest_review_first(built: Path) -> None:
    home = read(built, "index.html")
    titles = re.findall(r'<h3><a href="([\w-]+)/">', home)
    assert titles == ["omega-3", "vitamin-d", "walking"]  # 15 Nov, 1 Oct, 1 Sep 2026
    card = home[home.index('href="omega-3/"'):home.index('href="vitamin-d/"')]
    assert "Written by Ben Okafor, Ana Lima · Last reviewed 15 November 2026" in \
        re.sub(r"<[^>]+>", "", card)
    assert "4 claims with cited evidence" in card
    assert '<a href="about/">About this site</a>' in home  # a page, not an article
    assert home.count('class="section-card article-card"') == 3


def test_a_section_shows_its_articles_byline(built: Path) -> None:
    page = read(built, "vitamin-d/dosing/index.html")
    byline = re.sub(r"<[^>]+>", "", re.search(r'<p class="meta byline".*?</p>', page, re.S)[0])
    assert byline == ("Written by Ana Lima · Medically reviewed by Carla Jensen (MD, MPH)"
                      " · Last reviewed 1 October 2026 · Next review due 1 October 2027"
                      " · Topics: bone, supplements")
    assert '<a href="../../people/carla-jensen/">Carla Jensen</a>' in page
    assert '<a href="../../topics/bone/">bone</a>' in page
    assert 'Part of <a href="../../vitamin-d/">Vitamin D supplements</a>' in page
    assert "Review overdue" not in page
    assert "Part of" not in read(built, "vitamin-d/index.html")


def test_updates_and_corrections(built: Path) -> None:
    opening = read(built, "vitamin-d/index.html")
    log = opening[opening.index("Updates and corrections"):opening.index("Cite this page")]
    dates = re.findall(r'<time datetime="([\d-]+)">', log)
    assert dates == ["2026-10-01", "2026-02-20", "2025-04-12"]  # a section's too, newest first
    assert '(<a href="../vitamin-d/dosing/">How much to take</a>)' in log
    assert "Correction: the daily allowance for adults over 70 is 800 IU" in log
    dosing = read(built, "vitamin-d/dosing/index.html")
    assert dosing.count("<li><time") == 1 and "Updates and corrections" in dosing
    assert "Updates and corrections" not in read(built, "walking/index.html")


def test_an_articles_opening_page_lists_its_sections_and_evidence(built: Path) -> None:
    page = read(built, "omega-3/index.html")
    start = page.index("In this article</h2>")
    part = page[start:page.index("</section>", start)]
    assert part.index("Heart attacks and strokes") < part.index("Dose and food")
    assert "4 claims with cited evidence" in part
    assert ("2 systematic review of studies" in part
            and "2 randomised controlled trial" in part)  # the legend's rows


def test_highwire_tags_for_reference_managers(built: Path) -> None:
    page = read(built, "omega-3/heart/index.html")
    assert meta(page, "citation_title") == [
        "Omega-3 fish oil and the heart: Heart attacks and strokes"]
    assert meta(page, "citation_author") == ["Ben Okafor", "Ana Lima"]
    assert meta(page, "citation_publication_date") == ["2026/11/15"]
    references = meta(page, "citation_reference")
    assert len(references) == 2
    assert references[0].startswith(
        "citation_title=Marine n-3 fatty acids and prevention of cardiovascular disease and"
        " cancer; citation_author=Manson, JoAnn E.; citation_author=Cook, Nancy R.;")
    assert "citation_firstpage=23; citation_lastpage=32; citation_doi=10.1056/NEJMoa1811403" \
        in references[0]


def test_jsonld_people_and_dates(built: Path) -> None:
    page = read(built, "vitamin-d/index.html")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert data["author"] == [{"@type": "Person", "name": "Ana Lima",
                               "url": "https://notes.example.org/people/ana-lima/",
                               "honorificSuffix": "PhD", "jobTitle": "Health writer"}]
    assert data["reviewedBy"][0]["name"] == "Carla Jensen"
    assert data["reviewedBy"][0]["honorificSuffix"] == "MD, MPH"
    assert (data["lastReviewed"], data["dateModified"]) == ("2026-10-01", "2026-10-01")
    walking = read(built, "walking/index.html")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', walking, re.S)[1])
    assert "dateModified" not in data  # no updates: nothing to say when it changed


def test_cite_this_page_as_bibtex_ris_and_csl_json(built: Path) -> None:
    page = read(built, "omega-3/index.html")
    formats = dict(re.findall(r"<summary>([\w-]+)</summary>\s*<pre tabindex=\"0\"><code>"
                              r"(.*?)</code></pre>", page, re.S))
    assert list(formats) == ["BibTeX", "RIS", "CSL-JSON"]
    assert formats["BibTeX"].startswith("@misc{omega-3,\n  author = {Ben Okafor and Ana Lima},"
                                        "\n  title = {{Omega-3 fish oil and the heart}},")
    assert "month = nov," in formats["BibTeX"] and "url = {https://notes.example.org/omega-3/}" \
        in formats["BibTeX"]
    assert formats["RIS"].splitlines()[:3] == ["TY  - ELEC", "AU  - Ben Okafor",
                                               "AU  - Ana Lima"]
    assert "DA  - 2026/11/15/" in formats["RIS"] and formats["RIS"].endswith("ER  - ")
    [item] = json.loads(formats["CSL-JSON"])
    assert item["author"] == [{"literal": "Ben Okafor"}, {"literal": "Ana Lima"}]
    assert item["issued"] == {"date-parts": [[2026, 11, 15]]} and item["type"] == "webpage"
    assert "Ben Okafor, Ana Lima. Omega-3 fish oil and the heart. Plain Health Notes." in page


def test_topic_pages_list_articles_and_claims(built: Path) -> None:
    heart = read(built, "topics/heart/index.html")
    assert "<h1>Heart</h1>" in heart
    assert re.findall(r'<h3><a href="\.\./\.\./([\w-]+)/">', heart) == ["omega-3", "walking"]
    assert "Randomised controlled trial (2)" in heart
    assert '../../walking/#walking-in-a-cohort-of-4"' in heart
    bone = read(built, "topics/bone/index.html")
    assert re.findall(r'<h3><a href="\.\./\.\./([\w-]+)/">', bone) == ["vitamin-d"]
    assert "Bones and falls" in bone  # a section takes its article's topics


def test_people_pages(built: Path) -> None:
    carla = read(built, "people/carla-jensen/index.html")
    assert "<h1>Carla Jensen</h1>" in carla and "<dd>MD, MPH</dd>" in carla
    assert "0 written, 2 medically reviewed" in carla
    reviewed = carla[carla.index("Articles medically reviewed"):]
    assert re.findall(r'<h3><a href="\.\./\.\./([\w-]+)/">', reviewed) == ["vitamin-d", "walking"]
    ben = read(built, "people/ben-okafor/index.html")
    assert '<a href="https://ben-okafor.example.org/" rel="noopener">' in ben
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', ben, re.S)[1])
    assert data["@type"] == "ProfilePage" and data["mainEntity"]["jobTitle"] == \
        "Dietitian and writer"


def test_an_overdue_review_is_a_warning_and_a_notice(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    later = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)  # after omega-3's next_review only
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    code, out, _ = run(["check", str(SITE)], capsys)
    assert code == 0 and out == (
        "content/omega-3/index.md:9:1: warning: the next review was due on 2027-05-15;"
        " readers see that it is overdue. Review the page, then set 'reviewed' and a new"
        " 'next_review' [review-overdue]\n")
    assert run(["build", str(SITE), "-o", str(tmp_path / "out"), "--no-search"], capsys)[0] == 0
    for path in ("omega-3/index.html", "omega-3/dosing/index.html"):
        assert "<strong>Review overdue.</strong>" in read(tmp_path / "out", path), path
    assert "Review overdue" not in read(tmp_path / "out", "walking/index.html")
    assert "<strong>Review overdue</strong>" in read(tmp_path / "out", "index.html")


def test_same_source_date_epoch_same_bytes(built: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = tmp_path / "again"
    assert run(["build", str(SITE), "-o", str(again), "--no-search"], capsys)[0] == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


@pytest.mark.parametrize(("value", "expected"), [
    ("0", dt.date(1970, 1, 1)), ("1796083200", dt.date(2026, 12, 1)),
])
def test_review_date_is_source_date_epoch(value: str, expected: dt.date,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert review_date() == (expected, [])


def test_review_date_without_or_with_a_bad_source_date_epoch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert review_date() == (dt.date.today(), [])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    _, [problem] = review_date()
    assert problem.format() == (
        "(environment):0:0: error: SOURCE_DATE_EPOCH is 'yesterday', not a whole number of"
        " seconds since 1970-01-01 [source-date-epoch]")


def test_a_draft_index_holds_back_its_whole_article(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = copy_site(SITE, tmp_path / "site")
    index = site / "content" / "omega-3" / "index.md"
    index.write_text(index.read_text().replace("order: 2\n", "order: 2\ndraft: true\n"))
    # david-cho reviews only the draft article: named on a draft, he is no unused person
    code, out, _ = run(["check", str(site), "--strict"], capsys)
    assert (code, out) == (0, "")
    assert run(["build", str(site), "-o", str(tmp_path / "out"), "--no-search"], capsys)[0] == 0
    assert not (tmp_path / "out" / "omega-3").exists()
    assert "manson2019n" not in (tmp_path / "out" / "claims.json").read_text()


def test_an_article_folder_with_only_its_index(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = copy_site(SITE, tmp_path / "site")
    for section in ("bones.md", "dosing.md"):
        (site / "content" / "vitamin-d" / section).unlink()
    assert run(["build", str(site), "-o", str(tmp_path / "out"), "--no-search"], capsys)[0] == 0
    page = read(tmp_path / "out", "vitamin-d/index.html")
    assert "In this article" not in page and "Written by" in page
    assert 'href="vitamin-d/"' in read(tmp_path / "out", "index.html")
    assert broken_links(tmp_path / "out") == []


def test_an_article_folder_linked_from_outside_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An article folder is read like any input: through a link, only inside the site."""
    site = copy_site(SITE, tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text("---\ntitle: Not of this site\n---\n\nText.\n")
    (site / "content" / "linked").symlink_to(elsewhere)
    code, out, _ = run(["check", str(site)], capsys)
    assert code == 1 and out.startswith("content/linked/index.md:0:0: error: this path goes"
                                        " through a symbolic link")
    assert "[unsafe-path]" in out
