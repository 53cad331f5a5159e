"""`@string` macros and `#` concatenation in the BibTeX store (references/bibtex_strings)."""

from __future__ import annotations

import pytest

from k2site.references.bibliography import to_csl
from k2site.references.bibtex import BibSource, parse_store
from k2site.references.bibtex_strings import field_text, macros

DEFINED = {"jn": "J. Nutr.", "cup": "Cambridge University Press"}


@pytest.mark.parametrize(("written", "text"), [
    ('"J. " # "Nutr."', "J. Nutr."),
    ("jan # \"~1\"", "jan~1"),  # an undefined name stays as written
    ("cup # { and Others}", "Cambridge University Press and Others"),
    ("CUP", "Cambridge University Press"),  # macro names are case-insensitive
    ('"a" # {b} # 2001 # "c"', "ab2001c"),
    ("{C # sharp}", "C # sharp"),  # `#` inside braces is text
    ('"say {"}hi{"}" # jn', 'say {"}hi{"}J. Nutr.'),  # a braced quote does not end the text
    ('{outer {inner} # x} # "y"', "outer {inner} # xy"),
    ("2001", "2001"),
    ("IJCAI-75", "IJCAI-75"),
    ("   {spaced}   ", "spaced"),
])
def test_values_as_written_become_their_text(written: str, text: str) -> None:
    assert field_text(written, DEFINED) == text


@pytest.mark.parametrize(("written", "text"), [
    ("{unclosed # x", "{unclosed # x"),
    ('"a" # ', '"a" #'),
    ("a b", "a b"),
    ('{a} "b"', '{a} "b"'),
    ('{a "b"}', 'a "b"'),  # one enclosing level goes, as before
])
def test_malformed_values_keep_their_text(written: str, text: str) -> None:
    assert field_text(written, DEFINED) == text


def test_a_macro_may_use_the_ones_defined_before_it() -> None:
    found = macros([("a", "{Alpha}"), ("B", 'a # " and Beta"'), ("c", "b # later"),
                    ("later", "{too late}")])
    assert found == {"a": "Alpha", "b": "Alpha and Beta", "c": "Alpha and Betalater",
                     "later": "too late"}


BIB = r"""
@string{jn = "J. " # "Nutr."}
@STRING{pub = {Nutrition} # " Press"}
@article{concat,
  author = {Doe, Jane}, title = {Title}, journal = jn, publisher = pub # { Ltd},
  year = 2001, month = jan # "~1", pages = "1" # "--2",
}
@article{plain, author = {Doe, Jane}, title = {Other}, journal = JN, year = 2002, month = feb}
"""


def test_the_store_expands_strings_and_concatenations_as_pandoc_does() -> None:
    studies, diagnostics = parse_store([BibSource("references/test.bib", BIB)])
    assert [d.rule for d in diagnostics] == ["missing-evidence", "missing-evidence"]
    concat = to_csl(studies["concat"], studies)
    assert concat["container-title"] == "J. Nutr."
    assert concat["publisher"] == "Nutrition Press Ltd"
    assert concat["page"] == "1-2"
    # `jan # "~1"` is no month Pandoc can read, so the date is the year alone
    assert concat["issued"] == {"date-parts": [[2001]]}
    plain = to_csl(studies["plain"], studies)
    assert plain["container-title"] == "J. Nutr."
    assert plain["issued"] == {"date-parts": [[2002, 2]]}
