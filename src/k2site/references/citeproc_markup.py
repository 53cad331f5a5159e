"""Render-stage helper for `bibliography`: citeproc-py's output as safe HTML or plain text.

citeproc-py's own HTML formatter leaves variable text unescaped; `MARKUP` instead marks
the style's markup with private-use characters, so that all text can be escaped first
and the tags put in afterwards (`to_html`), or dropped (`to_plain`).
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from k2site.text import escape_html


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


CLOSING_QUOTE_THEN_PUNCTUATION = re.compile(r"(”)([.,])")
_DOUBLE_PERIOD = re.compile("([.?!])((?:\ue002[a-z-]+\ue001)*)\\.")


def _tidy(marked: str) -> str:
    """Collapse spaces, and drop a period after `.`, `?` or `!` as CSL processors do."""
    return _DOUBLE_PERIOD.sub(r"\1\2", " ".join(marked.split()))
