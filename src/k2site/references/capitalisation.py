"""Render-stage helper for `csl_json` and `citeproc_patches`: Pandoc's case transforms.

Pandoc's citeproc (CaseTransform) puts English BibTeX titles in sentence case, and
applies a style's `text-case="title"` its own way (hyphenated words, the last word).
Both walk a title's text as runs, where braces protect a run from any change, and keep
a small state machine of where sentences and words start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from citeproc.string import MixedString, NoCase, String

from k2site.references import latex

_CHUNK = re.compile(r"[^\W_]+|\s+|.", re.S)


def sentence_case(runs: Sequence[latex.Run]) -> list[latex.Run]:
    """Pandoc's `unTitlecase`: English BibTeX titles to sentence case; braces protect."""
    return [latex.Run(text, protected) for text, protected in _cased(runs, _sentence_chunk)]


def _cased(runs: Sequence[latex.Run], chunk: Callable[[str, str], str]) -> list[tuple[str, bool]]:
    """Each run's text with `chunk` applied to every word, protected runs left alone;
    sentence and title case differ only in `chunk`."""
    state = "start"
    result: list[tuple[str, bool]] = []
    for index, run in enumerate(runs):
        if run.protected:
            result.append((run.text, True))
            state = _next_state(state, run.text)
            continue
        head, last_word = run.text, ""
        if index == len(runs) - 1:
            head, last_word = _split_last_word(run.text, index > 0)
        text, state = _case_text(head, state, chunk)
        if last_word:
            # citeproc treats a title's final word apart: it is never a sentence start.
            state = "before-last" if state in ("start", "sentence", "word-end") else state
            tail, state = _case_text(last_word, state, chunk)
            text += tail
        result.append((text, False))
    return result


def _split_last_word(text: str, after_other_runs: bool) -> tuple[str, str]:
    cut = max(text.rfind(" "), text.rfind("\u00a0"))
    last = text[cut + 1 :]
    if not last or any(c in "-/\u2013\u2014" for c in last) or (cut < 0 and not after_other_runs):
        return text, ""
    return text[: cut + 1], last


def _case_text(text: str, state: str, convert: Callable[[str, str], str]) -> tuple[str, str]:
    pieces = []
    for chunk in _CHUNK.findall(text):
        pieces.append(convert(state, chunk))
        state = _next_state(state, chunk)
    return "".join(pieces), state


def _sentence_chunk(state: str, chunk: str) -> str:
    if not chunk.isalnum():
        return chunk
    capitalized = chunk[0].isupper() and all(c.islower() for c in chunk[1:])
    starting = state in ("start", "sentence")
    if capitalized and not starting:
        return chunk.lower()
    if starting and (capitalized or all(c.islower() for c in chunk)):
        return chunk[0].upper() + chunk[1:].lower()
    return chunk


_OPENING_QUOTES = "“‘\"«"


def _next_state(state: str, text: str) -> str:
    """citeproc's case-transform state after `text`: where sentences and words start."""
    if not text:
        return state
    last = text[-1]
    if last in ".?!:":
        return "after-sentence"
    if last.isalnum():
        return "in-word"
    if last.isspace():
        return "sentence" if state == "after-sentence" else "word-end"
    if last in _OPENING_QUOTES:
        return state  # Pandoc's quotes are markup, not text: they change nothing
    return "word-end" if last in "-/\u2013\u2014" else "punctuation"


# Title case, for citeproc-py's `text-case="title"`

_STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up"
    " via with yet about van von de d l".split()
)


def title_case(text: Any) -> Any:
    """citeproc-py's text, as a plain or mixed string, in title case; NoCase protects."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    runs = [latex.Run(str(seg), isinstance(seg, NoCase)) for seg in segments]
    output = [NoCase(text) if protected else String(text)
              for text, protected in _cased(runs, _title_chunk)]
    return MixedString(output) if len(output) != 1 else output[0]


def _title_chunk(state: str, chunk: str) -> str:
    if not chunk.isalnum() or any(c.isupper() for c in chunk):
        return chunk  # mixed case (mRNA) and capitals (DNA) stay as written
    if state in ("start", "sentence"):
        return chunk.capitalize()
    # Pandoc 2.x's citeproc leaves a final stop word alone too ("Den Moderne by").
    if state in ("word-end", "before-last") and chunk not in _STOP_WORDS and len(chunk) > 1:
        return chunk.capitalize()
    return chunk
