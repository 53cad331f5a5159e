"""Serve's watch loop: which files of a site are inputs, and a thread reporting changes.

watchfiles watches each input folder on its own rather than the site recursively, since
a site folder may also hold .git, .venv or build/, whose folders are no input.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from k2site.files.folders import INPUT_FOLDERS, is_input


class Watcher:
    """Calls back with the changed inputs of a site, a batch at a time, in its own thread."""

    def __init__(self, root: Path, on_change: Callable[[list[str]], None]):
        self.root = root.resolve()
        self._on_change = on_change
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="k2site-watch", daemon=True)

    def start(self) -> None:
        """Start watching; returns once changes from now on are seen (or after 5 s)."""
        self._thread.start()
        self._ready.wait(timeout=5)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        folders: list[Path] = []
        while not self._stop.is_set():
            try:
                new = watched_folders(self.root)
                # files put in a new folder before it was watched: one more rebuild finds them
                added = [self._rel(str(p)) for p in new if folders and p not in folders]
                self._watch(new, added)
                folders = new
            except OSError:  # a folder went away while being listed: list again
                time.sleep(0.2)

    def _watch(self, folders: list[Path], added: list[str]) -> None:
        for changes in watchfiles.watch(*folders, recursive=False, stop_event=self._stop,
                                        debounce=400, step=30, rust_timeout=100,
                                        yield_on_timeout=True, raise_interrupt=False):
            self._ready.set()  # the first yield, often empty, comes once watching is on
            inputs = sorted({self._rel(p) for _, p in changes if is_input(self._rel(p))} | {*added})
            added = []
            if inputs:
                self._on_change(inputs)
            if inputs and watched_folders(self.root) != folders:
                return  # a folder came or went: watch the new set

    def _rel(self, path: str) -> str:
        return Path(path).relative_to(self.root).as_posix()


def watched_folders(root: Path) -> list[Path]:
    """The site folder and every folder of its inputs that exists now."""
    folders = [root]
    for name in INPUT_FOLDERS:
        top = root / name
        if top.is_dir():
            folders += [top, *sorted(p for p in top.rglob("*") if p.is_dir())]
    return folders
