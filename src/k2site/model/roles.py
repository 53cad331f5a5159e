"""Citation roles for the parse and resolve stages: the CiTO words Pandoc's filters know.

A citation may carry a CiTO property before its key, `[@disagrees_with:smith2020]`, as
Pandoc's `cito` Lua filters read it. Two filters carry that name and know different words:
pandoc/lua-filters' `cito.lua` (snake_case names and short aliases) and its successor
pandoc-ext/cito (camelCase names, with the snake_case ones as aliases, and more
properties). k2site accepts the words of either, so a page stays valid for Pandoc with
the filter that knows the word it uses, and files each property under one of three roles.

Like both filters, the property is the text before the first `:` and is matched exactly,
case included; a prefix that is not a property is part of the key (keys may hold `:`).
Pure data and functions; imports nothing else of k2site.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SUPPORTS = "supports"
CONTRADICTS = "contradicts"
BACKGROUND = "background"
ROLES = (SUPPORTS, CONTRADICTS, BACKGROUND)

#: What each role means for readers, in a few words.
ROLE_LABEL = {
    SUPPORTS: "cited as evidence for this",
    CONTRADICTS: "cited as going against this",
    BACKGROUND: "cited for background, not as evidence",
}


@dataclass(frozen=True)
class Property:
    """One CiTO property as pandoc-ext/cito names it, with every word that stands for it."""

    name: str
    """The camelCase name (pandoc-ext/cito's canonical one)."""
    role: str
    """`supports`, `contradicts` or `background`."""
    aliases: tuple[str, ...]
    """pandoc-ext/cito's aliases for it."""


def _p(name: str, role: str, *aliases: str) -> Property:
    return Property(name, role, aliases)


# Transcribed from pandoc-ext/cito 1.1.0 (`_extensions/cito/cito.lua`), names and aliases
# exactly as there. The role is k2site's reading: evidence for (supports), evidence against
# (contradicts), and everything else, which is no evidence either way (background).
PROPERTIES: tuple[Property, ...] = (
    _p("agreesWith", SUPPORTS, "agreeWith", "agree_with", "agrees_with"),
    _p("citation", SUPPORTS),
    _p("cites", SUPPORTS),
    _p("citesAsAuthority", BACKGROUND, "asAuthority", "cites_as_authority", "as_authority",
       "authority"),
    _p("citesAsDataSource", SUPPORTS, "asDataSource", "dataSource", "cites_as_data_source",
       "as_data_source", "data_source"),
    _p("citesAsEvidence", SUPPORTS, "asEvidence", "cites_as_evidence", "as_evidence",
       "evidence"),
    _p("citesAsMetadataDocument", BACKGROUND, "asMetadataDocument", "metadataDocument",
       "cites_as_metadata_document", "as_metadata_document", "metadata_document", "metadata"),
    _p("citesAsPotentialSolution", BACKGROUND, "cites_as_potential_solution",
       "potentialSolution", "potential_solution", "solution"),
    _p("citesAsRecommendedReading", BACKGROUND, "asRecommendedReading", "recommendedReading",
       "cites_as_recommended_reading", "as_recommended_reading", "recommended_reading"),
    _p("citesAsRelated", BACKGROUND, "cites_as_related", "related"),
    _p("citesAsSourceDocument", BACKGROUND, "cites_as_source_document", "sourceDocument",
       "source_document"),
    _p("citesForInformation", BACKGROUND, "cites_for_information", "information"),
    _p("compiles", BACKGROUND),
    _p("confirms", SUPPORTS),
    _p("containsAssertionFrom", BACKGROUND),
    _p("corrects", CONTRADICTS),
    _p("credits", BACKGROUND),
    _p("critiques", CONTRADICTS),
    _p("derides", CONTRADICTS),
    _p("describes", BACKGROUND),
    _p("disagreesWith", CONTRADICTS, "disagrees_with", "disagree", "disagrees"),
    _p("discusses", BACKGROUND),
    _p("disputes", CONTRADICTS),
    _p("documents", BACKGROUND),
    _p("extends", BACKGROUND),
    _p("includesExcerptFrom", BACKGROUND, "excerptFrom", "excerpt", "excerpt_from",
       "includes_excerpt_from"),
    _p("includesQuotationFrom", BACKGROUND, "quotationFrom", "includes_quotation_from",
       "quotation", "quotation_from"),
    _p("linksTo", BACKGROUND, "links_to", "link"),
    _p("obtainsBackgroundFrom", BACKGROUND, "backgroundFrom", "obtains_background_from",
       "background", "background_from"),
    _p("providesDataFor", BACKGROUND),
    _p("obtainsSupportFrom", SUPPORTS),
    _p("qualifies", BACKGROUND),
    _p("parodies", CONTRADICTS),
    _p("refutes", CONTRADICTS),
    _p("repliesTo", BACKGROUND, "replies_to"),
    _p("retracts", BACKGROUND),
    _p("reviews", BACKGROUND),
    _p("ridicules", CONTRADICTS),
    _p("speculatesOn", BACKGROUND),
    _p("supports", SUPPORTS),
    _p("updates", BACKGROUND),
    _p("usesConclusionsFrom", SUPPORTS, "uses_conclusions_from"),
    _p("usesDataFrom", SUPPORTS, "dataFrom", "uses_data_from", "data", "data_from"),
    _p("usesMethodIn", BACKGROUND, "methodIn", "uses_method_in", "method", "method_in"),
)

#: The words pandoc/lua-filters' `cito.lua` (1.0.0) knows: its properties and aliases.
#: Every one of them is also a word of pandoc-ext/cito, so these work with both filters.
CLASSIC_WORDS = frozenset("""
    agrees_with agree_with citation cites cites_as_authority as_authority authority
    cites_as_data_source as_data_source data_source cites_as_evidence as_evidence evidence
    cites_as_metadata_document as_metadata_document metadata_document metadata
    cites_as_recommended_reading as_recommended_reading recommended_reading
    disagrees_with disagree disagrees disputes documents extends includes_excerpt_from
    excerpt excerpt_from includes_quotation_from quotation quotation_from
    obtains_background_from background background_from refutes replies_to updates
    uses_data_from data data_from uses_method_in method method_in
""".split())

#: Every word either filter reads as a property -> the property it stands for.
WORDS: dict[str, Property] = {
    word: prop for prop in PROPERTIES for word in (prop.name, *prop.aliases)
}

#: Words people write that neither filter knows, and the word they mean.
_MEANT = {
    "contradicts": "disagrees_with", "contradict": "disagrees_with",
    "against": "disagrees_with", "opposes": "disagrees_with",
    "for_information": "cites_for_information", "info": "cites_for_information",
    "support": "agrees_with", "supported_by": "agrees_with", "agrees": "agrees_with",
}


def role_of(word: str) -> str:
    """The role of a citation written with this property word ('' for none: supports)."""
    prop = WORDS.get(word)
    return prop.role if prop else SUPPORTS


def split_property(ident: str) -> tuple[str, str]:
    """`agrees_with:smith2020` -> (`agrees_with`, `smith2020`); (`''`, ident) when the
    text before the first `:` is not a property, as both filters split it."""
    word, colon, key = ident.partition(":")
    if colon and key and word in WORDS:
        return word, key
    return "", ident


def did_you_mean(word: str) -> str | None:
    """The property word closest to one that is not a property, or None."""
    if word in _MEANT:
        return _MEANT[word]
    folded = {w.lower().replace("_", ""): w for w in WORDS}
    exact = folded.get(word.lower().replace("_", "").replace("-", ""))
    if exact is not None:
        return exact
    near = difflib.get_close_matches(word, list(WORDS), n=1, cutoff=0.75)
    return near[0] if near else None


def filters_knowing(word: str) -> str:
    """Which of Pandoc's cito filters read this word, in words for messages and docs."""
    if word in CLASSIC_WORDS:
        return "both cito filters"
    return "pandoc-ext/cito only" if word in WORDS else "neither cito filter"
