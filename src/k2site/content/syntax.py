"""Text-level syntax shared by the parse and lint stages, with no Markdown parser:
Pandoc citations, `<!-- k2site: ignore RULE -->` comments and body placeholders.

Kept apart from `markdown_plugins` so that a build whose pages all come from the cache
never has to import markdown-it.

Every scanner here takes time linear in its text, give or take a logarithm: a page
comes from a pull request, and thousands of unclosed `[@` or a comment followed by
megabytes of spaces must not hold a build for minutes. `CitationScan` finds a text's
brackets and key starts once; whether a `[` opens a citation group is then a lookup.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from heapq import merge

from k2site.model.document import AUTHOR_IN_TEXT, SUPPRESS_AUTHOR, Citation

# Pandoc's citation key: a letter, digit or _, then those and :.#$%&-+?<>~/ inside a key
# (never last), and a : or / before a /; or anything without spaces in braces. k2site's
# braces hold no braces, brackets or semicolons, so that a key never ends a group early.
_BARE_KEY = re.compile(r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*")
_BRACED_KEY = re.compile(r"\{([^\s{}\[\];]+)\}")
#: Where a key may start inside a group: `@` or `-@` after a space. (Each alternative
#: starts with its character, so that `re` skips to the next `-` or `@`; a pattern that
#: starts with a lookbehind is tried at every character.)
_SPACED_AT = re.compile(r"-(?<=\s-)@|@(?<=\s@)")
#: What may stand right before a narrative `@key`; after anything else (a word, a `/`
#: of a URL, a `.`) the `@` is text, as in an e-mail address or a handle in a URL.
_BEFORE_NARRATIVE = frozenset("(-\"'*_\u201c\u2018")
#: Between a narrative key and its locator: spaces and at most one line break (possessive:
#: a long run of spaces is crossed once, never retried).
_LOCATOR_GAP = re.compile(r"[ \t]*+\n?+[ \t]*+(?=\[)")
#: What `closing_brackets` looks at: escapes (with the character escaped), code and
#: brackets; one character class first, which `re` skips to fast.
_BRACKET_SYNTAX = re.compile(r"[\\`\[\]](?:(?<=\\).)?", re.DOTALL)

#: How a page body marks what only the whole site knows: `\x00c<i>\x00` citation group i,
#: `\x00b<id>\x00` the badge of claim <id>, `\x00g<id>\x00` its evidence group id,
#: `\x00u<i>\x00` the mark of uncited paragraph i when it asserts a health effect.
#: The load stage refuses NUL in a page, so content cannot forge one.
PLACEHOLDER = re.compile("\x00([cbgu])([^\x00]*)\x00")


def parse_key(text: str, pos: int) -> tuple[str, int] | None:
    """The citation key starting at text[pos], just after its `@`: (key, index after it).

    The one place a key is read, in groups and in narrative citations alike.
    """
    bare = _BARE_KEY.match(text, pos)
    if bare is not None:
        return bare.group(), bare.end()
    braced = _BRACED_KEY.match(text, pos)
    return (braced.group(1), braced.end()) if braced else None


def _key_after(text: str, pos: int) -> tuple[str, int, bool] | None:
    """`@key` or `-@key` at pos: (key, end, suppress author), or None."""
    dash = text.startswith("-", pos)
    if not text.startswith("@", pos + dash):
        return None
    found = parse_key(text, pos + dash + 1)
    return (found[0], found[1], dash) if found else None


def parse_citation_group(content: str) -> list[Citation] | None:
    """`see @a, p. 12; -@b` -> citations, or None when the text is not a citation group.

    Each `;` part holds a prefix, a key and a suffix; the key is the first `@key` (or
    `-@key`, which suppresses the author) at the part's start or after a space.
    """
    citations = []
    for part in content.split(";"):
        part = part.strip()
        found = _first_key(part)
        if found is None:
            return None
        start, (key, end, suppress) = found
        suffix = part[end:].strip()
        locator = suffix[1:].strip() if suffix.startswith(",") else suffix
        mode = SUPPRESS_AUTHOR if suppress else ""
        citations.append(Citation(key, part[:start].strip(), locator, mode=mode))
    return citations or None


def _first_key(part: str) -> tuple[int, tuple[str, int, bool]] | None:
    if (found := _key_after(part, 0)) is not None:
        return 0, found
    for at in _SPACED_AT.finditer(part):
        if (found := _key_after(part, at.start())) is not None:
            return at.start(), found
    return None


def narrative_citation(text: str, pos: int, scan: CitationScan | None = None
                       ) -> tuple[Citation, int] | None:
    """A narrative citation at pos, `@key`, with an optional bracketed locator after it
    (`@key [p. 12]`): (citation, index after it), or None. As in Pandoc, a `-` before it
    is text: only a group suppresses the author (`[-@key]`)."""
    if pos > 0 and not (text[pos - 1].isspace() or text[pos - 1] in _BEFORE_NARRATIVE):
        return None
    found = parse_key(text, pos + 1) if text.startswith("@", pos) else None
    if found is None:
        return None
    key, end = found
    citation = Citation(key, mode=AUTHOR_IN_TEXT)
    gap = _LOCATOR_GAP.match(text, end)
    if gap is not None:
        close = (scan or scan_of(text)).locator_end(gap.end())
        if close > 0:
            suffix = text[gap.end() + 1 : close].strip()
            locator = suffix[1:].strip() if suffix.startswith(",") else suffix
            return replace(citation, locator=locator), close + 1
    return citation, end


class CitationScan:
    """Where one text's brackets, semicolons and spaced key starts are, found once, so
    that each question about a `[` is answered by lookups rather than a new scan."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.close, self.opens = closing_brackets(text)
        self.semicolons = [m.start() for m in re.finditer(";", text)]
        self.ats = [m.start() for m in re.finditer("@", text)]
        self.starts = [at for at in _spaced_ats(text, self.ats)
                       if _key_after(text, at) is not None]
        # bad[i]: how many of the parts between semicolon j and j + 1, j < i, hold no key
        self.bad = [0]
        for here, after in zip(self.semicolons, self.semicolons[1:], strict=False):
            self.bad.append(self.bad[-1] + (not self._part_has_key(here, after)))

    def group_end(self, start: int) -> int:
        """Index of the `]` ending the citation group opened at start, or -1."""
        end = self.close.get(start, -1)
        if end < 0:
            return -1
        first, last = bisect_right(self.semicolons, start), bisect_left(self.semicolons, end)
        if first == last:
            return end if self._part_has_key(start, end) else -1
        inner = self.bad[last - 1] - self.bad[first]
        if inner or not self._part_has_key(start, self.semicolons[first]):
            return -1
        return end if self._part_has_key(self.semicolons[last - 1], end) else -1

    def locator_end(self, start: int) -> int:
        """The `]` of a locator bracket `[p. 12]` opened at start, or -1: one holding
        no `@`, `;` or bracket and followed by no link target."""
        end = self.close.get(start, -1)
        if end < 0 or self.text[end + 1 : end + 2] in ("(", "["):
            return -1
        if any(_any_between(marks, start, end)
               for marks in (self.opens, self.ats, self.semicolons)):
            return -1
        return end

    def _part_has_key(self, before: int, after: int) -> bool:
        """Whether the text between two delimiters holds a key where a group allows one."""
        return _key_after(self.text, before + 1) is not None or \
            _any_between(self.starts, before, after)


