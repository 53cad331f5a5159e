"""Retractions from both sources (the `retraction` field and a Retraction Watch snapshot)
and trial registry ids: literal strings in, values out."""

from __future__ import annotations

import pytest

from k2site.model.document import Study
from k2site.model.notices import Notice, is_retracted
from k2site.references.registries import registrations
from k2site.references.retractions import (
    field_notices,
    normal_doi,
    snapshot_notices,
    with_snapshot,
)

P = "references/refs.bib"


@pytest.mark.parametrize("value,expected", [
    ("10.1016/j.cell.2020.05.001", [("retraction", "", "10.1016/j.cell.2020.05.001")]),
    ("https://doi.org/10.1000/X.1", [("retraction", "", "10.1000/X.1")]),
    ("2020-05-14", [("retraction", "2020-05-14", "")]),
    ("2020-05-14, 10.1000/x", [("retraction", "2020-05-14", "10.1000/x")]),
    ("Correction: 2021", [("correction", "2021", "")]),
    ("erratum: 10.1000/e", [("correction", "", "10.1000/e")]),
    ("Expression of concern: 2019-03; Retraction: 2020-05-14, 10.1000/xyz",
     [("expression-of-concern", "2019-03", ""), ("retraction", "2020-05-14", "10.1000/xyz")]),
    ("retraction: 2018; reinstatement: 2019-01-02",
     [("retraction", "2018", ""), ("reinstatement", "2019-01-02", "")]),
    # a DOI may hold ';' and ':' without starting a new notice
    ("10.1002/(SICI)1097-0258(19990130)18:2<1::AID-SIM1>3.0.CO;2-X",
     [("retraction", "", "10.1002/(SICI)1097-0258(19990130)18:2<1::AID-SIM1>3.0.CO;2-X")]),
])
def test_field_values(value: str, expected: list[tuple[str, str, str]]) -> None:
    notices, problems = field_notices(value, P, 7)
    assert problems == []
    assert [(n.nature, n.date, n.doi) for n in notices] == expected
    assert all((n.source, n.line) == (P, 7) for n in notices)


@pytest.mark.parametrize("value,problem,retracted", [
    ("yes", "'yes' is neither a DOI", True),
    ("2021-13", "'2021-13' is neither a DOI", True),
    ("03/05/2022", "'03/05/2022' is neither a DOI", True),
    ("Withdrawn: 2022", "'Withdrawn' is not a kind of notice", True),
    ("correction: soon", "'soon' is neither a DOI", False),
])
def test_an_unreadable_value_is_reported_and_never_makes_a_study_count(
        value: str, problem: str, retracted: bool) -> None:
    notices, problems = field_notices(value, P, 1)
    assert [p[:len(problem)] for p in problems] == [problem]
    assert is_retracted(notices) is retracted


def test_the_last_retraction_or_reinstatement_decides() -> None:
    def notice(nature: str, date: str) -> Notice:
        return Notice(nature, date)
    assert is_retracted([notice("retraction", "2020"), notice("correction", "2021")])
    assert not is_retracted([notice("retraction", "2020"), notice("reinstatement", "2021")])
    assert is_retracted([notice("reinstatement", "2021"), notice("retraction", "2022-01")])
    assert not is_retracted([notice("expression-of-concern", "2020")])


HEADER = ("Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,"
          "ArticleType,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,"
          "OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes")


def row(record: int, date: str, notice_doi: str, doi: str, pmid: str, nature: str,
        reason: str = "+Error in Data;", notes: str = "") -> str:
    return (f"{record},A title,(HSC) Medicine;,Somewhere,A Journal,A Publisher,Nowhere;,"
            f"Someone;,,Research Article;,{date},{notice_doi},0,1/1/2015 0:00,{doi},{pmid},"
            f"{nature},{reason},No,{notes}")


def store(**ids: dict[str, str]) -> dict[str, Study]:
    return {key: Study(key, "article", {"evidence": "rct", **fields}, {}, P, 1)
            for key, fields in ids.items()}


STUDIES = store(
    bydoi={"doi": "10.1000/abc.2015"}, bypmid={"pmid": "25000001"},
    sici={"doi": "10.1002/1096-9098(200007)74:3<201::aid-jso8>3.0.co;2-5"},
    both={"doi": "10.1000/both", "pmid": "25000002"}, clean={"doi": "10.1000/clean"},
)


def notices_of(*rows: str, header: str = HEADER) -> dict[str, list[tuple[str, str, str, int]]]:
    text = "\n".join([header, *rows]) + "\n"
    found, problems = snapshot_notices("references/retraction_watch.csv", text, STUDIES)
    assert problems == []
    return {k: [(n.nature, n.date, n.doi, n.line) for n in v] for k, v in found.items()}


def test_rows_match_by_doi_case_and_percent_encoding_aside() -> None:
    found = notices_of(
        row(1, "8/16/2023 0:00", "10.1000/NOTICE.1", "10.1000/ABC.2015", "0", "Retraction"),
        row(2, "6/25/2021 0:00", "unavailable",
            "10.1002/1096-9098(200007)74:3%3C201::AID-JSO8%3E3.0.CO;2-5", "0",
            "Expression of concern"),
    )
    assert found == {"bydoi": [("retraction", "2023-08-16", "10.1000/NOTICE.1", 2)],
                     "sici": [("expression-of-concern", "2021-06-25", "", 3)]}


def test_rows_match_by_pmid_when_the_doi_is_unavailable() -> None:
    found = notices_of(row(3, "2/27/2020 0:00", "Unavailable", "unavailable", "25000001",
                           "Correction"))
    assert found == {"bypmid": [("correction", "2020-02-27", "", 2)]}


