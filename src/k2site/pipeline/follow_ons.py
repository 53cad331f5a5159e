"""One mistake, one message: drop the diagnostics that only follow from another one.

A broken BibTeX entry is reported where it is broken (`bib-syntax`); the citations of
its key then find no entry, but saying so again on every page would bury the one line
that needs fixing. Likewise a misspelt key is reported once, with a did-you-mean, and the
entry it meant is not also "never cited", nor is the claim's wording judged against an
evidence group that the misspelling took away.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from k2site.diagnostics import Diagnostic
from k2site.model.document import Page, Study
from k2site.references.bibtex import without_comment_lines

#: Rules whose findings on a claim depend on the evidence its citations give it.
WORDING_RULES = frozenset({"overclaim", "uncited-claim"})


def without_follow_ons(diagnostics: Sequence[Diagnostic], pages: Sequence[Page],
                       studies: Mapping[str, Study], bib_texts: Iterable[str]
                       ) -> list[Diagnostic]:
    """`diagnostics` less those that another diagnostic in it already explains."""
    unknown = {c.key for page in pages for c in page.citations if c.key not in studies}
    if not unknown:
        return list(diagnostics)
    broken = broken_keys(unknown, bib_texts)
    meant = {near for key in unknown - broken
             for near in difflib.get_close_matches(key, list(studies), n=1, cutoff=0.6)}
    at_broken = {(p.path, c.line, c.col) for p in pages for c in p.citations if c.key in broken}
    entries_meant = {(studies[k].path, studies[k].line) for k in meant}
    spans = {(p.path, line) for p in pages for claim in p.claims
             if set(claim.keys) & unknown
             for line in range(claim.span[0] or claim.line, max(claim.span[1], claim.line) + 1)}
    return [d for d in diagnostics if not (
        (d.rule == "unknown-key" and (d.path, d.line, d.col) in at_broken)
        or (d.rule == "unused-reference" and (d.path, d.line) in entries_meant)
        or (d.rule in WORDING_RULES and (d.path, d.line) in spans))]


def broken_keys(keys: Iterable[str], bib_texts: Iterable[str]) -> set[str]:
    """The keys among `keys` that open an entry in a `.bib` text although the store has
    no entry for them: their entry failed to parse, and `bib-syntax` said where."""
    texts = [without_comment_lines(text) for text in bib_texts]
    return {key for key in keys
            if any(re.search(r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text)
                   for text in texts)}
