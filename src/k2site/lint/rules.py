"""Lint stage: the evidence-honesty rules `overclaim` and `uncited-claim` on a resolved site.

Reads each claim's Markdown source (citations blanked, so columns stay exact) and asks
`wording` whether its words go beyond its evidence. Pure: texts in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from k2site.content.syntax import blank_citations, strip_ignores
from k2site.diagnostics import Diagnostic, error, warning
from k2site.files.cache import Cache, key
from k2site.files.load import SiteSource
from k2site.model.document import Page
from k2site.model.evidence import (
    CAUSAL_GROUPS,
    PROSE_SOURCE,
    Rewording,
    WordingNote,
    overclaim_note,
)
from k2site.model.site import Site
from k2site.pipeline.workers import MIN_ITEMS, parallel_imap

if TYPE_CHECKING:  # compiling the vocabulary is only needed when a claim misses the cache
    from k2site.lint import wording


class _Finding(NamedTuple):
    """What lint keeps of a `wording.WordingFinding`: plain values, so that reading the
    cache does not import (and compile) the wording analysis."""

    rule: str
    start: int
    message: str
    words: str
    """The phrase as readers read it."""
    fairer: str
    """The wording the evidence supports."""


class _Wording:
    """`wording.check_claim` remembered by text and group in `store`. The vocabulary is
    loaded only on a miss: compiling it costs more than a whole cached small build."""

    def __init__(self, extra: str | None, store: Cache | None) -> None:
        self.extra, self.store = extra, store
        self._vocab: wording.Vocabulary | None = None
        self.checked: dict[str, list[_Finding]] = {}
        """The checks of the page being linted, by cache key."""

    @property
    def vocab(self) -> wording.Vocabulary:
        if self._vocab is None:
            from k2site.lint import wording

            self._vocab = wording.load_vocabulary(self.extra)  # ValueError when it is bad
        return self._vocab

    def check(self, text: str, group: str) -> list[_Finding]:
        if group in CAUSAL_GROUPS:
            return []  # evidence that supports any wording: nothing to check, or to keep
        if self.store is None:
            return self._check(text, group)
        cache_key = key("lint", self.extra or "", group, text)
        found = self.checked.get(cache_key)
        if found is None:
            found = self.store.old.get(cache_key)
        if found is None:
            found = self._check(text, group)
        self.checked[cache_key] = found
        return list(found)

    def _check(self, text: str, group: str) -> list[_Finding]:
        from k2site.lint import wording

        return [_Finding(f.rule, f.start, f.message, _plain(f.phrase), f.suggestion)
                for f in wording.check_claim(text, group, self.vocab)]


def _plain(phrase: str) -> str:
    """A phrase as written, as readers see it: no emphasis marks, one line."""
    return " ".join(phrase.replace("*", "").split())


#: The phrases of one flagged passage that go too far, with their fairer wording.
Rewordings = tuple[Rewording, ...]


class Findings(NamedTuple):
    """What the lint stage tells the site and the editor."""

    flags: dict[str, WordingNote]
    """Reader-facing overclaim note by claim id."""
    uncited: dict[str, dict[int, Rewordings]]
    """Flagged uncited paragraphs by page slug (indexes into `Page.passages`), each with
    the words that state a health effect as fact and their fairer wording."""
    diagnostics: list[Diagnostic]


def lint_site(site: Site, source: SiteSource, store: Cache | None = None) -> Findings:
    """Overclaim notes, flagged uncited paragraphs, and a warning for each finding."""
    vocab = _Wording(source.wording.text if source.wording else None, store)
    try:
        return _lint(site, source, vocab)
    except ValueError as exc:
        return Findings({}, {}, [error("wording.yaml", 1, 1, "wording-config", str(exc))])


def _lint(site: Site, source: SiteSource, vocab: _Wording) -> Findings:
    findings = Findings({}, {}, [])
    texts = {t.path: t.text for t in source.pages}
    if len(site.pages) >= MIN_ITEMS:
        _ = vocab.vocab  # compiled before the workers fork, so that they share it

    def lint_page(page: Page) -> _PageFindings:
        """One page's findings, and the wording checks it made (for the parent's cache:
        a worker's own puts would be lost)."""
        return _lint_one(site, page, texts[page.path], vocab)

    for page, (flags, flagged, problems, checked) in zip(
            site.pages, parallel_imap(lint_page, site.pages), strict=True):
        findings.flags.update(flags)
        if flagged:
            findings.uncited[page.slug] = flagged
        findings.diagnostics.extend(problems)
        if vocab.store is not None:
            for cache_key, found in checked.items():
                vocab.store.put(cache_key, found)
    return findings


