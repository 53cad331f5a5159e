"""Parse stage: one content file's text -> a `Page` with its claims, or diagnostics.

Pure: takes the text, returns values. Claims are found here, on the token stream:
a paragraph or list item with a citation, or a `::: {.claim #id}` div.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from k2site.content import front_matter
from k2site.content.markdown_plugins import (
    BLOCK_NESTING,
    ENV_KEY,
    Placeholders,
    claim_id_of,
    is_claim_opener,
    make_markdown,
    too_deep,
)
from k2site.content.syntax import strip_ignores
from k2site.diagnostics import Diagnostic, error
from k2site.files.folders import ARTICLE_INDEX
from k2site.model.document import Citation, Claim, Page
from k2site.model.roles import split_property
from k2site.text import slugify

_CLOSER = re.compile(r"^\s*:::+\s*$")
_MD: MarkdownIt | None = None


def markdown() -> MarkdownIt:
    """The shared parser, built once per process."""
    global _MD
    if _MD is None:
        _MD = make_markdown()
    return _MD


@dataclass
class _PageState:
    """What the claim walk collects for one page."""

    path: str
    slug: str
    lines: list[str]
    offset: int
    """File line of body line 0, minus one: file line = offset + body index + 1."""
    ignored: dict[int, frozenset[str]]
    claims: list[Claim] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    passages: list[tuple[int, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    sentence: int = 0
    """Sentences begun so far (see `Citation.sentence`)."""
    suffixes: dict[str, int] = field(default_factory=dict)
    """The next number to try after each id base already taken, so that a page of one
    sentence repeated does not try 2, 3, ... n for its nth copy."""
    claim_at: dict[str, int] = field(default_factory=dict)
    """Index in `claims` of each claim id."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_page(path: str, text: str) -> tuple[Page | None, list[Diagnostic]]:
    """A content file -> Page; None when its front matter is unusable."""
    matter, problems = front_matter.split(path, text)
    if matter is None:
        return None, problems
    values, more = front_matter.validate(path, matter.values, matter.key_lines,
                                        front_matter.PAGE_KEYS, ("title",), "front-matter")
    problems += more
    folder, slug, more = _address(path, values, matter)
    problems += more
    body, ignored = strip_ignores(matter.body)
    env: dict[str, object] = {}
    tokens = markdown().parse(body, env)
    state = _PageState(path, slug, matter.body.split("\n"), matter.body_line - 1, ignored)
    if (deep := too_deep(env)) is not None:
        problems.append(error(path, matter.body_line + deep, 1, "nesting",
                              "lists or quotes nest too deeply here to be shown; nest"
                              f" them less than {BLOCK_NESTING // 2} levels deep"))
    tokens = _walk(tokens, state)
    placeholders = Placeholders()
    body_html = markdown().renderer.render(tokens, markdown().options,
                                           {ENV_KEY: placeholders})
    page = Page(
        path=path, slug=slug, title=values.get("title", slug), order=values.get("order", 0),
        summary=values.get("summary", ""), summary_line=matter.key_lines.get("summary", 0),
        topics=values.get("topics", ()),
        reviewed=values.get("reviewed"), draft=values.get("draft", False),
        body_line=matter.body_line, body=body_html, groups=tuple(placeholders.groups),
        claims=tuple(state.claims),
        headings=_headings(tokens), citations=tuple(state.citations),
        passages=tuple(state.passages), folder=folder,
        authors=values.get("authors", ()), reviewed_by=values.get("reviewed_by", ()),
        next_review=values.get("next_review"), updates=values.get("updates", ()),
        positions=_positions(matter, values), slug_line=matter.key_lines.get("slug", 1),
    )
    return page, problems + state.diagnostics


def _address(path: str, values: dict[str, Any], matter: front_matter.FrontMatter
             ) -> tuple[str, str, list[Diagnostic]]:
    """(article folder, the page's place below the site, problems) of a content file:
    `content/x.md` -> ("", "x"); `content/a/index.md` -> ("a", "a"); `content/a/s.md`
    -> ("a", "a/s"). `slug:` renames a page, never an article folder."""
    parts = path.split("/")
    folder = parts[1] if len(parts) == 3 else ""
    stem = parts[-1].removesuffix(".md")
    problems = []
    if folder and stem == ARTICLE_INDEX.removesuffix(".md"):
        if "slug" in values:
            problems.append(error(path, matter.key_lines.get("slug", 1), 1, "front-matter",
                                  "an article's address is its folder's name: rename the"
                                  f" folder content/{folder}/ instead of setting 'slug'"))
        own = folder
    else:
        own = values.get("slug") or stem
    if not front_matter.SLUG.match(own):
        line = matter.key_lines.get("slug", 1) if own != folder else 1
        what = "folder name" if own == folder else "slug"
        problems.append(error(path, line, 1, "bad-slug",
                              f"{what} '{own}' may hold only a-z, 0-9 and single hyphens"))
    slug = own if not folder or own == folder else f"{folder}/{own}"
    return folder, slug, problems


