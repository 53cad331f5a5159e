"""Wording analysis for the lint stage: the `overclaim` and `uncited-claim` rules.

A claim's words are checked against its evidence (SPEC §3). Causal or certain wording
("prevents", "is proven", "no risk") is an overclaim when the strongest cited study is
observational, animal or lab work, a review or an unidentified source; a non-randomised
trial excuses plain causal verbs but not certainty. Without any citation, assertive health
wording is an uncited claim. Hedges ("may", "was associated with"), scope ("in rats"),
negation, questions, research statements and anecdote are not claims of cause. A hedge
or negation covers what follows it up to the end of its clause, and scope, research or
anecdote cover their whole clause, so "K2 may reduce X and it prevents Y" still flags
"prevents". Suggestions follow GRADE's plain-language statements: low certainty "may
reduce", very low "it is very uncertain whether ...".

Pure functions over strings. Offsets are positions in the text passed in, which keeps its
Markdown and its blanked citations. The word lists are `vocabulary`'s, the text's
sentences and clauses `claimtext`'s, and the grammar around a matched word
`claimgrammar`'s; this module decides what is a claim and words the finding.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from k2site.lint.claim_text import ClaimText
from k2site.lint.grammar import asserts, form_after, has_object, previous_word
from k2site.lint.vocabulary import Term, Vocabulary, load_vocabulary, past_tense
from k2site.model.evidence import CAUSAL_GROUPS, PROSE_SOURCE, overclaim_note

__all__ = ["CAUSAL_GROUPS", "Vocabulary", "WordingFinding", "check_claim", "load_vocabulary",
           "overclaim_note"]

#: What the evidence is, per group, as the message words it.
_EVIDENCE = {
    "trial": "a human trial without randomisation (low certainty)",
    "observational": "observational only (association, not cause)",
    "lab": "animal or lab work only (not yet shown in people)",
    "review": "a review or opinion only (no new evidence of its own)",
    "unknown": "from a source that could not be identified",
    # the evidence a claim's roles leave (see claim_evidence.ClaimEvidence.wording_group)
    "contested": "contradicted by other cited studies (weaker ones, but no certainty)",
    "disputed": "disputed: a cited study at least as strong goes against it",
    "background": "cited for background only, not as evidence for it",
    "retracted": "a retracted study, which no longer counts as evidence",
}
#: Groups where causal wording may stand but certainty may not.
_CAUSE_WITHOUT_CERTAINTY = frozenset({"trial", "contested"})

_QUESTION_END = re.compile(r"\?[\s\"')\]]*$")
#: Cue lists whose words excuse a whole clause, wherever they stand in it.
_CLAUSE_WIDE = frozenset({"scopes", "research", "anecdote"})


@dataclass(frozen=True)
class WordingFinding:
    """One phrase whose wording goes beyond the claim's evidence."""

    rule: str
    """`overclaim` or `uncited-claim`."""
    start: int
    """Character offset of the phrase in the text checked."""
    end: int
    """Offset just past the phrase."""
    phrase: str
    """The offending words as written, Markdown included."""
    message: str
    """The full diagnostic message, without the `[rule]` suffix."""
    suggestion: str
    """The hedged wording the evidence supports."""


@dataclass(frozen=True)
class _Hit:
    """A claim found in the text, before it is worded as a finding."""

    start: int
    end: int
    term: Term
    form: str
    """The verb's tense and number as used (`s`, `base`, `ed`), for the suggestion."""
    strong: bool
    clause: tuple[int, int]
    """The clause holding the phrase, for the very-low-certainty rewrite."""


def check_claim(text: str, group: str, vocab: Vocabulary) -> list[WordingFinding]:
    """Findings for one claim's text given its evidence group (`none`: no citation)."""
    if group in CAUSAL_GROUPS:
        return []
    doc = ClaimText(text)
    found = _prose_sources(doc, vocab) if group == "none" else []
    matches = list(vocab.triggers.finditer(doc.lower))
    if not matches:
        return found
    hits = [h for m in matches if (h := _assess(m, doc, group, vocab))]
    found += [_finding(h, doc, group) for h in _outermost(hits)]
    return sorted(found, key=lambda f: f.start)