#: A page's overclaim notes by claim id, flagged uncited passages, warnings, and the
#: wording checks it made (for the parent's cache).
_PageFindings = tuple[dict[str, WordingNote], dict[int, Rewordings], list[Diagnostic],
                      dict[str, list[_Finding]]]


def lint_page(site: Site, page: Page, text: str, extra: str | None
              ) -> tuple[dict[str, WordingNote], dict[int, Rewordings], list[Diagnostic]]:
    """One page of `site` linted on its own (for `serve`, after an edit to it alone): its
    overclaim notes, flagged uncited passages and warnings, as `lint_site` finds them.
    Raises ValueError when the site's wording.yaml is bad."""
    flags, flagged, problems, _ = _lint_one(site, page, text, _checker(extra))
    return flags, flagged, problems


@lru_cache(maxsize=4)
def _checker(extra: str | None) -> _Wording:
    """An uncached checker per wording.yaml text: its vocabulary is compiled once."""
    return _Wording(extra, None)


def _lint_one(site: Site, page: Page, text: str, vocab: _Wording) -> _PageFindings:
    vocab.checked = {}
    lines, ignored = _prepared(text)
    flags: dict[str, WordingNote] = {}
    problems: list[Diagnostic] = []
    for claim in page.claims:
        group = site.evidence[claim.id].wording_group
        found = _check(page.path, lines, ignored, claim.span, group, vocab)
        problems += [d for d, _ in found]
        overclaims = tuple(Rewording(f.words, f.fairer) for d, f in found
                           if d.rule == "overclaim")
        if overclaims:
            flags[claim.id] = WordingNote(overclaim_note(group), overclaims)
    flagged: dict[int, Rewordings] = {}
    for number, span in enumerate(page.passages):
        found = _check(page.path, lines, ignored, span, "none", vocab)
        problems += [d for d, _ in found]
        # a source named in the prose is the editors' to fix; readers see no "no source"
        # mark for a paragraph that states no health effect
        shown = [f for d, f in found if PROSE_SOURCE not in d.message]
        if shown:
            flagged[number] = tuple(Rewording(f.words, f.fairer) for f in shown)
    problems += _check_takeaway(page, lines, ignored, vocab)
    return flags, flagged, problems, vocab.checked


def _check_takeaway(page: Page, lines: list[str], ignored: Mapping[int, frozenset[str]],
                    vocab: _Wording) -> list[Diagnostic]:
    """The key takeaway (`summary:`) read as what it is, a statement with no citation:
    readers often read nothing else of a page."""
    line = page.summary_line
    if not page.summary or not line or page.summary[:40] not in lines[line - 1]:
        return []  # a folded or escaped YAML value: its columns are not the text's
    return [replace(d, message="in the key takeaway, " + d.message.replace(
                "; cite the evidence, or say", "; a takeaway cites nothing, so say"))
            for d, _ in _check(page.path, lines, ignored, (line, line), "none", vocab)]


def _prepared(text: str) -> tuple[list[str], dict[int, frozenset[str]]]:
    """File lines with ignore comments and citations blanked; silenced rules per line."""
    stripped, ignored = strip_ignores(text)
    return blank_citations(stripped).split("\n"), ignored


def _check(path: str, lines: list[str], ignored: Mapping[int, frozenset[str]],
           span: tuple[int, int], group: str, vocab: _Wording
           ) -> list[tuple[Diagnostic, _Finding]]:
    first, last = span
    text = "\n".join(lines[first - 1 : last])
    silenced = frozenset().union(*(ignored.get(i, frozenset()) for i in range(first - 1, last)))
    found = []
    for finding in vocab.check(text, group):
        if finding.rule in silenced:
            continue
        line = first + text.count("\n", 0, finding.start)
        col = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        found.append((warning(path, line, col, finding.rule, finding.message), finding))
    return found
