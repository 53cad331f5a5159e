"""Resolve stage: what stands behind one claim, from the roles and studies it cites. Pure.

A claim's evidence is the group of its strongest *supporting* study (SPEC §7). Studies
cited as contradicting it are counted apart; one stronger than every supporting study
makes the claim disputed. Background citations never count, and a retracted study never
counts either way. Where in doubt, the claim shows less certainty, never more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from k2site.model.document import Citation, Study
from k2site.model.evidence import GROUP_BY_ID, EvidenceGroup, group_of
from k2site.model.roles import BACKGROUND, CONTRADICTS, SUPPORTS


@dataclass(frozen=True)
class ClaimEvidence:
    """The evidence behind one claim, as readers and the linter see it."""

    group: EvidenceGroup
    """The group of the strongest supporting study that counts; `none` without one."""
    supporting: tuple[str, ...] = ()
    """Keys of the supporting studies that count, in order of citation."""
    against: tuple[str, ...] = ()
    """Keys of the contradicting studies that count, in order of citation."""
    against_group: EvidenceGroup | None = None
    """The group of the strongest of them."""
    background: tuple[str, ...] = ()
    """Keys cited for background only."""
    retracted: tuple[str, ...] = ()
    """Keys of retracted studies the claim cites, whatever their role; none of them counts."""
    sentence_groups: tuple[str, ...] = ()
    """Where the claim's sentences rest on different groups, each such group's id,
    strongest first; empty when all its cited sentences agree."""

    @property
    def disputed(self) -> bool:
        """Whether a study against the claim is stronger than every study for it."""
        return (self.against_group is not None and self.against_group.id != "unknown"
                and self.against_group.rank < self.group.rank)

    @property
    def mixed(self) -> bool:
        return len(self.sentence_groups) > 1

    @property
    def wording_group(self) -> str:
        """The evidence the `overclaim` rule weighs the words against: the group, or
        `disputed` (contradicted at least as strongly as supported), `contested`
        (contradicted by weaker studies: no certainty), `background` or `retracted` (cites
        sources, but none as evidence that counts)."""
        if self.against_group is not None and self.against_group.id != "unknown":
            return "disputed" if self.against_group.rank <= self.group.rank else "contested"
        if self.group.id == "none" and self.retracted:
            return "retracted"
        if self.group.id == "none" and self.background:
            return "background"
        return self.group.id


NO_EVIDENCE = ClaimEvidence(GROUP_BY_ID["none"])


def derive(citations: Sequence[Citation], studies: Mapping[str, Study]) -> ClaimEvidence:
    """The evidence behind a claim citing `citations` (keys missing from the store count
    as sources not identified)."""
    by_role: dict[str, list[str]] = {SUPPORTS: [], CONTRADICTS: [], BACKGROUND: []}
    retracted: list[str] = []
    for citation in citations:
        study = studies.get(citation.key)
        if study is not None and study.retracted:
            retracted.append(citation.key)
        else:
            by_role[citation.role].append(citation.key)
    support = _unique(by_role[SUPPORTS])
    against = [k for k in _unique(by_role[CONTRADICTS]) if k not in support]
    return ClaimEvidence(
        group=_strongest(support, studies) or GROUP_BY_ID["none"],
        supporting=tuple(support), against=tuple(against),
        against_group=_strongest(against, studies),
        background=tuple(k for k in _unique(by_role[BACKGROUND])
                         if k not in support and k not in against),
        retracted=tuple(_unique(retracted)),
        sentence_groups=_sentence_groups(citations, studies),
    )


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _group(key: str, studies: Mapping[str, Study]) -> EvidenceGroup:
    study = studies.get(key)
    return study.group if study is not None else group_of("unknown")


def _strongest(keys: Sequence[str], studies: Mapping[str, Study]) -> EvidenceGroup | None:
    return min((_group(k, studies) for k in keys), key=lambda g: g.rank, default=None)


def _sentence_groups(citations: Sequence[Citation],
                     studies: Mapping[str, Study]) -> tuple[str, ...]:
    """The strongest supporting group of each cited sentence, when they differ."""
    best: dict[int, EvidenceGroup] = {}
    for citation in citations:
        study = studies.get(citation.key)
        if citation.role != SUPPORTS or (study is not None and study.retracted):
            continue
        group = _group(citation.key, studies)
        if citation.sentence not in best or group.rank < best[citation.sentence].rank:
            best[citation.sentence] = group
    groups = sorted({g.id: g for g in best.values()}.values(), key=lambda g: g.rank)
    return tuple(g.id for g in groups) if len(groups) > 1 else ()


#: A group's studies counted in words: (one, several).
GROUP_NOUN = {
    "synthesis": ("systematic review", "systematic reviews"),
    "rct": ("randomised trial", "randomised trials"),
    "trial": ("human trial", "human trials"),
    "observational": ("observational study", "observational studies"),
    "lab": ("animal or lab study", "animal or lab studies"),
    "review": ("review or other source", "reviews or other sources"),
    "unknown": ("unidentified source", "unidentified sources"),
}


def counted(n: int, group_id: str) -> str:
    """`1 randomised trial`, `2 observational studies`."""
    one, several = GROUP_NOUN[group_id]
    return f"{n} {one if n == 1 else several}"


def plain_summary(evidence: ClaimEvidence, studies: Mapping[str, Study]) -> str:
    """What stands behind the claim in one line: "2 randomised trials, 304 people, newest
    2015". People are counted where the store knows them ("at least" when some study does
    not say); '' when no supporting study counts."""
    keys = evidence.supporting
    if not keys:
        return ""
    groups = {_group(k, studies).id for k in keys}
    parts = [counted(len(keys), groups.pop()) if len(groups) == 1
             else f"{len(keys)} {'studies' if groups <= _STUDIES else 'sources'}"]
    known = [p for k in keys if k in studies and (p := studies[k].participants) is not None]
    if known:
        at_least = "at least " if len(known) < len(keys) else ""
        parts.append(f"{at_least}{sum(known):,} {'person' if sum(known) == 1 else 'people'}")
    years = [y for k in keys if k in studies and (y := studies[k].year) is not None]
    if years:
        parts.append(f"newest {max(years)}" if len(keys) > 1 else str(max(years)))
    return ", ".join(parts)


#: Groups whose members are studies rather than other sources.
_STUDIES = frozenset({"synthesis", "rct", "trial", "observational", "lab"})


def against_summary(evidence: ClaimEvidence, studies: Mapping[str, Study]) -> str:
    """The contradicting studies by group, strongest first: "1 randomised trial"."""
    counts: dict[str, int] = {}
    for key in evidence.against:
        group = _group(key, studies)
        counts[group.id] = counts.get(group.id, 0) + 1
    order = sorted(counts, key=lambda g: GROUP_BY_ID[g].rank)
    return ", ".join(counted(counts[g], g) for g in order)
