"""The bibliography as a whole: citations told apart (year suffixes, added names), BibTeX's
`and others`, and the three forms of an in-text label. Expected texts are Pandoc's
(`pandoc --citeproc` 2.17 with the same style), except where the test says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from k2site.files.styles import STYLES_DIR
from k2site.model.document import Study
from k2site.references import bibliography as references
from k2site.references.bibliography import Bibliography, ReferenceCache
from k2site.references.bibtex import BibSource, parse_store
from k2site.references.citeproc_markup import NAMES_CLOSE, NAMES_OPEN, citation_parts
from k2site.references.disambiguation import NAMES_SHOWN, Rules, disambiguate, year_suffix
from support import copy_site, run

SECOND = Path(__file__).parent / "sites" / "second"

BIB = r"""
@article{trail, author = {Masterjohn, Chris}, title = {On the Trail of the Elusive X-Factor},
  journal = {Wise Traditions}, year = {2007}}
@article{toxicity, author = {Masterjohn, Chris}, title = {Vitamin D Toxicity Redefined},
  journal = {Medical Hypotheses}, year = {2007}}
@article{later, author = {Masterjohn, Chris}, title = {Another}, journal = {J}, year = {2008}}
@article{vossma, author = {Voss, Erica and Ma, Qianli and Ryan, Patrick}, title = {One},
  journal = {J}, year = {2015}}
@article{vossmakadia, author = {Voss, Erica and Makadia, Rupa and Ryan, Patrick},
  title = {Two}, journal = {J}, year = {2015}}
@article{one, author = {Smith, John and others}, title = {One}, journal = {J}, year = {2001},
  volume = {1}, pages = {1--2}}
@article{two, author = {Smith, John and Jones, Mary and others}, title = {Two}, journal = {J},
  year = {2002}, volume = {1}, pages = {1--2}}
@article{seven, author = {A, A and B, B and C, C and D, D and E, E and F, F and G, G and others},
  title = {Seven}, journal = {J}, year = {2007}, volume = {1}, pages = {1--2}}
