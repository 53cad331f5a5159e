"""Lint-stage helper for `wording`: the grammar around a matched causal word.

The vocabulary matches word forms; whether a form is a verb asserting an effect depends
on the words around it. "Statins lower" asserts, "lower risk" does not; "increases in"
and "showed increased levels" are a noun and an adjective; "risk increases with age"
has no object, so it reports a change, not a cause. These are small heuristics on the
neighbouring words, not a parser. This grammar is not health vocabulary, so it lives
here rather than in wording.yaml.
"""

from __future__ import annotations

import re

from k2site.lint.claim_text import ClaimText
from k2site.lint.vocabulary import Term, Vocabulary

# Words after which an -s or -ed form is a noun or adjective ("the increases", "with reduced").
_NOUN_CONTEXT = frozenset(
    "a an the this these those its their his her our your my of in on at for with by from "
    "to into than as no any some such more less fewer greater large small significant "
    "modest marked overall all both each per between among many several few other own".split()
)
_HAVE = frozenset("have has had".split())
_DETERMINERS = frozenset("a an the this that these those its their his her our your my".split())
# Verbs after which an -ed form describes a noun: "patients showed increased levels".
_SHOW = frozenset(
    "show shows exhibit exhibits display displays demonstrate demonstrates reveal reveals "
    "yield yields".split()
)
# Verbs whose past participle commonly describes a noun ("increased risk", "reduced
# levels"); "caused" or "prevented" before a noun is still a verb.
_GRADABLE = frozenset(
    "increase decrease reduce elevate lower improve raise enhance delay shorten extend slow "
    "worsen boost strengthen affect impact".split()
)
_AMOUNTS = frozenset(
    "a an one two three four five ten half about approximately nearly almost around roughly "
    "up over more less some".split()
)
_BE = frozenset("is are was were be been being am get gets got become became".split())
# After these an -ed or -s form has no object, so it reports a change, not a cause
# ("risk increases with age", "pain improved after surgery").
_INTRANSITIVE_NEXT = frozenset(
    "with in over after during from at among across between when as than until of for to "
    "is are was were be been has have had may might can could should would will appear "
    "appears seem seems include included remain remained".split()
)
# Words in -ly that are no adverb, so an object may follow them ("burns belly fat").
_NOT_ADVERBS = frozenset(
    "belly family supply jelly daily weekly monthly yearly early elderly only likely "
    "friendly costly ugly".split()
)
# The first word of a licenser or modifier gives the verb's number and tense.
_SINGULAR = frozenset("is does has helps acts works serves".split())
_PLURAL_AUX = frozenset("are do have help act work serve".split())
_PAST = frozenset("was were did had helped acted worked served".split())
_PLURAL_PRONOUNS = frozenset("they we you these those people children men women".split())
_NOT_PLURAL = frozenset(
    "is was has this its his does as less always perhaps thus us yes plus various "
    "previous whereas whether".split()
)
_PREVIOUS_WORD = re.compile(r"(?:(?<![\w'-])([\w'-]+)|([^\w\s]))(?:\s+\w+ly)*\s*$")
_ARTICLE_TWO_BACK = re.compile(r"(?<![\w'-])(?:a|an|the)\s+[\w'-]+\s+$")
_NEXT_WORD = re.compile(r"\s*([\w'-]+|[^\w\s]|$)")


def asserts(match: re.Match[str], term: Term, doc: ClaimText, lo: int,
            vocab: Vocabulary) -> bool:
    """Whether this form, with no licenser before it, is a verb asserting an effect."""
    if term.form == "phrase":  # "No risk of X was found" reports a finding
        return not (term.lemma.startswith("no ") and not doc.lower[lo:match.start()].strip())
    prev = previous_word(doc.masked, lo, match.start())
    nxt = _next_word(doc.lower, match.end())
    if term.form == "base":  # only after a plural subject: "statins lower"
        return prev in _PLURAL_PRONOUNS or (
            prev.endswith("s") and not prev.endswith("ss") and prev not in _NOT_PLURAL
            and prev not in _NOUN_CONTEXT and prev not in vocab.terms)
    if _modifies_noun(prev, nxt, term.form, term.lemma) or (
            term.form == "ed" and term.lemma in _GRADABLE
            and _ARTICLE_TWO_BACK.search(doc.lower, max(lo, match.start() - 60), match.start())):
        return False  # "Increases in", "showed increased levels", "a minor increased risk"
    if term.form == "ed" and prev in _BE:  # passive: "is caused by smoking"
        return nxt == "by" and _agent_follows(doc.lower, match.end())
    return True


def previous_word(masked: str, lo: int, start: int) -> str:
    """The word before `start` in the sentence, skipping adverbs; '' at its start."""
    previous = _PREVIOUS_WORD.search(masked, max(lo, start - 60), start)
    if not previous:
        return ""
    word = previous.group(1) or previous.group(2)
    if word == "A" and masked[lo:previous.start()].strip():
        return "vitamin-a"  # "Vitamin A eliminates": a name, not the article
    return word.lower()


def form_after(words: str, form: str) -> str:
    """The tense and number a licenser gives the verb after it ("helped prevent": past)."""
    first = words.split()[0]
    if first in _SINGULAR or first == "will":
        return "s"
    if first in _PAST:
        return "ed"
    return "base" if first in _PLURAL_AUX else form


def _next_word(lower: str, end: int) -> str:
    return _NEXT_WORD.match(lower, end).group(1)  # type: ignore[union-attr]


def has_object(match: re.Match[str], term: Term, lower: str) -> bool:
    """Whether the verb has an object: "risk increases with age" reports a change."""
    if " " in term.lemma:
        return True  # a particle verb ("results in") always has one
    nxt = _next_word(lower, match.end())
    if nxt == "by":
        return _agent_follows(lower, match.end())  # "decreased by 30%": no cause named
    if _is_adverb(nxt):  # "improved significantly." but "improves markedly the ..."
        after = _NEXT_WORD.findall(lower, match.end(), match.end() + 40)
        return len(after) > 1 and after[1] in _DETERMINERS
    return nxt not in _INTRANSITIVE_NEXT and nxt[:1].isalnum()


def _modifies_noun(prev: str, nxt: str, form: str, lemma: str) -> bool:
    """Whether an -s or -ed form is a noun or an adjective rather than a verb."""
    if not prev[:1].isalnum() or prev in _NOUN_CONTEXT:
        return True  # "Increases in", "with reduced risk", ", increased TST"
    if form == "s":  # "yielded results in": the object of another verb
        return prev.endswith("ed") and not prev.endswith("eed")
    if lemma not in _GRADABLE:
        return False
    if prev in _HAVE:  # "has reduced the risk" vs "have increased risk"
        return nxt not in _DETERMINERS
    # "low zinc and increased VOC", "showed increased levels", "exhibited reduced"
    return prev in ("and", "or") or prev in _SHOW or (
        prev.endswith("ed") and not prev.endswith("eed"))


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and word not in _NOT_ADVERBS


def _agent_follows(lower: str, end: int) -> bool:
    # "is caused by smoking" names a cause; "was reduced by 30%", "by a third" a size.
    agent = re.match(r"\s*by\s+([\w-]+)", lower[end:end + 40])
    return agent is not None and not (
        agent.group(1)[0].isdigit() or agent.group(1) in _AMOUNTS)
