"""Pure functions of SPEC §6 on literal strings: where a page lives, how pages become
articles, the new front-matter keys, people.yaml, and the page in BibTeX and RIS."""

from __future__ import annotations

import datetime as dt

import pytest

from k2site.content.page import parse_page
from k2site.content.people import parse_people
from k2site.files.folders import is_input
from k2site.model.document import Page, Update
from k2site.model.publication import (
    article_numbers,
    articles_of,
    inherit,
    missing_indexes,
    published,
)
from k2site.render.page_meta import bibtex, ris


def page(path: str, front: str = "", body: str = "Text.") -> Page:
    parsed, problems = parse_page(path, f"---\ntitle: T\n{front}---\n\n{body}\n")
    assert parsed is not None and not problems, problems
    return parsed


@pytest.mark.parametrize(("path", "front", "folder", "slug"), [
    ("content/about.md", "", "", "about"),
    ("content/about.md", "slug: who-we-are\n", "", "who-we-are"),
    ("content/vitamin-d/index.md", "", "vitamin-d", "vitamin-d"),
    ("content/vitamin-d/dosing.md", "", "vitamin-d", "vitamin-d/dosing"),
    ("content/vitamin-d/dosing.md", "slug: how-much\n", "vitamin-d", "vitamin-d/how-much"),
])
def test_where_a_page_lives(path: str, front: str, folder: str, slug: str) -> None:
    found = page(path, front)
    assert (found.folder, found.slug, found.is_index) == (folder, slug, path.endswith("index.md"))


def test_a_sections_claims_carry_its_article_in_their_ids() -> None:
    found = page("content/vitamin-d/dosing.md", body="Take 600 IU a day [@ross2011].")
    assert found.claims[0].id == "vitamin-d-dosing-take-600-iu-a-day"
    assert found.claims[0].page == "vitamin-d/dosing"


def test_new_keys_and_where_each_person_id_is_written() -> None:
    found = page("content/a.md", "authors: [ana, ben]\nreviewed_by:\n  - carla\n"
                 "next_review: 2027-01-31\nupdates:\n  - {date: 2026-01-02, text: Fixed.}\n")
    assert (found.authors, found.reviewed_by) == (("ana", "ben"), ("carla",))
    assert found.next_review == dt.date(2027, 1, 31)
    assert found.updates == (Update(dt.date(2026, 1, 2), "Fixed."),)
    assert [found.position(k) for k in ("authors.0", "authors.1", "reviewed_by.0",
                                        "next_review")] == [(3, 11), (3, 16), (5, 5), (6, 1)]


@pytest.mark.parametrize("value", ["[{date: 2026-01-02}]", "[{date: soon, text: x}]",
                                   "[{date: 2026-01-02, text: ''}]", "Fixed a typo",
                                   "[{date: 2026-01-02, text: x, by: ana}]"])
def test_updates_must_be_dates_and_texts(value: str) -> None:
    _, problems = parse_page("content/a.md", f"---\ntitle: T\nupdates: {value}\n---\nText.\n")
    assert [(d.line, d.rule) for d in problems] == [(3, "front-matter")]


def test_an_article_folder_takes_no_slug() -> None:
    _, problems = parse_page("content/a/index.md", "---\ntitle: T\nslug: b\n---\nText.\n")
    assert [(d.line, d.rule) for d in problems] == [(3, "front-matter")]


def test_a_site_without_folders_is_one_slugless_article() -> None:
    pages = [page("content/b.md", "order: 2\n"), page("content/a.md", "order: 3\n"),
             page("content/c.md", "order: 1\n")]
    [article] = articles_of(pages, publication=False)
    assert article.slug == "" and article.head is None
    assert [p.slug for p in article.pages] == ["c", "b", "a"]


def test_a_publication_groups_folders_and_keeps_single_pages_apart() -> None:
    pages = [page("content/about.md", "order: 9\n"),
             page("content/walk.md", "order: 3\nauthors: [ben]\n"),
             page("content/d/dosing.md", "order: 2\n"), page("content/d/bones.md", "order: 1\n"),
             page("content/d/index.md", "order: 1\ntopics: [bone]\nauthors: [ana]\n")]
    articles = articles_of(pages, publication=True)
    assert [(a.slug, a.listed) for a in articles] == [("d", True), ("walk", True),
                                                      ("about", False)]
    assert [p.slug for p in articles[0].pages] == ["d", "d/bones", "d/dosing"]
    assert articles[0].pages[1].topics == ("bone",)  # a section takes its article's
    assert articles[0].pages[1].authors == ("ana",)
    assert articles[1].head is articles[1].pages[0]


