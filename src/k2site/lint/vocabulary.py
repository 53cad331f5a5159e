"""Lint-stage helper for `wording`: the vocabulary of causal, certain and hedged words.

`data/wording.yaml` holds the word lists (causal and strong verbs, hedges, scopes,
negations, research and anecdote cues, health terms...) and the mappings (irregular verb
forms, the hedged and association wording to suggest). A site's own `wording.yaml` adds
to the lists and overrides mapping entries. Both are checked, with a ValueError that says
what is wrong, then compiled once into whole-word patterns factored as tries, so that
matching every claim of a large site stays fast. The only file read is the bundled one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from k2site.files.bundled import data_text

LIST_KEYS = (
    "causal_verbs", "strong_verbs", "strong_modifiers", "licensers", "hedges", "scopes",
    "negations", "research", "research_nouns", "anecdote", "health_terms",
)
MAP_KEYS = (
    "irregular_forms", "hedged_forms", "association_forms", "causal_phrases", "strong_phrases",
)

# What may stand between the words of a term, and the auxiliaries before a licenser.
_GAP = r"\s+"
_ADVERB_GAP = r"\s+(?:\w+ly\s+)?"
_AUX = r"(?:(?:is|are|was|were|be|been|has\s+been|have\s+been|had\s+been)\s+)?"


@dataclass(frozen=True)
class Term:
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
    terms: Mapping[str, Term]
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


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=8)
def load_vocabulary(extra: str | None = None) -> Vocabulary:
    """The bundled vocabulary, extended by a site's `wording.yaml` text if given."""
    bundled = data_text("wording.yaml")
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


def _terms(data: dict[str, Any]) -> dict[str, Term]:
    """Every causal or certain form, keyed by its normalised text."""
    terms: dict[str, Term] = {}
    for phrase, hedged in data["causal_phrases"].items():
        terms[phrase] = Term(phrase, "phrase", False, hedged, "")
    for phrase, hedged in data["strong_phrases"].items():
        terms[phrase] = Term(phrase, "phrase", True, hedged, "")
    strong = set(data["strong_verbs"])
    for lemma in data["causal_verbs"] + data["strong_verbs"]:
        hedged = data["hedged_forms"].get(lemma, "may " + lemma)
        association = data["association_forms"].get(lemma, "")
        for form, text in _verb_forms(lemma, data["irregular_forms"]).items():
            terms.setdefault(text, Term(lemma, form, lemma in strong, hedged, association))
    return terms


def _verb_forms(lemma: str, irregular: Mapping[str, list[str]]) -> dict[str, str]:
    head, _, rest = lemma.partition(" ")
    tail = " " + rest if rest else ""
    s_form, past = irregular.get(lemma) or (_third_person(head) + tail, past_tense(head) + tail)
    return {"base": lemma, "s": s_form, "ed": past}


def _third_person(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(?:s|sh|ch|x|z|o)$", verb) else "s")


def past_tense(verb: str) -> str:
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
