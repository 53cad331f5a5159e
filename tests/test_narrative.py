"""Narrative `@key` and author-suppressed `[-@key]` citations rendered as `pandoc
--citeproc` renders them with the same style file and store."""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from k2site.content.page import parse_page
from k2site.files.styles import STYLES_DIR
from k2site.model.document import SiteConfig, Study
from k2site.model.site import resolve
from k2site.references.bibliography import Bibliography
from k2site.references.bibtex import BibSource, merge_files, parse_file
from k2site.render.body import Badges, CitationHtml, body_html
from k2site.render.templates import template_env
from support import REPO, need

SECOND = Path(__file__).parent / "sites" / "second" / "references"
#: Pandoc gives these two 2007a and 2007b, a year suffix that needs the whole bibliography;
#: k2site formats a label one entry at a time, so both are 2007 (the CSL exactness work).
YEAR_SUFFIXES = {"masterjohn2007", "masterjohn2007b"}


def _store(paths: list[Path]) -> dict[str, Study]:
    studies, _ = merge_files([parse_file(BibSource(p.name, p.read_text())) for p in paths])
    return studies


def _rendered(text: str, paths: list[Path], style: str) -> str:
    """A page's body with its citations filled in, as plain text."""
    studies = _store(paths)
    page, _ = parse_page("content/n.md", f"---\ntitle: N\n---\n{text}\n")
    assert page is not None
    site, _ = resolve(SiteConfig(title="N", base_url="https://e.org/"), [page], studies)
    badges = Badges(template_env({}))
    html = CitationHtml(site, Bibliography(list(studies.values()), style), badges, "../")
    body = str(body_html(site, page, html))
    # the claim's badge and the line after it (what stands behind it) are not its text
    body = re.sub(r' ?<span class="claim-evidence" .*?</span></span>', "", body)
    plain = re.sub(r"<[^>]+>", "", re.sub(r'<a class="badge.*?</a>', "", body))
    return html_module.unescape(plain).strip()


def _pandoc(text: str, paths: list[Path], style: str) -> str:
    need(shutil.which("pandoc") is not None, "pandoc is not installed")
    args = ["pandoc", "--citeproc", "--csl", str(STYLES_DIR / f"{style}.csl"), "-t", "plain",
            "--wrap=none", *(f"--bibliography={p}" for p in paths)]
    out = subprocess.run(args, input=text, capture_output=True, text=True, check=True)
    return out.stdout.split("\n\n")[0].strip()


def test_numeric_narrative_citations_show_the_number_alone_as_pandoc_does() -> None:
    text = "@gencer2021 found a rise, as did others [-@gencer2021]."
    paths = sorted(SECOND.glob("*.bib"))
    assert _rendered(text, paths, "american-medical-association") == \
        "[1] found a rise, as did others [1]."
    assert _pandoc(text, paths, "american-medical-association") == \
        "¹ found a rise, as did others¹."


@pytest.mark.parametrize("paths", [sorted(SECOND.glob("*.bib")),
                                   [REPO / "references" / "k2.bib"]], ids=["second", "k2"])
def test_author_date_narrative_citations_match_pandoc(paths: list[Path]) -> None:
    keys = [k for k in _store(paths) if k not in YEAR_SUFFIXES]
    for template in ("@{} found it.", "@{} [p. 12] found it.", "It was found [-@{}].",
                     "It was found [-@{}, p. 3; see @{}]."):
        text = "\n\n".join(template.replace("{}", key) for key in keys)
        mine = _rendered(text, paths, "apa").split("\n")
        theirs = _pandoc_paragraphs(text, paths)
        assert [m.strip() for m in mine if m.strip()] == theirs, template


def _pandoc_paragraphs(text: str, paths: list[Path]) -> list[str]:
    need(shutil.which("pandoc") is not None, "pandoc is not installed")
    args = ["pandoc", "--citeproc", "--csl", str(STYLES_DIR / "apa.csl"), "-t", "plain",
            "--wrap=none", "--metadata", "suppress-bibliography=true",
            *(f"--bibliography={p}" for p in paths)]
    out = subprocess.run(args, input=text, capture_output=True, text=True, check=True)
    return [p.strip() for p in out.stdout.split("\n\n") if p.strip()]
