"""Real-world BibTeX files (../shared/corpora/bib, see its README) load, convert and format.

Every entry either loads or gets an error diagnostic at its own line; nothing crashes.
The files are read in place and never copied into the project. Without the shared folder
these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import jsonschema
import pytest

from k2site.references.bibliography import Bibliography, csl_json
from k2site.references.bibtex import BibSource, parse_store
from k2site.references.export import bibtex_text, ris_text
from support import need

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bib"
SCHEMA = Path(__file__).parent / "data" / "csl-data.json"
FILES = sorted(CORPORA.glob("*.bib")) if CORPORA.is_dir() else []
# The README's tolerant scan: `@type{` or `@type(`, indented or glued to a previous `}`.
ENTRY_START = re.compile(r"^[ \t]*}?[ \t]*@[ \t]*([A-Za-z_]+)[ \t]*[{(]", re.M)
NOT_ENTRIES = {"string", "comment", "preamble"}


def _corpus_files() -> list[Path]:
    need(bool(FILES), f"the real-world BibTeX corpora are missing ({CORPORA})")
    return FILES


def _entry_lines(text: str) -> list[int]:
    return [
        text.count("\n", 0, match.start()) + 1
        for match in ENTRY_START.finditer(text)
        if match.group(1).lower() not in NOT_ENTRIES
    ]


@pytest.mark.parametrize("name", [p.name for p in FILES] or ["(corpora missing)"])
def test_every_entry_loads_or_has_a_positioned_diagnostic(name: str) -> None:
    path = next(p for p in _corpus_files() if p.name == name)
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    studies, diagnostics = parse_store([BibSource(path.name, text)])
    seconds = time.perf_counter() - started
    loaded = {study.line for study in studies.values()}
    reported = {d.line for d in diagnostics if d.severity == "error"}
    unexplained = [line for line in _entry_lines(text) if line not in loaded | reported]
    assert not unexplained, f"entries neither loaded nor reported, at lines {unexplained[:10]}"
    assert all(d.path == path.name and d.line >= 1 for d in diagnostics)
    per_thousand = 1000 * seconds / max(1, len(studies))
    print(f"\n{name}: {len(studies)} entries loaded in {seconds:.2f} s"
          f" ({per_thousand:.2f} s per 1,000 entries), {len(reported)} entries reported")


def test_csl_json_of_every_corpus_is_schema_valid() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    for path in _corpus_files():
        studies, _ = parse_store([BibSource(path.name, path.read_text(encoding="utf-8"))])
        items = csl_json(list(studies.values()))
        plain = [{k: v for k, v in i.items() if k not in ("evidence", "verification")}
                 for i in items]
        jsonschema.validate(plain, schema)
        ris_text(list(studies.values()))
        reloaded, _ = parse_store([BibSource("export.bib", bibtex_text(list(studies.values())))])
        assert set(reloaded) == set(studies), path.name


@pytest.mark.slow
@pytest.mark.parametrize(("style", "max_entries"), [("american-medical-association", None),
                                                   ("apa", 1000)])
def test_every_corpus_entry_formats(style: str, max_entries: int | None) -> None:
    for path in _corpus_files():
        studies, _ = parse_store([BibSource(path.name, path.read_text(encoding="utf-8"))])
        if max_entries and len(studies) > max_entries:
            continue  # the author-date run covers the smaller files, to keep the test short
        bibliography = Bibliography(list(studies.values()), style)
        entries = bibliography.entries(list(studies))
        assert set(entries) == set(studies), path.name
        if not bibliography.numeric:
            assert sorted(bibliography.sort_keys(list(studies))) == sorted(studies)
