"""`build -o OUT` replaces OUT only when it is k2site's own: missing, empty, or marked.

Each refused case exits 1 with a message naming the folder, and leaves every file as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from k2site.files import output
from k2site.pipeline import run as pipeline
from support import REPO, copy_site, run

SECOND = REPO / "tests" / "sites" / "second"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SECOND, tmp_path / "site")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused(site: Path, out: Path, capsys: pytest.CaptureFixture[str], *,
             where: Path, because: str) -> None:
    before = _snapshot(where)
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 1, err
    assert f"{out}:0:0: error: " in err and because in err and "[output-folder]" in err
    assert "Traceback" not in err
    assert _snapshot(where) == before


def test_the_site_folder_itself_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(site, site, capsys, where=site, because="is the site folder itself")


def test_a_folder_containing_the_site_is_refused(site: Path, capsys: pytest.CaptureFixture[str]
                                                 ) -> None:
    (site.parent / "keep.txt").write_text("mine")
    _refused(site, site.parent, capsys, where=site.parent, because="contains the site folder")


@pytest.mark.parametrize("inside", ["content", "references", "static", "templates/partials"])
def test_an_input_folder_or_one_inside_it_is_refused(site: Path, inside: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (site / "static").mkdir(exist_ok=True)
    (site / "templates").mkdir(exist_ok=True)
    top = inside.split("/")[0]
    _refused(site, site / inside, capsys, where=site,
             because=f"inside the site's input folder {top}/")


def test_an_unrelated_folder_with_files_is_refused(site: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    _refused(site, other, capsys, where=tmp_path, because="holds files that k2site did not write")


def test_a_file_is_refused(site: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    _refused(site, target, capsys, where=tmp_path, because="is a file, not a folder")


def test_missing_empty_and_marked_folders_are_replaced(site: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deep" / "out"
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 0, err
    assert (out / output.MARKER).read_bytes() == output.MARKER_TEXT
    (out / "stale.html").write_text("from an earlier build")
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 0, err
    assert not (out / "stale.html").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(["build", str(site), "-o", str(empty), "--no-search"], capsys)
    assert code == 0 and (empty / "index.html").is_file(), err


def test_the_default_output_inside_the_site_is_allowed(site: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(site), "--no-search"], capsys)
    assert code == 0, err
    assert (site / "build" / output.MARKER).is_file()


def test_a_read_only_output_is_an_error_and_keeps_the_old_build(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run(["build", str(site), "-o", str(out), "--no-search"], capsys)[0] == 0
    before = _snapshot(out)
    if os.geteuid() == 0:
        # root writes through permission bits: make the swap fail as a read-only disk would
        def read_only(staging: Path, target: Path) -> None:
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(output, "_swap", read_only)
    else:
        out.parent.chmod(0o555)
    try:
        code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    finally:
        out.parent.chmod(0o755)
    assert code == 1
    assert f"{out}:0:0: error: cannot write the output: Permission denied" in err
    assert "Traceback" not in err
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_write_site_itself_refuses_a_folder_that_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(output.OutputRefused):
        output.write_site(tmp_path, {"index.html": b"new"}, {})
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_the_pipeline_refuses_before_reading_the_site(site: Path) -> None:
    result = pipeline.build(site, site / "content")
    assert result.site is None and [d.rule for d in result.diagnostics] == ["output-folder"]
