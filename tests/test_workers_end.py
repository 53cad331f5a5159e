"""A build killed with SIGKILL leaves no process behind: its workers end with it (issue 18)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from k2site.pipeline import workers
from support import need

PAGES = 400  # well above workers.MIN_ITEMS: parsing and rendering fork workers
PAGE = """---
title: Page {n}
---
Vitamin K2 is found in natto and cheese, one trial found [@trial{m}].

- a list item that says a little more about page {n}
- and another one
"""
ENTRY = ("@article{{trial{m},\n  title = {{Trial {m}}},\n  year = {{2020}},\n"
         "  evidence = {{rct}}\n}}\n")


def _site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "references").mkdir()
    (root / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n")
    for n in range(PAGES):
        (root / "content" / f"page-{n:03}.md").write_text(PAGE.format(n=n, m=n % 20))
    (root / "references" / "refs.bib").write_text("\n".join(ENTRY.format(m=m) for m in range(20)))
    return root


def _group(pgid: int) -> list[int]:
    """The live processes of a process group (zombies, already ended, are not counted)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while listed
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _pagefind_in(pgid: int) -> bool:
    for pid in _group(pgid):
        try:
            if b"pagefind" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return True
        except OSError:
            pass
    return False


@pytest.mark.parametrize("child", ["worker", "pagefind"])
def test_a_killed_build_leaves_no_process(tmp_path: Path, child: str) -> None:
    need(sys.platform.startswith("linux") and Path("/proc/self/stat").is_file(),
         "counting processes needs Linux /proc")
    if child == "pagefind":
        from k2site.files.search_index import executable

        need(executable() is not None, "Pagefind is not installed (pip install 'pagefind[bin]')")
    site = _site(tmp_path / "site")
    env = {**os.environ, "K2SITE_JOBS": "2", "K2SITE_CACHE_DIR": str(tmp_path / "cache")}
    search = ["--no-search"] if child == "worker" else []
    build = subprocess.Popen(
        [sys.executable, "-m", "k2site", "build", str(site), "-o", str(tmp_path / "out"),
         *search], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    group = build.pid  # a session of its own: its workers and Pagefind share its group
    started = (lambda: len(_group(group)) >= 2) if child == "worker" else \
        (lambda: _pagefind_in(group))
    try:
        deadline = time.monotonic() + 120
        while not started():
            assert build.poll() is None, f"the build ended before it started a {child}"
            assert time.monotonic() < deadline, f"no {child} started"
            time.sleep(0.002)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        ended = time.monotonic() + 2
        while _group(group) and time.monotonic() < ended:
            time.sleep(0.05)
        assert _group(group) == [], f"a {child} outlived the killed build"
    finally:
        if _group(group):
            os.killpg(group, signal.SIGKILL)


def test_a_worker_whose_parent_is_gone_ends_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start of a worker forked just as the build ended: it does not wait for work."""
    ended: list[int] = []
    monkeypatch.setattr(os, "_exit", lambda code: ended.append(code))
    monkeypatch.setattr(workers, "pdeathsig", lambda: (lambda: None))
    workers.die_with_parent(os.getppid() + 1 if os.getppid() != 1 else 2)
    assert ended == [1]
