"""Citation roles: the CiTO words of both of Pandoc's cito filters, split from the key as
the filters split it (fixtures/roles.md), and the errors for words that are no role."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from k2site.content.page import parse_page
from k2site.model import roles
from k2site.model.document import SiteConfig, Study
from k2site.model.site import resolve

FIXTURES = Path(__file__).parent / "fixtures" / "roles.md"
CASES = read_fixture_file(FIXTURES)


def citations_of(body: str) -> list[str]:
    page, problems = parse_page("content/t.md", f"---\ntitle: T\n---\n{body}")
    assert page is not None and problems == []
    return [" ".join(x for x in (c.key, c.role, c.cito, f"s{c.sentence}") if x)
            for c in page.citations]


@pytest.mark.parametrize("line,title,source,expected", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_role_forms(line: int, title: str, source: str, expected: str) -> None:
    assert citations_of(source) == expected.strip().splitlines(), f"{FIXTURES}:{line}: {title}"


@pytest.mark.parametrize("word", sorted(roles.WORDS))
def test_every_word_of_either_filter_is_split_from_the_key(word: str) -> None:
    [line] = citations_of(f"Text [@{word}:smith2020].")
    assert line == f"smith2020 {roles.WORDS[word].role} {word} s1"


def test_the_old_filter_knows_a_subset_of_the_new_one() -> None:
    assert roles.CLASSIC_WORDS <= set(roles.WORDS)
    assert len(roles.CLASSIC_WORDS) == 44 and len(roles.PROPERTIES) == 44
    # the words issue and SPEC name: two need pandoc-ext/cito
    assert roles.filters_knowing("disagrees_with") == "both cito filters"
    assert roles.filters_knowing("cites_for_information") == "pandoc-ext/cito only"
    assert roles.filters_knowing("supports") == "pandoc-ext/cito only"
    assert roles.filters_knowing("contradicts") == "neither cito filter"


def test_every_property_has_a_role_and_no_word_stands_for_two() -> None:
    words = [w for p in roles.PROPERTIES for w in (p.name, *p.aliases)]
    assert len(words) == len(set(words)) == len(roles.WORDS)
    assert {p.role for p in roles.PROPERTIES} == set(roles.ROLES)


@pytest.mark.parametrize("written,meant", [
    ("contradicts", "disagrees_with"), ("Agrees_with", "agrees_with"),
    ("cites_for_informaton", "cites_for_information"),
    ("contains_assertion_from", "containsAssertionFrom"), ("disagrees-with", "disagrees_with"),
    ("refute", "refutes"), ("xyzzy", None),
])
def test_did_you_mean(written: str, meant: str | None) -> None:
    assert roles.did_you_mean(written) == meant


STORE = {k: Study(k, "article", {"evidence": "rct"}, {}, "references/r.bib", 1)
         for k in ("smith2020", "doe:2021", "evidence:2021")}


def resolve_errors(body: str) -> list[str]:
    page, _ = parse_page("content/t.md", f"---\ntitle: T\n---\n{body}")
    assert page is not None
    _, problems = resolve(SiteConfig("T", "https://example.org/"), [page], STORE)
    return [d.format() for d in problems if d.severity == "error"]


def test_an_unknown_role_before_a_known_key_is_an_error_with_a_suggestion() -> None:
    assert resolve_errors("Text [@contradicts:smith2020].") == [
        "content/t.md:4:7: error: 'contradicts' in '@contradicts:smith2020' is not a citation"
        " role k2site or Pandoc's cito filters know; did you mean 'disagrees_with' (both cito"
        " filters)? [unknown-role]"]


def test_an_unknown_word_with_no_suggestion_names_the_main_roles() -> None:
    [message] = resolve_errors("Text [@xyzzy:smith2020].")
    assert "use agrees_with, disagrees_with or cites_for_information [unknown-role]" in message


def test_a_key_with_a_colon_is_a_key_and_a_role_may_stand_before_it() -> None:
    assert resolve_errors("Text [@doe:2021; @disputes:doe:2021].") == []


def test_a_key_starting_with_a_role_word_is_read_as_pandoc_reads_it() -> None:
    [message] = resolve_errors("Text [@evidence:2021].")
    assert "so '@evidence:2021' cites '2021'" in message and "[unknown-key]" in message


def test_a_misspelt_key_after_a_role_keeps_the_role_in_the_suggestion() -> None:
    [message] = resolve_errors("Text [@agrees_with:smith2021].")
    assert message.endswith("did you mean '@agrees_with:smith2020'? [unknown-key]")