def _positions(matter: front_matter.FrontMatter, values: dict[str, Any]
               ) -> tuple[tuple[str, int, int], ...]:
    """Where the keys editors' checks point at are written, and each listed person id."""
    found = [(key, line, 1) for key, line in matter.key_lines.items()]
    if values.get("authors") or values.get("reviewed_by"):
        items = front_matter.item_positions(matter, ("authors", "reviewed_by"))
        found += [(name, line, col) for name, (line, col) in items.items()]
    return tuple(found)


def _headings(tokens: Sequence[Token]) -> tuple[tuple[int, str, str], ...]:
    found = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrGet("id"):
            found.append((int(token.tag[1]), str(token.attrGet("id")), tokens[i + 1].content))
    return tuple(found)


def _walk(tokens: list[Token], state: _PageState) -> list[Token]:
    """Find the claims: explicit divs first, then cited paragraphs and list items.
    Returns the tokens with each explicit claim's badge before its closing token."""
    parents = _parents(tokens)
    badges: dict[int, Token] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "container_claim_open":
            i, badge = _explicit_claim(tokens, i, state)
            badges[i] = badge
        elif token.type == "inline":
            _implicit_claim(tokens, i, state, parents)
        i += 1
    if not badges:
        return tokens
    # one pass rather than an insert per claim, which would move the whole list each time
    return [t for i, token in enumerate(tokens) for t in (badges.get(i), token) if t]


def _parents(tokens: list[Token]) -> list[int | None]:
    """The index of each token's innermost open block, found in one pass."""
    parents: list[int | None] = []
    open_blocks: list[int] = []
    for i, token in enumerate(tokens):
        if token.nesting == -1 and open_blocks:
            open_blocks.pop()
        parents.append(open_blocks[-1] if open_blocks else None)
        if token.nesting == 1:
            open_blocks.append(i)
    return parents


def _explicit_claim(tokens: list[Token], start: int, state: _PageState) -> tuple[int, Token]:
    """Handle a claim div from its opening token: the index of its closing token, and the
    badge to show before it."""
    opener = tokens[start]
    end = _matching_close(tokens, start)
    first, last = opener.map or (0, 1)
    # markdown-it maps a closed div to [opener, closer); an unclosed one runs to the end.
    if last >= len(state.lines) or not _CLOSER.match(state.lines[last]):
        state.diagnostics.append(error(
            state.path, state.offset + first + 1, 1, "unclosed-claim",
            "this claim div is never closed: end it with a ':::' line"))
    claim_id = claim_id_of(opener.info)
    if claim_id is None and is_claim_opener(opener.info):
        state.diagnostics.append(error(
            state.path, state.offset + first + 1, 4, "claim-syntax",
            "a claim div needs an id, as in '::: {.claim #k2-heart-mortality}'"))
        claim_id = _unique(state, "claim")
    inlines = [t for t in tokens[start:end] if t.type == "inline"]
    citations = [c for t in inlines for c in _citations(t, state)]
    claim_id = _register(state, claim_id or _unique(state, "claim"), first, explicit=True)
    text = " ".join(plain_text(t) for t in inlines)
    _add_claim(state, claim_id, text, citations, (first, last + 1), explicit=True)
    return end, Token("claim_badge", "", 0, meta={"claim_id": claim_id})


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting if tokens[i].type.startswith("container_claim") else 0
        if depth == 0:
            return i
    return len(tokens) - 1


def _implicit_claim(tokens: list[Token], index: int, state: _PageState,
                    parents: list[int | None]) -> None:
    inline = tokens[index]
    citations = _citations(inline, state)
    if index == 0 or tokens[index - 1].type != "paragraph_open":
        return
    if not citations:
        first, last = inline.map or (0, 1)
        mark = Token("passage_mark", "", 0, meta={"index": len(state.passages)})
        inline.children = [*(inline.children or []), mark]
        state.passages.append((state.offset + first + 1, state.offset + last))
        return
    anchor = tokens[index - 1]
    parent = parents[index - 1]
    if parent is not None and tokens[parent].type == "list_item_open":
        anchor = tokens[parent]
    if anchor.meta.get("claim_id"):  # a second cited paragraph in the same list item
        _extend_claim(state, anchor.meta["claim_id"], inline, citations)
        return
    text = plain_text(inline)
    # a section's claims start with its article's name too: `<article>-<section>-<words>`
    prefix = state.slug.replace("/", "-")
    claim_id = _register(state, f"{prefix}-{_words(text)}", (anchor.map or (0, 0))[0])
    anchor.meta["claim_id"] = claim_id
    inline.children = [*(inline.children or []),
                       Token("claim_badge", "", 0, meta={"claim_id": claim_id})]
    first, last = anchor.map or (0, 1)
    _add_claim(state, claim_id, text, citations, (first, last))


