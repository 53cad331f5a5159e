"""Lint stage: the evidence-honesty rules `overclaim` and `uncited-claim` on a resolved site.

Reads each claim's Markdown source (citations blanked, so columns stay exact) and asks
`wording` whether its words go beyond its evidence. Pure: texts in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from k2site.cache import Cache, key
from k2site.diagnostics import Diagnostic, error, warning
from k2site.load import SiteSource
from k2site.resolve import Site
from k2site.syntax import blank_citations, strip_ignores

if TYPE_CHECKING:  # compiling the vocabulary is only needed when a claim misses the cache
    from k2site import wording


class _Wording:
    """`wording.check_claim` remembered by text and group in `store`. The vocabulary is
    loaded only on a miss: compiling it costs more than a whole cached small build."""

    def __init__(self, extra: str | None, store: Cache | None) -> None:
        self.extra, self.store = extra, store
        self._vocab: wording.Vocabulary | None = None

    @property
    def vocab(self) -> wording.Vocabulary:
        if self._vocab is None:
            from k2site import wording

            self._vocab = wording.load_vocabulary(self.extra)  # ValueError when it is bad
        return self._vocab

    def check(self, text: str, group: str) -> list[wording.WordingFinding]:
        from k2site import wording

        if self.store is None:
            return wording.check_claim(text, group, self.vocab)
        cache_key = key("lint", self.extra or "", group, text)
        found = self.store.get(cache_key)
        if found is None:
            found = wording.check_claim(text, group, self.vocab)
            self.store.put(cache_key, found)
        return list(found)


class Findings(NamedTuple):
    """What the lint stage tells the site and the editor."""

    flags: dict[str, str]
    """Reader-facing overclaim note by claim id."""
    uncited: dict[str, frozenset[int]]
    """Flagged uncited paragraphs by page slug (indexes into `Page.passages`)."""
    diagnostics: list[Diagnostic]


def lint_site(site: Site, source: SiteSource, store: Cache | None = None) -> Findings:
    """Overclaim notes, flagged uncited paragraphs, and a warning for each finding."""
    vocab = _Wording(source.wording.text if source.wording else None, store)
    try:
        return _lint(site, source, vocab)
    except ValueError as exc:
        return Findings({}, {}, [error("wording.yaml", 1, 1, "wording-config", str(exc))])


def _lint(site: Site, source: SiteSource, vocab: _Wording) -> Findings:
    problems: list[Diagnostic] = []
    texts = {t.path: t.text for t in source.pages}
    flags: dict[str, str] = {}
    uncited: dict[str, frozenset[int]] = {}
    for page in site.pages:
        lines, ignored = _prepared(texts[page.path])
        for claim in page.claims:
            group = site.groups[claim.id].id
            found = _check(page.path, lines, ignored, claim.span, group, vocab)
            problems += found
            if any(d.rule == "overclaim" for d in found):
                from k2site import wording

                flags[claim.id] = wording.overclaim_note(group)
        flagged = []
        for index, span in enumerate(page.passages):
            found = _check(page.path, lines, ignored, span, "none", vocab)
            problems += found
            flagged += [index] if found else []
        if flagged:
            uncited[page.slug] = frozenset(flagged)
    return Findings(flags, uncited, problems)


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
