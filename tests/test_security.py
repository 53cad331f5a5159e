"""Hostile input never reaches a page as live script; template mistakes are diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import run

SITE_YAML = "title: T\nbase_url: https://example.org/\n"
HOSTILE_BIB = """@article{evil2020,
  author = {<script>alert(1)</script> Evil, Eve},
  title = {A title with <img src=x onerror=alert(1)> in it},
  journal = {Journal},
  year = {2020},
  url = {javascript:alert(1)},
  doi = {10.1000/"><script>alert(2)</script>},
  note = {<b onmouseover=alert(3)>note</b>},
  retraction = {Correction: 10.1000/"><script>alert(8)</script>},
  registration = {NCT"><script>alert(9)</script>},
  evidence = {rct}
}
"""
HOSTILE_PAGE = """---
title: "<script>alert(4)</script>"
summary: "<img src=x onerror=alert(5)>"
---
Text <script>alert(6)</script> and [a link](javascript:alert(7)) [@evil2020].

<iframe src="https://evil.example/"></iframe>
"""


def _site(root: Path, templates: dict[str, str] | None = None) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "references").mkdir()
    (root / "site.yaml").write_text(SITE_YAML)
    (root / "references" / "refs.bib").write_text(HOSTILE_BIB)
    (root / "content" / "page.md").write_text(HOSTILE_PAGE)
    for name, text in (templates or {}).items():
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / name).write_text(text)
    return root


def test_no_live_script_from_content_or_references(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run(["build", str(_site(tmp_path / "site")), "-o", str(out), "--no-search"],
               capsys)[0] == 0
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert "<script>alert" not in text, page
        assert 'href="javascript:' not in text and "href='javascript:" not in text, page
        assert "<img src=x" not in text and "<iframe" not in text, page
        assert "onmouseover=alert" not in text.replace("&lt;b onmouseover", ""), page


def test_misspelt_template_variable_is_an_error_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path / "site",
                 {"404.html": "{% extends 'base.html' %}\n{% block main %}\n{{ sitee.title }}\n"
                              "{% endblock %}\n"})
    out = tmp_path / "out"
    code, _, err = run(["build", str(site), "-o", str(out), "--no-search"], capsys)
    assert code == 1
    assert "templates/404.html:3:1: error: template error: 'sitee' is undefined [template]" in err
    assert not out.exists()


@pytest.mark.parametrize("attack", [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(site) }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
])
def test_a_site_template_cannot_run_code(tmp_path: Path, attack: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Templates are rendered in Jinja's sandbox: a template from a pull request can show
    the values it is given, not reach Python's internals to run commands (issue 18)."""
    marker = tmp_path / "pwned"
    body = attack.replace("MARKER", str(marker))
    site = _site(tmp_path / "site",
                 {"404.html": "{% extends 'base.html' %}\n{% block main %}\n" + body
                              + "\n{% endblock %}\n"})
    code, _, err = run(["build", str(site), "-o", str(tmp_path / "out"), "--no-search"],
                       capsys)
    assert code == 1 and not marker.exists()
    assert "templates/404.html:3:1: error: template error:" in err and "unsafe" in err, err
    assert "Traceback" not in err and not (tmp_path / "out").exists()
