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

Pure functions over strings; the only file read is the bundled vocabulary. Offsets are
positions in the text passed in, which keeps its Markdown and its blanked citations.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

LIST_KEYS = (
    "causal_verbs", "strong_verbs", "strong_modifiers", "licensers", "hedges", "scopes",
    "negations", "research", "research_nouns", "anecdote", "health_terms",
)
MAP_KEYS = (
    "irregular_forms", "hedged_forms", "association_forms", "causal_phrases", "strong_phrases",
)

#: Groups whose evidence supports causal wording: never flagged.
CAUSAL_GROUPS = frozenset({"synthesis", "rct"})

#: What the evidence is, per group, as the message words it.
_EVIDENCE = {
    "trial": "a human trial without randomisation (low certainty)",
    "observational": "observational only (association, not cause)",
    "lab": "animal or lab work only (not yet shown in people)",
    "review": "a review or opinion only (no new evidence of its own)",
    "unknown": "from a source that could not be identified",
}

_NOTES = {
    "trial": "a human trial that was not randomised.",
    "observational": "observational studies only.",
    "lab": "animal or lab studies only.",
    "review": "reviews or opinion only.",
    "unknown": "a source that could not be identified.",
}

# Grammar, not health vocabulary, so it lives here rather than in wording.yaml: words
# after which an -s or -ed form is a noun or adjective ("the increases", "with reduced").
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
_CONNECTIVES = re.compile(
    r"^(?:and|but|or|so|while|whereas|although|though|yet|which|as|because|since|thus|"
    r"therefore|hence|however)\b[\s,]*", re.IGNORECASE)

# Markdown syntax, blanked before matching: inline anywhere, block markers at line starts.
_INLINE_MARKUP = re.compile(
    r"<!--[\s\S]*?-->|<[A-Za-z/][^>\n]*>|!?\[|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\]"
    r"|[*_`~]+|\\(?=[^\w\s])"
)
_MARKUP_CHAR = re.compile(r"[<!\[\]*_`~\\]")
_LINE_MARKERS = frozenset(" \t-+*>#:0123456789")
_NEWLINE = re.compile(r"\n")
_LINE_MARKUP = re.compile(r"[ \t]*(?::::.*|(?:[-+*]|\d+[.)])(?=[ \t])|>+|#+)")
# Same-length replacements, so offsets in the masked text are offsets in the source.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " ", "\u2010": "-", "\u2011": "-"})
# Starts with a plain character class, which lets `re` skip ahead fast.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"')\]]*(?=\s|$)")
_LINE_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-+*]|\d+[.)]|:::)[ \t])")
# Where a clause ends (matched on lower-cased text): hedges and negations reach no further.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\s[-\u2013\u2014]+\s"
    r"|,(?=\s*(?:and|but|or|so|while|whereas|although|though|yet|which|as|because|since|"
    r"thus|therefore|hence|however)\b(?!\s+well\b))"
    r"|\s(?=(?:but|whereas|while|although|though|because|however|therefore|thus|hence)\b)"
    r"|\s(?=and\s+(?:it|they|this|that|these|those|he|she|we|you|there|its)\b)"
)
_PREVIOUS_WORD = re.compile(r"(?:(?<![\w'-])([\w'-]+)|([^\w\s]))(?:\s+\w+ly)*\s*$")
_ARTICLE_TWO_BACK = re.compile(r"(?<![\w'-])(?:a|an|the)\s+[\w'-]+\s+$")
_NEXT_WORD = re.compile(r"\s*([\w'-]+|[^\w\s]|$)")
_QUESTION_END = re.compile(r"\?[\s\"')\]]*$")
_GAP = r"\s+"
_ADVERB_GAP = r"\s+(?:\w+ly\s+)?"
_AUX = r"(?:(?:is|are|was|were|be|been|has\s+been|have\s+been|had\s+been)\s+)?"
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
class _Term:
    """What a matched causal or certain phrase is."""

    lemma: str
    """The vocabulary entry: a verb's base form, or the phrase itself."""
    form: str
    """`base`, `s` or `ed` for a verb; `phrase` for a fixed phrase."""
    strong: bool
    """Whether it states certainty, which even a non-randomised trial does not support."""
    hedged: str
    """The low-certainty wording to suggest instead."""
    association: str
    """The association wording offered on observational evidence, or ''."""


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The merged word lists and the patterns compiled from them, once per site."""

    lists: Mapping[str, tuple[str, ...]]
    """Each list of wording.yaml, bundled terms first."""
    mappings: Mapping[str, Mapping[str, Any]]
    """Each mapping of wording.yaml, site entries overriding bundled ones."""
    terms: Mapping[str, _Term]
    """Each causal or certain form, lower-cased with single spaces."""
    triggers: re.Pattern[str]
    """Any causal or certain form, matched on lower-cased text like every pattern here."""
    cues: re.Pattern[str]
    """Any hedge, negation, scope, research or anecdote cue, named by its list."""
    health: re.Pattern[str]
    """Any health term."""
    research_nouns: frozenset[str]
    """Subjects that make a sentence about research rather than health."""
    strong_before: re.Pattern[str]
    """A strong modifier ending just before a verb."""
    licence_before: re.Pattern[str]
    """A licenser ending just before a verb's base form."""


