"""BibTeX -> CSL-JSON, CSL formatting with the bundled styles, and the store exports.

`tests/data/csl-data.json` is the official CSL-JSON input schema (v1.0.2,
citation-style-language/schema, `schemas/input/csl-data.json`, MIT licence).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from k2site.files.styles import STYLES_DIR, StyleError, bundled_styles, load_style
from k2site.model.document import Study
from k2site.references.bibliography import Bibliography, ReferenceCache, csl_json, to_csl
from k2site.references.bibtex import BibSource, parse_store
from k2site.references.export import bibtex_text, ris_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text("utf-8"))

BIB = r"""
@string{cup = {Cambridge University Press}}
@article{gast2009,
  author = {Gast, G. C. M. and de Roos, N. M. and Sluijs, I. and van der Schouw, Y. T.},
  title = {A High Menaquinone Intake Reduces the Incidence of Coronary Heart Disease},
  journal = {Nutrition, Metabolism \& Cardiovascular Diseases},
  year = {2009}, month = sep, volume = {19}, number = {7}, pages = {504--510},
  doi = {10.1016/j.numecd.2008.10.004}, evidence = {cohort}, verification = {confirmed},
}
@article{others2015,
  author = {Brandenburg, V. M. and others},
  title = {Prevention of Vasculopathy: Can We Turn Fiction into Fact?},
  journal = {Atherosclerosis}, year = {2015}, volume = {240}, pages = {10--16},
}
@techreport{who2020,
  author = {{World Health Organization}},
  title = {Vitamin {K} and {DNA}: the {pH} of Things},
  institution = {WHO}, year = {2020},
}
@collection{frontier,
  editor = {Westfahl, Gary}, title = {Space and Beyond}, publisher = cup, date = {2000-03},
}
@incollection{chapter,
  author = {Smith, Jr., John and J.G. Doe}, title = {The True Frontier}, pages = {55--65},
  crossref = {frontier}, langid = {english},
}
@book{gennep, author = {van Gennep, Arnold}, title = {Les rites de passage},
  options = {useprefix}, langid = {french}, date = {1909}, publisher = {Nourry}}
