#!/usr/bin/env python3
"""Benchmark k2site against Hugo, Pelican, MkDocs and Pandoc+citeproc on the same Markdown.

Generates synthetic sites with the shared generator (`shared/bench/make_corpus.py`), gives
every tool the same pages, runs each tool several times interleaved in one run, and prints
a Markdown table of medians, ratios and peak memory (issue 5). Standard library only;
Pelican and MkDocs are installed with pip into their own virtual environments in a cache
folder on first use. A tool that is missing is reported as "n/a" with the reason.

    python3 benchmarks/run.py                      # 10/65, 100/500, 1000/2000 and the K2 site
    python3 benchmarks/run.py --full --out benchmarks/RESULTS.md
    python3 benchmarks/run.py --sizes 1000/2000 --runs 5 --skip-anchors

Every measurement is one fresh process: wall time from spawn to exit and the peak resident
memory of its whole process tree (`os.wait4`, which is `getrusage(RUSAGE_CHILDREN)` for
that one child). The output folder is deleted before each run, outside the timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = ((10, 65), (100, 500), (1000, 2000))
FULL_SIZE = (10000, 10000)
K2 = "K2 site"
IMPORT_DEPS = "import jinja2, markdown_it, yaml, bibtexparser"
TOOLS = ("k2site", "k2site --no-search", "k2site, warm cache", "Hugo", "Pelican", "MkDocs",
         "Pandoc")
ANCHORS = ("Hugo", "Pelican", "MkDocs")
CACHE_FOLDER = "k2site-cache"
"""k2site's cache (K2SITE_CACHE_DIR), beside each corpus: deleted before every cold build,
with the SITE/.k2site-cache that a --ref older than the cache's move would write."""
PIP_PACKAGES = {"pelican": ["pelican", "markdown"], "mkdocs": ["mkdocs"]}


@dataclass
class Sample:
    """One measured process run."""

    seconds: float
    cpu: float
    """User + system seconds of the process and its children."""
    rss_mb: float
    error: str = ""
    """Why the run failed ("" when it exited 0)."""


@dataclass
class Job:
    """One command to time; tools measured page by page have several jobs per tool."""

    tool: str
    argv: list[str]
    cwd: Path
    clear: list[Path] = field(default_factory=list)
    """Folders deleted before each run (outputs, caches): every run starts cold."""
    env: dict[str, str] | None = None
    mem_limit: int = 0
    """Address-space limit in bytes (0: none), so a runaway build fails instead of swapping
    out the machine."""
    samples: list[Sample] = field(default_factory=list)
    setup: list[str] | None = None
    """Run untimed before each timed run (after `clear`), to leave a known state."""


@dataclass
class Corpus:
    """A site folder and what was measured on it."""

    name: str
    pages: int
    site: Path
    bibs: list[Path]
    work: Path
    jobs: list[Job] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    """Tool name -> why it was not run."""
    load: float = 0.0
    """Highest 1-minute load average seen between rounds: other work on the machine."""
    how: dict[str, str] = field(default_factory=dict)
    """Tool -> when and with which settings it was measured."""

    def tools_json(self) -> dict[str, dict[str, Any]]:
        """What was measured of each tool in this run (or why it was not)."""
        tools: dict[str, dict[str, Any]] = {}
        for tool, reason in self.missing.items():
            tools[tool] = {"how": self.how.get(tool, ""), "missing": reason}
        for job in self.jobs:
            entry = tools.setdefault(job.tool, {"how": self.how[job.tool], "samples": []})
            entry["samples"] += [[s.seconds, s.cpu, s.rss_mb, s.error] for s in job.samples]
        return tools

    def add_saved(self, tools: dict[str, dict[str, Any]]) -> None:
        """Fill in the tools this run did not measure from a saved earlier run."""
        have = {job.tool for job in self.jobs} | set(self.missing)
        for tool, entry in tools.items():
            if tool in have:
                continue
            self.how[tool] = entry["how"]
            if "missing" in entry:
                self.missing[tool] = entry["missing"]
            else:
                samples = [Sample(*s) for s in entry["samples"]]
                self.jobs.append(Job(tool, [], Path(), samples=samples))


# -- measuring --------------------------------------------------------------------------


