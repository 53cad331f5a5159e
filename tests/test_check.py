"""`k2site check`: one fixture site per lint rule in sites_lint/, each with the exact
output expected (`K2SITE_REGEN=1` rewrites it), plus the JSON form, the excerpt shown
on a terminal, and the exit codes of SPEC §4."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from k2site.cli import main
from k2site.diagnostics import report, warning

LINT = Path(__file__).parent / "sites_lint"
CASES = sorted(p for p in LINT.iterdir() if p.is_dir())
REGEN = os.environ.get("K2SITE_REGEN") == "1"
#: The rule each case is about; `clean` has none, `ignore-comment` keeps one finding.
#: (`template`: check renders the pages too, so a broken template is found before build.)
RULES = {"clean": None, "ignore-comment": "uncited-claim"}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The CLI in-process: exit code, stdout, stderr."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_prints_exactly_the_expected_diagnostics(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["check", str(case)], capsys)
    expected = case / "expected.txt"
    if REGEN:
        expected.write_text(out)
    assert out == expected.read_text()
    rule = RULES.get(case.name, case.name)
    assert (f"[{rule}]" in out) if rule else out == ""
    assert code == (1 if ": error: " in out else 0)
    errors, warnings = out.count(": error: "), out.count(": warning: ")
    assert err == (f"k2site: {errors} error{'' if errors == 1 else 's'},"
                   f" {warnings} warning{'' if warnings == 1 else 's'}\n")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_strict_fails_on_warnings(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(case), "--strict"], capsys)
    assert code == (1 if out else 0)


def test_every_documented_rule_has_a_fixture_with_its_exact_output() -> None:
    """Each rule in docs/rules.md shows up in the expected output of a fixture site: here
    for the lint rules, in sites_invalid/ for the parse errors."""
    docs = (Path(__file__).parents[1] / "docs" / "rules.md").read_text()
    documented = {rule for heading in re.findall(r"^### (.+)$", docs, re.M)
                  for rule in re.findall(r"`([a-z-]+)`", heading)}
    expected = [p.read_text() for folder in (LINT, LINT.parent / "sites_invalid")
                for p in folder.glob("*/expected.txt")]
    assert len(documented) >= 20
    assert [rule for rule in sorted(documented) if not any(f"[{rule}]" in text
                                                           for text in expected)] == []


def test_ignore_comment_silences_only_the_named_rule(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", str(LINT / "ignore-comment")], capsys)
    text = (LINT / "ignore-comment" / "content" / "walking.md").read_text().splitlines()
    # the one finding left is on a line that silences another rule
    assert [line.split(":")[1] for line in out.splitlines()] == ["12"]
    assert "ignore overclaim" in text[11] and "cures" in text[11]


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(LINT / "bad-identifier"), "--format", "json"], capsys)
    document = json.loads(out)
    assert code == 0 and err == ""
    assert set(document) == {"diagnostics", "errors", "warnings"}
    assert (document["errors"], document["warnings"]) == (0, 3)
    first = document["diagnostics"][0]
    assert list(first) == ["path", "line", "col", "severity", "rule", "message"]
    assert (first["path"], first["line"], first["col"]) == ("references/refs.bib", 6, 3)
    assert (first["severity"], first["rule"]) == ("warning", "bad-identifier")
    text = (LINT / "bad-identifier" / "expected.txt").read_text().splitlines()
    assert [f"{d['path']}:{d['line']}:{d['col']}: {d['severity']}: {d['message']}"
            f" [{d['rule']}]" for d in document["diagnostics"]] == text


def test_json_strict_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(LINT / "overclaim"), "--format", "json", "--strict"],
                       capsys)
    assert code == 1 and json.loads(out)["warnings"] == 2


def test_errors_fail_without_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(Path(__file__).parent / "sites_invalid" / "bib-syntax")],
                         capsys)
    assert code == 1 and ": error: " in out and err.startswith("k2site: 1 error,")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_shows_the_source_line_and_a_caret() -> None:
    stream = _Terminal()
    source = "line one\n  doi = {10.10/abc},\n"
    found = warning("references/refs.bib", 2, 3, "bad-identifier", "bad doi")
    report([found, found], {"references/refs.bib": source}, stream)
    assert stream.getvalue() == (
        "references/refs.bib:2:3: warning: bad doi [bad-identifier]\n"
        "    2 |   doi = {10.10/abc},\n"
        "      |   ^\n"
    )


def test_no_excerpt_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", str(LINT / "bad-identifier")], capsys)
    assert " | " not in out


@pytest.mark.parametrize("argv", [["check", "--format", "yaml"], ["check", "--strcit"],
                                  ["check", "a", "b"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2 and "usage:" in err


def test_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(tmp_path / "nowhere")], capsys)
    assert code == 2 and "no such folder" in err


def test_folder_without_site_yaml_is_a_content_error(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(tmp_path)], capsys)
    assert code == 1 and out.startswith("site.yaml:0:0: error:")


def test_check_writes_nothing(tmp_path: Path) -> None:
    import shutil

    site = shutil.copytree(LINT / "clean", tmp_path / "site")
    def files() -> list[Path]:
        # not even the cache: it lives outside the site
        return sorted(p.relative_to(site) for p in site.rglob("*"))

    before = files()
    proc = subprocess.run([sys.executable, "-m", "k2site", "check", str(site), "--strict"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert files() == before
