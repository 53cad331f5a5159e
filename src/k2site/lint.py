"""Lint stage: the evidence-honesty rules `overclaim` and `uncited-claim` on a resolved site.

Reads each claim's Markdown source (citations blanked, so columns stay exact) and asks
`wording` whether its words go beyond its evidence. Pure: texts in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Mapping

from k2site import wording
from k2site.cache import Cache, key
from k2site.diagnostics import Diagnostic, error, warning
from k2site.load import SiteSource
from k2site.markdown import blank_citations
from k2site.parse import strip_ignores
from k2site.resolve import Site


class _Wording:
    """`wording.check_claim` for one vocabulary, remembered by text and group in `store`."""

    def __init__(self, vocab: wording.Vocabulary, extra: str, store: Cache | None) -> None:
        self.vocab, self.extra, self.store = vocab, extra, store

    def check(self, text: str, group: str) -> list[wording.WordingFinding]:
        if self.store is None:
            return wording.check_claim(text, group, self.vocab)
        cache_key = key("lint", self.extra, group, text)
        found = self.store.get(cache_key)
        if found is None:
            found = wording.check_claim(text, group, self.vocab)
            self.store.put(cache_key, found)
        return list(found)


def lint_site(site: Site, source: SiteSource,
              store: Cache | None = None) -> tuple[dict[str, str], list[Diagnostic]]:
    """Overclaim notes by claim id, and a warning for each finding not silenced."""
    found_vocab, problems = _vocabulary(source)
    if found_vocab is None:
        return {}, problems
    vocab = _Wording(found_vocab, source.wording.text if source.wording else "", store)
    texts = {t.path: t.text for t in source.pages}
    flags: dict[str, str] = {}
    for page in site.pages:
        lines, ignored = _prepared(texts[page.path])
        for claim in page.claims:
            group = site.groups[claim.id].id
            found = _check(page.path, lines, ignored, claim.span, group, vocab)
            problems += found
            if any(d.rule == "overclaim" for d in found):
                flags[claim.id] = wording.overclaim_note(group)
        for span in page.passages:
            problems += _check(page.path, lines, ignored, span, "none", vocab)
    return flags, problems


def _vocabulary(source: SiteSource) -> tuple[wording.Vocabulary | None, list[Diagnostic]]:
    extra = source.wording.text if source.wording else None
    try:
        return wording.load_vocabulary(extra), []
    except ValueError as exc:
        return None, [error("wording.yaml", 1, 1, "wording-config", str(exc))]


def _prepared(text: str) -> tuple[list[str], dict[int, frozenset[str]]]:
    """File lines with ignore comments and citations blanked; silenced rules per line."""
    stripped, ignored = strip_ignores(text)
    return blank_citations(stripped).split("\n"), ignored


def _check(path: str, lines: list[str], ignored: Mapping[int, frozenset[str]],
           span: tuple[int, int], group: str, vocab: _Wording) -> list[Diagnostic]:
    first, last = span
    text = "\n".join(lines[first - 1 : last])
    silenced = frozenset().union(*(ignored.get(i, frozenset()) for i in range(first - 1, last)))
    found = []
    for finding in vocab.check(text, group):
        if finding.rule in silenced:
            continue
        line = first + text.count("\n", 0, finding.start)
        col = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        found.append(warning(path, line, col, finding.rule, finding.message))
    return found
