#!/usr/bin/env python3
"""Load time of the BibTeX store per 1,000 entries, for each real-world corpus file (issue 6).

Reads `../shared/corpora/bib/*.bib` (or the .bib files given) with k2site's loader, with the
LaTeX decoder's caches emptied before each file, and prints a Markdown table: entries
loaded, entries reported (syntax errors, duplicate keys), load time and time per 1,000
entries (median of --runs), as wall-clock time and as CPU time (the steadier figure on a
busy machine). With --format STYLE it also times the CSL conversion and the formatting of
every entry with that bundled style.

    python3 benchmarks/bib_load.py
    python3 benchmarks/bib_load.py --runs 5 --format american-medical-association
    python3 benchmarks/bib_load.py references/k2.bib /tmp/bench1000/references/refs.bib
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from k2site.references import bibliography, latex
from k2site.references.bibtex import BibSource, parse_store

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bib"


def load_seconds(path: Path, runs: int) -> tuple[float, float, int, int]:
    """Median wall and CPU load time of one file, with the entries loaded and reported."""
    text = path.read_text(encoding="utf-8")
    walls, cpus = [], []
    for _ in range(runs):
        latex.decode.cache_clear()  # a first build: nothing decoded yet
        latex.runs.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        studies, diagnostics = parse_store([BibSource(path.name, text)])
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    reported = len({d.line for d in diagnostics if d.severity == "error"})
    return statistics.median(walls), statistics.median(cpus), len(studies), reported


def format_seconds(path: Path, style: str) -> tuple[float, float]:
    """Wall and CPU time to convert and format every entry of one file."""
    studies, _ = parse_store([BibSource(path.name, path.read_text(encoding="utf-8"))])
    # a new Bibliography has a reference cache of its own, empty: rendering is measured
    wall, cpu = time.perf_counter(), time.process_time()
    bibliography.Bibliography(list(studies.values()), style).entries(list(studies))
    return time.perf_counter() - wall, time.process_time() - cpu


def _per_thousand(seconds: float, entries: int) -> str:
    return f"{1000 * seconds / max(1, entries):.2f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the shared corpora")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", metavar="STYLE", help="also time formatting every entry")
    args = parser.parse_args(argv)
    files = args.files or sorted(CORPORA.glob("*.bib"))
    if not files:
        print(f"no .bib files given and none in {CORPORA}", file=sys.stderr)
        return 2
    header = "| file | entries | reported | load s | load s per 1,000 (CPU) |"
    print(header + (" format s | format s per 1,000 (CPU) |" if args.format else ""))
    print("|---" * (7 if args.format else 5) + "|")
    for path in files:
        wall, cpu, loaded, reported = load_seconds(path, args.runs)
        row = f"| {path.name} | {loaded} | {reported} | {wall:.2f} | "
        row += f"{_per_thousand(wall, loaded)} ({_per_thousand(cpu, loaded)}) |"
        if args.format:
            wall, cpu = format_seconds(path, args.format)
            row += f" {wall:.2f} | {_per_thousand(wall, loaded)} ({_per_thousand(cpu, loaded)}) |"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
