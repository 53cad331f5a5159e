"""The parse stage on literal strings: front matter, claims, citation positions."""

from __future__ import annotations

import datetime as dt

from k2site.content.page import parse_page
from k2site.content.syntax import strip_ignores

PAGE = """---
title: A page
order: 3
topics: [bone, heart]
reviewed: 2026-01-31
---
Intro without a citation.

A cited paragraph [@a] and [see @b, p. 3]. <!-- k2site: ignore overclaim -->

- a cited item [@c]
- an uncited item

::: {.claim #explicit}
First [@d].

Second.
:::
"""


def test_front_matter_values() -> None:
    page, problems = parse_page("content/a-page.md", PAGE)
    assert problems == [] and page is not None
    assert (page.slug, page.title, page.order) == ("a-page", "A page", 3)
    assert page.topics == ("bone", "heart")
    assert page.reviewed == dt.date(2026, 1, 31)


def test_claims_are_cited_paragraphs_items_and_divs() -> None:
    page, _ = parse_page("content/a-page.md", PAGE)
    assert page is not None
    claims = {c.id: c for c in page.claims}
    assert list(claims) == ["a-page-a-cited-paragraph-and", "a-page-a-cited-item", "explicit"]
    assert claims["a-page-a-cited-paragraph-and"].text == "A cited paragraph and."
    assert claims["explicit"].text == "First. Second." and claims["explicit"].explicit
    assert claims["explicit"].span == (14, 18)


def test_citation_positions_are_exact() -> None:
    page, _ = parse_page("content/a-page.md", PAGE)
    assert page is not None
    positions = [(c.key, c.line, c.col) for c in page.citations]
    assert positions == [("a", 9, 20), ("b", 9, 33), ("c", 11, 17), ("d", 15, 8)]
    assert page.citations[1].prefix == "see" and page.citations[1].locator == "p. 3"


def test_ignore_comments_silence_rules_on_their_line() -> None:
    page, _ = parse_page("content/a-page.md", PAGE)
    assert page is not None
    assert page.claims[0].ignored == frozenset({"overclaim"})
    body, ignored = strip_ignores("x <!-- k2site: ignore overclaim, uncited-claim -->")
    assert body.rstrip() == "x" and ignored == {0: frozenset({"overclaim", "uncited-claim"})}


def test_uncited_paragraphs_are_kept_for_the_linter() -> None:
    page, _ = parse_page("content/a-page.md", PAGE)
    assert page is not None
    assert (7, 7) in page.passages and (12, 12) in page.passages


def test_wrong_types_in_front_matter() -> None:
    text = "---\ntitle: T\norder: first\ndraft: maybe\ntopics: bone\n---\nx\n"
    _, problems = parse_page("content/t.md", text)
    assert [(d.line, d.rule) for d in problems] == [
        (3, "front-matter"), (4, "front-matter"), (5, "front-matter")]
    assert "'order' must be a whole number" in problems[0].message


def test_a_page_without_front_matter() -> None:
    page, problems = parse_page("content/t.md", "# Just text\n")
    assert page is None
    assert problems[0].rule == "front-matter" and problems[0].line == 1
