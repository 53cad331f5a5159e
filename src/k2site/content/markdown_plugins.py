"""Markdown extensions for the parse stage: Pandoc citations and `.claim` fenced divs.

The plugins know nothing of the site. A citation group becomes one `citation` token
whose `meta["citations"]` holds `Citation` values; a `::: {.claim #id}` div becomes
`container_claim_open`/`_close` tokens with `meta["claim_id"]`. How they render is
decided by a `CitationRenderer` placed in the render env under `ENV_KEY`; without one,
they render as plain text, so the plugins work on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

from k2site.content.syntax import narrative_citation, parse_citation_group, scan_of
from k2site.model.document import Citation
from k2site.text import escape_html, slugify

ENV_KEY = "k2site"
#: How deep blocks may nest (a list item in a list counts two): far past any article,
#: and well inside Python's recursion limit. markdown-it's CommonMark preset stops at 20,
#: so a list nested 10 deep lost its last item and everything after it, without a word.
BLOCK_NESTING = 100
#: Inline nesting (links in link text) keeps the preset's limit: past it markdown-it
#: shows the characters as text, so nothing is lost, and each level costs time.
INLINE_NESTING = 20
_TOO_DEEP = "k2site_too_deep"

_CLAIM_ATTRS = re.compile(r"^\{\s*(?:\.claim\s+#(?P<a>[\w-]+)|#(?P<b>[\w-]+)\s+\.claim)\s*\}$")
_CLAIM_START = re.compile(r"^\{[^}]*\.claim\b")


class Placeholders:
    """A CitationRenderer that leaves placeholders and collects the citation groups."""

    def __init__(self) -> None:
        self.groups: list[tuple[Citation, ...]] = []

    def citation_html(self, citations: Sequence[Citation]) -> str:
        self.groups.append(tuple(citations))
        return f"\x00c{len(self.groups) - 1}\x00"

    def claim_badge_html(self, claim_id: str) -> str:
        return f"\x00b{claim_id}\x00"

    def passage_html(self, index: int) -> str:
        return f"\x00u{index}\x00"

    def claim_attrs(self, claim_id: str) -> dict[str, str]:
        group = f"\x00g{claim_id}\x00"
        return {"id": claim_id, "class": f"claim claim-{group}", "data-evidence": group}


class CitationRenderer(Protocol):
    """What the render stage supplies to turn citations and claims into HTML."""

    def citation_html(self, citations: Sequence[Citation]) -> str: ...

    def claim_badge_html(self, claim_id: str) -> str: ...

    def claim_attrs(self, claim_id: str) -> dict[str, str]: ...

    def passage_html(self, index: int) -> str: ...


def _citation_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if src[start] != "[":
        return False
    end = scan_of(src).group_end(start)
    if end < 0 or end >= state.posMax or src[end + 1 : end + 2] in ("(", "["):
        return False  # a link or a reference link, not a citation
    citations = parse_citation_group(src[start + 1 : end])
    return citations is not None and _push(state, silent, citations, end + 1)


def _narrative_rule(state: StateInline, silent: bool) -> bool:
    """`@key found ...`: a citation in the sentence. Not inside a link's text, which
    stays the link's words."""
    src, start = state.src, state.pos
    if src[start] != "@" or state.linkLevel > 0:
        return False
    found = narrative_citation(src, start)
    if found is None or found[1] > state.posMax:
        return False
    return _push(state, silent, [found[0]], found[1])


def _push(state: StateInline, silent: bool, citations: list[Citation], end: int) -> bool:
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"citations": citations, "offset": state.pos}
        token.content = state.src[state.pos : end]
    state.pos = end
    return True


def _renderer(env: Any) -> CitationRenderer | None:
    return env.get(ENV_KEY) if isinstance(env, dict) else None