@dataclass(frozen=True)
class _Hit:
    """A claim found in the text, before it is worded as a finding."""

    start: int
    end: int
    term: _Term
    form: str
    """The verb's tense and number as used (`s`, `base`, `ed`), for the suggestion."""
    strong: bool
    clause: tuple[int, int]
    """The clause holding the phrase, for the very-low-certainty rewrite."""


def overclaim_note(group: str) -> str:
    """The reader-facing note shown on a page beside a flagged claim of this group."""
    if group == "none":
        return "This is worded as fact, but no source is cited."
    if group in CAUSAL_GROUPS:
        return ""
    return "The wording goes beyond the cited evidence: " + _NOTES.get(group, _NOTES["unknown"])


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- the vocabulary ------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def load_vocabulary(extra: str | None = None) -> Vocabulary:
    """The bundled vocabulary, extended by a site's `wording.yaml` text if given."""
    bundled = resources.files("k2site").joinpath("data/wording.yaml").read_text("utf-8")
    data = _merge(_empty(), _parsed(bundled, "the bundled wording.yaml"))
    if extra is not None:
        data = _merge(data, _parsed(extra, "wording.yaml"))
    return _compile(data)


def _empty() -> dict[str, Any]:
    return {**{key: () for key in LIST_KEYS}, **{key: {} for key in MAP_KEYS}}


def _parsed(text: str, name: str) -> dict[str, Any]:
    """The YAML mapping of one vocabulary file, checked; ValueError says what is wrong."""
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ValueError(f"{name} is not valid YAML{where}: "
                         f"{getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{name} must be a mapping of word lists (such as `hedges:`), "
                         f"not a {type(data).__name__}")
    for key, value in data.items():
        _check_entry(name, key, value)
    return data


def _check_entry(name: str, key: object, value: object) -> None:
    known = ", ".join(LIST_KEYS + MAP_KEYS)
    if key not in LIST_KEYS + MAP_KEYS:
        raise ValueError(f"{name}: unknown key {key!r}; the keys are {known}")
    if key in LIST_KEYS:
        if not isinstance(value, list):
            raise ValueError(f"{name}: `{key}` must be a list of words or phrases")
        for term in value:
            if not _is_term(term):
                raise ValueError(f"{name}: `{key}` has {term!r}, which is not a word or "
                                 "phrase (a `*` may end a word or stand for one after the "
                                 "first word)")
    elif key == "irregular_forms":
        if not isinstance(value, dict) or not all(
                _is_term(k) and isinstance(v, list) and len(v) == 2 and all(map(_is_term, v))
                for k, v in value.items()):
            raise ValueError(f"{name}: `{key}` must map a verb to [its -s form, its past form]")
    elif not isinstance(value, dict) or not all(
            _is_term(k) and _is_term(v) for k, v in value.items()):
        raise ValueError(f"{name}: `{key}` must map words or phrases to words or phrases")


def _is_term(value: object) -> bool:
    # `*` may end a word or stand for one, but not begin a term: a leading wildcard
    # would make every match slow.
    return isinstance(value, str) and re.match(r"\s*\w", value) is not None and (
        re.search(r"\*\w|\w\*\*", value) is None)