"""


@pytest.fixture(scope="module")
def store() -> dict[str, Study]:
    studies, _ = parse_store([BibSource("references/test.bib", BIB)])
    return studies


def test_year_suffixes_follow_the_bibliography_order(store: dict[str, Study]) -> None:
    apa = Bibliography(list(store.values()), "apa")
    entries = apa.entries(["toxicity", "later", "trail"])
    assert entries["trail"].startswith("Masterjohn, C. (2007a). On the trail")
    assert entries["toxicity"].startswith("Masterjohn, C. (2007b). Vitamin d")
    assert entries["later"].startswith("Masterjohn, C. (2008). Another")
    labels = [apa.cite_label(key, 0) for key in ("trail", "toxicity", "later")]
    assert labels == ["Masterjohn, 2007a", "Masterjohn, 2007b", "Masterjohn, 2008"]


def test_only_the_prepared_entries_are_told_apart(store: dict[str, Study]) -> None:
    """Pandoc letters only the cited works: one Masterjohn 2007 alone is plain 2007."""
    apa = Bibliography(list(store.values()), "apa")
    apa.prepare(["toxicity", "later"])
    assert apa.cite_label("toxicity", 0) == "Masterjohn, 2007"


def test_more_names_tell_apart_what_they_can(store: dict[str, Study]) -> None:
    apa = Bibliography(list(store.values()), "apa")
    apa.prepare(["vossma", "vossmakadia"])
    assert apa.cite_label("vossma", 0) == "Voss, Ma, et al., 2015"
    assert apa.cite_label("vossmakadia", 0) == "Voss, Makadia, et al., 2015"
    # the bibliography shows every name anyway, and needs no letter
    assert apa.entries(["vossma", "vossmakadia"])["vossma"].startswith(
        "Voss, E., Ma, Q., &amp; Ryan, P. (2015). One.")


def test_numeric_styles_are_never_disambiguated(store: dict[str, Study]) -> None:
    ama = Bibliography(list(store.values()), "american-medical-association")
    assert "2007a" not in ama.entries(["trail", "toxicity"])["trail"]


@pytest.mark.parametrize(("style", "expected"), [
    # Pandoc counts `others` as a name: Nature shortens seven names and `others` to one
    ("nature", ["Smith, J. <i>et al.</i> One.", "Smith, J., Jones, M., <i>et al.</i> Two.",
                "A, A. <i>et al.</i> Seven."]),
    ("american-medical-association", ["Smith J et al. One.", "Smith J, Jones M, et al. Two.",
                                      "A A, B B, C C, et al. Seven."]),
    # Pandoc prints "Smith, J.others" here (see test_pandoc_compare.PANDOC_ERRORS)
    ("apa", ["Smith, J. et al. (2001).", "Smith, J., Jones, M., et al. (2002).",
             "A, A., B, B., C, C., D, D., E, E., F, F., G, G., et al. (2007)."]),
])
def test_and_others_ends_the_names_with_et_al(store: dict[str, Study], style: str,
                                               expected: list[str]) -> None:
    entries = Bibliography(list(store.values()), style).entries(["one", "two", "seven"])
    for key, start in zip(("one", "two", "seven"), expected, strict=True):
        assert entries[key].startswith(start), entries[key]


def test_the_three_forms_of_a_label(store: dict[str, Study]) -> None:
    apa = Bibliography(list(store.values()), "apa")
    apa.prepare(list(store), in_text=["trail", "two", "vossma"])
    assert [apa.cite_label("trail", 0, form=f) for f in references.LABEL_FORMS] == [
        "Masterjohn, 2007a", "Masterjohn", "2007a"]
    assert apa.cite_label("two", 0, form="author-only") == "Smith et al."
    assert apa.cite_label("vossma", 0, form="author-only") == "Voss, Ma, et al."
    assert apa.cite_label("vossma", 0, form="suppress-author") == "2015"
    # what a narrative citation shows: Pandoc's `Masterjohn (2007a)`
    assert apa.cite_parts("trail") == ("Masterjohn", "2007a")
    ama = Bibliography(list(store.values()), "american-medical-association")
    # in a numeric style Pandoc prints `@trail found` as "¹ found": no names, the number
    assert [ama.cite_label("trail", 3, form=f) for f in references.LABEL_FORMS] == [
        "3", "", "3"]
    with pytest.raises(ValueError, match="unknown citation form"):
        apa.cite_label("trail", 0, form="narrative")


def test_a_label_form_asked_for_without_prepare_is_formatted_then(
        store: dict[str, Study]) -> None:
    apa = Bibliography(list(store.values()), "apa")
    assert apa.cite_label("later", 0, form="author-only") == "Masterjohn"


def test_disambiguated_entries_are_cached_by_their_item(store: dict[str, Study]) -> None:
    cache = ReferenceCache()
    first = Bibliography(list(store.values()), "apa", cache).entries(["trail", "toxicity"])
    size = len(cache.entries)
    again = Bibliography(list(store.values())[::-1], "apa", cache).entries(["trail", "toxicity"])
    assert again == first and len(cache.entries) == size


def test_disambiguate_on_literal_labels() -> None:
    labels = {"a": "Smith, 2020", "b": "Smith, 2020", "c": "Smith, 2020", "d": "Jones, 2020"}
    smith, jones, brown = {"family": "Smith"}, {"family": "Jones"}, {"family": "Brown"}
    names = {"a": [smith, jones], "b": [smith, jones], "c": [smith, brown], "d": [jones]}
    rules = Rules(add_names=True, add_year_suffix=True)
    added = disambiguate(labels, names, rules, lambda keys: sorted(keys, reverse=True))
    assert added == {"c": {NAMES_SHOWN: 2}, "b": {"year-suffix": "a"},
                     "a": {"year-suffix": "b"}}
    assert disambiguate(labels, names, Rules(add_year_suffix=True), sorted)["c"] == {
        "year-suffix": "c"}
    assert disambiguate(labels, names, Rules(), sorted) == {}


def test_given_names_count_as_far_as_the_rule_looks() -> None:
    labels = {"a": "Smith, 2020", "b": "Smith, 2020"}
    names = {"a": [{"family": "Smith", "given": "John"}],
             "b": [{"family": "Smith", "given": "Jane"}]}
    suffixes = Rules(add_names=True, add_year_suffix=True, add_givenname=True,
                     givenname_rule="primary-name-with-initials")
    # J. and J. are the same initials: only a letter tells them apart
    assert disambiguate(labels, names, suffixes, sorted) == {
        "a": {"year-suffix": "a"}, "b": {"year-suffix": "b"}}
    by_cite = Rules(add_names=True, add_year_suffix=True, add_givenname=True)
    assert disambiguate(labels, names, by_cite, sorted) == {
        "a": {NAMES_SHOWN: 1}, "b": {NAMES_SHOWN: 1}}


def test_year_suffix_letters() -> None:
    assert [year_suffix(n) for n in (1, 2, 26, 27, 28, 52, 53)] == [
        "a", "b", "z", "aa", "ab", "az", "ba"]


def test_the_rules_are_read_from_the_citation_element() -> None:
    apa = Rules.of_style((STYLES_DIR / "apa.csl").read_text("utf-8"))
    assert apa == Rules(add_names=True, add_givenname=True, add_year_suffix=True,
                        givenname_rule="primary-name-with-initials")
    ama = Rules.of_style((STYLES_DIR / "american-medical-association.csl").read_text("utf-8"))
    assert not ama.active


def test_citation_parts_cut_at_the_outer_names() -> None:
    marked = f"({NAMES_OPEN}{NAMES_OPEN}Title{NAMES_CLOSE}{NAMES_CLOSE}, n.d.)"
    assert citation_parts(marked) == ("Title", "(n.d.)")
    assert citation_parts("[12]") == ("", "[12]")


def test_a_warm_build_formats_no_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries, labels, year suffixes and the APA order all come from the cache."""
    site = copy_site(SECOND, tmp_path / "site")
    assert run(["build", str(site), "-o", str(tmp_path / "cold"), "--no-search"], capsys)[0] == 0

    def no_citeproc(*args: object) -> None:
        raise AssertionError("citeproc-py ran on a warm build")

    monkeypatch.setattr(references, "_Batch", no_citeproc)
    assert run(["build", str(site), "-o", str(tmp_path / "warm"), "--no-search"], capsys)[0] == 0
    cold, warm = tmp_path / "cold" / "references", tmp_path / "warm" / "references"
    assert (warm / "index.html").read_bytes() == (cold / "index.html").read_bytes()
