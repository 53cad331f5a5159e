"""The evidence model of SPEC §3: study designs, their groups, and a claim's evidence.

Pure data and functions; imports nothing else of k2site. A claim's evidence is the
group of its strongest citation; where in doubt the model shows less certainty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceGroup:
    """One evidence group, as readers see it."""

    id: str
    """Stable id used in claims.json, CSS classes and URLs (`rct`, `observational`...)."""
    rank: int
    """0 is the strongest; `none` is the weakest."""
    label: str
    """The group named in words for readers, as SPEC §3 gives it."""
    short: str
    """A short badge label."""
    symbol: str
    """A shape shown beside the label, so the badge never relies on colour alone."""
    meaning: str
    """What this kind of evidence can and cannot show, in one sentence."""


GROUPS: tuple[EvidenceGroup, ...] = (
    EvidenceGroup(
        "synthesis", 0, "systematic review of studies", "Systematic review", "◆",
        "Pools many studies; only as strong as the studies it pools.",
    ),
    EvidenceGroup(
        "rct", 1, "randomised controlled trial", "Randomised trial", "●",
        "People were assigned at random, so a difference can be put down to the treatment.",
    ),
    EvidenceGroup(
        "trial", 2, "human trial, not randomised", "Human trial", "◐",
        "Tested in people, but without random assignment or a fair comparison group.",
    ),
    EvidenceGroup(
        "observational", 3, "observational: association, not cause", "Observational", "○",
        "Shows that two things go together in people, not that one causes the other.",
    ),
    EvidenceGroup(
        "lab", 4, "animal or lab study", "Animal or lab", "△",
        "Done in animals or cells; not yet shown in people.",
    ),
    EvidenceGroup(
        # Named apart from "systematic review": no search method, no pooled results.
        "review", 5, "narrative review, opinion or other source", "Background or opinion",
        "□", "A narrative review, guideline, opinion or web page: it summarises or argues"
        " from other work without a systematic search, so it is not new evidence in itself.",
    ),
    EvidenceGroup(
        "unknown", 6, "source not identified", "Source not identified", "?",
        "The cited source could not be identified, so it supports nothing we can check.",
    ),
    EvidenceGroup(
        "none", 7, "no source cited", "No source", "–",
        "No study is cited for this statement.",
    ),
)

GROUP_BY_ID: dict[str, EvidenceGroup] = {g.id: g for g in GROUPS}

#: design value (the BibTeX `evidence` field) -> group id.
DESIGN_GROUP: dict[str, str] = {
    "meta-analysis": "synthesis",
    "systematic-review": "synthesis",
    "rct": "rct",
    "clinical-trial": "trial",
    "cohort": "observational",
    "case-control": "observational",
    "cross-sectional": "observational",
    "case-series": "observational",
    "animal": "lab",
    "in-vitro": "lab",
    "review": "review",
    "guideline": "review",
    "protocol": "review",
    "other": "review",
    "unknown": "unknown",
}

DESIGNS: tuple[str, ...] = tuple(DESIGN_GROUP)

#: Each design in plain words, as a reader sees it in previews and on study pages.
DESIGN_LABEL: dict[str, str] = {
    "meta-analysis": "Meta-analysis: pools the results of several studies",
    "systematic-review": "Systematic review: a structured search and appraisal of studies",
    "rct": "Randomised controlled trial",
    "clinical-trial": "Human trial, not randomised",
    "cohort": "Cohort study: follows people over time; association, not cause",
    "case-control": "Case-control study: compares people with and without a condition;"
    " association, not cause",
    "cross-sectional": "Cross-sectional study: a snapshot of one moment; association, not cause",
    "case-series": "Case series: a description of a few patients, with no comparison group",
    "animal": "Animal study: not yet shown in people",
    "in-vitro": "Lab study on cells or tissue: not yet shown in people",
    "review": "Narrative review: a summary of other work, not new evidence",
    "guideline": "Guideline: a recommendation from an expert body",
    "protocol": "Study protocol: a planned study, with no results yet",
    "other": "Other source: opinion, book or web page",
    "unknown": "Source not identified",
}

VERIFICATIONS: tuple[str, ...] = ("confirmed", "likely", "unresolved")

#: What readers see for each verification status (SPEC §3).
VERIFICATION_LABEL: dict[str, str] = {
    "confirmed": "confirmed",
    "likely": "identified from the article's context, not confirmed",
    "unresolved": "source not identified",
}


#: The mark a citation preview shows for each status: a shape and words, said once.
VERIFICATION_MARK: dict[str, tuple[str, str]] = {
    "confirmed": ("✓", "Confirmed source"),
    "likely": ("≈", "Likely: identified from the article's context, not confirmed"),
    "unresolved": ("?", "Not identified"),
}


def group_of(design: str) -> EvidenceGroup:
    """The group of one design; an unknown design counts as `unknown`, never stronger."""
    return GROUP_BY_ID[DESIGN_GROUP.get(design, "unknown")]


def claim_group(designs: Iterable[str]) -> EvidenceGroup:
    """A claim's evidence: the group of its strongest citation, `none` without any."""
    groups = [group_of(d) for d in designs]
    if not groups:
        return GROUP_BY_ID["none"]
    return min(groups, key=lambda g: g.rank)


def at_least(group_id: str, threshold_id: str) -> bool:
    """Whether `group_id` is as strong as `threshold_id` or stronger."""
    return GROUP_BY_ID[group_id].rank <= GROUP_BY_ID[threshold_id].rank


#: The words of an `uncited-claim` finding about a source named in the prose ("the site
#: Paleo Leap"): about the source, not a health effect, so readers see no "no source"
#: mark for it, only editors a warning.
PROSE_SOURCE = "names a source in the prose"

#: Groups (ids) whose evidence supports causal wording: never flagged.
CAUSAL_GROUPS = frozenset({"synthesis", "rct"})

#: The reader-facing note on a flagged claim: what its evidence is, per group.
_NOTES = {
    "trial": "a human trial that was not randomised.",
    "observational": "observational studies only.",
    "lab": "animal or lab studies only.",
    "review": "narrative reviews or opinion only, no study of its own.",
    "unknown": "a source that could not be identified.",
    "contested": "other cited studies go against it.",
    "disputed": "a cited study at least as strong goes against it.",
    "background": "its sources are cited for background, not as evidence.",
    "retracted": "the study it cites was retracted.",
}


@dataclass(frozen=True)
class Rewording:
    """Words that go beyond the evidence, and the fairer wording `k2site check` suggests."""

    words: str
    """The words as the reader reads them (Markdown marks and line breaks dropped)."""
    fairer: str
    """The wording the evidence supports."""


@dataclass(frozen=True)
class WordingNote:
    """The note readers see beside a flagged claim: what its evidence is, then each
    phrase that goes too far with its fairer wording."""

    text: str
    """The note itself, as `overclaim_note` words it."""
    rewordings: tuple[Rewording, ...] = ()


def overclaim_note(group: str) -> str:
    """The reader-facing note shown on a page beside a flagged claim of this group."""
    if group == "none":
        return "This is worded as fact, but no source is cited."
    if group in CAUSAL_GROUPS:
        return ""
    return "The wording goes beyond the cited evidence: " + _NOTES.get(group, _NOTES["unknown"])