def _render_citation(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    renderer = _renderer(env)
    if renderer is None:
        return escape_html(tokens[idx].content)
    return renderer.citation_html(tokens[idx].meta["citations"])


def _render_badge(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    renderer = _renderer(env)
    return renderer.claim_badge_html(tokens[idx].meta["claim_id"]) if renderer else ""


def _render_passage(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    renderer = _renderer(env)
    return renderer.passage_html(tokens[idx].meta["index"]) if renderer else ""


def claim_id_of(info: str) -> str | None:
    """The id in `{.claim #id}` (either order), or None when the info is not a claim."""
    match = _CLAIM_ATTRS.match(info.strip())
    return (match["a"] or match["b"]) if match else None


def is_claim_opener(info: str) -> bool:
    """Whether a `:::` line means to open a claim, even a malformed one."""
    return bool(_CLAIM_START.match(info.strip()))


def _validate_claim(params: str, *args: Any) -> bool:
    return is_claim_opener(params)


def _render_claim(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    if tokens[idx].nesting == -1:
        return "</div>\n"
    claim_id = claim_id_of(tokens[idx].info)
    base = {"class": "claim", **({"id": claim_id} if claim_id else {})}
    return _render_anchor(self, tokens, idx, options, env, claim_id, base)


def _render_claim_anchor(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return _render_anchor(self, tokens, idx, options, env, tokens[idx].meta.get("claim_id"))


def _render_anchor(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any,
                   claim_id: str | None, base: dict[str, str] | None = None) -> str:
    """Render an opening tag with the claim's id, class and evidence, leaving the token be."""
    token = tokens[idx]
    if not (claim_id or base):  # a paragraph of no claim: nothing to add
        return str(self.renderToken(tokens, idx, options, env))
    renderer = _renderer(env)
    attrs = renderer.claim_attrs(claim_id) if renderer and claim_id else {}
    # The attributes are lent for this one call and given back: a copy of the token
    # (and a window of tokens around it) cost about 5% of the parse stage.
    own = token.attrs
    token.attrs = {**own, **(base or {}), **attrs}
    try:
        return str(self.renderToken(tokens, idx, options, env))
    finally:
        token.attrs = own


def citations_plugin(md: MarkdownIt) -> None:
    """Pandoc citations `[@a]`, `[@a; @b]`, `[@a, p. 12]`, `[see @a]`, `[-@a]`, and
    narrative ones, `@a found`, `@a [p. 12] found`."""
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.inline.ruler.before("link", "narrative_citation", _narrative_rule)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("claim_badge", _render_badge)
    md.add_render_rule("passage_mark", _render_passage)


def claims_plugin(md: MarkdownIt) -> None:
    """`::: {.claim #id}` ... `:::` fenced divs."""
    container_plugin(md, "claim", validate=_validate_claim, render=_render_claim)
    md.add_render_rule("paragraph_open", _render_claim_anchor)
    md.add_render_rule("list_item_open", _render_claim_anchor)


class _GuardedBlocks(ParserBlock):
    """markdown-it's block parser with the deeper limit, noting where it would have to
    skip content because blocks nest deeper still (the parse stage makes that an error)."""

    def parse(self, src: str, md: MarkdownIt, env: Any,
              outTokens: list[Token]) -> list[Token] | None:
        inline_limit = md.options["maxNesting"]
        md.options["maxNesting"] = BLOCK_NESTING
        try:
            return super().parse(src, md, env, outTokens)
        finally:
            md.options["maxNesting"] = inline_limit

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        # the same test as ParserBlock.tokenize makes before it skips to endLine
        line = state.skipEmptyLines(startLine)
        if state.level >= state.md.options["maxNesting"] and line < endLine \
                and state.sCount[line] >= state.blkIndent and isinstance(state.env, dict):
            state.env.setdefault(_TOO_DEEP, line)
        super().tokenize(state, startLine, endLine)


def too_deep(env: dict[str, Any]) -> int | None:
    """The first line (of the parsed text) that blocks nested too deep, after a parse."""
    line = env.get(_TOO_DEEP)
    return line if isinstance(line, int) else None


def nesting_plugin(md: MarkdownIt) -> None:
    """Nest blocks to `BLOCK_NESTING` and note where text would go beyond it."""
    guarded = _GuardedBlocks()
    guarded.ruler = md.block.ruler
    md.block = guarded
    md.options["maxNesting"] = INLINE_NESTING


def make_markdown() -> MarkdownIt:
    """The one Markdown parser k2site uses: CommonMark, tables, no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    # With `html` off these rules only ever answer no; asking them costs a call per block
    # and per `<`, so they are left out (the output is the same).
    md.disable(["html_block", "html_inline"])
    md.use(nesting_plugin)
    md.use(citations_plugin)
    md.use(claims_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=slugify)
    return md
