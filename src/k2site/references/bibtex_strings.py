"""Parse-stage helper for `bibtex`: a BibTeX field value as written -> its text.

A value is a braced `{...}` or quoted `"..."` text, a number, or the name of an
`@string` macro, or several of these joined with `#`:

    @string{jn = "J. " # "Nutr."}
    journal = jn,  month = jan # "~1",  publisher = dtv # { and Walter de Gruyter}

Macro names are case-insensitive, and an `@string` may use the ones defined before it.
A name that no `@string` defines stays as written (`month = jan` is read as January
later, by the date conversion), which is also what Pandoc does inside a concatenation:
`month = jan # "~1"` gives no month there. A value that is none of these forms is kept
with one level of enclosing braces or quotes removed, as bibtexparser would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# BibTeX's identifier characters: anything but white space and `"#%'(),={}`
_NAME = re.compile(r"[^\s\"#%'(),={}]+")


def macros(definitions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each `@string` name (lower-cased) -> its text, in file order, so that a macro can
    use the ones defined before it."""
    found: dict[str, str] = {}
    for name, value in definitions:
        found[name.lower()] = field_text(value, found)
    return found


def field_text(value: str, defined: Mapping[str, str]) -> str:
    """The text of one value as written, its macros replaced and its parts joined."""
    pieces = _pieces(value.strip())
    if pieces is None:
        return _unenclosed(value.strip())
    return "".join(defined.get(text.lower(), text) if is_name else text
                   for text, is_name in pieces)


def _pieces(value: str) -> list[tuple[str, bool]] | None:
    """The parts joined by `#`, each with whether it names a macro; None when the value
    is not such a sequence."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    while True:
        piece = _piece(value, _skip_spaces(value, at))
        if piece is None:
            return None
        text, is_name, at = piece
        pieces.append((text, is_name))
        at = _skip_spaces(value, at)
        if at == len(value):
            return pieces
        if value[at] != "#":
            return None
        at += 1


def _piece(value: str, at: int) -> tuple[str, bool, int] | None:
    """The part starting at `at`: its text, whether it is a macro name, and where it ends."""
    if at >= len(value):
        return None
    if value[at] in "{\"":
        end = _closing(value, at)
        return None if end is None else (value[at + 1:end], False, end + 1)
    match = _NAME.match(value, at)
    if match is None:
        return None
    return match.group(), not match.group().isdigit(), match.end()


def _closing(value: str, start: int) -> int | None:
    """The index of the brace or quote that closes the one at `start`: braces nest, and
    a quote inside braces does not end a quoted text."""
    quoted = value[start] == "\""
    depth = 0 if quoted else 1
    for index in range(start + 1, len(value)):
        char = value[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0 or (depth == 0 and not quoted):
                return index if depth == 0 else None
        elif char == "\"" and quoted and depth == 0:
            return index
    return None


def _skip_spaces(value: str, at: int) -> int:
    while at < len(value) and value[at].isspace():
        at += 1
    return at


def _unenclosed(value: str) -> str:
    if len(value) >= 2 and value[0] + value[-1] in ("{}", "\"\""):
        return value[1:-1]
    return value