def _spaced_ats(text: str, ats: list[int]) -> Iterator[int]:
    """Where `_SPACED_AT` matches, found from the `@` positions: searching the text with
    its lookbehind tries every character, and took half the time of a scan."""
    for at in ats:
        if at > 0 and text[at - 1].isspace():
            yield at
        elif at > 1 and text[at - 1] == "-" and text[at - 2].isspace():
            yield at - 1


def _any_between(positions: list[int], low: int, high: int) -> bool:
    i = bisect_right(positions, low)
    return i < len(positions) and positions[i] < high


@lru_cache(maxsize=16)
def scan_of(text: str) -> CitationScan:
    """The scan of a text, kept while markdown-it walks the same paragraph."""
    return CitationScan(text)


def closing_brackets(text: str) -> tuple[dict[int, int], list[int]]:
    """Each unescaped `[` -> the index of its `]`, or -1 when none closes it or code
    comes first; and the `[` in order. One pass with a stack."""
    close: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACKET_SYNTAX.finditer(text):
        char = match.group()
        if char == "[":
            stack.append(match.start())
            close[match.start()] = -1
        elif char == "]" and stack:
            close[stack.pop()] = match.start()
        elif char == "`":
            stack.clear()  # a bracket open across code closes nothing: it stays -1
    return close, list(close)


def blank_citations(text: str) -> str:
    """The text with each citation, grouped or narrative, replaced by spaces, so columns
    stay put. A line break inside a citation (`[see\n@a]`) is kept, or every line
    after it would be counted one short."""
    scan = CitationScan(text)
    out, pos = [], 0
    for start, end in _citation_spans(text, scan):
        if start >= pos:
            out.append(text[pos:start] + _NOT_NEWLINE.sub(" ", text[start:end]))
            pos = end
    return "".join(out) + text[pos:]


_NOT_NEWLINE = re.compile(r"[^\n]")


def _citation_spans(text: str, scan: CitationScan) -> Iterator[tuple[int, int]]:
    # every `@`, and every `[` but an escaped one (which opens nothing), as the scan
    # found them
    for start in merge(scan.ats, scan.opens):
        if text[start] == "[":
            end = scan.group_end(start)
            if end > 0:
                yield start, end + 1
        elif (found := narrative_citation(text, start, scan)) is not None:
            yield start, found[1]


_IGNORE_HEAD = re.compile(r"\s*k2site:\s*ignore")
_IGNORE_RULES = re.compile(r"\s[\w\s,-]+")


def ignore_comments(line: str) -> Iterator[tuple[int, int, frozenset[str]]]:
    """Each `<!-- k2site: ignore RULE, RULE -->` of a line: start, end, rules.

    A comment ends at the first `-->`; each `-->` is searched for once, so a line of
    many `<!--` or of one followed by a sea of spaces costs time linear in its length.
    """
    pos, close = 0, -1
    while (start := line.find("<!--", pos)) >= 0:
        if close < start + 4:
            close = line.find("-->", start + 4)
            if close < 0:
                return
        head = _IGNORE_HEAD.match(line, start + 4, close)
        if head and _IGNORE_RULES.fullmatch(line, head.end(), close):
            rules = frozenset(r for r in re.split(r"[\s,]+", line[head.end() : close]) if r)
            yield start, close + 3, rules
            pos = close + 3
        else:
            pos = start + 1


def strip_ignores(body: str) -> tuple[str, dict[int, frozenset[str]]]:
    """Blank out `<!-- k2site: ignore RULE -->` comments; the rules each body line silences."""
    ignored: dict[int, frozenset[str]] = {}
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if "k2site:" not in line:
            continue
        pieces, done = [], 0
        for start, end, rules in ignore_comments(line):
            ignored[i] = ignored.get(i, frozenset()) | rules
            pieces += [line[done:start], " " * (end - start)]
            done = end
        lines[i] = "".join(pieces) + line[done:]
    return "\n".join(lines), ignored
