"""A claim's evidence from the roles and studies it cites: support, contradiction,
disputed, background, retraction, mixed sentences, and the plain summary (SPEC §7)."""

from __future__ import annotations

from k2site.lint.wording import check_claim, load_vocabulary
from k2site.model.claim_evidence import against_summary, derive, plain_summary
from k2site.model.document import Citation, Study
from k2site.model.notices import Notice
from k2site.model.roles import BACKGROUND, CONTRADICTS, SUPPORTS

ROLE_WORD = {SUPPORTS: "", CONTRADICTS: "disagrees_with", BACKGROUND: "background"}


def study(key: str, design: str, people: int | None = None, year: int = 2015,
          *notices: Notice) -> Study:
    fields = {"evidence": design, "year": str(year)}
    if people is not None:
        fields["participants"] = str(people)
    return Study(key, "article", fields, fields, "references/r.bib", 1, tuple(notices))


RETRACTED = Notice("retraction", "2020-01-02", "10.1000/x", "references/r.bib", 3)
STORE = {s.key: s for s in (
    study("rct1", "rct", 120, 2015), study("rct2", "rct", 184, 2012),
    study("meta", "meta-analysis", None, 2018), study("cohort", "cohort", 5000, 2010),
    study("mouse", "animal", None, 2019), study("rev", "review", None, 2011),
    study("gone", "rct", 90, 2016, RETRACTED),
    study("back", "rct", 50, 2017, RETRACTED,
          Notice("reinstatement", "2021-03-04", "", "references/r.bib", 3)),
)}


def cite(*items: str, sentence: int = 1) -> list[Citation]:
    """`key` supports, `-key` contradicts, `~key` background."""
    role = {"-": CONTRADICTS, "~": BACKGROUND}
    return [Citation(i.lstrip("-~"), cito=ROLE_WORD[role.get(i[0], SUPPORTS)],
                     sentence=sentence) for i in items]


def test_the_strongest_supporting_study_gives_the_group() -> None:
    found = derive(cite("cohort", "rct1"), STORE)
    assert found.group.id == "rct" and not found.disputed and found.against == ()
    assert plain_summary(derive(cite("rct1", "rct2"), STORE), STORE) == \
        "2 randomised trials, 304 people, newest 2015"


def test_contradiction_is_counted_apart_and_never_as_support() -> None:
    found = derive(cite("cohort", "-meta"), STORE)
    assert found.group.id == "observational" and found.against_group is not None
    assert found.against_group.id == "synthesis" and found.disputed
    assert against_summary(found, STORE) == "1 systematic review"
    assert found.wording_group == "disputed"


def test_weaker_contradiction_does_not_dispute_but_takes_certainty_away() -> None:
    found = derive(cite("rct1", "-cohort", "-mouse"), STORE)
    assert found.group.id == "rct" and not found.disputed
    assert against_summary(found, STORE) == "1 observational study, 1 animal or lab study"
    assert found.wording_group == "contested"


def test_equally_strong_contradiction_is_no_dispute_but_weighs_on_the_words() -> None:
    found = derive(cite("rct1", "-rct2"), STORE)
    assert not found.disputed and found.wording_group == "disputed"


def test_contradiction_alone_disputes_a_claim_with_no_support() -> None:
    found = derive(cite("-rev"), STORE)
    assert found.group.id == "none" and found.disputed


def test_background_never_counts() -> None:
    found = derive(cite("~meta"), STORE)
    assert found.group.id == "none" and found.background == ("meta",)
    assert plain_summary(found, STORE) == "" and found.wording_group == "background"
    assert derive(cite("cohort", "~meta"), STORE).group.id == "observational"


def test_a_retracted_study_never_counts_either_way() -> None:
    found = derive(cite("gone", "cohort"), STORE)
    assert found.group.id == "observational" and found.retracted == ("gone",)
    assert derive(cite("gone"), STORE).wording_group == "retracted"
    assert derive(cite("cohort", "-gone"), STORE).against == ()


def test_a_reinstated_study_counts_again() -> None:
    assert not STORE["back"].retracted and derive(cite("back"), STORE).group.id == "rct"


def test_sentences_citing_different_groups_make_a_mixed_claim() -> None:
    found = derive(cite("rct1", sentence=1) + cite("cohort", sentence=2), STORE)
    assert found.mixed and found.sentence_groups == ("rct", "observational")
    same_sentence = derive(cite("rct1", "cohort", sentence=1), STORE)
    assert not same_sentence.mixed
    # only supporting citations that count make a sentence's evidence
    assert not derive(cite("rct1", sentence=1) + cite("~cohort", sentence=2), STORE).mixed
    assert not derive(cite("rct1", sentence=1) + cite("gone", sentence=2), STORE).mixed


def test_the_summary_says_at_least_where_some_study_does_not_count_people() -> None:
    assert plain_summary(derive(cite("meta", "cohort"), STORE), STORE) == \
        "2 studies, at least 5,000 people, newest 2018"
    assert plain_summary(derive(cite("rev"), STORE), STORE) == "1 review or other source, 2011"
    assert plain_summary(derive(cite("rev", "mouse"), STORE), STORE) == "2 sources, newest 2019"
    assert plain_summary(derive(cite("nowhere"), STORE), STORE) == "1 unidentified source"


def test_overclaim_weighs_the_words_against_contradiction() -> None:
    vocab = load_vocabulary()
    text = "Calcium pills prevent fractures."
    assert check_claim(text, derive(cite("rct1"), STORE).wording_group, vocab) == []
    contested = check_claim(text, derive(cite("rct1", "-cohort"), STORE).wording_group, vocab)
    assert contested == []  # causal wording may stand on a trial that weaker work disputes
    proven = "Calcium pills are proven to prevent fractures."
    [finding] = check_claim(proven, derive(cite("rct1", "-cohort"), STORE).wording_group, vocab)
    assert "contradicted by other cited studies" in finding.message
    [finding] = check_claim(text, derive(cite("rct1", "-meta"), STORE).wording_group, vocab)
    assert finding.rule == "overclaim" and "disputed" in finding.message
    [finding] = check_claim(text, derive(cite("~meta"), STORE).wording_group, vocab)
    assert "cited for background only" in finding.message