def test_a_row_matching_by_doi_and_pmid_counts_once_and_rows_keep_file_order() -> None:
    found = notices_of(
        row(4, "3/4/2022 0:00", "", "10.1000/both", "25000002", "Expression of concern"),
        row(5, "9/30/2022 0:00", "10.1000/n5", "10.1000/both", "25000002", "Retraction"),
        row(6, "7/1/2023 0:00", "", "10.1000/both", "25000002", "Reinstatement"),
    )
    assert [n[0] for n in found["both"]] == ["expression-of-concern", "retraction",
                                             "reinstatement"]


def test_the_notice_doi_never_matches_and_unknown_kinds_are_skipped() -> None:
    found = notices_of(
        row(7, "1/1/2020 0:00", "10.1000/clean", "10.1000/other", "0", "Retraction"),
        row(8, "1/1/2020 0:00", "", "10.1000/abc.2015", "0", "Withdrawal notice"),
    )
    assert found == {}


def test_quoted_fields_over_several_lines_trailing_commas_and_a_bom() -> None:
    notes = '"first line\nsecond line, 10.1000/clean mentioned"'
    found = notices_of(
        row(9, "5/6/2021 0:00", "", "10.1000/abc.2015", "0", "Retraction", notes=notes) + ",",
        header="\ufeff" + HEADER + ",")
    assert found == {"bydoi": [("retraction", "2021-05-06", "", 2)]}


def test_reasons_are_read_without_their_plus_signs() -> None:
    text = "\n".join([HEADER, row(1, "1/2/2020 0:00", "", "10.1000/abc.2015", "0",
                                  "Retraction", "+Fake Peer Review;+Plagiarism of Text;")])
    found, _ = snapshot_notices("r.csv", text, STUDIES)
    assert found["bydoi"][0].reasons == ("Fake Peer Review", "Plagiarism of Text")


def test_a_file_without_the_columns_is_an_error_at_its_first_line() -> None:
    found, [problem] = snapshot_notices("references/retraction_watch.csv",
                                        "Title,DOI\nA,10.1000/abc.2015\n", STUDIES)
    assert found == {} and problem.format().startswith(
        "references/retraction_watch.csv:1:1: error: this is not a Retraction Watch snapshot:"
        " its first line lacks the columns OriginalPaperDOI, OriginalPaperPubMedID,"
        " RetractionNature")


def test_snapshot_notices_join_those_of_the_field() -> None:
    own = Notice("correction", "2019", "", P, 4)
    studies = {"a": Study("a", "article", {"doi": "10.1000/a"}, {}, P, 1, (own,))}
    text = "\n".join([HEADER, row(1, "1/2/2020 0:00", "", "10.1000/a", "0", "Retraction")])
    merged = with_snapshot(studies, snapshot_notices("r.csv", text, studies)[0])
    assert [n.nature for n in merged["a"].notices] == ["correction", "retraction"]
    assert merged["a"].retracted


@pytest.mark.parametrize("doi,normal", [
    ("https://doi.org/10.1000/ABC", "10.1000/abc"), ("doi:10.1000/x", "10.1000/x"),
    ("10.1000/a%3Cb%3E", "10.1000/a<b>"), ("unavailable", ""), ("", ""),
])
def test_normal_doi(doi: str, normal: str) -> None:
    assert normal_doi(doi) == normal


@pytest.mark.parametrize("value,expected", [
    ("NCT01675206", [("NCT01675206", "ClinicalTrials.gov",
                      "https://clinicaltrials.gov/study/NCT01675206")]),
    ("nct01675206", [("NCT01675206", "ClinicalTrials.gov",
                      "https://clinicaltrials.gov/study/NCT01675206")]),
    ("ISRCTN87813400; 2021-002227-38", [
        ("ISRCTN87813400", "ISRCTN", "https://www.isrctn.com/ISRCTN87813400"),
        ("2021-002227-38", "EU Clinical Trials Register",
         "https://www.clinicaltrialsregister.eu/ctr-search/search?query=2021-002227-38")]),
    ("ACTRN12610000086066", [("ACTRN12610000086066", "ANZCTR",
                              "https://www.anzctr.org.au/ACTRN12610000086066.aspx")]),
    ("ChiCTR2500108408", [("ChiCTR2500108408", "ChiCTR",
                           "https://trialsearch.who.int/Trial2.aspx?TrialID=ChiCTR2500108408")]),
    ("CTRI/2019/05/019106", [("CTRI/2019/05/019106", "CTRI",
                              "https://trialsearch.who.int/Trial2.aspx?TrialID=CTRI/2019/05/019106")]),
    ("DRKS00016923, RBR-6xk5wx", [
        ("DRKS00016923", "DRKS", "https://drks.de/search/en/trial/DRKS00016923"),
        ("RBR-6xk5wx", "ReBEC", "https://trialsearch.who.int/Trial2.aspx?TrialID=RBR-6xk5wx")]),
    ("NCT1234", [("NCT1234", "", "")]),
    ("none", []), ("Not found", []),  # the editors looked and found no registration
])
def test_registry_ids(value: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(r.id, r.registry, r.url) for r in registrations(value)] == expected


def test_a_study_page_says_when_no_registration_was_found() -> None:
    from k2site.render.integrity import integrity_view

    study = Study("a", "article", {"evidence": "rct", "registration": "None"}, {}, P, 1)
    view = integrity_view(study)
    assert view["registrations"] == [] and view["unregistered"] is True
    study = Study("b", "article", {"registration": "NCT01675206"}, {}, P, 1)
    assert integrity_view(study)["unregistered"] is False
