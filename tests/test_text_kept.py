"""No text vanishes: every word of every source paragraph is in the built page, on the
K2 site, the second site and a page of deep nesting (markdown-it's CommonMark preset
dropped a list nested 10 deep and everything after it, without a message)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from k2site.cli import main
from support import REPO, copy_site

SECOND = Path(__file__).parent / "sites" / "second"
# What a reader never sees as words: citations (they become numbers or names), link
# targets, comments, and the fence and attribute lines of claim divs.
_HIDDEN = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|@\{?[\w:./-]+\}?|\]\([^)]*\)|<!--.*?-->"
                     r"|^:::.*$|https?://\S+", re.S | re.M)
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]*>")


def _paragraphs(page: Path) -> tuple[str, list[str]]:
    """The slug a page is built under, and its body's paragraphs."""
    text = page.read_text()
    front, body = text.split("\n---\n", 1)
    slug = re.search(r"^slug:\s*(\S+)", front, re.M)
    return (slug.group(1) if slug else page.stem), re.split(r"\n\s*\n", body)


def _missing_words(site: Path, out: Path) -> list[str]:
    missing = []
    for page in sorted((site / "content").glob("*.md")):
        if re.search(r"^draft:\s*true", page.read_text(), re.M):
            continue
        slug, paragraphs = _paragraphs(page)
        shown = html.unescape(_TAG.sub(" ", (out / slug / "index.html").read_text()))
        words = {w.lower() for w in _WORD.findall(shown)}
        for paragraph in paragraphs:
            lost = [w for w in _WORD.findall(_HIDDEN.sub(" ", paragraph))
                    if w.lower() not in words]
            missing += [f"{page.name}: {w!r} in {paragraph[:60]!r}" for w in lost]
    return missing


def test_every_word_of_the_k2_site_is_shown(k2_build: Path) -> None:
    assert _missing_words(REPO, k2_build) == []


def test_every_word_of_the_second_site_is_shown(tmp_path: Path) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    assert main(["build", str(site), "-o", str(tmp_path / "out")]) == 0
    assert _missing_words(site, tmp_path / "out") == []


@pytest.mark.parametrize("depth", [10, 30, 49])
def test_every_word_of_a_deeply_nested_page_is_shown(depth: int, tmp_path: Path) -> None:
    site = copy_site(SECOND, tmp_path / "site")
    items = "\n".join("  " * i + f"- level{'abcdefghij'[i % 10]} item" for i in range(depth))
    quotes = "\n".join("> " * (i + 1) + "quoted words" for i in range(depth))
    page = site / "content" / "deep.md"
    page.write_text(f"---\ntitle: Deep\norder: 9\n---\nBefore the list.\n\n{items}\n\n"
                    f"Words after the list, with a citation [@gencer2021].\n\n{quotes}\n\n"
                    "The closing paragraph.\n")
    assert main(["build", str(site), "-o", str(tmp_path / "out")]) == 0
    assert _missing_words(site, tmp_path / "out") == []
    shown = (tmp_path / "out" / "deep" / "index.html").read_text()
    assert "The closing paragraph." in shown and shown.count("quoted words") == depth
