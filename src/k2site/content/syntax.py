"""Text-level syntax shared by the parse and lint stages, with no Markdown parser:
Pandoc citation groups, `<!-- k2site: ignore RULE -->` comments and body placeholders.

Kept apart from `markdown` so that a build whose pages all come from the cache never
has to import markdown-it.
"""

from __future__ import annotations

import re

from k2site.model.document import Citation

# Pandoc: a key starts with a letter, digit or _, and may hold :.#$%&-+?<>~/ inside.
_KEY = r"[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*"
_ITEM = re.compile(rf"^(?P<prefix>(?:.*?\s)?)-?@(?P<key>{_KEY})(?P<suffix>.*)$", re.DOTALL)
#: How a page body marks what only the whole site knows: `\x00c<i>\x00` citation group i,
#: `\x00b<id>\x00` the badge of claim <id>, `\x00g<id>\x00` its evidence group id,
#: `\x00u<i>\x00` the mark of uncited paragraph i when it asserts a health effect.
#: markdown-it turns NUL in the input into U+FFFD, so content cannot forge one.
PLACEHOLDER = re.compile("\x00([cbgu])([^\x00]*)\x00")


IGNORE = re.compile(r"<!--\s*k2site:\s*ignore\s+([\w\s,-]+?)\s*-->")


def parse_citation_group(content: str) -> list[Citation] | None:
    """`see @a, p. 12; @b` -> citations, or None when the text is not a citation group."""
    citations = []
    for part in content.split(";"):
        match = _ITEM.match(part.strip())
        if match is None:
            return None
        suffix = match["suffix"].strip()
        locator = suffix[1:].strip() if suffix.startswith(",") else suffix
        citations.append(Citation(match["key"], match["prefix"].strip(), locator))
    return citations or None


def blank_citations(text: str) -> str:
    """The text with each citation group replaced by spaces, so columns stay put."""
    out, pos = [], 0
    while (start := text.find("[", pos)) >= 0:
        end = closing_bracket(text, start)
        if end > 0 and parse_citation_group(text[start + 1 : end]) is not None:
            out.append(text[pos:start] + " " * (end + 1 - start))
            pos = end + 1
        else:
            out.append(text[pos : start + 1])
            pos = start + 1
    return "".join(out) + text[pos:]


def closing_bracket(src: str, start: int) -> int:
    """Index of the `]` that closes the `[` at start, or -1 (none, or code inside)."""
    depth, i = 0, start
    while (match := _BRACKET_SYNTAX.search(src, i)) is not None:
        char, i = match.group(), match.start()
        if char == "\\":
            i += 1
        elif char == "`":
            return -1
        elif char == "[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


#: What `closing_bracket` looks at; it jumps over everything else.
_BRACKET_SYNTAX = re.compile(r"[\\`\[\]]")


def strip_ignores(body: str) -> tuple[str, dict[int, frozenset[str]]]:
    """Blank out `<!-- k2site: ignore RULE -->` comments; the rules each body line silences."""
    ignored: dict[int, frozenset[str]] = {}
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if "k2site:" not in line:
            continue
        for match in IGNORE.finditer(line):
            rules = frozenset(r for r in re.split(r"[\s,]+", match[1]) if r)
            ignored[i] = ignored.get(i, frozenset()) | rules
        lines[i] = IGNORE.sub(lambda m: " " * len(m[0]), line)
    return "\n".join(lines), ignored
