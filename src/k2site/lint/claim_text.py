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
_INLINE_MARKUP = re.compile(
    r"<!--[\s\S]*?-->|<[A-Za-z/][^>\n]*>|!?\[|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\]"
    r"|[*_`~]+|\\(?=[^\w\s])"
)
_MARKUP_CHAR = re.compile(r"[<!\[\]*_`~\\]")
_LINE_MARKERS = frozenset(" \t-+*>#:0123456789")
_NEWLINE = re.compile(r"\n")
_LINE_MARKUP = re.compile(r"[ \t]*(?::::.*|(?:[-+*]|\d+[.)])(?=[ \t])|>+|#+)")
# Same-length replacements, so offsets in the masked text are offsets in the source.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " ", "\u2010": "-", "\u2011": "-"})
# Starts with a plain character class, which lets `re` skip ahead fast.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"')\]]*(?=\s|$)")
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
    for candidate in _MARKUP_CHAR.finditer(plain):
        if spans and candidate.start() < spans[-1][1]:
            continue  # inside a link target already blanked
        if markup := _INLINE_MARKUP.match(plain, candidate.start()):
            spans.append(markup.span())
    return spans


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
