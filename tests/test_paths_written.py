"""Every path a build writes lies inside OUT: BibTeX keys that would lead out of it are
errors at the key, keys with `/` get a safe page folder, and the write stage refuses any
path that is not plain names (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from k2site.files.output import UnsafeOutputPath, inside, write_site
from support import run

SITE_YAML = "title: T\nbase_url: https://example.org/\n"
ENTRY = "@article{{{key},\n  title = {{A study}},\n  year = {{2020}},\n  evidence = {{rct}}\n}}\n"
PAGE = "---\ntitle: Page\n---\nVitamin K2 is in cheese {cite}.\n"


def _site(root: Path, keys: list[str], cite: str = "") -> Path:
    (root / "content").mkdir(parents=True)
    (root / "references").mkdir()
    (root / "site.yaml").write_text(SITE_YAML)
    (root / "references" / "refs.bib").write_text("\n".join(ENTRY.format(key=k) for k in keys))
    (root / "content" / "page.md").write_text(PAGE.format(cite=cite))
    return root


def _everything(top: Path) -> set[str]:
    return {p.relative_to(top).as_posix() for p in top.rglob("*")}


@pytest.mark.parametrize("cite", ["", "[@../../../../escape]", "[@ok2020; @../../../../escape]"],
                         ids=["uncited", "cited", "cited-with-another"])
def test_a_key_that_climbs_out_is_a_bib_syntax_error_at_the_key(
        tmp_path: Path, cite: str, capsys: pytest.CaptureFixture[str]) -> None:
    top = tmp_path / "a" / "b" / "c"
    site = _site(top / "site", ["ok2020", "../../../../escape"], cite)
    before = _everything(tmp_path)
    code, _, err = run(["build", str(site), "-o", str(top / "site" / "out")], capsys)
    assert code == 1 and "Traceback" not in err
    assert ("references/refs.bib:7:10: error: BibTeX key '../../../../escape' cannot be cited"
            in err), err
    assert "[bib-syntax]" in err
    # nothing new anywhere: no output, no escape/ folder above it, no scratch folders
    assert _everything(tmp_path) == before
    assert not [p for p in tmp_path.rglob("escape*")]


def test_a_key_with_slashes_gets_a_safe_page_that_every_link_finds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = "doi:10.1000/a#b?c"
    site = _site(tmp_path / "site", [key, "plain2020"], f"[@{key}; @plain2020]")
    out = tmp_path / "site" / "out"
    code, _, err = run(["build", str(site), "-o", str(out)], capsys)
    assert code == 0, err
    assert (out / "studies" / "doi-10.1000-a-b-c" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in (out / "studies").iterdir()) == ["doi-10.1000-a-b-c",
                                                                    "plain2020"]
    pages = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")}
    for path, html in pages.items():
        for href in re.findall(r'href="((?:\.\./)*studies/[^"]*)"', html):
            target = (out / path).parent / href.split("#")[0] / "index.html"
            assert target.resolve().is_file(), (path, href)
    anchors = set(re.findall(r'id="(ref-[^"]+)"', pages["references/index.html"]))
    back = re.findall(r'href="\.\./\.\./references/#([^"]+)"',
                      pages["studies/doi-10.1000-a-b-c/index.html"])
    assert back == ["ref-doi-10.1000-a-b-c"] and set(back) <= anchors
    article = pages["page/index.html"]
    assert 'href="../studies/doi-10.1000-a-b-c/"' in article
    assert 'id="ref-doi-10.1000-a-b-c"' in article


@pytest.mark.parametrize(("second", "folder"), [("a-b", "a-b"), ("A/B", "A-B")])
def test_two_keys_never_share_a_study_page(tmp_path: Path, second: str, folder: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path / "site", ["a/b", second], "[@a/b]")
    code, out, _ = run(["check", str(site)], capsys)
    assert code == 1
    assert (f"references/refs.bib:7:1: error: BibTeX key '{second}' would have the same study"
            f" page, studies/{folder}/, as 'a/b' (references/refs.bib:1); rename one of them"
            " [duplicate-key]") in out


@pytest.mark.parametrize("rel", ["../x.html", "a/../../x", "/etc/x", "a//b", "./a", "a/", ""])
def test_the_write_stage_refuses_a_path_that_is_not_plain_names(tmp_path: Path,
                                                                rel: str) -> None:
    with pytest.raises(UnsafeOutputPath):
        inside(tmp_path, rel)
    out = tmp_path / "deep" / "out"
    with pytest.raises(UnsafeOutputPath):
        write_site(out, {"index.html": b"ok", rel: b"escaped"}, {})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["deep"]


def test_plain_names_are_written(tmp_path: Path) -> None:
    assert inside(tmp_path, "studies/a.b/index.html") == tmp_path / "studies/a.b/index.html"


def test_every_scratch_folder_is_made_beside_the_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The staged output, the old one on its way out and Pagefind's copy of the pages."""
    import tempfile

    site = _site(tmp_path / "a" / "site", ["ok2020"], "[@ok2020]")
    out = tmp_path / "a" / "b" / "out"
    made: list[Path] = []
    real = tempfile.mkdtemp

    def spy(*args: object, **kwargs: object) -> str:
        folder = real(*args, **kwargs)  # type: ignore[call-overload]
        made.append(Path(folder))
        return str(folder)

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    for _ in range(2):  # the second build also moves the first one out of the way
        code, _, err = run(["build", str(site), "-o", str(out)], capsys)
        assert code == 0, err
    assert len(made) >= 3 and {p.parent for p in made} == {out.parent}
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
