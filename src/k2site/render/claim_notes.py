"""Render stage: what stands behind a claim, in words, beside its badge. Pure.

The badge names the group of the claim's strongest supporting study; this line says the
rest a careful reader asks about: how many studies and people, whether cited studies go
against it (and whether that makes it disputed), whether its sentences rest on different
kinds of evidence, whether it cites only background, and whether a cited study was
retracted or has a notice against it. Every fact is in words, never colour or shape alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from k2site.model.claim_evidence import (
    NO_EVIDENCE,
    ClaimEvidence,
    against_summary,
    plain_summary,
)
from k2site.model.document import Claim, Study
from k2site.model.evidence import GROUP_BY_ID, EvidenceGroup
from k2site.model.notices import CONCERN, CORRECTION, REINSTATEMENT, RETRACTION

#: The badge's words when no supporting study counts, but the claim does cite sources.
BACKGROUND_ONLY = "Background only"
RETRACTED_ONLY = "Retracted source"


def badge_label(evidence: ClaimEvidence, group: EvidenceGroup) -> str:
    """The badge's words: the group's, unless the claim cites sources none of which counts."""
    if group.id == "none" and evidence.retracted:
        return RETRACTED_ONLY
    if group.id == "none" and evidence.background:
        return BACKGROUND_ONLY
    return group.short


def sentences(evidence: ClaimEvidence, studies: Mapping[str, Study]) -> list[tuple[str, str]]:
    """(kind, sentence) pairs, most important first; kinds name CSS classes."""
    found: list[tuple[str, str]] = []
    if evidence.disputed:
        found.append(("disputed", "Disputed: a cited study that goes against this claim is"
                                  " stronger evidence than any cited for it."))
    summary = plain_summary(evidence, studies)
    if summary:
        found.append(("summary", f"Behind it: {summary}."))
    elif evidence.background:
        found.append(("background", "Its sources are cited for context, not as evidence"
                                    " of a health effect."))
    elif evidence.retracted:
        found.append(("background", "No study that still counts is cited for this."))
    if evidence.against:
        found.append(("against", f"Contradicted by: {against_summary(evidence, studies)}."))
    if evidence.mixed:
        kinds = "; ".join(GROUP_BY_ID[g].label for g in evidence.sentence_groups)
        found.append(("mixed", f"Mixed: its sentences rest on different evidence ({kinds})."))
    found += _notices(evidence, studies)
    return found


def _notices(evidence: ClaimEvidence, studies: Mapping[str, Study]) -> list[tuple[str, str]]:
    found = []
    for key in evidence.retracted:
        found.append(("retracted", f"Cites a retracted study ({_name(studies[key])}), which no"
                                   " longer counts as evidence."))
    for key in evidence.supporting + evidence.against:
        study = studies.get(key)
        kinds = [n.nature for n in study.notices if n.nature != RETRACTION] if study else []
        if study is not None and kinds:
            said = " and ".join(dict.fromkeys(_NOTICE_WORDS[k] for k in kinds))
            found.append(("notice", f"A cited study ({_name(study)}) {said}."))
    return found


#: What a notice other than a retraction says of a study that still counts.
_NOTICE_WORDS = {
    CORRECTION: "was corrected",
    CONCERN: "is under an expression of concern",
    REINSTATEMENT: "was retracted, then reinstated",
}


def _name(study: Study) -> str:
    """`Smith 2020`: the first author's family name and the year, or the key."""
    author = study.get("author").split(" and ")[0].split(",")[0].strip()
    year = study.year
    return f"{author} {year}" if author and year else study.key


def note_html(evidence: ClaimEvidence | None, studies: Mapping[str, Study]) -> str:
    """The line after a claim's badge; '' for a claim with nothing to say beyond it."""
    found = sentences(evidence or NO_EVIDENCE, studies)
    if not found:
        return ""
    parts = "".join(f'<span class="claim-evidence-{kind}">{escape(text)}</span> '
                    for kind, text in found)
    return str(Markup(f' <span class="claim-evidence" data-pagefind-ignore>{parts.rstrip()}'
                      "</span>"))


def claims_json_fields(evidence: ClaimEvidence, claim: Claim,
                       studies: Mapping[str, Study]) -> dict[str, Any]:
    """What claims.json adds to SPEC §5 for citation roles (SPEC §7): each citation's role,
    the strongest contradicting group, whether the claim is disputed, the retracted studies
    it cites, and the plain summary of its support."""
    return {
        "roles": [c.role for c in claim.citations],
        "contradicted_by": evidence.against_group.id if evidence.against_group else None,
        "disputed": evidence.disputed, "retracted": list(evidence.retracted),
        "summary": plain_summary(evidence, studies),
    }
