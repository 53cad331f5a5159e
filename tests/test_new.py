"""`k2site new`: the example site it creates checks clean under --strict and builds, and
its workflow (like the K2 repository's own) checks, builds and publishes the site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from k2site.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The CLI in-process: exit code, stdout, stderr."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def k2site(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "k2site", *argv], capture_output=True,
                          text=True, timeout=120)


def test_new_site_checks_clean_and_builds(tmp_path: Path) -> None:
    site = tmp_path / "my-site"
    made = k2site("new", str(site))
    assert made.returncode == 0, made.stderr
    assert f"cd {site}" in made.stderr
    checked = k2site("check", str(site), "--strict")
    assert (checked.returncode, checked.stdout) == (0, ""), checked.stdout
    assert checked.stderr == "k2site: 0 errors, 0 warnings\n"
    built = k2site("build", str(site))
    assert built.returncode == 0, built.stderr
    assert (site / "build" / "index.html").is_file()
    for page in ("vitamin-k2", "vitamin-k2/trials", "evidence-badges", "about",
                 "people/your-name", "people/a-reviewer", "topics/heart"):
        assert (site / "build" / page / "index.html").is_file(), page
    claims = json.loads((site / "build" / "claims.json").read_text())
    assert {c["evidence"] for c in claims} >= {"rct", "observational", "review"}
    assert "k2-calcification-trial" in {c["id"] for c in claims}
    # a publication of two articles, the about page a page of the site
    assert {c["article"] for c in claims} == {"vitamin-k2", "evidence-badges"}
    home = (site / "build" / "index.html").read_text()
    assert home.count('class="section-card article-card"') == 2
    assert '<a href="about/">About this site</a>' in home


def test_new_site_has_its_files_and_dotfiles(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert run(["new", str(site)], capsys)[0] == 0
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == [
        ".github/k2site-matcher.json", ".github/workflows/site.yml", ".gitignore",
        "README.md", "content/about.md", "content/evidence-badges.md",
        "content/vitamin-k2/index.md", "content/vitamin-k2/trials.md", "people.yaml",
        "references/references.bib", "requirements.txt", "site.yaml",
    ]
    assert "/build/" in (site / ".gitignore").read_text().splitlines()
    assert (site / "site.yaml").read_text().count("# ") >= 5  # commented settings


def test_the_example_is_reviewed_today_and_due_again_in_a_year(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    site = tmp_path / "site"
    run(["new", str(site)], capsys)
    today = dt.date.today()
    for page in ("vitamin-k2/index.md", "evidence-badges.md"):
        text = (site / "content" / page).read_text()
        assert f"reviewed: {today.isoformat()}\n" in text and "@" not in text.split("---")[1]
        assert f"next_review: {(today + dt.timedelta(days=365)).isoformat()}\n" in text


def test_example_references_have_different_designs(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    run(["new", str(site)], capsys)
    bib = (site / "references" / "references.bib").read_text()
    assert set(re.findall(r"evidence = \{([a-z-]+)\}", bib)) == {"rct", "cohort", "protocol"}
    assert bib.count("verification = {confirmed}") == bib.count("@article")


def test_empty_folder_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new", str(tmp_path)], capsys)[0] == 0
    assert (tmp_path / "site.yaml").is_file()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = run(["new", str(tmp_path)], capsys)
    assert code == 2 and "not empty" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    target.write_text("")
    code, _, err = run(["new", str(target)], capsys)
    assert code == 2 and "is a file" in err


def test_new_needs_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new"], capsys)[0] == 2


def _steps(workflow: Path) -> list[str]:
    document = yaml.safe_load(workflow.read_text())
    return [step.get("run", step.get("uses", "")) for job in document["jobs"].values()
            for step in job["steps"]]


def test_site_workflow_checks_strictly_builds_and_publishes() -> None:
    workflow = REPO / "src" / "k2site" / "scaffold" / ".github" / "workflows" / "site.yml"
    steps = "\n".join(_steps(workflow))
    assert "pip install -r requirements.txt" in steps and "k2site check --strict" in steps
    assert "k2site build" in steps
    assert "actions/upload-pages-artifact" in steps and "actions/deploy-pages" in steps


def test_k2_workflow_checks_builds_and_publishes() -> None:
    steps = "\n".join(_steps(REPO / ".github" / "workflows" / "site.yml"))
    assert "pip install ." in steps and "k2site build" in steps
    assert re.search(r"k2site check\s*$", steps, re.M)  # not --strict: see the file
    assert "actions/deploy-pages" in steps
    matcher = re.search(r'::add-matcher::([^\s"]+)', steps)
    assert matcher and (REPO / matcher[1]).is_file()


def test_problem_matcher_reads_check_output() -> None:
    matcher = REPO / "src" / "k2site" / "scaffold" / ".github" / "k2site-matcher.json"
    pattern = json.loads(matcher.read_text())["problemMatcher"][0]["pattern"][0]
    line = ("content/a.md:12:14: warning: \"cures\" states [a] health effect as fact"
            " [uncited-claim]")
    found = re.match(pattern["regexp"], line)
    assert found is not None
    assert found[pattern["file"]] == "content/a.md" and found[pattern["line"]] == "12"
    assert found[pattern["code"]] == "uncited-claim"


def test_package_data_ships_the_scaffold_and_the_reload_script() -> None:
    """setuptools' globs skip dotfiles unless a pattern names them, as the stdlib's do."""
    import glob
    import tomllib

    package = REPO / "src" / "k2site"
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["k2site"]
    shipped = {name for pattern in patterns
               for name in glob.glob(pattern, root_dir=package, recursive=True)}
    scaffold = {p.relative_to(package).as_posix()
                for p in (package / "scaffold").rglob("*") if p.is_file()}
    assert scaffold and scaffold | {"data/serve-reload.js"} <= shipped


def test_requirements_name_the_k2site_that_made_the_site(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    from k2site import __version__

    run(["new", str(tmp_path / "site")], capsys)
    lines = (tmp_path / "site" / "requirements.txt").read_text().splitlines()
    # an editable development install: the release of the same version, by name
    assert lines[-1] == f"k2site=={__version__}" and lines[0].startswith("# ")


@pytest.mark.parametrize(("direct", "expected"), [
    ({"url": "https://example.org/k2site.git",
      "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
     "k2site @ git+https://example.org/k2site.git@0123abc"),
    ({"url": "https://example.org/k2site-0.2.0.tar.gz", "archive_info": {}},
     "k2site @ https://example.org/k2site-0.2.0.tar.gz"),
])
def test_install_source_from_a_repository_or_an_archive(direct: dict[str, object],
                                                        expected: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from k2site.files import scaffold

    class Distribution:
        def read_text(self, name: str) -> str:
            return json.dumps(direct)

    monkeypatch.setattr(metadata, "distribution", lambda name: Distribution())
    assert scaffold.install_source() == (expected, None)
