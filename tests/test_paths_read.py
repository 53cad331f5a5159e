"""Every file a build reads lies inside the site: a symbolic link that leads out of it, or
into a hidden folder of it such as .git/, is an `unsafe-path` error at the link; links
among the site's own files are followed (issue 18)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import copy_site, run

SECOND = Path(__file__).parent / "sites" / "second"
SECRET = "the machine's secret"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SECOND, tmp_path / "site")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A folder outside the site, holding a file of each kind a site reads."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for name in ("secret.txt", "secret.md", "secret.bib", "secret.html", "secret.yaml"):
        (folder / name).write_text(SECRET)
    (folder / "page.md").write_text(f"---\ntitle: Stolen\n---\n{SECRET}\n")
    return folder


def _link(link: Path, target: Path | str) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(target)


def _refused(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
             where: str) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", str(site), "-o", str(out)], capsys)
    assert code == 1 and "Traceback" not in err
    assert f"{where}:0:0: error: this path goes through a symbolic link" in err, err
    assert "[unsafe-path]" in err and not out.exists()
    code, text, _ = run(["check", str(site)], capsys)
    assert code == 1 and f"\n{where}:0:0: error:" in f"\n{text}", text


@pytest.mark.parametrize(("link", "target"), [
    ("static/secret.txt", "secret.txt"),
    ("static/deep/er/secret.txt", "secret.txt"),
    ("static", "."),
    ("static/folder", "."),
    ("content/basics.md", "page.md"),
    ("content", "."),
    ("references/other.bib", "secret.bib"),
    ("templates/base.html", "secret.html"),
    ("templates", "."),
    ("site.yaml", "secret.yaml"),
    ("wording.yaml", "secret.yaml"),
], ids=lambda v: str(v))
def test_a_link_that_leaves_the_site_is_refused(site: Path, secret: Path, tmp_path: Path,
                                                link: str, target: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _link(site / link, secret / target)
    _refused(site, tmp_path, capsys, link)


def test_a_relative_link_that_climbs_out_is_refused(site: Path, secret: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _link(site / "static" / "up.txt", Path("..") / ".." / "elsewhere" / "secret.txt")
    _refused(site, tmp_path, capsys, "static/up.txt")


def test_a_link_into_a_hidden_folder_of_the_site_is_refused(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0")
    _link(site / "static" / "config.txt", Path("..") / ".git" / "config")
    _refused(site, tmp_path, capsys, "static/config.txt")


def test_a_link_to_the_site_itself_follows_no_hidden_folder_and_ends(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("token")
    _link(site / "static" / "loop", "..")
    _refused(site, tmp_path, capsys, "static/loop/.git")
    shutil.rmtree(site / ".git")
    out = site / "build"  # an earlier build inside the site is not read back through it
    assert run(["build", str(site), "-o", str(out), "--no-search"], capsys)[0] == 0
    assert run(["build", str(site), "-o", str(out), "--no-search"], capsys)[0] == 0
    assert (out / "loop" / "site.yaml").is_file() and not (out / "loop" / "build").exists()
    assert not (out / "loop" / "static" / "loop").exists()


def test_links_among_the_site_files_are_followed(site: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (site / "shared").mkdir()
    (site / "shared" / "logo.svg").write_text("<svg/>")
    (site / "shared" / "extra.md").write_text("---\ntitle: Extra\n---\nShared words.\n")
    _link(site / "static" / "logo.svg", Path("..") / "shared" / "logo.svg")
    _link(site / "static" / "images", Path("..") / "shared")
    _link(site / "static" / "again", ".")  # a loop: not followed, no error
    _link(site / "content" / "extra.md", Path("..") / "shared" / "extra.md")
    out = tmp_path / "out"
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 0, err
    assert (out / "logo.svg").read_text() == "<svg/>"
    assert (out / "images" / "logo.svg").read_text() == "<svg/>"
    assert not (out / "again").exists()
    assert "Shared words." in (out / "extra" / "index.html").read_text()
    assert not any(p.is_symlink() for p in out.rglob("*"))


def test_no_secret_reaches_any_output(site: Path, secret: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever is refused, nothing of the machine's files is written anywhere."""
    for link, target in [("static/a.txt", "secret.txt"), ("content/b.md", "page.md")]:
        _link(site / link, secret / target)
    run(["build", str(site), "-o", str(tmp_path / "out")], capsys)
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_relative_to(secret) and not path.is_symlink():
            assert SECRET not in path.read_text(errors="replace"), path


STYLE = Path(__file__).parents[1] / "src" / "k2site" / "styles" / "apa.csl"


@pytest.mark.parametrize("where", ["absolute", "climbing", "linked"])
def test_a_citation_style_outside_the_site_is_refused(site: Path, tmp_path: Path, where: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere.csl"
    outside.write_bytes(STYLE.read_bytes())
    named = {"absolute": str(outside), "climbing": "../elsewhere.csl",
             "linked": "styles/mine.csl"}[where]
    if where == "linked":
        _link(site / "styles" / "mine.csl", outside)
    config = site / "site.yaml"
    config.write_text(config.read_text().replace("citation_style: apa",
                                                 f"citation_style: {named}"))
    code, _, err = run(["build", str(site), "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and "Traceback" not in err
    assert (f"site.yaml:7:17: error: citation style file '{named}' lies outside the site"
            " folder" in err), err
    assert "[unsafe-path]" in err and not (tmp_path / "out").exists()
