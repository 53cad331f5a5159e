"""Bad input: each case in sites_invalid/ gets its exact diagnostics, exit 1, no traceback,
and a build that fails leaves the previous output untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from k2site.files.output import MARKER, MARKER_TEXT
from support import copy_site, run

CASES = sorted(p for p in (Path(__file__).parent / "sites_invalid").iterdir() if p.is_dir())
REGEN = os.environ.get("K2SITE_REGEN") == "1"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_exact_diagnostics(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(case)], capsys)
    expected = case / "expected.txt"
    if REGEN:
        expected.write_text(out)
    assert code == 1
    assert out == expected.read_text()
    assert "error:" in out and "Traceback" not in out + err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failed_build_keeps_previous_output(case: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous build")
    (out / MARKER).write_bytes(MARKER_TEXT)  # an earlier build's, which this one may replace
    site = copy_site(case, tmp_path / "site")
    code, _, err = run(["build", str(site), "-o", str(out)], capsys)
    assert code == 1
    assert "build failed" in err and "Traceback" not in err and "[output-folder]" not in err
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"]
    assert (out / "index.html").read_text() == "previous build"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_cli_as_a_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    case = Path(__file__).parent / "sites_invalid" / "bib-syntax"
    proc = subprocess.run([sys.executable, "-m", "k2site", "build", str(case), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "references/refs.bib:19:1: error: BibTeX syntax error" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["build", "--no-such-flag"], ["check", "--format", "xml"], []],
)
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "usage:" in err


def test_missing_site_folder_is_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(tmp_path / "nowhere")], capsys)
    assert code == 2 and "no such folder" in err
