"""Precision, recall and speed of the wording linter (k2site.wording).

    python benchmarks/wording_eval.py [--corpora DIR] [--article FILE] [--misses]

Prints, for the `overclaim` / `uncited-claim` rules:
1. our labelled set (tests/data/wording_labelled.tsv): positive = flagged with the rule
   the row expects;
2. the PubMed causal-language corpus (Yu, Li & Wang 2019, GPL; read in place, never
   copied): every sentence is taken as a claim resting on observational evidence, and
   "flags direct causal" is scored on label 1 against labels 2 and 3. Even rows were used
   while writing the vocabulary, odd rows were held out; both halves are reported; then
   the same sentences as uncited claims (`uncited-claim`), scored the same way;
3. that corpus' unlabelled sample sentences, to show they never crash the checker;
4. the time per claim (best of several runs, so other load on the machine counts less);
5. with an article text, what the rules flag in it, paragraph by paragraph.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from k2site.lint.wording import Vocabulary, check_claim, load_vocabulary

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
PUBMED = "junwang4-causal-language-use-in-science__pubmed_causal_language_use.csv"
SAMPLE = "junwang4-causal-language-use-in-science__sample_new_sentences.csv"
LABELS = {"0": "none", "1": "direct", "2": "conditional", "3": "correlational"}


def score(pairs: list[tuple[str, str]]) -> str:
    """Precision and recall of (expected, got) outcomes; positive = flagged."""
    tp = sum(e != "ok" and g == e for e, g in pairs)
    fp = sum(g != "ok" and g != e for e, g in pairs)
    fn = sum(e != "ok" and g != e for e, g in pairs)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def outcome(text: str, group: str, vocab: Vocabulary) -> str:
    findings = check_claim(text, group, vocab)
    return findings[0].rule if findings else "ok"


def labelled_set(vocab: Vocabulary, misses: bool) -> None:
    rows = list(csv.DictReader((REPO / "tests/data/wording_labelled.tsv").open(), delimiter="\t"))
    pairs = []
    for row in rows:
        got = outcome(row["sentence"].replace("\\n", "\n"), row["group"], vocab)
        pairs.append((row["expected"], got))
        if misses and got != row["expected"]:
            print(f"  miss: expected {row['expected']}, got {got}: {row['sentence']}")
    print(f"Labelled set, {len(rows)} sentences: {score(pairs)}")
    print("  expected/got:", dict(sorted(Counter(pairs).items())))


def pubmed(corpora: Path, vocab: Vocabulary, misses: bool) -> list[str]:
    path = corpora / "causal-language" / PUBMED
    if not path.is_file():
        print(f"PubMed corpus: {path} not found, skipped")
        return []
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    flags = [outcome(r["sentence"], "observational", vocab) != "ok" for r in rows]
    labels = [LABELS[r["label"]] for r in rows]
    print(f"PubMed causal-language corpus, {len(rows)} sentences as observational claims:")
    for name, keep in (("all", lambda i: True), ("tuning half (even rows)", lambda i: i % 2 == 0),
                       ("held-out half (odd rows)", lambda i: i % 2 == 1)):
        pairs = [("overclaim" if labels[i] == "direct" else "ok", "overclaim" if flags[i] else "ok")
                 for i in range(len(rows)) if keep(i) and labels[i] != "none"]
        print(f"  label 1 vs 2+3, {name}: {score(pairs)}")
    for label in LABELS.values():
        n = labels.count(label)
        hit = sum(f for f, lab in zip(flags, labels, strict=True) if lab == label)
        print(f"  flagged among {label:13} {hit:4}/{n:4} = {hit / n:.3f}")
    # the same sentences with no citation at all: `uncited-claim` (and its prose-source
    # and benefit-size findings) must flag direct causal claims, not hedged ones
    uncited = [outcome(r["sentence"], "none", vocab) != "ok" for r in rows]
    pairs = [("overclaim" if labels[i] == "direct" else "ok", "overclaim" if uncited[i] else "ok")
             for i in range(len(rows)) if labels[i] != "none"]
    print(f"  as uncited claims, label 1 vs 2+3: {score(pairs)}; flagged among none"
          f" {sum(f for f, lab in zip(uncited, labels, strict=True) if lab == 'none')}")
    if misses:
        for row, flag, label in zip(rows, flags, labels, strict=True):
            if flag != (label == "direct") and label != "none":
                print(f"  {'fp' if flag else 'fn'} [{label}] {row['sentence'][:140]}")
    return [r["sentence"] for r in rows]


def sample(corpora: Path, vocab: Vocabulary) -> None:
    path = corpora / "causal-language" / SAMPLE
    if not path.is_file():
        print(f"Sample sentences: {path} not found, skipped")
        return
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    groups = ("observational", "none", "trial", "lab", "review")
    found = [f for r in rows for g in groups for f in check_claim(r["sentence"], g, vocab)]
    print(f"Sample sentences: {len(rows)} x {len(groups)} groups checked without error, "
          f"{len(found)} findings")


def timing(sentences: list[str], vocab: Vocabulary) -> None:
    labelled = [r["sentence"] for r in csv.DictReader(
        (REPO / "tests/data/wording_labelled.tsv").open(), delimiter="\t")]
    sets = {"labelled sentence": labelled}
    if sentences:
        sets["PubMed sentence"] = sentences
        sets["2 PubMed sentences"] = [" ".join(sentences[i:i + 2])
                                      for i in range(0, len(sentences), 2)]
        sets["3 sentences, Markdown"] = [f"- **{a}**\n  {b} [{c}](https://example.org/x)"
                                         for a, b, c in zip(*[iter(sentences)] * 3, strict=False)]
    start = time.perf_counter()
    load_vocabulary.__wrapped__()  # type: ignore[attr-defined]  # past the cache
    elapsed = 1000 * (time.perf_counter() - start)
    print(f"Timing: loading and compiling the vocabulary {elapsed:.0f} ms; checking:")
    for name, claims in sets.items():
        chars = sum(map(len, claims)) / len(claims)
        for group in ("observational", "none"):
            print(f"  {name:22} ({chars:3.0f} chars) {group:13} "
                  f"{best_time(claims, group, vocab):5.1f} us per claim")


def best_time(claims: list[str], group: str, vocab: Vocabulary, runs: int = 7) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for claim in claims:
            check_claim(claim, group, vocab)
        best = min(best, (time.perf_counter() - start) / len(claims))
    return best * 1e6


def article(path: Path, vocab: Vocabulary) -> None:
    """Each paragraph or bullet of a plain-text article: with a numeric citation "(12)" it
    is checked as observational and as review evidence, without one as uncited."""
    if not path.is_file():
        print(f"Article: {path} not found, skipped")
        return
    citation = re.compile(r"\s*\(\d+(?:\s*,\s*\d+)*\)")
    paragraphs = re.split(r"\n\s*\n|\n(?=\s*\u2022)", path.read_text(encoding="utf-8"))
    print(f"Article {path.name}:")
    for paragraph in (p.strip().lstrip("\u2022").strip() for p in paragraphs):
        text = citation.sub(lambda m: " " * len(m.group()), paragraph)
        groups = ("observational", "review") if text != paragraph else ("none",)
        for group in groups:
            for f in check_claim(text, group, vocab):
                print(f"  [{group}] {f.rule} at {f.start}: {f.phrase!r} in "
                      f"{paragraph[max(f.start - 40, 0):f.end + 40]!r}\n      {f.message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=SHARED / "corpora")
    parser.add_argument("--article", type=Path,
                        default=SHARED / "sources" / "vitamin-k2-article.txt")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    vocab = load_vocabulary()
    labelled_set(vocab, args.misses)
    sentences = pubmed(args.corpora, vocab, args.misses)
    sample(args.corpora, vocab)
    timing(sentences, vocab)
    article(args.article, vocab)
    return 0


if __name__ == "__main__":
    sys.exit(main())