@misc{unresolved18,
  title = {Source proposing vitamin {K} and magnesium (1 of 3)},
  evidence = {unknown}, verification = {unresolved}, note = {Not identifiable.},
}
@article{inpress, author = {Roe, Jane}, title = {Soon}, journal = {J}, year = {in press}}
"""


@pytest.fixture(scope="module")
def store() -> dict[str, Study]:
    studies, _ = parse_store([BibSource("references/test.bib", BIB)])
    return studies


def item(store: dict[str, Study], key: str) -> dict[str, object]:
    return to_csl(store[key], store)


def test_names_with_particles_initials_and_corporate_authors(store: dict[str, Study]) -> None:
    assert item(store, "gast2009")["author"] == [
        {"family": "Gast", "given": "G. C. M."},
        {"family": "Roos", "given": "N. M.", "dropping-particle": "de"},
        {"family": "Sluijs", "given": "I."},
        {"family": "Schouw", "given": "Y. T.", "dropping-particle": "van der"},
    ]
    assert item(store, "who2020")["author"] == [{"literal": "World Health Organization"}]
    assert item(store, "chapter")["author"] == [
        {"family": "Smith", "given": "John", "suffix": "Jr."},
        {"family": "Doe", "given": "J. G."},
    ]
    assert item(store, "gennep")["author"] == [
        {"family": "Gennep", "given": "Arnold", "non-dropping-particle": "van"}
    ]


def test_titles_become_sentence_case_with_braces_protecting(store: dict[str, Study]) -> None:
    gast = item(store, "gast2009")
    assert gast["title"] == (
        "A high menaquinone intake reduces the incidence of coronary heart disease"
    )
    assert gast["container-title"] == "Nutrition, Metabolism & Cardiovascular Diseases"
    who = item(store, "who2020")
    assert who["title"] == 'Vitamin K and DNA: The <span class="nocase">pH</span> of things'
    assert who["title-short"] == "Vitamin K and DNA"
    # a French title keeps its case, and the item says which language it is in
    assert item(store, "gennep")["title"] == "Les rites de passage"
    assert item(store, "gennep")["language"] == "fr-FR"


def test_types_dates_numbers_and_publishers(store: dict[str, Study]) -> None:
    gast = item(store, "gast2009")
    assert gast["type"] == "article-journal"
    assert gast["issued"] == {"date-parts": [[2009, 9]]}
    assert (gast["volume"], gast["issue"], gast["page"]) == ("19", "7", "504-510")
    assert gast["DOI"] == "10.1016/j.numecd.2008.10.004"
    assert item(store, "who2020")["publisher"] == "WHO"
    assert item(store, "who2020")["type"] == "report"
    assert item(store, "inpress")["issued"] == {"literal": "in press"}
    assert item(store, "unresolved18")["type"] == "document"


def test_crossref_fills_missing_fields_the_biblatex_way(store: dict[str, Study]) -> None:
    chapter = item(store, "chapter")
    assert chapter["container-title"] == "Space and beyond"
    assert chapter["publisher"] == "Cambridge University Press"
    assert chapter["editor"] == [{"family": "Westfahl", "given": "Gary"}]
    assert chapter["issued"] == {"date-parts": [[2000, 3]]}
    assert chapter["title"] == "The true frontier"
    assert "container-title" not in to_csl(store["chapter"])  # without the store: no parent


def test_custom_fields_stay_out_of_csl_items(store: dict[str, Study]) -> None:
    gast = item(store, "gast2009")
    assert "evidence" not in gast and "verification" not in gast
    assert gast["id"] == "gast2009"


def test_references_json_items_add_evidence_and_verification(store: dict[str, Study]) -> None:
    items = csl_json(list(store.values()))
    assert [i["id"] for i in items] == sorted(store)
    gast = next(i for i in items if i["id"] == "gast2009")
    assert (gast["evidence"], gast["verification"]) == ("cohort", "confirmed")


def _schema_valid(items: list[dict[str, object]]) -> None:
    # k2site's two documented additions are not CSL variables; the rest must be pure CSL-JSON.
    plain = [{k: v for k, v in i.items() if k not in ("evidence", "verification")} for i in items]
    jsonschema.validate(plain, SCHEMA)


def test_csl_json_is_valid_against_the_official_schema(store: dict[str, Study]) -> None:
    _schema_valid(csl_json(list(store.values())))


def test_the_k2_store_is_valid_csl_json() -> None:
    source = REPO / "references" / "k2.bib"
    studies, _ = parse_store([BibSource("references/k2.bib", source.read_text("utf-8"))])
    items = csl_json(list(studies.values()))
    assert len(items) == len(studies) >= 65
    _schema_valid(items)


def test_bundled_styles_and_their_kinds(store: dict[str, Study]) -> None:
    assert {"american-medical-association", "vancouver", "apa", "nature"} <= set(bundled_styles())
    studies = list(store.values())
    for name, numeric in [("american-medical-association", True), ("vancouver", True),
                          ("nature", True), ("apa", False)]:
        assert Bibliography(studies, name).numeric is numeric


def test_unknown_style_names_the_bundled_ones(store: dict[str, Study]) -> None:
    with pytest.raises(ValueError,
                       match=r"unknown citation style 'chicago'; bundled styles: .*vancouver"):
        Bibliography(list(store.values()), "chicago")


def test_a_style_file_inside_the_site(store: dict[str, Study], tmp_path: Path) -> None:
    shipped = STYLES_DIR / "american-medical-association.csl"
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "mine.csl").write_text(shipped.read_text("utf-8"), "utf-8")
    bibliography = Bibliography(list(store.values()), load_style("styles/mine.csl", tmp_path))
    assert bibliography.entries(["gast2009"])["gast2009"].startswith("Gast GCM, Roos NM de")
    with pytest.raises(StyleError, match="not found in the site folder"):
        load_style("styles/missing.csl", tmp_path)


def test_vancouver_is_resolved_to_its_parent_style(store: dict[str, Study]) -> None:
    bibliography = Bibliography(list(store.values()), "vancouver")
    assert bibliography.style.name == "nlm-citation-sequence.csl"


def test_ama_entries_are_safe_html_without_numbers(store: dict[str, Study]) -> None:
    entries = Bibliography(list(store.values()), "american-medical-association").entries(
        ["gast2009", "others2015", "who2020"]
    )
    assert entries["gast2009"] == (
        "Gast GCM, Roos NM de, Sluijs I, Schouw YT van der. A high menaquinone intake reduces"
        " the incidence of coronary heart disease. <i>Nutrition, Metabolism &amp;"
        " Cardiovascular Diseases</i>. 2009;19(7):504-510. doi:10.1016/j.numecd.2008.10.004"
    )
    # `and others` reads "et al.", and `?.` loses its period, as in Pandoc
    assert entries["others2015"].startswith("Brandenburg VM et al. Prevention of vasculopathy:")
    assert "into fact? <i>Atherosclerosis</i>" in entries["others2015"]
    assert entries["who2020"].startswith("World Health Organization. <i>Vitamin K and DNA: The pH")


def test_unresolved_entries_format_without_invented_data(store: dict[str, Study]) -> None:
    for style in ("american-medical-association", "vancouver", "apa", "nature"):
        bibliography = Bibliography(list(store.values()), style)
        entry = bibliography.entries(["unresolved18"])["unresolved18"]
        assert "Source proposing vitamin K and magnesium (1 of 3)" in entry
        assert entry.count("Source proposing") == 1  # the title stands in for the author once
        assert not any(word in entry for word in ("doi", "http", "Vol", "ed."))


def test_only_known_keys_are_formatted(store: dict[str, Study]) -> None:
    entries = Bibliography(list(store.values()), "vancouver").entries(["nope", "gast2009"])
    assert list(entries) == ["gast2009"]


def test_author_date_order_and_labels(store: dict[str, Study]) -> None:
    bibliography = Bibliography(list(store.values()), "apa")
    order = bibliography.sort_keys(["who2020", "gast2009", "others2015"])
    assert order == ["others2015", "gast2009", "who2020"]
    assert bibliography.cite_label("gast2009", 1) == "Gast et al., 2009"
    assert bibliography.cite_label("who2020", 2) == "World Health Organization, 2020"
    numeric = Bibliography(list(store.values()), "american-medical-association")
    assert numeric.cite_label("gast2009", 12, "p. 4") == "12"
    assert numeric.sort_keys(["who2020", "gast2009"]) == ["who2020", "gast2009"]


def test_output_is_cached_by_content(store: dict[str, Study]) -> None:
    cache = ReferenceCache()
    first = Bibliography(list(store.values()), "nature", cache).entries(["gast2009"])
    size = len(cache.entries)
    again = Bibliography(list(store.values())[::-1], "nature", cache).entries(["gast2009"])
    assert again == first and len(cache.entries) == size


def test_bibtex_export_reloads_into_the_same_store(store: dict[str, Study]) -> None:
    text = bibtex_text(list(store.values()))
    assert text.index("@article{gast2009,") < text.index("@techreport{who2020,")
    assert "  month = sep,\n" in text
    reloaded, diagnostics = parse_store([BibSource("x.bib", text)])
    assert not [d for d in diagnostics if d.severity == "error"]
    assert {k: s.fields for k, s in reloaded.items()} == {k: s.fields for k, s in store.items()}


def test_ris_export(store: dict[str, Study]) -> None:
    text = ris_text(list(store.values()))
    assert text.startswith("TY  - CHAP\r\nID  - chapter\r\n")  # sorted by key
    gast = text[text.index("ID  - gast2009") :].split("ER  - ")[0].split("\r\n")
    for line in ("AU  - Gast, G. C. M.", "AU  - Roos, N. M. de", "PY  - 2009", "DA  - 2009/09//",
                 "SP  - 504", "EP  - 510", "DO  - 10.1016/j.numecd.2008.10.004", "IS  - 7",
                 "TI  - A high menaquinone intake reduces the incidence of coronary heart disease"):
        assert line in gast
    assert "AU  - World Health Organization" in text
    assert text == ris_text(list(store.values())[::-1])


def test_format_item_for_cite_this_page() -> None:
    page = {"type": "webpage", "title": "Vitamin K2 and heart health",
            "container-title": "K2 & Health", "author": [{"literal": "K2 Editors"}],
            "URL": "https://k2.example.org/heart-health/",
            "issued": {"date-parts": [[2025, 6, 30]]}}
    text = Bibliography([], "american-medical-association").format_item(page)
    assert text == ("K2 Editors. Vitamin K2 and heart health. K2 &amp; Health. June 30, 2025."
                    " https://k2.example.org/heart-health/")
