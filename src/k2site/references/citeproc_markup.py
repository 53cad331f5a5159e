"""Render-stage helper for `bibliography`: citeproc-py's output as safe HTML or plain text.

citeproc-py's own HTML formatter leaves variable text unescaped; `MARKUP` instead marks
the style's markup with private-use characters, so that all text can be escaped first
and the tags put in afterwards (`to_html`), or dropped (`to_plain`). The names of an
in-text citation can be marked the same way (`NAMES_OPEN`, `NAMES_CLOSE`, while
`citeproc_patches.names_marked` lasts), which is how `citation_parts` cuts the
author-only and author-suppressed forms from the whole citation.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from k2site.text import escape_html

#: Around the names of a citation rendered for its parts (see `citation_parts`).
NAMES_OPEN, NAMES_CLOSE = "\ue003", "\ue004"


def _tag(name: str) -> Any:
    """A citeproc-py formatter wrapper that marks text with private-use characters."""
    return lambda text: f"\ue000{name}\ue001{text}\ue002{name}\ue001"


# citeproc-py's own HTML formatter leaves variable text unescaped; this one marks the
# style's markup, so that all text can be escaped first and the tags put in afterwards.
MARKUP = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_tag("i"), Oblique=_tag("i"), Bold=_tag("b"), Light=_tag("span"),
    Underline=_tag("u"), Superscript=_tag("sup"), Subscript=_tag("sub"),
    SmallCaps=_tag("small-caps"),
)
_MARK = re.compile("\ue000([a-z-]+)\ue001|\ue002([a-z-]+)\ue001")


def to_html(marked: str) -> str:
    """Escaped text with the style's markup as HTML tags."""

    def tag(match: re.Match[str]) -> str:
        opening, closing = match.groups()
        if opening == "small-caps":
            return '<span style="font-variant:small-caps">'
        if opening:
            return f"<{opening}>"
        return "</span>" if closing in ("small-caps", "span") else f"</{closing}>"

    return _MARK.sub(tag, escape_html(_tidy(marked), quote=False))


def to_plain(marked: str) -> str:
    return _MARK.sub("", _tidy(marked))


def citation_parts(marked: str) -> tuple[str, str]:
    """A citation whose names are marked -> (its names alone, the rest without them):
    `Gast et al., 2009` -> (`Gast et al.`, `2009`). Only the first marked stretch counts
    (a substitute's names are inside it); the delimiter after the names goes with them."""
    start = marked.find(NAMES_OPEN)
    end = _matching_close(marked, start)
    if start < 0 or end < 0:
        return "", _unmarked(marked)
    rest = _unmarked(marked[:start]) + _unmarked(marked[end + 1:]).lstrip(" ,;:")
    return _unmarked(marked[start + 1:end]), rest


def _matching_close(marked: str, start: int) -> int:
    depth = 0
    for index in range(max(start, 0), len(marked) if start >= 0 else 0):
        depth += (marked[index] == NAMES_OPEN) - (marked[index] == NAMES_CLOSE)
        if depth == 0:
            return index
    return -1


def _unmarked(text: str) -> str:
    return text.replace(NAMES_OPEN, "").replace(NAMES_CLOSE, "")


CLOSING_QUOTE_THEN_PUNCTUATION = re.compile(r"(”)([.,])")
_DOUBLE_PERIOD = re.compile("([.?!])((?:\ue002[a-z-]+\ue001)*)\\.")


def _tidy(marked: str) -> str:
    """Collapse spaces, and drop a period after `.`, `?` or `!` as CSL processors do."""
    return _DOUBLE_PERIOD.sub(r"\1\2", " ".join(marked.split()))
