"""The parse stage on literal strings: front matter, claims, citation positions."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_a_narrative_citation_makes_a_claim_at_its_position() -> None:
    text = "---\ntitle: N\n---\n@gast2009 found less heart disease.\n\nAs @{doi:10.1/x} [p. 3]" \
           " and [-@b] say.\n"
    page, problems = parse_page("content/n.md", text)
    assert problems == [] and page is not None
    assert [(c.key, c.line, c.col, c.mode, c.locator) for c in page.citations] == [
        ("gast2009", 4, 1, "author-in-text", ""), ("doi:10.1/x", 6, 4, "author-in-text", "p. 3"),
        ("b", 6, 31, "suppress-author", "")]
    assert [c.keys for c in page.claims] == [("gast2009",), ("doi:10.1/x", "b")]
    assert page.claims[0].text == "found less heart disease."


def test_repeated_sentences_get_numbered_ids() -> None:
    body = "K2 helps bones [@a].\n\n" * 4 + "- K2 helps bones [@a].\n"
    page, _ = parse_page("content/r.md", f"---\ntitle: R\n---\n{body}")
    assert page is not None
    assert [c.id for c in page.claims] == ["r-k2-helps-bones", "r-k2-helps-bones-2",
                                           "r-k2-helps-bones-3", "r-k2-helps-bones-4",
                                           "r-k2-helps-bones-5"]


def test_a_list_nested_ten_deep_keeps_its_last_item_and_what_follows() -> None:
    items = "\n".join("  " * i + f"- item {i}" for i in range(10))
    page, problems = parse_page("content/d.md", f"---\ntitle: D\n---\n{items}\n\nAfter [@a].\n")
    assert problems == [] and page is not None
    assert "item 9" in page.body and "After" in page.body
    assert [c.keys for c in page.claims] == [("a",)]


def test_nesting_past_the_limit_is_an_error_at_its_line() -> None:
    quotes = "\n".join(">" * (i + 1) + f" quote {i}" for i in range(120))
    page, problems = parse_page("content/q.md", f"---\ntitle: Q\n---\n{quotes}\n")
    assert [(p.line, p.rule) for p in problems] == [(103, "nesting")]  # the 100th quote


@pytest.mark.parametrize(
    "line,rules",
    [
        ("x <!-- k2site: ignore overclaim, uncited-claim -->", {"overclaim", "uncited-claim"}),
        ("<!--k2site:ignore a--> <!-- k2site: ignore b -->", {"a", "b"}),
        ("<!-- <!-- k2site: ignore a -->", {"a"}),
        ("<!-- k2site: ignore a --->", {"a", "-"}),
        ("<!-- k2site: ignore -->", None),
        ("<!-- k2site: ignore a" + " " * 5000, None),
        ("<!-- k2site: ignore a! -->", None),
    ],
)
def test_ignore_comments_as_before(line: str, rules: set[str] | None) -> None:
    """The grammar of the old pattern:
    `<!--\\s*k2site:\\s*ignore\\s+([\\w\\s,-]+?)\\s*-->`."""
    body, ignored = strip_ignores(line)
    assert ignored.get(0) == (frozenset(rules) if rules is not None else None)
    assert len(body) == len(line)
