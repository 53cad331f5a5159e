"""The evidence model of SPEC §3."""

from __future__ import annotations

import pytest

from k2site.model.evidence import DESIGN_GROUP, GROUP_BY_ID, GROUPS, at_least, claim_group, group_of


@pytest.mark.parametrize(
    "design,group",
    [("meta-analysis", "synthesis"), ("systematic-review", "synthesis"), ("rct", "rct"),
     ("clinical-trial", "trial"), ("cohort", "observational"), ("case-control", "observational"),
     ("cross-sectional", "observational"), ("case-series", "observational"), ("animal", "lab"),
     ("in-vitro", "lab"), ("review", "review"), ("guideline", "review"), ("protocol", "review"),
     ("other", "review"), ("unknown", "unknown")],
)
def test_each_design_has_its_group(design: str, group: str) -> None:
    assert DESIGN_GROUP[design] == group
    assert group_of(design).id == group


def test_a_claim_takes_its_strongest_citation() -> None:
    assert claim_group(["cohort", "rct", "animal"]).id == "rct"
    assert claim_group(["review", "unknown"]).id == "review"
    assert claim_group(["unknown"]).id == "unknown"


def test_no_citation_means_no_evidence() -> None:
    assert claim_group([]).id == "none"


def test_an_unknown_design_never_counts_as_stronger() -> None:
    assert group_of("mega-trial").id == "unknown"


def test_groups_are_ordered_strongest_first() -> None:
    assert [g.id for g in GROUPS] == ["synthesis", "rct", "trial", "observational", "lab",
                                      "review", "unknown", "none"]
    assert [g.rank for g in GROUPS] == sorted(g.rank for g in GROUPS)
    assert at_least("synthesis", "rct") and not at_least("observational", "rct")


def test_every_group_has_words_and_a_symbol() -> None:
    symbols = {g.symbol for g in GROUP_BY_ID.values()}
    assert len(symbols) == len(GROUPS)
    assert all(g.label and g.short and g.meaning for g in GROUPS)