def measure(argv: Sequence[str], cwd: Path, log: Path, timeout: float,
            env: dict[str, str] | None = None, mem_limit: int = 0) -> Sample:
    """Run argv once: wall seconds, CPU seconds and peak RSS (MB) of its process tree."""
    with open(log, "wb") as stream:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stream,
                                    stderr=subprocess.STDOUT, start_new_session=True, env=env,
                                    preexec_fn=_limit(mem_limit) if mem_limit else None)
        except OSError as exc:
            return Sample(0.0, 0.0, 0.0, f"cannot start: {exc.strerror}")
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    error = ""
    if seconds >= timeout:
        error = f"timed out after {timeout:.0f} s"
    elif code != 0:
        error = f"exit {code}: {_error_line(log)}"
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, error)


def _limit(limit: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _error_line(log: Path) -> str:
    """The first line that reports an error, else the last line."""
    lines = [ln for ln in log.read_text("utf-8", "replace").splitlines() if ln.strip()]
    errors = [ln for ln in lines if re.search(r"\berror\b|Error\b", ln)]
    return (errors or lines or ["no output"])[0 if errors else -1][:200]


def run_all(corpus: Corpus, runs: int, warmup: int, timeout: float) -> None:
    """Each job runs warmup + runs times; the order rotates each round (interleaving)."""
    jobs = corpus.jobs
    for round_ in range(warmup + runs):
        shift = round_ % len(jobs) if jobs else 0
        for job in jobs[shift:] + jobs[:shift]:
            if job.samples and job.samples[-1].error:
                continue  # failed once: do not wait for it again
            for folder in job.clear:
                shutil.rmtree(folder, ignore_errors=True)
            if job.setup:
                subprocess.run(job.setup, cwd=job.cwd, env=job.env, check=False,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            sample = measure(job.argv, job.cwd, corpus.work / "last.log", timeout, job.env,
                             job.mem_limit)
            if round_ >= warmup or sample.error:
                job.samples.append(sample)
        corpus.load = max(corpus.load, os.getloadavg()[0])
        print(f"  {corpus.name}: round {round_ + 1}/{warmup + runs} done", file=sys.stderr)


# -- corpora and tool inputs ----------------------------------------------------------------


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or "/tmp"
    return Path(base) / "k2site-bench"


def generated_corpus(root: Path, pages: int, refs: int, generator: Path) -> Path:
    """The synthetic site for pages/refs, generated once and reused between runs."""
    site = root / "corpora" / f"{pages}-{refs}"
    if not (site / "site.yaml").is_file():
        partial = site.with_name(site.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        print(f"generating {pages}/{refs} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(generator), str(partial), "--pages", str(pages),
                        "--refs", str(refs)], check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(site, ignore_errors=True)
        partial.rename(site)
    if not (site / UNIQUE_MARK).is_file():
        unique_claim_ids(site)
        (site / UNIQUE_MARK).write_text("claim ids made unique across the site\n", "utf-8")
    return site


UNIQUE_MARK = ".claim-ids-unique"
CLAIM_FENCE = re.compile(r"^(::: \{\.claim #)([^\s}]+)", re.MULTILINE)


def unique_claim_ids(site: Path) -> None:
    """Suffix repeated claim ids with their page's number.

    The generator keeps claim ids unique within a page only; SPEC §2 wants them unique
    across the site, and k2site rejects a site that repeats one. Every tool reads the
    rewritten pages, so the comparison stays fair.
    """
    seen: set[str] = set()
    for page in sorted((site / "content").glob("*.md")):
        text = page.read_text("utf-8")

        def renamed(match: re.Match[str], number: str = page.stem.rsplit("-", 1)[-1]) -> str:
            claim_id = match.group(2)
            if claim_id in seen:
                claim_id = f"{claim_id}-p{number}"
            seen.add(claim_id)
            return match.group(1) + claim_id

        new = CLAIM_FENCE.sub(renamed, text)
        if new != text:
            page.write_text(new, "utf-8")


HUGO_SINGLE = ("<!doctype html><html><head><title>{{ .Title }}</title></head>"
               "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
HUGO_LIST = ("<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>"
             "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
             "{{ end }}</ul></body></html>\n")


def hugo_job(corpus: Corpus) -> Job | str:
    hugo = shutil.which("hugo")
    if hugo is None:
        return "hugo not found on PATH (Debian package `hugo`)"
    site = corpus.work / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "config.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Benchmark"\n'
        f"contentDir = {json.dumps(str(corpus.site / 'content'))}\n"
        'disableKinds = ["taxonomy", "term"]\n', "utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, "utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, "utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_LIST, "utf-8")
    out = corpus.work / "out-hugo"
    return Job("Hugo", [hugo, "--quiet", "-d", str(out)], site, [out])


def pelican_job(corpus: Corpus, venvs: Path) -> Job | str:
    pelican = venv_tool(venvs, "pelican")
    if isinstance(pelican, str):
        return pelican
    conf = corpus.work / "pelicanconf.py"
    conf.write_text(
        'SITENAME = "Benchmark"\nSITEURL = ""\n'
        f"PATH = {json.dumps(str(corpus.site / 'content'))}\n"
        'TIMEZONE = "UTC"\nDEFAULT_DATE = (2026, 1, 15)\nDEFAULT_LANG = "en"\n'
        'SLUGIFY_SOURCE = "basename"\nDEFAULT_PAGINATION = False\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n", "utf-8")
    out = corpus.work / "out-pelican"
    return Job("Pelican", [pelican, "-s", str(conf), "-o", str(out), "-q"], corpus.work,
               [out])


def mkdocs_job(corpus: Corpus, venvs: Path) -> Job | str:
    mkdocs = venv_tool(venvs, "mkdocs")
    if isinstance(mkdocs, str):
        return mkdocs
    out = corpus.work / "out-mkdocs"
    conf = corpus.work / "mkdocs.yml"
    conf.write_text(
        "site_name: Benchmark\nsite_url: https://example.org/\n"
        f"docs_dir: {json.dumps(str(corpus.site / 'content'))}\n"
        f"site_dir: {json.dumps(str(out))}\n", "utf-8")
    return Job("MkDocs", [mkdocs, "build", "-q", "-f", str(conf)], corpus.work, [out])


def pandoc_jobs(corpus: Corpus, sample: int) -> list[Job] | str:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return "pandoc not found on PATH (Debian package `pandoc`)"
    pages = sorted((corpus.site / "content").glob("*.md"))
    step = max(1, len(pages) // sample)
    bibs = [arg for bib in corpus.bibs for arg in ("--bibliography", str(bib))]
    out = corpus.work / "out-pandoc.html"
    return [Job("Pandoc", [pandoc, "--citeproc", *bibs, "-s", str(page), "-o", str(out)],
                corpus.work) for page in pages[::step][:sample]]


def venv_tool(venvs: Path, name: str) -> Path | str:
    """The tool's executable in its own venv, created with pip on first use."""
    exe = venvs / name / "bin" / name
    if exe.is_file():
        return exe
    print(f"installing {name} into its own venv ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venvs / name)], check=True,
                       capture_output=True)
        subprocess.run([str(venvs / name / "bin" / "pip"), "install", "-q",
                        *PIP_PACKAGES[name]], check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(venvs / name, ignore_errors=True)
        tail = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        return f"pip install {' '.join(PIP_PACKAGES[name])} failed: {tail[0][:120]}"
    return exe if exe.is_file() else f"{name} not found after pip install"


@dataclass
class K2site:
    """How to start k2site: its command, and the environment for a source snapshot."""

    argv: list[str]
    env: dict[str, str] | None = None
    mem_limit: int = 0


def k2site_jobs(corpus: Corpus, k2site: K2site | str) -> list[Job] | str:
    """Cold builds with and without search, and a rebuild of the same content that finds
    the cache an untimed build with search has just left (what `build` finds locally)."""
    if isinstance(k2site, str):
        return k2site
    cache = corpus.work / CACHE_FOLDER
    env = {**(k2site.env or os.environ), "K2SITE_CACHE_DIR": str(cache)}
    jobs = []
    for tool, extra, cold in (("k2site", [], True), ("k2site --no-search", ["--no-search"], True),
                              ("k2site, warm cache", [], False)):
        out = corpus.work / ("out-" + re.sub(r"\W+", "-", tool))
        build = [*k2site.argv, "build", str(corpus.site), "-o", str(out)]
        clear = [out, cache, corpus.site / ".k2site-cache"] if cold else [out]
        jobs.append(Job(tool, [*build, *extra], corpus.work, clear, env, k2site.mem_limit,
                        setup=None if cold else [*build[:-1], str(out) + "-setup"]))
    return jobs


def installed(python: Path, src: Path, env: dict[str, str]) -> None:
    """k2site's source made what `pip install` makes of it: the theme's templates compiled
    by Jinja (where that version of k2site does it) and every module byte-compiled, so that
    no run pays for either (the anchors' packages are compiled by pip, and
    PYTHONDONTWRITEBYTECODE would otherwise keep every run compiling k2site's again)."""
    if (src / "k2site" / "render" / "compiled_theme.py").is_file():
        subprocess.run([str(python), "-m", "k2site.render.compiled_theme"], env=env,
                       check=True, capture_output=True)
    subprocess.run([str(python), "-m", "compileall", "-q", str(src)], check=True)


def find_k2site(args: argparse.Namespace, python: Path | None) -> K2site | str:
    """The project venv's k2site, or one run from a `git archive` snapshot of --ref."""
    if args.ref:
        if python is None:
            return "--ref needs the project venv's Python"
        snapshot = args.cache / "src" / args.ref.replace("/", "_")
        shutil.rmtree(snapshot, ignore_errors=True)
        snapshot.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.ref, "src"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            return f"git archive {args.ref} failed: {archive.stderr.decode().strip()}"
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": str(snapshot / "src")}
        installed(python, snapshot / "src", env)
        return K2site([str(python), "-m", "k2site"], env)
    if args.k2site:
        return K2site([str(args.k2site)])
    if python is not None:
        installed(python, REPO / "src", dict(os.environ))
    found = REPO / ".venv" / "bin" / "k2site"
    which = str(found) if found.is_file() else shutil.which("k2site")
    if which is None:
        return "k2site not found (expected .venv/bin/k2site in the repository)"
    return K2site([which])


def prepare(corpus: Corpus, args: argparse.Namespace, k2site: K2site | str) -> None:
    corpus.work.mkdir(parents=True, exist_ok=True)
    makers: list[tuple[str, Callable[[], Job | list[Job] | str]]] = [
        ("k2site", lambda: k2site_jobs(corpus, k2site))]
    if not args.skip_anchors:
        venvs = args.cache / "venvs"
        makers += [("Hugo", lambda: hugo_job(corpus)),
                   ("Pelican", lambda: pelican_job(corpus, venvs)),
                   ("MkDocs", lambda: mkdocs_job(corpus, venvs)),
                   ("Pandoc", lambda: pandoc_jobs(corpus, args.pandoc_pages))]
    for tool, make in makers:
        made = make()
        if isinstance(made, str):
            corpus.missing[tool] = made
        else:
            corpus.jobs += made if isinstance(made, list) else [made]
    if args.tools:
        # "k2site, warm cache" holds a comma: only a comma without a space separates
        chosen = {t.strip().lower() for t in re.split(r",(?!\s)", args.tools)}
        corpus.jobs = [j for j in corpus.jobs if j.tool.lower() in chosen]
        corpus.missing = {t: r for t, r in corpus.missing.items() if t.lower() in chosen}


def k2_import_jobs(corpus: Corpus, python: Path | None) -> None:
    """The bare import of k2site's main dependencies, and an empty interpreter, for scale."""
    if python is None:
        corpus.missing["import"] = "no Python in the project venv"
        return
    corpus.jobs += [Job("bare import", [str(python), "-c", IMPORT_DEPS], corpus.work),
                    Job("python -c pass", [str(python), "-c", "pass"], corpus.work)]


# -- summary and table --------------------------------------------------------------------


def summary(corpus: Corpus, tool: str) -> tuple[float, float, float] | str:
    """(median wall seconds, median CPU seconds, peak RSS MB) of a tool, or why not."""
    if tool in corpus.missing:
        return "n/a: " + corpus.missing[tool]
    if tool.startswith("k2site") and "k2site" in corpus.missing:
        return "n/a: " + corpus.missing["k2site"]
    samples = [s for job in corpus.jobs if job.tool == tool for s in job.samples]
    if not samples:
        return "not run"
    failed = [s for s in samples if s.error]
    if failed:
        return "failed: " + failed[0].error
    return (statistics.median(s.seconds for s in samples),
            statistics.median(s.cpu for s in samples), max(s.rss_mb for s in samples))


def cell(value: tuple[float, float, float] | str, notes: list[str]) -> str:
    if isinstance(value, str):
        if value not in notes:
            notes.append(value)
        return f"{value.split(':')[0]} [{notes.index(value) + 1}]"
    seconds, cpu, rss = value
    return f"{_secs(seconds)} (cpu {_secs(cpu)}) · {rss:.0f} MB"


def _secs(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 1 else f"{seconds:.2f} s" if seconds < 10 \
        else f"{seconds:.1f} s"


def ratio(a: tuple[float, float, float] | str, b: tuple[float, float, float] | str,
          scale_a: float = 1,
          scale_b: float = 1, goal: Callable[[float], bool] | None = None,
          cpu: bool = False) -> str:
    """a / b in wall time, marked against `goal`; with `cpu`, the CPU-time ratio beside
    it, which a busy machine stretches less."""
    if isinstance(a, str) or isinstance(b, str) or b[0] == 0:
        return "–"
    value = (a[0] / scale_a) / (b[0] / scale_b)
    text = _times(value)
    if goal is not None:
        text += " ✓" if goal(value) else " ✗"
    if cpu and b[1] > 0:
        text += f" (cpu {_times((a[1] / scale_a) / (b[1] / scale_b))})"
    return text


def _times(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


#: Issue 13's targets for k2site / Hugo, by corpus size: the cold build with search, the
#: warm one. Checked at 1,000 pages and more.
COLD_GOAL = {1000: 3.0, 10000: 5.0}
WARM_GOAL = 1.5


def _goal(limit: float | None) -> Callable[[float], bool] | None:
    return None if limit is None else (lambda v: v <= limit)


def tables(corpora: Sequence[Corpus]) -> str:
    notes: list[str] = []
    rows = ["| corpus (pages / refs) | k2site | k2site --no-search | k2site, warm cache | Hugo "
            "| Pelican | MkDocs | Pandoc+citeproc, per page |", "|---" * 8 + "|"]
    ratios = ["| corpus | cold / Hugo (≤ 3 at 1k, ≤ 5 at 10k) | --no-search / Hugo "
              "| warm / Hugo (≤ 1.5) | Pelican / k2site (≥ 5) | MkDocs / k2site (≥ 5) "
              "| Pandoc per page / k2site per page (≥ 100) |", "|---" * 7 + "|"]
    for corpus in corpora:
        got = {tool: summary(corpus, tool) for tool in TOOLS}
        rows.append(f"| {corpus.name} | " + " | ".join(cell(got[t], notes) for t in TOOLS) + " |")
        big = corpus.name != K2 and corpus.pages >= 1000
        cold = COLD_GOAL.get(corpus.pages) if big else None
        cells = [ratio(got["k2site"], got["Hugo"], goal=_goal(cold), cpu=True),
                 ratio(got["k2site --no-search"], got["Hugo"], cpu=True),
                 ratio(got["k2site, warm cache"], got["Hugo"],
                       goal=_goal(WARM_GOAL if big else None), cpu=True)]
        for target, goal in (("Pelican", lambda v: v >= 5), ("MkDocs", lambda v: v >= 5),
                             ("Pandoc", lambda v: v >= 100)):
            pair = []
            for k2 in (got["k2site"], got["k2site --no-search"]):
                pages = corpus.pages if target == "Pandoc" else 1
                pair.append(ratio(got[target], k2, scale_b=pages, goal=goal if big else None))
            cells.append(" · ".join(pair))
        ratios.append(f"| {corpus.name} | " + " | ".join(cells) + " |")
    parts = ["## Full builds: median wall time (CPU time) · peak RSS of the process tree", "",
             *rows, "", "## Ratios of wall times, with CPU times in brackets (✓/✗: the issues' "
             "targets, checked on wall time at ≥ 1,000 pages; the last three give k2site · "
             "k2site --no-search)", "", *ratios, "",
             *k2_table(corpora, notes), *scaling(corpora)]
    parts += ["", "Measured (highest 1-minute load average between rounds; 2 means both cores "
              "busy, and the benchmark itself adds about 1):", ""]
    for corpus in corpora:
        parts.append(f"- {corpus.name}: " + _hows(corpus.how))
    if notes:
        parts += ["", "Notes:", ""] + [f"[{i}] {n}" for i, n in enumerate(notes, 1)]
    return "\n".join(parts) + "\n"


def _hows(how: dict[str, str]) -> str:
    """How each tool was measured, said once when the runs were the same."""
    runs: dict[str, list[str]] = {}
    for tool, text in how.items():
        runs.setdefault(text.split(", k2site at ")[0], []).append(tool)
    refs = sorted({text.split(", k2site at ")[1] for text in how.values()
                   if ", k2site at " in text})
    said = "; ".join(f"{text} ({', '.join(tools)})" if len(runs) > 1 else text
                     for text, tools in runs.items())
    return said + (f"; k2site at {', '.join(refs)}" if refs else "")


def k2_table(corpora: Sequence[Corpus], notes: list[str]) -> list[str]:
    k2 = next((c for c in corpora if c.name == K2), None)
    if k2 is None:
        return []
    bare = summary(k2, "bare import")
    lines = ["## The K2 site: cold build vs the bare import of its dependencies", "",
             "| k2site build | k2site build --no-search | bare import (`" + IMPORT_DEPS + "`) "
             "| python -c pass | build / import (≤ 2.5) | --no-search / import | build < 0.3 s |",
             "|---" * 7 + "|"]
    build, quick = summary(k2, "k2site"), summary(k2, "k2site --no-search")
    under = "–" if isinstance(build, str) else ("✓" if build[0] < 0.3 else "✗")
    lines.append(f"| {cell(build, notes)} | {cell(quick, notes)} | {cell(bare, notes)} "
                 f"| {cell(summary(k2, 'python -c pass'), notes)} "
                 f"| {ratio(build, bare, goal=lambda v: v <= 2.5, cpu=True)} "
                 f"| {ratio(quick, bare, cpu=True)} "
                 f"| {under} |")
    return lines + [""]


def scaling(corpora: Sequence[Corpus]) -> list[str]:
    """Time from 100 to 1,000 and 1,000 to 10,000 pages (nothing superlinear: ≤ 10 each)
    and peak memory at 10,000 pages (k2site with search under 1 GiB)."""
    by_pages = {c.pages: c for c in corpora if c.name != K2}
    if 1000 not in by_pages or 10000 not in by_pages:
        return ["Scaling 1,000 → 10,000 pages: not measured in this run (use `--full`)."]
    small, large = by_pages[1000], by_pages[10000]
    tiny = by_pages.get(100)
    lines = ["## Scaling 100 → 1,000 → 10,000 pages", "",
             "| tool | time 1k / 100 (k2site ≤ 10) | time 10k / 1k (k2site ≤ 10) "
             "| peak RSS at 10k (k2site < 1 GiB) |", "|---|---|---|---|"]
    for tool in ("k2site", "k2site --no-search", "k2site, warm cache", *ANCHORS):
        big = summary(large, tool)
        goal = (lambda v: v <= 10) if tool.startswith("k2site") else None
        rss = "–" if isinstance(big, str) else f"{big[2]:.0f} MB"
        if tool.startswith("k2site") and not isinstance(big, str):
            rss += " ✓" if big[2] < 1024 else " ✗"
        first = ratio(summary(small, tool), summary(tiny, tool), goal=goal,
                      cpu=True) if tiny else "–"
        lines.append(f"| {tool} | {first} "
                     f"| {ratio(big, summary(small, tool), goal=goal, cpu=True)} "
                     f"| {rss} |")
    return lines


# -- machine ------------------------------------------------------------------------------


def machine(k2python: Path | None, venvs: Path, ref: str | None) -> list[str]:
    cpu = _grep("/proc/cpuinfo", r"model name\s*:\s*(.+)")
    mem = _grep("/proc/meminfo", r"MemTotal:\s*(\d+)")
    os_name = _grep("/etc/os-release", r'PRETTY_NAME="?([^"\n]+)')
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    versions = {
        "k2site": _version(["git", "-C", str(REPO), "describe", "--always",
                            *([ref] if ref else ["--dirty"])]),
        "Hugo": _version(["hugo", "version"], r"(v[\d.]+\S*)"),
        "Pandoc": _version(["pandoc", "--version"], r"pandoc ([\d.]+)"),
        "Pelican": _version([str(venvs / "pelican/bin/pelican"), "--version"]),
        "MkDocs": _version([str(venvs / "mkdocs/bin/mkdocs"), "--version"], r"version (\S+)"),
    }
    if k2python is not None:
        code = ("from importlib.metadata import version as v; print(', '.join(p + ' ' + v(p) "
                "for p in ('jinja2', 'markdown-it-py', 'pyyaml', 'bibtexparser', "
                "'citeproc-py', 'pagefind')))")
        versions["k2site deps"] = _version([str(k2python), "-c", code], r"(.+)")
    return [f"- CPU: {os.cpu_count()} × {cpu or 'unknown'} (nproc {len(os.sched_getaffinity(0))})",
            f"- Memory: {int(mem) / 1048576:.1f} GiB" if mem else "- Memory: unknown",
            f"- OS: {os_name or platform.system()}, Python {platform.python_version()}",
            f"- Load average when the run started: {load}",
            "- Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items())]


def _grep(path: str, pattern: str) -> str:
    try:
        found = re.search(pattern, Path(path).read_text("utf-8", "replace"))
    except OSError:
        return ""
    return found.group(1).strip() if found else ""


def _version(argv: list[str], pattern: str = r"(\S+)") -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "n/a"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(1).strip() if found and done.returncode == 0 else "n/a"


def scrub(text: str, paths: Sequence[Path]) -> str:
    """No folder of this machine in the report."""
    for path in sorted({str(p) for p in paths}, key=len, reverse=True):
        text = text.replace(path, "…")
    return re.sub(r"(/tmp|/home|/root|/work)/\S*", "…", text)


# -- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", help="comma-separated PAGES/REFS, e.g. 10/65,1000/2000")
    parser.add_argument("--full", action="store_true", help="also 10000/10000")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--skip-anchors", action="store_true", help="k2site only")
    parser.add_argument("--tools", help="only these, comma-separated: " + ", ".join(TOOLS))
    parser.add_argument("--no-k2", action="store_true", help="skip the K2 site itself")
    parser.add_argument("--pandoc-pages", type=int, default=5, help="pages Pandoc renders")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--mem-limit", type=float, default=8,
                        help="GiB of address space per k2site process (default 8; 0: none)")
    parser.add_argument("--k2site", type=Path, help="k2site executable")
    parser.add_argument("--ref", help="run k2site from this commit's src/ (git archive), "
                        "with the project venv's Python, instead of the work tree")
    parser.add_argument("--cache", type=Path, default=cache_dir(),
                        help="corpora, venvs and outputs (default $XDG_CACHE_HOME or /tmp)")
    parser.add_argument("--generator", type=Path,
                        default=REPO.parent / "shared" / "bench" / "make_corpus.py")
    parser.add_argument("--out", type=Path, help="also write the report here (Markdown)")
    parser.add_argument("--merge", action="store_true",
                        help="also report corpora measured by earlier runs (kept in the cache)")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: report what earlier runs saved")
    return parser.parse_args(argv)


def sizes(args: argparse.Namespace) -> list[tuple[int, int]]:
    chosen = list(DEFAULT_SIZES)
    if args.sizes:
        chosen = [(int(p), int(r)) for p, r in (s.split("/") for s in args.sizes.split(","))]
    if args.full and FULL_SIZE not in chosen:
        chosen.append(FULL_SIZE)
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.cache = args.cache.resolve()
    if args.ref:
        args.ref = _version(["git", "-C", str(REPO), "rev-parse", "--short", args.ref])
    venv_python = REPO / ".venv" / "bin" / "python"
    k2python = venv_python if venv_python.is_file() else None
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = machine(k2python, args.cache / "venvs", args.ref)
    if args.report_only:
        header = [line.replace("when the run started", "when this report was made")
                  for line in header]
    saved = args.cache / "results.json"
    corpora: list[Corpus] = []
    if not args.report_only:
        if not args.generator.is_file():
            print(f"no generator at {args.generator}", file=sys.stderr)
            return 2
        corpora = measure_all(args, k2python, started, saved)
    if args.merge or args.report_only:
        corpora = _merged(saved, corpora)
    command = " ".join(_shown(argv))
    intro = (f"Report of saved runs, made {started} with `python3 benchmarks/run.py {command}`"
             if args.report_only else
             f"Run {started} with `python3 benchmarks/run.py {command}`: median of {args.runs} "
             f"runs after {args.warmup} warm-up")
    report = "\n".join([
        "# k2site benchmark results", "",
        f"{intro}; tools interleaved; Pandoc on sample pages, reported per page. Each cell is "
        "one whole process: wall time (CPU time of it and its children) · peak RSS. k2site "
        "builds are cold (no output, no cache) except *warm cache*: an untimed build of the "
        "same content with search runs just before it, so it finds that build's cache "
        "(parsed pages and .bib files, formatted references, wording checks, "
        "the search bundle) as a local rebuild would.", "",
        "## Machine", "", *header, "", tables(corpora)])
    report = scrub(report, [REPO, args.cache, Path.home()])
    print(report)
    if args.out:
        args.out.write_text(report, "utf-8")
    return 0


def measure_all(args: argparse.Namespace, k2python: Path | None, started: str,
                saved: Path) -> list[Corpus]:
    """Prepare every corpus and tool, run them, and save the samples of each corpus."""
    k2site = find_k2site(args, k2python)
    if not isinstance(k2site, str):
        k2site.mem_limit = int(args.mem_limit * 2**30)
    corpora = []
    if not args.no_k2:
        corpus = Corpus(K2, len(list((REPO / "content").glob("*.md"))), REPO,
                        sorted((REPO / "references").glob("*.bib")), args.cache / "work" / "k2")
        prepare(corpus, args, k2site)
        k2_import_jobs(corpus, k2python)
        corpora.append(corpus)
    for pages, refs in sizes(args):
        site = generated_corpus(args.cache, pages, refs, args.generator)
        corpus = Corpus(f"{pages:,} / {refs:,}", pages, site,
                        sorted((site / "references").glob("*.bib")),
                        args.cache / "work" / f"{pages}-{refs}")
        prepare(corpus, args, k2site)
        corpora.append(corpus)
    for corpus in corpora:
        run_all(corpus, args.runs, args.warmup, args.timeout)
        how = (f"{started}, median of {args.runs} after {args.warmup} warm-up, "
               f"load ≤ {corpus.load:.1f}")
        at = f", k2site at {args.ref}" if args.ref else ""
        corpus.how = {tool: how + (at if tool.startswith("k2site") else "")
                      for tool in [*corpus.missing, *(j.tool for j in corpus.jobs)]}
        _save(saved, corpus)
    return corpora


def _save(path: Path, corpus: Corpus) -> None:
    """Keep each tool's latest samples per corpus, so `--merge` can report separate runs."""
    data = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    saved = data.setdefault(corpus.name, {"pages": corpus.pages, "tools": {}})
    saved["tools"].update(corpus.tools_json())
    path.write_text(json.dumps(data, indent=1), "utf-8")


def _merged(path: Path, corpora: list[Corpus]) -> list[Corpus]:
    """This run's corpora, completed with every tool and corpus saved by earlier runs."""
    data = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    by_name = {c.name: c for c in corpora}
    for name, saved in data.items():
        if name not in by_name:
            by_name[name] = Corpus(name, saved["pages"], Path(), [], Path())
        by_name[name].add_saved(saved["tools"])
    return sorted(by_name.values(), key=lambda c: (c.name != K2, c.pages))


def _shown(argv: Sequence[str] | None) -> list[str]:
    shown = list(sys.argv[1:] if argv is None else argv)
    return [a for i, a in enumerate(shown) if a != "--out" and (i == 0 or shown[i - 1] != "--out")]


if __name__ == "__main__":
    sys.exit(main())
