"""Hostile and odd input: does 10x the input cost about 10x the time?

Each case is a page body that grows with n. The script builds a one-page site around it,
times k2site's pipeline up to rendering (load, parse, resolve, lint, render: everything a
build does but writing files and indexing them for search) at n and at 10n, and prints
the ratio of the two times less the time of the same site with an empty page (the fixed
cost of a build, printed first). A linear scanner gives about 10; a quadratic one 100.
Each figure is CPU time (of k2site and any worker it forks), the least of --runs runs:
on a shared machine, wall time measures the neighbours as much as the code.

    .venv/bin/python benchmarks/hostile.py                      # every case
    .venv/bin/python benchmarks/hostile.py --scale 0.2 unclosed repeated
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from k2site.pipeline.run import render

SITE = "title: Hostile\nbase_url: https://example.org/\n"
BIB = "@article{a,\n  author = {Smith, Jane},\n  title = {A trial},\n  year = {2020},\n" \
      "  evidence = {cohort}\n}\n"  # observational, so that its claims' wording is checked

#: name -> (what it is, the smaller n, page body for size n); each n is large enough for
#: its case to cost well over the fixed cost of a build, so that the ratio means something.
CASES: dict[str, tuple[str, int, Callable[[int], str]]] = {
    "unclosed": ("n unclosed `[@`", 5_000, lambda n: "[@" * n),
    "brackets": ("n `[`", 10_000, lambda n: "[" * n),
    "closed-late": ("n `[` and one `]` at the end", 10_000, lambda n: "[" * n + "@a]"),
    "nested-groups": ("n nested groups that are not citations", 5_000,
                      lambda n: "[ " * n + "@a; x" + " ]" * n),
    "ignore-spaces": ("an ignore comment, then n spaces", 200_000,
                      lambda n: "<!-- k2site: ignore" + " " * n),
    "ignore-spaces-closed": ("an ignore comment of n spaces, closed", 200_000,
                             lambda n: "Text. <!-- k2site: ignore" + " " * n + "x -->"),
    "comment-openers": ("n `<!--` and one `-->`", 20_000, lambda n: "<!--" * n + " -->"),
    "repeated": ("one cited sentence, n times", 1_000,
                 lambda n: "Vitamin K2 lowers the risk of fractures [@a].\n\n" * n),
    "repeated-items": ("one cited list item, n times", 1_000,
                       lambda n: "- Vitamin K2 lowers the risk of fractures [@a].\n" * n),
    "narrative": ("n narrative citations in one paragraph", 5_000,
                  lambda n: "@a found it; " * n),
    "narrative-locators": ("n narrative citations, each with an unclosed `[`", 2_000,
                           lambda n: "@a [p. 1 " * n),
    "at-signs": ("n `@` in one word", 100_000, lambda n: "x" + "@" * n),
    "braces": ("n `@{` without a close", 50_000, lambda n: "@{" * n),
    "claim-openers": ("n claim div openers, never closed", 1_000,
                      lambda n: "::: {.claim #c}\nText [@a].\n" * n),
    "long-word": ("one word of n letters in a cited claim", 200_000,
                  lambda n: "Vitamin " + "k" * n + " prevents it [@a]."),
    "tag-openers": ("n unclosed `<a` in a cited claim", 50_000,
                    lambda n: "Cures it [@a] " + "<a " * n),
    "link-ends": ("n `](` in a cited claim", 20_000, lambda n: "Cures it [@a] " + "](x " * n),
    "sentences": ("n sentences in one cited claim", 20_000,
                  lambda n: "K2 may prevent fractures. " * n + "[@a]"),
    "hedges": ("n hedges and negations in one cited claim", 20_000,
               lambda n: "it does not prevent, may not cure, " * n + "[@a]"),
    "phrases": ("n causal phrases in one cited sentence", 2_000,
                lambda n: "Vitamin K2 " + "helps prevent " * n + "fractures [@a]."),
    "stops": ("n full stops in one cited claim", 50_000, lambda n: "Cures" + "." * n + "x [@a]"),
}


def cpu_seconds() -> float:
    """CPU time used so far by this process and its waited-for children."""
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_case(body: str, runs: int) -> float:
    """Least CPU time of `runs` runs of the pipeline up to rendering, each on a new site."""
    best = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="k2site-hostile-") as folder:
            root = Path(folder)
            (root / "content").mkdir()
            (root / "references").mkdir()
            (root / "site.yaml").write_text(SITE)
            (root / "references" / "refs.bib").write_text(BIB)
            (root / "content" / "page.md").write_text(f"---\ntitle: Page\n---\n{body}\n")
            start = cpu_seconds()
            render(root)
            best = min(best, cpu_seconds() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply each case's n by this (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--max-ratio", type=float, default=0.0,
                        help="exit 1 when a ratio is above this (default: never)")
    args = parser.parse_args(argv)
    names = args.cases or list(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; the cases are: {', '.join(CASES)}")
    time_case("", 1)  # imports, parsed styles and compiled templates: not part of a case
    base = time_case("", args.runs)
    print(f"Fixed cost (a site with an empty page): {base:.3f} s of CPU time\n")
    print("| case | input | n | time at n | time at 10n | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for name in names:
        what, size, make = CASES[name]
        n = max(1, round(size * args.scale))
        small, large = (time_case(make(count), args.runs) for count in (n, 10 * n))
        ratio = max(large - base, 1e-3) / max(small - base, 1e-3)
        worst = max(worst, ratio)
        print(f"| {name} | {what} | {n:,} | {small:.3f} s | {large:.3f} s | {ratio:.1f}x |",
              flush=True)
    return 1 if args.max_ratio and worst > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
