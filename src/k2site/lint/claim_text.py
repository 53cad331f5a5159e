"""Lint-stage helper for `wording`: a claim's text made ready for matching.

Markdown syntax is blanked to spaces and typographic quotes made plain, always by
same-length replacements, so that an offset in the masked text is an offset in the
source. `ClaimText` then finds, on demand, the sentence and the clause around a
position: a hedge or negation reaches no further than its clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Markdown syntax, blanked before matching: inline anywhere, block markers at line starts.
# Comments (`<!-- -->`), tags (`<a ...>`) and link targets (`](url "title")`) can run far:
# their ends are found by `_Next`, so that a claim of many unclosed `<!--`, `<a` or `](`
# is read once, not once per opener. The rest is short.
_SHORT_MARKUP = re.compile(r"!?\[|\]|[*_`~]+|\\(?=[^\w\s])")
_LINK_TITLE = re.compile(r"\s+\"[^\"]*\"\)")
_MARKUP_CHAR = re.compile(r"[<!\[\]*_`~\\]")
_LINE_MARKERS = frozenset(" \t-+*>#:0123456789")
_NEWLINE = re.compile(r"\n")
_LINE_MARKUP = re.compile(r"[ \t]*(?::::.*|(?:[-+*]|\d+[.)])(?=[ \t])|>+|#+)")
# Same-length replacements, so offsets in the masked text are offsets in the source.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " ", "\u2010": "-", "\u2011": "-"})
# Starts with a plain character class, which lets `re` skip ahead fast to the next stop
# (a pattern that starts with a lookbehind is tried at every character, twice as slow);
# only at the start of a run of stops, and possessive, so that a long run of dots is
# read once.
_SENTENCE_END = re.compile(r"[.!?](?<![.!?].)[.!?]*+[\"')\]]*+(?=\s|$)")
_LINE_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-+*]|\d+[.)]|:::)[ \t])")
# Where a clause ends (matched on lower-cased text): hedges and negations reach no further.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\s[-\u2013\u2014]+\s"
    r"|,(?=\s*(?:and|but|or|so|while|whereas|although|though|yet|which|as|because|since|"
    r"thus|therefore|hence|however)\b(?!\s+well\b))"
    r"|\s(?=(?:but|whereas|while|although|though|because|however|therefore|thus|hence)\b)"
    r"|\s(?=and\s+(?:it|they|this|that|these|those|he|she|we|you|there|its)\b)"
)


def mask_markdown(text: str) -> str:
    """The text with Markdown syntax blanked to spaces and typographic quotes made plain."""
    plain = text if text.isascii() else text.translate(_PLAIN)
    spans = _inline_markup(plain)
    if "\n" in plain or plain[:1] in _LINE_MARKERS:
        starts = [0, *(m.end() for m in _NEWLINE.finditer(plain))]
        spans += [m.span() for i in starts if (m := _LINE_MARKUP.match(plain, i)) and m.end() > i]
    if not spans:
        return plain
    pieces, done = [], 0
    for start, end in sorted(spans):
        start = max(start, done)
        pieces += [plain[done:start], re.sub(r"[^\n]", " ", plain[start:end])]
        done = max(done, end)
    return "".join(pieces) + plain[done:]


def _inline_markup(plain: str) -> list[tuple[int, int]]:
    # A plain character scan finds where markup may start, far faster than searching
    # with the whole pattern; most claims have none.
    spans: list[tuple[int, int]] = []
    ends = (_Next(plain, re.compile("-->")), _Next(plain, re.compile(r"[>\n]")),
            _Next(plain, re.compile(r"[)\s]")))
    for candidate in _MARKUP_CHAR.finditer(plain):
        start = candidate.start()
        if spans and start < spans[-1][1]:
            continue  # inside a link target already blanked
        end = _markup_end(plain, start, *ends)
        if end > start:
            spans.append((start, end))
    return spans


def _markup_end(plain: str, start: int, comment: _Next, tag: _Next, target: _Next) -> int:
    """Where the Markdown or HTML syntax at start ends; start when there is none."""
    if plain.startswith("<", start):
        close = comment.after(start + 4) if plain.startswith("<!--", start) else -1
        if close >= 0:
            return close + 3
        if plain[start + 1 : start + 2] in _TAG_START:
            stop = tag.after(start + 2)
            return stop + 1 if stop >= 0 and plain[stop] == ">" else start
        return start
    if plain.startswith("](", start):
        stop = target.after(start + 2)
        if stop >= 0 and plain[stop] == ")":
            return stop + 1
        title = _LINK_TITLE.match(plain, stop) if stop >= 0 else None
        return title.end() if title else start + 1
    short = _SHORT_MARKUP.match(plain, start)
    return short.end() if short else start


_TAG_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/") - {""}


class _Next:
    """The first match of a pattern at or after a position, for positions that only grow:
    each part of the text is searched once."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern, self.found = text, pattern, -2

    def after(self, pos: int) -> int:
        if self.found == -1 or self.found >= pos:
            return self.found
        match = self.pattern.search(self.text, pos)
        self.found = match.start() if match else -1
        return self.found


class ClaimText:
    """A claim's text ready for matching, with its sentences and clauses found on demand.

    `masked` blanks the Markdown; `lower` is that lower-cased, so that patterns need no
    IGNORECASE (twice as fast). All three strings share every offset.
    """

    def __init__(self, source: str):
        self.source = source
        self.masked = mask_markdown(source)
        lower = self.masked.lower()
        if len(lower) != len(self.masked):  # a rare letter that lower-cases to two
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.masked)
        self.lower = lower
        self._sentences: list[int] = []
        self._clauses: dict[int, list[int]] = {}
        self.cues: dict[tuple[int, int], tuple[bool, int, list[int]]] = {}
        """The wording cues of each clause, found once (see `wording._excused`)."""
        self.found: dict[tuple[str, tuple[int, int]], bool] = {}
        """Whether a pattern occurs in a span, found once (see `wording._found_in`)."""

    def sentence(self, pos: int) -> tuple[int, int]:
        if not self._sentences:
            self._sentences = _sentence_starts(self.source, self.masked)
        i = bisect_right(self._sentences, pos) - 1
        end = self._sentences[i + 1] if i + 1 < len(self._sentences) else len(self.lower)
        return self._sentences[i], end

    def clause(self, pos: int) -> tuple[int, int]:
        lo, hi = self.sentence(pos)
        if lo not in self._clauses:
            breaks = _CLAUSE_BREAK.finditer(self.lower, lo, hi)
            self._clauses[lo] = [lo] + [m.end() for m in breaks]
        starts = self._clauses[lo]
        i = bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else hi


def _sentence_starts(source: str, masked: str) -> list[int]:
    breaks = {m.end() for m in _LINE_BREAK.finditer(source)} if "\n" in source else set()
    for end in _SENTENCE_END.finditer(masked):
        # "e.g. the", "et al. found": a full stop before a lower-case word ends nothing.
        rest = masked[end.end():end.end() + 20].lstrip()
        if not rest or not rest[0].islower():
            breaks.add(end.end())
    return sorted(breaks | {0})