def _citations(inline: Token, state: _PageState) -> list[Citation]:
    """The inline's citations, each placed at the line and column of its `@key`."""
    if inline.meta.get("k2site_citations") is not None:
        return list(inline.meta["k2site_citations"])
    found: list[Citation] = []
    line, col = (inline.map or (0, 1))[0], 0
    state.sentence += 1
    between = ""  # the text since the last citation, to count the sentences ended in it
    for child in inline.children or []:
        if child.type != "citation":
            between += " " if child.type in ("softbreak", "hardbreak") else child.content
            continue
        state.sentence += len(_SENTENCE_END.findall(between))
        between = ""
        placed = []
        for citation in child.meta["citations"]:
            braced = "@{" + citation.key + "}" in child.content
            line, col = _locate(state, ("@{" if braced else "@") + citation.key, line, col)
            placed.append(_placed(citation, state.offset + line + 1, col + 1, state.sentence))
            col += 1
        child.meta["citations"] = placed
        found.extend(placed)
    inline.meta["k2site_citations"] = found
    state.citations.extend(found)
    return found


def _placed(citation: Citation, line: int, col: int, sentence: int) -> Citation:
    """The citation at its place, with its CiTO property (`@disagrees_with:key`) split
    from its key. Built directly: `dataclasses.replace`, twice per citation, took about
    4% of the parse stage."""
    word, key = split_property(citation.key)
    return Citation(key, citation.prefix, citation.locator, line, col,
                    word or citation.cito, sentence, citation.mode)


#: The end of a sentence in a paragraph's text: "...arteries [@a]. This score [@b]".
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+[\"'“‘(]?[A-Z0-9]")


def _locate(state: _PageState, needle: str, line: int, col: int) -> tuple[int, int]:
    for i in range(line, len(state.lines)):
        pos = state.lines[i].find(needle, col if i == line else 0)
        if pos >= 0:
            return i, pos
    return line, col


def plain_text(inline: Token) -> str:
    """An inline token's text without citations or markup, whitespace folded."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = " ".join("".join(parts).split())
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)


#: Folded text has single spaces only; a pattern that starts with one is searched for
#: quickly, where `\s+` was tried at every character (a tenth of parsing at 1,000 pages).
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?)])")


def _words(text: str, count: int = 5) -> str:
    # the first words only: a paragraph is hundreds of words long
    return slugify(" ".join(m.group() for m in islice(_WORD.finditer(text), count)))


_WORD = re.compile(r"[A-Za-z0-9]+")


def _unique(state: _PageState, base: str) -> str:
    """base, or else base-2, base-3...: the first not taken. Ids are never given back, so
    the search for a base goes on from where it last stopped."""
    if base not in state.ids:
        return base
    n = state.suffixes.get(base, 2)
    while f"{base}-{n}" in state.ids:
        n += 1
    state.suffixes[base] = n + 1
    return f"{base}-{n}"


def _register(state: _PageState, claim_id: str, line: int, explicit: bool = False) -> str:
    if explicit and claim_id in state.ids:
        state.diagnostics.append(error(state.path, state.offset + line + 1, 1,
                                       "duplicate-claim-id",
                                       f"claim id '{claim_id}' is used twice on this page"))
    claim_id = _unique(state, claim_id)
    state.ids.add(claim_id)
    return claim_id


def _add_claim(state: _PageState, claim_id: str, text: str,
               citations: list[Citation], span: tuple[int, int], explicit: bool = False) -> None:
    first, last = span
    ignored = frozenset().union(*(state.ignored.get(i, frozenset()) for i in range(first, last)))
    state.claim_at[claim_id] = len(state.claims)
    state.claims.append(Claim(
        id=claim_id, page=state.slug, text=text,
        citations=tuple(citations), line=state.offset + first + 1, explicit=explicit,
        ignored=ignored, span=(state.offset + first + 1, state.offset + last),
    ))


def _extend_claim(state: _PageState, claim_id: str, inline: Token,
                  citations: list[Citation]) -> None:
    i = state.claim_at[claim_id]
    claim = state.claims[i]
    state.claims[i] = replace(claim, text=f"{claim.text} {plain_text(inline)}",
                              citations=claim.citations + tuple(citations))
