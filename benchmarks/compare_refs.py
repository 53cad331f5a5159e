#!/usr/bin/env python3
"""k2site at two (or more) commits, side by side in one run: before and after a change.

Each commit runs from a `git archive` snapshot of its `src/` with the project venv's
Python, exactly as `run.py --ref` does; the builds are `run.py`'s (cold with and without
search, and warm), interleaved round by round, on the K2 site and the synthetic corpora.

    python3 benchmarks/compare_refs.py main HEAD
    python3 benchmarks/compare_refs.py main HEAD --sizes 1000/2000 --runs 5 --no-warm

Prints a Markdown table: median wall time (CPU time) of each build at each commit, and
the last commit's time over the first one's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import run  # benchmarks/run.py, beside this file

REPO = Path(__file__).resolve().parents[1]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("refs", nargs="+", help="commits to compare, oldest first")
    parser.add_argument("--sizes", default="1000/2000", help="PAGES/REFS, comma-separated "
                        "(default 1000/2000; '' for the K2 site alone)")
    parser.add_argument("--no-k2", action="store_true", help="leave out the K2 site")
    parser.add_argument("--no-warm", action="store_true", help="cold builds only")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per build (3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--cache", type=Path, default=run.cache_dir(),
                        help="corpora, snapshots and outputs (as run.py)")
    parser.add_argument("--generator", type=Path,
                        default=REPO.parent / "shared" / "bench" / "make_corpus.py")
    return parser.parse_args(argv)


def corpora(args: argparse.Namespace) -> list[run.Corpus]:
    found = []
    if not args.no_k2:
        found.append(run.Corpus(run.K2, 0, REPO, [], args.cache / "work" / "k2"))
    for size in filter(None, args.sizes.split(",")):
        pages, refs = (int(n) for n in size.split("/"))
        site = run.generated_corpus(args.cache, pages, refs, args.generator)
        found.append(run.Corpus(f"{pages:,} / {refs:,}", pages, site, [],
                                args.cache / "work" / f"{pages}-{refs}"))
    return found


def add_jobs(corpus: run.Corpus, refs: list[str], args: argparse.Namespace,
             python: Path) -> None:
    """`run.py`'s k2site builds for each commit, named `BUILD @ COMMIT`."""
    corpus.work.mkdir(parents=True, exist_ok=True)
    for ref in refs:
        k2site = run.find_k2site(argparse.Namespace(ref=ref, cache=args.cache, k2site=None),
                                 python)
        jobs = run.k2site_jobs(corpus, k2site)
        if isinstance(jobs, str):
            raise SystemExit(f"{ref}: {jobs}")
        for job in jobs:
            job.tool = f"{job.tool} @ {ref}"
        corpus.jobs += [j for j in jobs if not (args.no_warm and "warm" in j.tool)]


def table(corpora: list[run.Corpus], refs: list[str]) -> str:
    notes: list[str] = []
    lines = [f"| corpus | build | {' | '.join(refs)} | {refs[-1]} / {refs[0]} |",
             "|---" * (len(refs) + 3) + "|"]
    for corpus in corpora:
        builds = dict.fromkeys(job.tool.rsplit(" @ ", 1)[0] for job in corpus.jobs)
        for build in builds:
            got = [run.summary(corpus, f"{build} @ {ref}") for ref in refs]
            cells = " | ".join(run.cell(value, notes) for value in got)
            lines.append(f"| {corpus.name} | {build} | {cells} | {run.ratio(got[-1], got[0])} |")
    if notes:
        lines += ["", *(f"[{i}] {note}" for i, note in enumerate(notes, 1))]
    loads = ", ".join(f"{c.name} {c.load:.1f}" for c in corpora)
    return "\n".join([*lines, "", f"Highest 1-minute load average between rounds: {loads}."])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.cache = args.cache.resolve()
    python = REPO / ".venv" / "bin" / "python"
    if not python.is_file():
        print("needs the project venv (.venv)", file=sys.stderr)
        return 2
    refs = [subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", ref], check=True,
                           capture_output=True, text=True).stdout.strip() for ref in args.refs]
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    chosen = corpora(args)
    for corpus in chosen:
        add_jobs(corpus, refs, args, python)
    for corpus in chosen:
        run.run_all(corpus, args.runs, args.warmup, args.timeout)
    print(f"# k2site at {', '.join(refs)}\n\nRun {started}: median of {args.runs} after "
          f"{args.warmup} warm-up, builds interleaved; wall time (CPU time) · peak RSS.\n")
    print(run.scrub(table(chosen, refs), [REPO, args.cache]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
