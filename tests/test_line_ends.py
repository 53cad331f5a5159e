"""Line ends and control characters (load stage): a site saved with CRLF or CR line ends
builds byte for byte as with LF; a control character is an error at its own position and
never reaches an output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from k2site.cli import main
from k2site.files.characters import control_characters, with_lf
from k2site.files.load import read_input
from support import REPO, copy_site

SECOND = Path(__file__).parent / "sites" / "second"


def _with_line_ends(site: Path, ending: bytes) -> None:
    """Rewrite every text input of a site folder with the given line end."""
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".bib", ".yaml"):
            path.write_bytes(path.read_bytes().replace(b"\n", ending))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_line_ends_read_as_lf() -> None:
    assert with_lf("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n"
    assert with_lf("plain\n") == "plain\n"


def test_a_crlf_page_reads_as_its_lf_twin(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "a.md"
    page.write_bytes(b"---\r\ntitle: A\r\n---\r\nText [@a].\r\n")
    text, problems = read_input(tmp_path, page)
    assert problems == [] and text is not None
    assert text.text == "---\ntitle: A\n---\nText [@a].\n"


@pytest.mark.slow
def test_the_k2_site_with_crlf_builds_byte_identical(k2_build: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in ("site.yaml", "wording.yaml", "content", "references", "static", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
        elif (REPO / name).is_file():
            shutil.copy(REPO / name, site / name)
    _with_line_ends(site, b"\r\n")
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out)]) == 0
    assert _files(out) == _files(k2_build)


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_a_site_with_crlf_or_cr_builds_byte_identical(ending: bytes, tmp_path: Path) -> None:
    plain, other = (copy_site(SECOND, tmp_path / name) for name in ("lf", "other"))
    _with_line_ends(other, ending)
    for site in (plain, other):
        assert main(["build", str(site), "-o", str(site / "build")]) == 0
    assert _files(other / "build") == _files(plain / "build")


def test_a_control_character_is_an_error_at_its_line_and_column() -> None:
    [problem] = control_characters("content/a.md", "---\ntitle: A\n---\nOne\x00 two\x07\n")
    assert (problem.line, problem.col, problem.rule) == (4, 4, "control-character")
    assert "U+0000 NUL (and 1 more after it)" in problem.message
    assert control_characters("content/a.md", "tab\tand line\nend, and \u00e9\u2028") == []


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85",
                                  "\x9f"])
def test_no_control_character_reaches_an_output(char: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    page = site / "content" / "basics.md"
    page.write_text(page.read_text().replace("corrections", f"correc{char}tions", 1))
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out)]) == 1
    assert "basics.md:11:47: error:" in capsys.readouterr().err and not out.exists()
