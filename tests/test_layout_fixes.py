"""Fixes the redesign of the package layout brought to light: the citation style is found
in the site folder whatever the current directory, one BibTeX name splitter serves the
whole package, every declared dependency is used, and a site overrides one partial of the
theme (its footer) without copying `base.html`."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from k2site.files.styles import STYLES_DIR
from k2site.references.names import decoded_names
from k2site.render.jsonld import short_authors, study_jsonld
from support import REPO, copy_site, run

SECOND = Path(__file__).parent / "sites" / "second"
ORGANISATION = "{World Health Organization and Partners} and Smith, John"


def _with_house_style(tmp_path: Path) -> Path:
    site = copy_site(SECOND, tmp_path / "site")
    (site / "styles").mkdir()
    (site / "styles" / "house.csl").write_bytes((STYLES_DIR / "apa.csl").read_bytes())
    config = site / "site.yaml"
    text = re.sub(r"(?m)^citation_style:.*\n", "", config.read_text())
    config.write_text(text + "citation_style: styles/house.csl\n")
    return site


def test_a_site_style_is_read_from_the_site_not_the_current_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _with_house_style(tmp_path)
    monkeypatch.chdir(tmp_path)  # the site's parent, as `k2site check site` is run there
    code, _, err = run(["check", "site"], capsys)
    assert code == 0, err
    code, _, err = run(["build", "site", "-o", str(tmp_path / "out"), "--no-search"], capsys)
    assert code == 0 and "Traceback" not in err
    page = (tmp_path / "out" / "basics" / "index.html").read_text()
    assert '<span class="citation">(' in page  # APA: author-date citations


def test_the_name_splitter_respects_braces() -> None:
    names = decoded_names(ORGANISATION)
    assert names == ("World Health Organization and Partners", "Smith, John")
    assert short_authors(names) == "World Health Organization and Partners, Smith J"
    assert decoded_names("Smith, John and\n  M{\\\"u}ller, Hans") == ("Smith, John", "Müller, Hans")
    view = {"title": "T", "key": "who", "design": "review", "design_label": "Review",
            "authors": names, "year": "", "journal": "", "doi": "", "pmid": ""}

    class Config:
        base_url = "https://example.org/"

    class Site:
        config = Config()

    data = study_jsonld(Site(), view)  # type: ignore[arg-type]
    assert data["author"] == "World Health Organization and Partners, Smith J"


def test_the_name_splitter_reaches_the_built_previews(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    bib = next((site / "references").glob("*.bib"))
    text, count = re.subn(r"(?m)^(\s*author\s*=\s*)\{[^\n]*\},?$",
                          r"\1{" + ORGANISATION + "},", bib.read_text(), count=1)
    assert count == 1
    bib.write_text(text)
    assert run(["build", str(site), "-o", str(tmp_path / "out"), "--no-search"], capsys)[0] == 0
    found = []
    for page in (tmp_path / "out").glob("*/index.html"):
        block = re.search(r'<script type="application/json" id="k2-studies">(.*?)</script>',
                          page.read_text(), re.S)
        if block:
            found += [s["authors"] for s in json.loads(block.group(1)).values()
                      if "World Health" in s.get("authors", "")]
    assert found and set(found) == {"World Health Organization and Partners, Smith J"}


def test_every_declared_dependency_is_imported() -> None:
    """A dependency nobody imports is weight every install carries (pylatexenc was one:
    latex.py reads BibTeX's LaTeX itself, for the reason its docstring gives)."""
    modules = {"markdown-it-py": "markdown_it", "mdit-py-plugins": "mdit_py_plugins",
               "citeproc-py": "citeproc", "pyyaml": "yaml", "pagefind": "pagefind_bin"}
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    source = "\n".join(p.read_text() for p in (REPO / "src" / "k2site").rglob("*.py"))
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()  # type: ignore[union-attr]
        module = modules.get(name, name.replace("-", "_"))
        assert re.search(rf"^\s*(?:from|import) {module}\b", source, re.M), name


def test_a_site_overrides_its_footer_alone(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(
        '<footer class="site-footer"><p>Published by the Omega Trust.'
        " {{ site.disclaimer }}</p></footer>\n")
    assert run(["build", str(site), "-o", str(tmp_path / "out"), "--no-search"], capsys)[0] == 0
    for name in ("index.html", "basics/index.html", "search/index.html", "404.html"):
        page = (tmp_path / "out" / name).read_text()
        assert "Published by the Omega Trust." in page
        assert "Evidence badges name the type of study" not in page
        assert '<header class="site-header">' in page  # the rest of base.html as it was
    search = (tmp_path / "out" / "search" / "index.html").read_text()
    assert 'class="site-search"' not in search  # the search page has no second search box
    assert 'class="site-search"' in (tmp_path / "out" / "index.html").read_text()
