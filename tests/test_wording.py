"""Tests of the wording linter behind the `overclaim` and `uncited-claim` rules.

Unit tests on literal strings first, then the thresholds on two labelled sets: our own
sentences (tests/data/wording_labelled.tsv) and the PubMed causal-language corpus of Yu,
Li and Wang (2019), read from the shared corpora folder next to the repository. That
corpus is GPL-licensed and is never copied here; its tests are skipped when it is absent,
except under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import csv
import os
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from k2site.lint.wording import WordingFinding, check_claim, load_vocabulary, overclaim_note

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "data" / "wording_labelled.tsv"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "causal-language"
PUBMED = CORPORA / "junwang4-causal-language-use-in-science__pubmed_causal_language_use.csv"
SAMPLE = CORPORA / "junwang4-causal-language-use-in-science__sample_new_sentences.csv"

VOCAB = load_vocabulary()


def flagged(text: str, group: str = "observational") -> list[str]:
    """The offending phrases, as written."""
    return [f.phrase for f in check_claim(text, group, VOCAB)]


# -- causal and certain wording --------------------------------------------------------


@pytest.mark.parametrize("text, phrase", [
    ("Vitamin K2 prevents heart disease.", "prevents"),
    ("K2 cures osteoporosis.", "cures"),
    ("K2 reverses arterial calcification.", "reverses"),
    ("Calcium causes arterial calcification.", "causes"),
    ("K2 protects against fractures.", "protects against"),
    ("Supplementation results in stronger bones.", "results in"),
    ("It contributes directly to bone health.", "contributes directly to"),
    ("K2 is able to ensure that calcium ends up in the bones.", "is able to ensure"),
    ("There's no risk that you will take too much.", "There's no risk"),
    ("K2 will lower your risk of heart disease.", "will lower"),
    ("K2 has been proven to strengthen bones.", "has been proven to strengthen"),
    ("Statins lower cholesterol.", "lower"),
    ("Supplementation reduced mortality in older women.", "reduced"),
    ("Fibre helps prevent colon cancer.", "helps prevent"),
])
def test_causal_and_certain_wording_is_flagged_on_observational_evidence(text, phrase):
    assert flagged(text) == [phrase]


@pytest.mark.parametrize("group", ["observational", "lab", "review", "unknown"])
def test_every_weak_group_flags_causal_wording(group):
    findings = check_claim("Vitamin K2 prevents heart disease.", group, VOCAB)
    assert [(f.rule, f.phrase) for f in findings] == [("overclaim", "prevents")]


@pytest.mark.parametrize("group", ["synthesis", "rct"])
def test_randomised_evidence_supports_causal_wording(group):
    assert flagged("K2 prevents heart disease and is proven to cure it.", group) == []


def test_a_trial_excuses_plain_causal_verbs_but_not_certainty():
    assert flagged("K2 reduces arterial stiffness.", "trial") == []
    assert flagged("K2 cures arterial stiffness.", "trial") == ["cures"]
    assert flagged("K2 always reduces arterial stiffness.", "trial") == ["always reduces"]
    assert flagged("K2 is proven to reduce stiffness.", "trial") == ["is proven to reduce"]
    assert flagged("K2 ensures strong bones.", "trial") == ["ensures"]
    assert flagged("There is no risk of overdose.", "trial") == ["There is no risk"]


def test_words_that_only_look_causal_are_not_flagged():
    assert flagged("Higher intake was associated with reduced mortality.") == []
    assert flagged("Increases in K2 intake were small.") == []
    assert flagged("Patients showed increased calcification.") == []
    assert flagged("Risk increases with age.") == []
    assert flagged("Mortality decreased by 30% over ten years.") == []
    assert flagged("Vitamin K2 is found in butter, eggs and natto.") == []
    assert flagged("A calcium score may provide a cost-effective check.") == []


# -- hedges, scope, negation, questions, research, anecdote ----------------------------


@pytest.mark.parametrize("text", [
    "Higher K2 intake was associated with a lower risk of heart disease.",
    "K2 may prevent heart disease.",
    "K2 might reduce arterial stiffness.",
    "K2 could protect against fractures.",
    "These results suggest that K2 prevents calcification.",
    "K2 intake is linked to fewer fractures.",
    "K2 is thought to protect the arteries.",
])
def test_hedged_wording_is_not_flagged(text):
    assert flagged(text) == []


@pytest.mark.parametrize("text", [
    "K2 prevents calcification in rats.",
    "In mice, K2 reverses bone loss.",
    "One trial found that K2 reduced bone loss.",
])
def test_scoped_wording_is_not_flagged(text):
    assert flagged(text, "lab") == []


@pytest.mark.parametrize("text", [
    "K2 does not prevent heart disease.",
    "There is no evidence that K2 causes harm.",
    "Supplements failed to improve bone density.",
    "K2 neither prevents nor cures osteoporosis.",
])
def test_negation_is_not_flagged(text):
    assert flagged(text) == []


@pytest.mark.parametrize("text", [
    "Does vitamin K2 prevent heart disease?",
    "Can K2 **cure** osteoporosis?\n",
])
def test_questions_are_not_flagged(text):
    assert flagged(text) == []
    assert flagged(text, "none") == []


@pytest.mark.parametrize("text", [
    "A trial is under way to see whether K2 prevents heart disease.",
    "Researchers are testing whether K2 slows calcification.",
    "More studies are needed to prove that K2 reduces fractures.",
    "These findings contribute to the literature on vitamin K.",
])
def test_statements_about_research_are_not_flagged(text):
    assert flagged(text) == []


def test_hedges_reach_only_to_the_end_of_their_clause():
    assert flagged("K2 may reduce stiffness and it prevents heart disease.") == ["prevents"]
    assert flagged("K2 may reduce stiffness, but it cures osteoporosis.") == ["cures"]
    assert flagged("K2 may reduce stiffness and prevent heart disease.") == []
    assert flagged("K2 may lower risk. It prevents heart disease.") == ["prevents"]
    assert flagged("K2 prevents fractures in people, and in rats it reverses bone loss.") == [
        "prevents"]


# -- positions and messages ------------------------------------------------------------


def test_offsets_are_exact_in_markdown_with_blanked_citations():
    text = "- Vitamin K2 **prevents**\n  heart disease           .\n"
    [finding] = check_claim(text, "observational", VOCAB)
    assert (finding.start, finding.end) == (15, 23)
    assert text[finding.start:finding.end] == finding.phrase == "prevents"


def test_a_phrase_across_a_line_break_keeps_its_source_form():
    text = "Calcium supplements result\nin calcification [@x]."
    [finding] = check_claim(text, "review", VOCAB)
    assert finding.phrase == "result\nin"
    assert text.index("result") == finding.start
    assert finding.message.startswith('"result in" states cause')


def test_link_targets_and_typographic_quotes_are_not_words():
    assert flagged("K2 is [widely used](https://example.org/prevents-disease).") == []
    assert flagged("So, there\u2019s no risk of overdose.") == ["there\u2019s no risk"]


def test_message_for_observational_evidence_offers_both_hedges():
    [finding] = check_claim("K2 prevents heart disease.", "observational", VOCAB)
    assert finding == WordingFinding(
        rule="overclaim", start=3, end=11, phrase="prevents",
        message='"prevents" states cause, but the cited evidence is observational only '
                '(association, not cause); say "may help prevent" or "is associated with a '
                'lower risk of"',
        suggestion="may help prevent",
    )


def test_suggestions_follow_the_certainty_of_each_group():
    def suggestion(text, group):
        return check_claim(text, group, VOCAB)[0].suggestion

    assert suggestion("Supplements lowered blood pressure.", "observational") == "may have lowered"
    assert suggestion("K2 cures osteoporosis.", "trial") == "may help treat"
    assert suggestion("Vitamin K2 reverses calcification.", "lab") == (
        "in animal or lab studies, vitamin K2 may help reverse calcification")
    assert suggestion("Vitamin K2 reverses calcification.", "review") == (
        "it is very uncertain whether vitamin K2 reverses calcification")
    message = check_claim("K2 reverses calcification.", "unknown", VOCAB)[0].message
    assert "could not be identified" in message


def test_an_unknown_group_id_counts_as_the_weakest_evidence():
    assert flagged("K2 reverses calcification.", "no-such-group") == ["reverses"]


def test_findings_are_frozen():
    finding = check_claim("K2 cures it.", "review", VOCAB)[0]
    with pytest.raises(FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


@pytest.mark.parametrize("group", ["trial", "observational", "lab", "review", "unknown"])
def test_overclaim_note_names_the_evidence(group):
    note = overclaim_note(group)
    assert note.startswith("The wording goes beyond the cited evidence: ")
    assert note.endswith(".")


def test_overclaim_note_for_strong_and_missing_evidence():
    assert overclaim_note("observational") == (
        "The wording goes beyond the cited evidence: observational studies only.")
    assert overclaim_note("rct") == ""
    assert "no source is cited" in overclaim_note("none")


# -- uncited claims --------------------------------------------------------------------


@pytest.mark.parametrize("text, phrase", [
    ("Vitamin K2 prevents heart disease.", "prevents"),
    ("K2 is a safe vitamin to take.", "is a safe"),
    ("Supplements improve health.", "improve"),
])
def test_assertive_health_wording_without_citation_is_an_uncited_claim(text, phrase):
    findings = check_claim(text, "none", VOCAB)
    assert [(f.rule, f.phrase) for f in findings] == [("uncited-claim", phrase)]
    assert "no source is cited" in findings[0].message


@pytest.mark.parametrize("text", [
    "Vitamin K2 may help prevent heart disease.",
    "I take K2 every morning and my joints feel better.",
    "Vitamin K2 is a form of vitamin K found in fermented foods.",
    "Is vitamin K2 safe to take?",
    "Researchers are studying whether K2 helps bones.",
    "This setting improves page load times.",
])
def test_hedges_anecdote_definitions_questions_and_non_health_are_not_uncited_claims(text):
    assert check_claim(text, "none", VOCAB) == []


def test_each_group_gets_only_its_own_rule():
    text = "K2 prevents heart disease."
    assert {f.rule for f in check_claim(text, "none", VOCAB)} == {"uncited-claim"}
    assert {f.rule for f in check_claim(text, "review", VOCAB)} == {"overclaim"}


# -- the vocabulary --------------------------------------------------------------------


def test_a_site_file_extends_every_list():
    extra = "hedges: [reportedly]\ncausal_verbs: [supercharge]\nscopes: [in zebrafish]\n"
    vocab = load_vocabulary(extra)
    assert check_claim("K2 reportedly prevents fractures.", "review", vocab) == []
    assert [f.phrase for f in check_claim("K2 supercharges bones.", "review", vocab)] == [
        "supercharges"]
    assert check_claim("K2 reverses calcification in zebrafish.", "lab", vocab) == []
    assert check_claim("K2 supercharges bones.", "review", VOCAB) == []


def test_a_site_file_can_give_a_verb_its_hedged_wording():
    vocab = load_vocabulary("causal_verbs: [slash]\nhedged_forms: {slash: may cut}\n")
    [finding] = check_claim("K2 slashes fracture risk.", "observational", vocab)
    assert finding.suggestion == "may cut"


@pytest.mark.parametrize("extra", ["", "# nothing yet\n"])
def test_an_empty_site_file_changes_nothing(extra):
    assert load_vocabulary(extra).lists == VOCAB.lists


@pytest.mark.parametrize("extra, words", [
    ("hedges: [may\n", "not valid YAML at line"),
    ("- may\n- might\n", "must be a mapping"),
    ("hedgez: [may]\n", "unknown key 'hedgez'"),
    ("hedges: may\n", "`hedges` must be a list"),
    ("hedges: [12]\n", "not a word or phrase"),
    ("scopes: ['* study']\n", "not a word or phrase"),
    ("irregular_forms: {run: [runs]}\n", "`irregular_forms` must map a verb"),
    ("strong_phrases: [no risk]\n", "`strong_phrases` must map"),
])
def test_a_bad_site_file_raises_value_error_saying_what_is_wrong(extra, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[")):
        load_vocabulary(extra)


# -- measured on labelled sentences ----------------------------------------------------


def _score(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Precision and recall of (expected, got) outcomes, positive = flagged."""
    tp = sum(e != "ok" and g == e for e, g in pairs)
    fp = sum(g != "ok" and g != e for e, g in pairs)
    fn = sum(e != "ok" and g != e for e, g in pairs)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_labelled_set_is_large_and_balanced():
    rows = list(csv.DictReader(LABELLED.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) >= 80
    outcomes = {r["expected"] for r in rows}
    groups = {r["group"] for r in rows}
    assert outcomes == {"ok", "overclaim", "uncited-claim"}
    assert groups >= {"synthesis", "rct", "trial", "observational", "lab", "review", "none"}


def test_precision_and_recall_on_our_labelled_set():
    pairs = []
    for row in csv.DictReader(LABELLED.open(encoding="utf-8"), delimiter="\t"):
        findings = check_claim(row["sentence"].replace("\\n", "\n"), row["group"], VOCAB)
        pairs.append((row["expected"], findings[0].rule if findings else "ok"))
    precision, recall = _score(pairs)
    assert precision >= 0.9 and recall >= 0.8, (precision, recall)


def _corpus(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path.name} is missing from the shared corpora folder")
        pytest.skip(f"{path.name} not found next to the repository")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_pubmed_direct_causal_sentences_are_flagged_and_hedged_ones_are_not():
    # Each sentence is read as a claim resting on observational evidence: label 1
    # (direct causal) should be flagged, labels 2 (hedged) and 3 (correlational) not.
    pairs = []
    for row in _corpus(PUBMED):
        if row["label"] in ("1", "2", "3"):
            expected = "overclaim" if row["label"] == "1" else "ok"
            found = check_claim(row["sentence"], "observational", VOCAB)
            pairs.append((expected, "overclaim" if found else "ok"))
    precision, recall = _score(pairs)
    # Measured 0.966 and 0.409: recall is low by design, as the corpus counts negated
    # causal claims ("did not reduce") and "suggests that X reduces Y" as direct causal.
    assert precision >= 0.9 and recall >= 0.35, (precision, recall)


def test_pubmed_statements_without_a_relation_are_rarely_flagged():
    rows = [r for r in _corpus(PUBMED) if r["label"] == "0"]
    share = sum(bool(check_claim(r["sentence"], "observational", VOCAB)) for r in rows)
    assert share / len(rows) <= 0.04


def test_unseen_sentences_never_crash():
    rows = _corpus(SAMPLE)
    for group in ("observational", "none", "trial", "lab"):
        for row in rows:
            for finding in check_claim(row["sentence"], group, VOCAB):
                assert row["sentence"][finding.start:finding.end] == finding.phrase