# A source named in the prose instead of cited: "the site Paleo Leap", "the article at
# Wellness Mama", "the Vitamin D Council discusses". Matched with case, on the masked
# text: the capital is what tells a name from "the site of injection".
_NAME = r"[A-Z][\w.'&-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.'&-]*)*"
_PROSE_SOURCE = re.compile(
    rf"(?<![\w-])(?:[Tt]he\s+(?:web\s*)?site|[Ww]eb\s*site)\s+(?:called\s+|named\s+)?"
    rf"(?P<a>{_NAME})"
    rf"|\b(?:article|post|page|guide)\s+(?:at|on|from|by)\s+(?P<b>{_NAME})"
    rf"|\b(?:[Tt]he\s+)?(?P<c>{_NAME})\s+(?:discusses|covers|explains)\b"
    rf"|\bas\s+has\s+(?P<d>{_NAME})")


def _prose_sources(doc: ClaimText, vocab: Vocabulary) -> list[WordingFinding]:
    """A website or organisation named as the source of health information, uncited."""
    found: list[WordingFinding] = []
    # the paragraph, not the sentence, must be about health: "Check out the article at
    # Wellness Mama for more details." follows the sentences it is the source of
    if not vocab.health.search(doc.lower) or not _may_name_source(doc.masked):
        return found
    for match in _PROSE_SOURCE.finditer(doc.masked):
        name = next(g for g in match.groups() if g)
        if name.split()[0] in _NOT_NAMES:
            continue
        end = match.end() - (1 if match.group().endswith(".") else 0)
        phrase = " ".join(doc.masked[match.start():end].split())
        message = (f'"{phrase}" {PROSE_SOURCE}, which readers cannot check and the site'
                   " cannot grade: add it to the references and cite it, or leave it out")
        found.append(WordingFinding("uncited-claim", match.start(), end,
                                    doc.source[match.start():end], message, ""))
    return found


#: Words one of which each way of naming a source in `_PROSE_SOURCE` contains.
_SOURCE_WORDS = ("site", "article", "post", "page", "guide", "discusses", "covers", "explains")
_AS_HAS = re.compile(r"as\s+has")


def _may_name_source(masked: str) -> bool:
    """Whether `_PROSE_SOURCE` can match at all: found without it, which tries every
    character, by plain searches for the words it needs."""
    return any(word in masked for word in _SOURCE_WORDS) or (
        "has" in masked and _AS_HAS.search(masked) is not None)


#: Capitalised words that start a sentence or name no source ("The site This...").
_NOT_NAMES = frozenset("I A An The This That These Those It He She We You They".split())


def _assess(match: re.Match[str], doc: ClaimText, group: str, vocab: Vocabulary) -> _Hit | None:
    """The hit for one matched term, or None when its context makes it no claim."""
    term = vocab.terms.get(_key(match.group(), vocab))
    if term is None:
        return None
    sentence = doc.sentence(match.start())
    if _found_in(doc, _QUESTION_END, sentence):
        return None
    if term.form != "phrase" and not has_object(match, term, doc.lower):
        return None  # "risk increases with age" reports a change, not a cause
    clause = doc.clause(match.start())
    start, form, licensed, strong = _extent(match, term, doc.lower, clause[0], vocab)
    if not (licensed or asserts(match, term, doc, sentence[0], vocab)):
        return None
    if (group in _CAUSE_WITHOUT_CERTAINTY and not strong) or _excused(doc, clause, start, vocab):
        return None
    if previous_word(doc.masked, sentence[0], start) in vocab.research_nouns:
        return None  # "these findings contribute to the literature": about research
    if group == "none" and not _found_in(doc, vocab.health, sentence):
        return None
    return _Hit(start, match.end(), term, form, strong, clause)


def _key(matched: str, vocab: Vocabulary) -> str:
    key = " ".join(matched.split())
    if key in vocab.terms:
        return key
    words = key.split()  # an adverb inside a particle verb: "contributes directly to"
    return " ".join(words[:1] + words[2:])


def _extent(match: re.Match[str], term: Term, lower: str, lo: int,
            vocab: Vocabulary) -> tuple[int, str, bool, bool]:
    """Where the wording starts, the verb's form as used, whether a licenser or modifier
    asserts it ("is able to ensure", "will lower"), and whether it states certainty."""
    start, form, licensed = match.start(), term.form, False
    if form == "base" and (licence := _before(vocab.licence_before, lower, lo, start)):
        start, form, licensed = licence.start(), form_after(licence.group(), form), True
    if modifier := _before(vocab.strong_before, lower, lo, start):
        return modifier.start(), form_after(modifier.group(), form), True, True
    return start, form, licensed, term.strong


def _found_in(doc: ClaimText, pattern: re.Pattern[str], span: tuple[int, int]) -> bool:
    """Whether the pattern occurs in a span of the claim, searched once per span: a long
    sentence of many phrases is not searched again for each."""
    known = (pattern.pattern, span)
    if known not in doc.found:
        doc.found[known] = pattern.search(doc.lower, *span) is not None
    return doc.found[known]