def _merge(data: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(data)
    for key, value in extra.items():
        if key in LIST_KEYS:
            new = [_norm(v) for v in value]
            merged[key] = merged[key] + tuple(v for v in new if v not in merged[key])
        else:
            merged[key] = {**merged[key], **{_norm(k): v for k, v in value.items()}}
    return merged


def _norm(term: str) -> str:
    return " ".join(term.lower().replace("\u2019", "'").split())


def _compile(data: dict[str, Any]) -> Vocabulary:
    terms = _terms(data)
    cues = "|".join(f"(?P<{key}>{_trie(_atoms(t) for t in data[key])})"
                    for key in ("hedges", "negations", "scopes", "research", "anecdote"))
    return Vocabulary(
        lists={key: data[key] for key in LIST_KEYS},
        mappings={key: dict(data[key]) for key in MAP_KEYS},
        terms=terms,
        triggers=_pattern(_trie(_atoms(t, adverb=" " in t) for t in terms)),
        cues=_pattern(cues),
        health=_pattern(_trie(_atoms(t) for t in data["health_terms"])),
        research_nouns=frozenset(data["research_nouns"]),
        strong_before=_tail_pattern(data["strong_modifiers"], ""),
        licence_before=_tail_pattern(data["licensers"], _AUX),
    )


def _terms(data: dict[str, Any]) -> dict[str, _Term]:
    """Every causal or certain form, keyed by its normalised text."""
    terms: dict[str, _Term] = {}
    for phrase, hedged in data["causal_phrases"].items():
        terms[phrase] = _Term(phrase, "phrase", False, hedged, "")
    for phrase, hedged in data["strong_phrases"].items():
        terms[phrase] = _Term(phrase, "phrase", True, hedged, "")
    strong = set(data["strong_verbs"])
    for lemma in data["causal_verbs"] + data["strong_verbs"]:
        hedged = data["hedged_forms"].get(lemma, "may " + lemma)
        association = data["association_forms"].get(lemma, "")
        for form, text in _verb_forms(lemma, data["irregular_forms"]).items():
            terms.setdefault(text, _Term(lemma, form, lemma in strong, hedged, association))
    return terms


def _verb_forms(lemma: str, irregular: Mapping[str, list[str]]) -> dict[str, str]:
    head, _, rest = lemma.partition(" ")
    tail = " " + rest if rest else ""
    s_form, past = irregular.get(lemma) or (_third_person(head) + tail, _past(head) + tail)
    return {"base": lemma, "s": s_form, "ed": past}


def _third_person(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(?:s|sh|ch|x|z|o)$", verb) else "s")


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    return verb[:-1] + "ied" if re.search(r"[^aeiou]y$", verb) else verb + "ed"


def _atoms(term: str, adverb: bool = False) -> list[str]:
    """A term as regex atoms: letters escaped, `*` any letters (or alone, any word),
    spaces any whitespace."""
    atoms: list[str] = []
    for i, word in enumerate(term.split()):
        if i:
            atoms.append(_ADVERB_GAP if adverb and i == 1 else _GAP)
        if word == "*":
            atoms.append(r"[\w-]+")  # any one word: "one * study"
            continue
        atoms.extend(r"\w*" if c == "*" else re.escape(c) for c in word)
    return atoms


def _pattern(body: str) -> re.Pattern[str]:
    """Whole words only: "cure" is not found in "secure" nor "cost-effective"."""
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


def _tail_pattern(terms: Iterable[str], prefix: str) -> re.Pattern[str]:
    """A term ending just before a position (adverbs allowed between), to search back."""
    body = _trie(_atoms(t) for t in terms)
    return re.compile(rf"(?<![\w-]){prefix}{body}\s+(?:\w+ly\s+)*$")


def _trie(terms: Iterable[list[str]]) -> str:
    """One regex for many terms, factored as a trie so that matching stays fast."""
    root: dict[str, Any] = {}
    for atoms in terms:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_regex(root) or "(?!)"


def _trie_regex(node: dict[str, Any]) -> str:
    # Longer continuations are tried first, so the longest phrase wins.
    branches = [atom + _trie_regex(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# -- the analysis ----------------------------------------------------------------------


def check_claim(text: str, group: str, vocab: Vocabulary) -> list[WordingFinding]:
    """Findings for one claim's text given its evidence group (`none`: no citation)."""
    if group in CAUSAL_GROUPS:
        return []
    doc = _Text(text)
    matches = list(vocab.triggers.finditer(doc.lower))
    if not matches:
        return []
    hits = [h for m in matches if (h := _assess(m, doc, group, vocab))]
    return [_finding(h, doc, group) for h in _outermost(hits)]


def mask_markdown(text: str) -> str:
    """The text with Markdown syntax blanked to spaces and typographic quotes made plain."""
    plain = text if text.isascii() else text.translate(_PLAIN)
    spans = _inline_markup(plain)
    if "\n" in plain or plain[:1] in _LINE_MARKERS:
        starts = [0, *(m.end() for m in _NEWLINE.finditer(plain))]
        spans += [m.span() for i in starts if (m := _LINE_MARKUP.match(plain, i)) and m.end() > i]
    if not spans:
        return plain
    pieces, done = [], 0
    for start, end in sorted(spans):
        start = max(start, done)
        pieces += [plain[done:start], re.sub(r"[^\n]", " ", plain[start:end])]
        done = max(done, end)
    return "".join(pieces) + plain[done:]


def _inline_markup(plain: str) -> list[tuple[int, int]]:
    # A plain character scan finds where markup may start, far faster than searching
    # with the whole pattern; most claims have none.
    spans: list[tuple[int, int]] = []
    for candidate in _MARKUP_CHAR.finditer(plain):
        if spans and candidate.start() < spans[-1][1]:
            continue  # inside a link target already blanked
        if markup := _INLINE_MARKUP.match(plain, candidate.start()):
            spans.append(markup.span())
    return spans


class _Text:
    """A claim's text ready for matching, with its sentences and clauses found on demand.

    `masked` blanks the Markdown; `lower` is that lower-cased, so that patterns need no
    IGNORECASE (twice as fast). All three strings share every offset.
    """

    def __init__(self, source: str):
        self.source = source
        self.masked = mask_markdown(source)
        lower = self.masked.lower()
        if len(lower) != len(self.masked):  # a rare letter that lower-cases to two
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.masked)
        self.lower = lower
        self._sentences: list[int] = []
        self._clauses: dict[int, list[int]] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        if not self._sentences:
            self._sentences = _sentence_starts(self.source, self.masked)
        i = bisect_right(self._sentences, pos) - 1
        end = self._sentences[i + 1] if i + 1 < len(self._sentences) else len(self.lower)
        return self._sentences[i], end

    def clause(self, pos: int) -> tuple[int, int]:
        lo, hi = self.sentence(pos)
        if lo not in self._clauses:
            breaks = _CLAUSE_BREAK.finditer(self.lower, lo, hi)
            self._clauses[lo] = [lo] + [m.end() for m in breaks]
        starts = self._clauses[lo]
        i = bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else hi


def _sentence_starts(source: str, masked: str) -> list[int]:
    breaks = {m.end() for m in _LINE_BREAK.finditer(source)} if "\n" in source else set()
    for end in _SENTENCE_END.finditer(masked):
        # "e.g. the", "et al. found": a full stop before a lower-case word ends nothing.
        rest = masked[end.end():end.end() + 20].lstrip()
        if not rest or not rest[0].islower():
            breaks.add(end.end())
    return sorted(breaks | {0})


def _assess(match: re.Match[str], doc: _Text, group: str, vocab: Vocabulary) -> _Hit | None:
    """The hit for one matched term, or None when its context makes it no claim."""
    term = vocab.terms.get(_key(match.group(), vocab))
    if term is None:
        return None
    sentence = doc.sentence(match.start())
    if _QUESTION_END.search(doc.lower, *sentence):
        return None
    if term.form != "phrase" and not _has_object(match, term, doc.lower):
        return None  # "risk increases with age" reports a change, not a cause
    clause = doc.clause(match.start())
    start, form, licensed, strong = _extent(match, term, doc.lower, clause[0], vocab)
    if not (licensed or _asserts(match, term, doc, sentence[0], vocab)):
        return None
    if (group == "trial" and not strong) or _excused(doc.lower, clause, start, vocab):
        return None
    if _previous_word(doc.masked, sentence[0], start) in vocab.research_nouns:
        return None  # "these findings contribute to the literature": about research
    if group == "none" and not vocab.health.search(doc.lower, *sentence):
        return None
    return _Hit(start, match.end(), term, form, strong, clause)


def _key(matched: str, vocab: Vocabulary) -> str:
    key = " ".join(matched.split())
    if key in vocab.terms:
        return key
    words = key.split()  # an adverb inside a particle verb: "contributes directly to"
    return " ".join(words[:1] + words[2:])


def _extent(match: re.Match[str], term: _Term, lower: str, lo: int,
            vocab: Vocabulary) -> tuple[int, str, bool, bool]:
    """Where the wording starts, the verb's form as used, whether a licenser or modifier
    asserts it ("is able to ensure", "will lower"), and whether it states certainty."""
    start, form, licensed = match.start(), term.form, False
    if form == "base" and (licence := _before(vocab.licence_before, lower, lo, start)):
        start, form, licensed = licence.start(), _form_after(licence.group(), form), True
    if modifier := _before(vocab.strong_before, lower, lo, start):
        return modifier.start(), _form_after(modifier.group(), form), True, True
    return start, form, licensed, term.strong


def _before(pattern: re.Pattern[str], lower: str, lo: int, start: int) -> re.Match[str] | None:
    """A match of `pattern` ending just before `start`, within the clause."""
    return pattern.search(lower, max(lo, start - 60), start)


def _form_after(words: str, form: str) -> str:
    """The tense and number a licenser gives the verb after it ("helped prevent": past)."""
    first = words.split()[0]
    if first in _SINGULAR or first == "will":
        return "s"
    if first in _PAST:
        return "ed"
    return "base" if first in _PLURAL_AUX else form


def _excused(lower: str, clause: tuple[int, int], start: int, vocab: Vocabulary) -> bool:
    """Whether a hedge or negation before the words, or a scope, research or anecdote cue
    anywhere in the clause, makes them no claim."""
    for cue in vocab.cues.finditer(lower, *clause):
        if cue.lastgroup in _CLAUSE_WIDE:
            return True
        if cue.start() < start and (cue.lastgroup == "hedges" or start - cue.start() <= 60):
            return True
    return False


def _asserts(match: re.Match[str], term: _Term, doc: _Text, lo: int,
             vocab: Vocabulary) -> bool:
    """Whether this form, with no licenser before it, is a verb asserting an effect."""
    if term.form == "phrase":  # "No risk of X was found" reports a finding
        return not (term.lemma.startswith("no ") and not doc.lower[lo:match.start()].strip())
    prev = _previous_word(doc.masked, lo, match.start())
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


def _previous_word(masked: str, lo: int, start: int) -> str:
    """The word before `start` in the sentence, skipping adverbs; '' at its start."""
    previous = _PREVIOUS_WORD.search(masked, max(lo, start - 60), start)
    if not previous:
        return ""
    word = previous.group(1) or previous.group(2)
    if word == "A" and masked[lo:previous.start()].strip():
        return "vitamin-a"  # "Vitamin A eliminates": a name, not the article
    return word.lower()


def _next_word(lower: str, end: int) -> str:
    return _NEXT_WORD.match(lower, end).group(1)  # type: ignore[union-attr]


def _has_object(match: re.Match[str], term: _Term, lower: str) -> bool:
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


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """Hits not inside another, so "helps prevent" is one finding, not two."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# -- messages --------------------------------------------------------------------------


def _finding(hit: _Hit, doc: _Text, group: str) -> WordingFinding:
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
    if group in ("trial", "observational"):  # low certainty: "may reduce"
        return hedged, _association(hit.term, hit.form) if group == "observational" else ""
    clause = _clause_text(masked, hit.clause)  # very low certainty
    uncertain = f"it is very uncertain whether {clause}"
    if group == "lab":
        return f"in animal or lab studies, {clause}", uncertain
    return uncertain, ""


def _hedged(term: _Term, form: str) -> str:
    """The hedged wording in the tense the claim used."""
    if form != "ed":
        return term.hedged
    first, _, rest = term.hedged.partition(" ")
    if first != "may":
        return " ".join([_past(first), rest]).strip()
    verb, _, rest = rest.partition(" ")
    return " ".join(["may have", _past(verb), rest]).strip()


def _association(term: _Term, form: str) -> str:
    if not term.association.startswith("is "):
        return term.association
    verb = {"base": "are", "ed": "was"}.get(form, "is")
    return verb + term.association[2:]


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