def test_a_sections_own_byline_wins() -> None:
    head = page("content/d/index.md", "authors: [ana]\nreviewed: 2026-01-01\n")
    section = page("content/d/s.md", "authors: [ben]\n")
    taken = inherit(section, head)
    assert (taken.authors, taken.reviewed) == (("ben",), dt.date(2026, 1, 1))


def test_a_draft_index_holds_back_its_sections() -> None:
    pages = [page("content/d/index.md", "draft: true\n"), page("content/d/s.md"),
             page("content/e.md")]
    assert [p.slug for p in published(pages, drafts=False)] == ["e"]
    assert len(published(pages, drafts=True)) == 3


def test_citation_numbers_per_article() -> None:
    one = articles_of([page("content/a/index.md", body="X [@k1]. Y [@k2]."),
                       page("content/b/index.md", body="Z [@k2]. W [@k3].")], True)
    assert article_numbers(one, {"k1", "k2", "k3"}) == {"a": {"k1": 1, "k2": 2},
                                                        "b": {"k2": 1, "k3": 2}}


def test_a_folder_without_index_is_reported_at_its_first_page() -> None:
    found = missing_indexes(["content/a.md", "content/g/z.md", "content/g/b.md",
                             "content/h/index.md", "content/h/x.md"])
    assert [(d.path, d.line, d.rule) for d in found] == [("content/g/b.md", 1, "missing-index")]


def test_people_yaml() -> None:
    people, problems = parse_people("people.yaml", "ana:\n  name: Ana Lima\n  credentials: PhD\n"
                                    "ben:\n  name: Ben\n  url: ftp://x\n")
    assert list(people) == ["ana"] and people["ana"].credentials == "PhD"
    assert people["ana"].line == 1
    assert [(d.line, d.rule) for d in problems] == [(6, "people")]


def test_people_yaml_that_is_not_a_mapping() -> None:
    _, problems = parse_people("people.yaml", "- ana\n- ben\n")
    assert [(d.line, d.rule) for d in problems] == [(1, "people")]
    assert "people.yaml must be a mapping" in problems[0].message


@pytest.mark.parametrize(("rel", "expected"), [
    ("content/a.md", True), ("content/guide", True), ("content/guide/part.md", True),
    ("content/guide/notes.txt", False), ("content/guide/deeper/x.md", False),
    ("people.yaml", True), ("content/.hidden", False),
])
def test_article_folders_and_people_are_inputs(rel: str, expected: bool) -> None:
    assert is_input(rel) is expected


ITEM = {"id": "guide/dosing", "type": "webpage", "title": "Doses & {braces} 100%",
        "container-title": "Notes_site", "URL": "https://example.org/guide/dosing/",
        "author": [{"literal": "Ana Lima"}, {"literal": "Ben Okafor"}],
        "issued": {"date-parts": [[2026, 3, 4]]}}


def test_the_page_as_bibtex_escapes_latex() -> None:
    assert bibtex(ITEM) == (
        "@misc{guide-dosing,\n  author = {Ana Lima and Ben Okafor},\n"
        "  title = {{Doses \\& \\{braces\\} 100\\%}},\n  howpublished = {Notes\\_site},\n"
        "  year = {2026},\n  month = mar,\n  url = {https://example.org/guide/dosing/},\n"
        "  note = {Last reviewed 2026-03-04}\n}")


def test_the_page_as_ris() -> None:
    assert ris(ITEM).splitlines() == [
        "TY  - ELEC", "AU  - Ana Lima", "AU  - Ben Okafor", "TI  - Doses & {braces} 100%",
        "T2  - Notes_site", "PY  - 2026", "DA  - 2026/03/04/",
        "UR  - https://example.org/guide/dosing/", "ER  - "]
    undated = {k: v for k, v in ITEM.items() if k not in ("issued", "author")}
    assert "PY" not in ris(undated) and "AU" not in ris(undated)