def _before(pattern: re.Pattern[str], lower: str, lo: int, start: int) -> re.Match[str] | None:
    """A match of `pattern` ending just before `start`, within the clause."""
    return pattern.search(lower, max(lo, start - 60), start)


def _excused(doc: ClaimText, clause: tuple[int, int], start: int, vocab: Vocabulary) -> bool:
    """Whether a hedge or negation before the words, or a scope, research or anecdote cue
    anywhere in the clause, makes them no claim."""
    if clause not in doc.cues:
        # once per clause, not once per phrase: a long clause of many phrases stays linear
        cues = list(vocab.cues.finditer(doc.lower, *clause))
        wide = any(cue.lastgroup in _CLAUSE_WIDE for cue in cues)
        first_hedge = min((c.start() for c in cues if c.lastgroup == "hedges"), default=-1)
        doc.cues[clause] = (wide, first_hedge, [cue.start() for cue in cues])
    wide, first_hedge, starts = doc.cues[clause]
    if wide or 0 <= first_hedge < start:
        return True
    near = bisect_left(starts, start - 60)
    return near < len(starts) and starts[near] < start


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """Hits not inside another, so "helps prevent" is one finding, not two."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# -- messages --------------------------------------------------------------------------


def _finding(hit: _Hit, doc: ClaimText, group: str) -> WordingFinding:
    text, masked = doc.source, doc.masked
    phrase = " ".join(masked[hit.start:hit.end].split())
    hedged = _hedged(hit.term, hit.form)
    if group == "none":
        message = (f'"{phrase}" states a health effect as fact, but no source is cited; '
                   f'cite the evidence, or say "{hedged}"')
        return WordingFinding("uncited-claim", hit.start, hit.end, text[hit.start:hit.end],
                              message, hedged)
    suggestion, alternative = _suggestions(hit, masked, group, hedged)
    states = "states certainty" if hit.strong else "states cause"
    evidence = _EVIDENCE.get(group, _EVIDENCE["unknown"])
    message = f'"{phrase}" {states}, but the cited evidence is {evidence}; say "{suggestion}"'
    if alternative:
        message += f' or "{alternative}"'
    return WordingFinding("overclaim", hit.start, hit.end, text[hit.start:hit.end],
                          message, suggestion)


def _suggestions(hit: _Hit, masked: str, group: str, hedged: str) -> tuple[str, str]:
    """The wording GRADE's certainty level for this group allows, and an alternative."""
    if group in ("trial", "contested", "observational"):  # low certainty: "may reduce"
        return hedged, _association(hit.term, hit.form) if group == "observational" else ""
    clause = _clause_text(masked, hit.clause)  # very low certainty
    uncertain = f"it is very uncertain whether {clause}"
    if group == "lab":
        # scoped to where it was shown, and hedged: "in rats, K2 is proven to" is no better
        phrase = " ".join(masked[hit.start:hit.end].split())
        return f"in animal or lab studies, {clause.replace(phrase, hedged, 1)}", uncertain
    return uncertain, ""


def _hedged(term: Term, form: str) -> str:
    """The hedged wording in the tense the claim used."""
    if form != "ed":
        return term.hedged
    first, _, rest = term.hedged.partition(" ")
    if first != "may":
        return " ".join([past_tense(first), rest]).strip()
    verb, _, rest = rest.partition(" ")
    return " ".join(["may have", past_tense(verb), rest]).strip()


def _association(term: Term, form: str) -> str:
    if not term.association.startswith("is "):
        return term.association
    verb = {"base": "are", "ed": "was"}.get(form, "is")
    return verb + term.association[2:]


# Words that join a clause to the one before; a quoted clause drops them.
_CONNECTIVES = re.compile(
    r"^(?:and|but|or|so|while|whereas|although|though|yet|which|as|because|since|thus|"
    r"therefore|hence|however)\b[\s,]*", re.IGNORECASE)


def _clause_text(masked: str, clause: tuple[int, int]) -> str:
    """The clause as plain words, ready to follow "whether"."""
    words = " ".join(masked[clause[0]:clause[1]].split())
    words = _CONNECTIVES.sub("", words).rstrip(" .!;:,")
    first, _, rest = words.partition(" ")
    # "Vitamin D" -> "vitamin D", but names stay: "St John's wort", "K2", "DHA".
    if first == "A" or first[:1].isupper() and first[1:].islower() and not (
            len(first) <= 3 and rest[:1].isupper()):
        words = first.lower() + (" " + rest if rest else "")
    return words
