"""The parse stage's faster paths against the plain definitions they replaced: each pair
must agree on the citation fixtures and on generated inputs near the syntax."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from markdown_it.utils import read_fixture_file

from k2site.content import front_matter, markdown_plugins
from k2site.content.markdown_plugins import ENV_KEY, Placeholders, make_markdown
from k2site.content.page import parse_page
from k2site.content.syntax import _SPACED_AT, _spaced_ats, blank_citations
from test_fuzz_syntax import texts

FIXTURES = Path(__file__).parent / "fixtures"
CASES = [case[1] for name in ("citations.md", "roles.md")
         for case in read_fixture_file(FIXTURES / name)]
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _copying_anchor(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any,
                    claim_id: str | None, base: dict[str, str] | None = None) -> str:
    """The claim anchor as it was first written: a copy of the token in a window."""
    token = tokens[idx]
    renderer = env.get(ENV_KEY)
    if claim_id or base:
        token = token.copy()
        attrs = renderer.claim_attrs(claim_id) if renderer and claim_id else {}
        token.attrs = {**token.attrs, **(base or {}), **attrs}
    window = [*tokens[max(idx - 1, 0):idx], token, *tokens[idx + 1:idx + 2]]
    return str(self.renderToken(window, min(idx, 1), options, env))


def _page(text: str) -> str:
    page, _ = parse_page("content/p.md", f"---\ntitle: P\n---\n{text}\n")
    assert page is not None
    return repr((page.body, page.claims, page.citations, page.passages, page.headings))


def _both_anchors(text: str, monkeypatch: Any) -> tuple[str, str]:
    lent = _page(text)
    with monkeypatch.context() as m:
        m.setattr(markdown_plugins, "_render_anchor", _copying_anchor)
        copied = _page(text)
    return lent, copied


def test_claim_anchors_render_as_with_a_copied_token(monkeypatch: Any) -> None:
    for text in CASES + ["::: {.claim #a}\nx [@k]\n:::", "- a [@k]\n\n  b [@j]\n- c"]:
        lent, copied = _both_anchors(text, monkeypatch)
        assert lent == copied, text


@SETTINGS
@given(texts)
def test_claim_anchors_render_as_with_a_copied_token_anywhere(text: str) -> None:
    from _pytest.monkeypatch import MonkeyPatch
    patch = MonkeyPatch()
    try:
        lent, copied = _both_anchors(text, patch)
    finally:
        patch.undo()
    assert lent == copied


def test_rendering_leaves_the_tokens_as_they_were() -> None:
    md = make_markdown()
    tokens = md.parse("::: {.claim #a}\nx [@k]\n:::\n\n- y [@k]\n", {})
    before = [t.as_dict() for t in tokens]
    md.renderer.render(tokens, md.options, {ENV_KEY: Placeholders()})
    assert [t.as_dict() for t in tokens] == before


@SETTINGS
@given(st.one_of(texts, st.text(alphabet=" \u00a0\u2003\n\t-@a;[]", max_size=40)))
@example(" -@a")
@example("-@a")
@example("\u00a0@a x\t-@b")
@example("x -@a; y-@b @c")
def test_spaced_key_starts_are_where_the_pattern_finds_them(text: str) -> None:
    ats = [i for i, char in enumerate(text) if char == "@"]
    assert list(_spaced_ats(text, ats)) == [m.start() for m in _SPACED_AT.finditer(text)]


def _reference_mapping(text: str) -> object:
    """What the front matter loader gave before: the text composed, then loaded again."""
    try:
        node = yaml.compose(text, Loader=front_matter._Loader)
        values = yaml.load(text, Loader=front_matter._Loader) if node is not None else {}
    except yaml.YAMLError as exc:
        return ("yaml", str(exc))
    except ValueError as exc:
        return ("value", str(exc))
    return values


YAML_PIECES = ["title: ", "a", "'", '"', ":", " ", "\n", "- ", "  ", "[", "]", "{", "}",
               "2026-02-30", "2026-01-15", "#", "&x ", "*x", "!!str ", "\t", "---", ",",
               "topics: [a, b]", "authors:\n  - x\n"]
yaml_texts = st.lists(st.sampled_from(YAML_PIECES), max_size=20).map("".join)


@SETTINGS
@given(yaml_texts)
def test_front_matter_reads_values_as_compose_then_load_did(text: str) -> None:
    values, key_lines, problems = front_matter.load_mapping("content/p.md", text, 2)
    reference = _reference_mapping(text)
    if isinstance(reference, tuple):
        assert values is None and problems
    elif not isinstance(reference, dict):
        assert values is None and problems
    else:
        assert values == {str(k): v for k, v in reference.items()} and not problems


def test_a_citation_across_lines_keeps_its_line_break_when_blanked() -> None:
    text = "a [see\n@gast2009] b\nc @smith\n[p. 3] d"
    blanked = blank_citations(text)
    assert blanked.split("\n") == ["a     ", " " * 11 + "b", "c       ", " " * 7 + "d"]
