"""The verdict in words (SPEC §3, for readers): a claim's or a page's evidence at a glance.

Pure data and functions over the evidence vocabulary. A verdict always takes the
cautious reading: a claim reads as its strongest citation's group says and never more, a
disputed claim reads "Disputed" whatever backs it, and a page reads as its middle claim
(the weaker of the two middle ones when the count is even), so that half or more of its
claims are no better than the page's verdict says, and "Mostly" only when more than half
rest on what it names ("Mixed; typically" otherwise). docs/evidence.md shows the tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from k2site.model.evidence import GROUP_BY_ID


@dataclass(frozen=True)
class Verdict:
    """What a reader is told first, before the breakdown by evidence group."""

    id: str
    """The group id the verdict comes from, `disputed`, or `empty` (nothing cited)."""
    text: str
    """The verdict in plain words, as a short phrase with no full stop."""


#: A claim's verdict by the group of its strongest supporting citation.
CLAIM_VERDICTS: dict[str, str] = {
    "synthesis": "Backed by a systematic review",
    "rct": "Backed by a randomised trial",
    "trial": "Tried in people, not randomised",
    "observational": "A link in people, not proof",
    "lab": "Only animal or lab studies",
    "review": "Only background or opinion",
    "unknown": "Source not identified",
    "none": "No source cited",
}

#: What a page's middle claim rests on, by its group: "Mostly ..." when more than half of
#: the page's statements rest on it, "Mixed; typically ..." otherwise.
PAGE_VERDICTS: dict[str, str] = {
    "synthesis": "backed by trials in people",
    "rct": "backed by trials in people",
    "trial": "tried in people, not all at random",
    "observational": "links seen in people, not proof of cause",
    "lab": "animal and lab studies",
    "review": "background and opinion, not new studies",
    "unknown": "sources that could not be identified",
    "none": "statements with no source",
}
MOSTLY = "Mostly {}"
MIXED = "Mixed; typically {}"

DISPUTED = "Disputed: other studies disagree"
PAGE_DISPUTED = "Disputed in part: other studies disagree with some claims"
#: A page that cites nothing and states no health effect without a source.
EMPTY = "No claims here cite a source"
#: A page that cites nothing but states health effects with no source.
UNSOURCED = "States health effects with no source cited"


def claim_verdict(group: str, disputed: bool = False) -> Verdict:
    """One claim's verdict from its evidence group; `disputed` (a cited study contradicts
    it) wins over any group. A group this table does not know reads as unidentified."""
    if disputed:
        return Verdict("disputed", DISPUTED)
    known = group if group in CLAIM_VERDICTS else "unknown"
    return Verdict(known, CLAIM_VERDICTS[known])


def page_verdict(groups: Iterable[str], disputed: int = 0, uncited: int = 0) -> Verdict:
    """A page's (or a topic's, or the site's) verdict from its claims' groups, the number
    of them that are disputed, and the number of health statements with no source (which
    count as claims of the group `none`)."""
    known = [GROUP_BY_ID.get(g, GROUP_BY_ID["unknown"]) for g in groups]
    ordered = sorted(known + [GROUP_BY_ID["none"]] * uncited, key=lambda g: g.rank)
    if disputed:
        return Verdict("disputed", PAGE_DISPUTED)
    if not ordered:
        return Verdict("empty", EMPTY)
    if ordered[0].id == "none":
        return Verdict("none", UNSOURCED)
    # the upper middle: at least half the claims are this group or weaker
    middle = ordered[len(ordered) // 2]
    phrase = PAGE_VERDICTS[middle.id]
    alike = sum(PAGE_VERDICTS[g.id] == phrase for g in ordered)
    return Verdict(middle.id, (MOSTLY if 2 * alike > len(ordered) else MIXED).format(phrase))
