"""Citation and claim syntax, from fixture files in markdown-it's format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from k2site.content.markdown_plugins import ENV_KEY, make_markdown
from k2site.content.syntax import parse_citation_group
from k2site.model.document import AUTHOR_IN_TEXT, SUPPRESS_AUTHOR, Citation

FIXTURES = Path(__file__).parent / "fixtures"


class PlainCitations:
    """Renders a citation group as `<cite>prefix:key@locator|...</cite>` for the fixtures,
    a key whose author is suppressed as `-key`, a narrative citation with class `in-text`."""

    def citation_html(self, citations: Sequence[Citation]) -> str:
        parts = [
            (f"{c.prefix}:" if c.prefix else "") + ("-" if c.mode == SUPPRESS_AUTHOR else "")
            + c.key + (f"@{c.locator}" if c.locator else "")
            for c in citations
        ]
        narrative = ' class="in-text"' if citations[0].mode == AUTHOR_IN_TEXT else ""
        return f"<cite{narrative}>{'|'.join(parts)}</cite>"

    def claim_badge_html(self, claim_id: str) -> str:
        return ""

    def claim_attrs(self, claim_id: str) -> dict[str, str]:
        return {}

    def passage_html(self, index: int) -> str:
        return ""


@pytest.mark.parametrize(
    "line,title,source,expected",
    read_fixture_file(FIXTURES / "citations.md"),
    ids=[f"{f[0]}-{f[1]}" for f in read_fixture_file(FIXTURES / "citations.md")],
)
def test_citation_and_claim_syntax(line: int, title: str, source: str, expected: str) -> None:
    md = make_markdown()
    html = md.render(source, {ENV_KEY: PlainCitations()})
    assert html.rstrip() == expected.rstrip(), f"{FIXTURES / 'citations.md'}:{line}: {title}"


@pytest.mark.parametrize(
    "text,keys",
    [
        ("@a", ["a"]),
        ("see @a, p. 12; @b", ["a", "b"]),
        ("-@a", ["a"]),
        ("e.g., @vandermeer2004", ["vandermeer2004"]),
    ],
)
def test_parse_citation_group(text: str, keys: list[str]) -> None:
    citations = parse_citation_group(text)
    assert citations is not None
    assert [c.key for c in citations] == keys


@pytest.mark.parametrize("text", ["no key", "a@b.com", "@", "x; y"])
def test_not_a_citation_group(text: str) -> None:
    assert parse_citation_group(text) is None


def test_render_without_renderer_shows_the_source() -> None:
    assert make_markdown().render("A [@a].").strip() == "<p>A [@a].</p>"
