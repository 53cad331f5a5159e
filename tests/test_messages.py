"""Messages a newcomer can act on: YAML mistakes named with their fix, one message per
mistake, commented-out entries, what an entry without `verification` reads as, and the
command line's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from k2site.content.front_matter import site_config, split
from k2site.references.bibtex import BibSource, parse_file
from support import REPO, copy_site, run

SECOND = REPO / "tests" / "sites" / "second"


@pytest.mark.parametrize(("front", "where", "words"), [
    ("title: Vitamin K2: the facts\n", "2:18", 'put the value in quotes, e.g. title:'
                                              ' "Vitamin K2: the facts"'),
    ("title: x\n\torder: 1\n", "3:1", "a tab in the indentation"),
    ("title: x\ntopics:\n\t- bone\n", "4:1", "a tab in the indentation"),
    ('title: "He said "hi""\n', "2:18", "a quotation mark inside a quoted value"),
])
def test_front_matter_yaml_mistakes_name_the_cause_and_the_fix(front: str, where: str,
                                                               words: str) -> None:
    _, [problem] = split("content/a.md", f"---\n{front}---\nText.\n")
    assert problem.format().startswith(f"content/a.md:{where}: error: ")
    assert words in problem.message and "(YAML: " in problem.message


def test_site_yaml_mistakes_name_the_cause_and_the_fix() -> None:
    config, [problem] = site_config("site.yaml", "title: Heart: the evidence\n"
                                                 "base_url: https://example.org/\n")
    assert config is None and problem.rule == "site-config"
    assert (problem.line, problem.col) == (1, 13)
    assert 'e.g. title: "Heart: the evidence"' in problem.message


def test_other_yaml_errors_keep_the_parsers_words() -> None:
    _, [problem] = split("content/a.md", "---\ntitle: [a, b\n---\n")
    assert problem.message.startswith("invalid YAML: did not find expected ',' or ']'")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SECOND, tmp_path / "site")


def _check(site: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(["check", str(site)], capsys)
    assert code == 1
    return out.splitlines()


def test_a_broken_entry_is_one_message_not_one_per_citation(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = site / "references" / "trials.bib"
    bib.write_text(bib.read_text().replace("{New England Journal of Medicine}",
                                           "{New England Journal of Medicine", 1))
    lines = _check(site, capsys)
    assert [line for line in lines if "error" in line] == [
        line for line in lines if line.startswith("references/trials.bib:1:1: error: BibTeX")]
    assert not any("unknown-key" in line for line in lines)


def test_a_misspelt_key_is_one_message_with_a_did_you_mean(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site / "content" / "fish-oil.md"
    page.write_text(page.read_text().replace("[@hu2002;", "[@hu2020;"))
    lines = _check(site, capsys)
    assert [line for line in lines if "hu20" in line] == [
        "content/fish-oil.md:17:67: error: citation key '@hu2020' is not in the references;"
        " did you mean '@hu2002'? [unknown-key]"]


def test_a_claim_with_a_misspelt_key_is_not_judged_on_its_wording(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site / "content" / "fish-oil.md"
    page.write_text(page.read_text() + "\nFish oil prevents heart attacks [@manson2091].\n")
    lines = _check(site, capsys)
    assert [line.rsplit("[", 1)[1] for line in lines if "fish-oil.md" in line] == [
        "unknown-key]"]


def test_an_entry_commented_out_with_percent_is_not_a_study() -> None:
    text = ("% @article{old2001,\n%   title = {Old},\n% }\n"
            "@article{new2002, title = {50% less}, year = {2002}, evidence = {rct}}\n"
            "  % @book{shelved, title = {Later}}\n")
    studies, problems = parse_file(BibSource("references/a.bib", text))
    assert [s.key for s in studies] == ["new2002"] and problems == []
    assert studies[0].line == 4 and studies[0].fields["title"] == "50% less"


@pytest.mark.parametrize(("fields", "expected"), [
    ("author = {Gast, G.}, title = {T}, year = {2009}, doi = {10.1/x}", "confirmed"),
    ("author = {Gast, G.}, title = {T}, year = {2009}, journal = {J}", "confirmed"),
    ("author = {Gast, G.}, title = {T}, year = {2009}", "likely"),
    ("title = {T}, year = {2009}, doi = {10.1/x}", "likely"),
    ("author = {Gast, G.}, title = {T}, year = {2009}, verification = {unresolved}",
     "unresolved"),
])
def test_without_a_verification_field_only_an_identified_entry_reads_confirmed(
        fields: str, expected: str) -> None:
    [study], _ = parse_file(BibSource("a.bib", f"@article{{k, {fields}, evidence = {{rct}}}}"))
    assert study.verification == expected


def test_an_empty_folder_points_to_k2site_new(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(tmp_path)], capsys)
    assert code == 1 and "run 'k2site new FOLDER'" in out


def test_no_arguments_prints_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([], capsys)
    assert code == 2 and "usage: k2site" in err and "build" in err and "--version" in err


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_help_describes_every_argument_with_its_default(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"], capsys)
    out = " ".join(out.split())  # argparse wraps to the terminal's width
    assert code == 0 and "SITE" in out and "(default: the current" in out
    assert ("default: SITE/build" in out) == (command == "build")
    assert ("default: 8000" in out) == (command == "serve")


def test_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from k2site import __version__

    code, out, _ = run(["--version"], capsys)
    assert (code, out) == (0, f"k2site {__version__}\n")


def test_one_hidden_warning_is_one_warning(site: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(site), "--no-search"], capsys)
    assert code == 0 and "k2site: 1 warning; 'k2site check' lists it" in err
