"""k2site's bibliography against `pandoc --citeproc` with the same .bib and .csl files.

Pandoc formats every entry of the file (`nocite: '@*'`); its plain-text output (`-t plain`)
is split into entries, which its HTML output of the same run names by key. Both sides are
compared as normalised text (whitespace, quotes and dashes folded), entry by entry. Every
difference is printed; the test asks for at least 98% identical entries for the AMA and
Vancouver styles, on the K2 store and on a real-world medical bibliography.

Without pandoc (or without the shared corpora) the test skips, except under CI=true.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from k2site.files.styles import STYLES_DIR
from k2site.references.bibliography import Bibliography
from k2site.references.bibtex import BibSource, parse_store
from support import need

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bib"
TARGET = 0.98
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                       "\u00a0": " ", "\u2009": " ", "\u2006": " ", "\u2005": " "})


def normalise(text: str) -> str:
    """Text of an entry with markup, number label, quotes, dashes and spacing folded."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return " ".join(text.split())


def pandoc_entries(bib: Path, csl: Path, workdir: Path) -> dict[str, str]:
    """Pandoc's bibliography as plain text per key."""
    document = workdir / "refs.md"
    document.write_text("---\nnocite: '@*'\n---\n", "utf-8")

    def run(to: str) -> str:
        command = ["pandoc", str(document), "--citeproc", f"--bibliography={bib}",
                   f"--csl={csl}", "-t", to, "--wrap=none"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    keys = [html.unescape(k) for k in re.findall(r'<div id="ref-([^"]+)"', run("html"))]
    texts = [t for t in run("plain").split("\n\n") if t.strip()]
    assert len(keys) == len(texts), "pandoc's HTML and plain outputs disagree on entry count"
    # numeric styles put the number first ("12. "); the k2site side has none
    number = re.compile(r"^\[?\d+\]?\.?(\s+|$)")
    return {k: normalise(number.sub("", t)) for k, t in zip(keys, texts, strict=True)}


def compare(bib: Path, style: str, workdir: Path) -> tuple[int, int, list[str]]:
    studies, _ = parse_store([BibSource(bib.name, bib.read_text("utf-8"))])
    bibliography = Bibliography(list(studies.values()), style)
    ours = {k: normalise(v) for k, v in bibliography.entries(list(studies)).items()}
    theirs = pandoc_entries(bib, STYLES_DIR / bibliography.style.name, workdir)
    keys = [k for k in studies if k in theirs]
    differences = [
        f"{k}\n  k2site: {ours.get(k)}\n  pandoc: {theirs[k]}"
        for k in keys
        if ours.get(k) != theirs[k]
    ]
    return len(keys) - len(differences), len(keys), differences


CASES = [
    ("k2.bib", REPO / "references" / "k2.bib"),
    ("OHDSI-TheBookOfOhdsi__book.bib", CORPORA / "OHDSI-TheBookOfOhdsi__book.bib"),
]


@pytest.mark.parametrize("style", ["american-medical-association", "vancouver"])
@pytest.mark.parametrize(("name", "bib"), CASES, ids=[name for name, _ in CASES])
def test_bibliography_matches_pandoc(name: str, bib: Path, style: str, tmp_path: Path) -> None:
    need(shutil.which("pandoc") is not None, "pandoc is not installed")
    need(bib.is_file(), f"{bib} is missing")
    same, total, differences = compare(bib, style, tmp_path)
    print(f"\n{name} / {style}: {same}/{total} entries identical ({same / total:.1%})")
    for difference in differences:
        print(difference)
    assert total >= 15, "pandoc formatted too few entries to compare"
    assert same / total >= TARGET
