"""The write stage swaps the output folder atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from k2site.files import output
from k2site.files.output import write_site


def test_write_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_site(out, {"a/index.html": b"one", "stale.txt": b"x"}, {})
    write_site(out, {"a/index.html": b"two"}, {})
    assert (out / "a" / "index.html").read_bytes() == b"two"
    assert not (out / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_a_failure_while_writing_keeps_the_old_output(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    write_site(out, {"index.html": b"old"}, {})

    def broken_swap(staging: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output, "_swap", broken_swap)
    with pytest.raises(OSError):
        write_site(out, {"index.html": b"new"}, {})
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_static_files_are_copied(tmp_path: Path) -> None:
    source = tmp_path / "robots.txt"
    source.write_text("User-agent: *\n")
    write_site(tmp_path / "out", {}, {"robots.txt": source})
    assert (tmp_path / "out" / "robots.txt").read_text() == "User-agent: *\n"
