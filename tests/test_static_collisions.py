"""A file of static/ never silently replaces one the build writes: it is a
`static-collision` error naming both, unless site.yaml lists it in `static_overrides`
(issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import copy_site, run

SECOND = Path(__file__).parent / "sites" / "second"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SECOND, tmp_path / "site")


def _static(site: Path, rel: str, text: str = "mine") -> None:
    (site / "static" / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / "static" / rel).write_text(text)


OVERRIDE = ", or, if it is meant to replace it, list '{}' under static_overrides in site.yaml"


@pytest.mark.parametrize(("rel", "names"), [
    ("index.html", "the generated index.html; rename or move it" + OVERRIDE.format("index.html")),
    ("claims.json", "the generated claims.json; rename or move it"
                    + OVERRIDE.format("claims.json")),
    ("studies/leaf2003/index.html", "the generated studies/leaf2003/index.html; rename or move"
                                    " it" + OVERRIDE.format("studies/leaf2003/index.html")),
    ("basics", "the generated folder basics/; rename or move it"),
    ("references/references.bib/x.txt", "the generated references/references.bib, which this"
                                        " path would make a folder; rename or move it"),
    ("pagefind/pagefind.js", "the search index folder pagefind/; rename or move it"),
    (".k2site-output", "the file .k2site-output that marks k2site's output; rename or move it"),
])
def test_a_static_file_in_the_place_of_a_generated_one_is_an_error(
        site: Path, tmp_path: Path, rel: str, names: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    _static(site, rel)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous build")
    (out / ".k2site-output").write_text("")
    expected = (f"static/{rel}:0:0: error: this file would take the place of {names}"
                " [static-collision]")
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 1 and expected in err.splitlines(), err
    assert sorted(p.name for p in out.iterdir()) == [".k2site-output", "index.html"]
    assert (out / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
    code, text, _ = run(["check", str(site)], capsys)
    assert code == 1 and expected in text.splitlines(), text


def test_a_listed_override_replaces_the_generated_file(site: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _static(site, "index.html", "<p>our own home page</p>")
    with (site / "site.yaml").open("a") as config:
        config.write("static_overrides: [index.html]\n")
    out = tmp_path / "out"
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 0, err
    assert (out / "index.html").read_text() == "<p>our own home page</p>"
    assert run(["check", str(site)], capsys)[0] == 0


def test_an_override_does_not_reach_other_files(site: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _static(site, "index.html")
    _static(site, "claims.json")
    with (site / "site.yaml").open("a") as config:
        config.write("static_overrides: [index.html]\n")
    code, _, err = run(["build", str(site), "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and "static/claims.json:0:0: error:" in err
    assert "static/index.html" not in err


def test_files_beside_the_generated_ones_are_welcome(site: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _static(site, "basics/diagram.svg", "<svg/>")
    _static(site, "studies/leaf2003/figure.png", "png")
    out = tmp_path / "out"
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 0, err
    assert (out / "basics" / "diagram.svg").read_text() == "<svg/>"
    assert (out / "basics" / "index.html").is_file()
    assert (out / "studies" / "leaf2003" / "figure.png").read_text() == "png"


def test_overrides_must_be_a_list_of_paths(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = len((site / "site.yaml").read_text().splitlines()) + 1
    with (site / "site.yaml").open("a") as config:
        config.write("static_overrides: index.html\n")
    code, text, _ = run(["check", str(site)], capsys)
    assert code == 1
    assert (f"site.yaml:{line}:1: error: 'static_overrides' must be a list of paths under"
            " static/, such as [index.html] [site-config]") in text
