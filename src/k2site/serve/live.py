"""Serve: the last good build, the current errors, and the browsers listening.

`LiveSite.rebuild` runs the pipeline into memory after each change (`rerender` for an
edit that only its own page shows), swaps the new files in, or keeps the old ones and
reports the errors: in the terminal, and to listening browsers over Server-Sent Events,
which reload when a file their page uses has changed.
"""

from __future__ import annotations

import json
import queue
import secrets
import threading
import time
import traceback
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TextIO

from k2site.diagnostics import Diagnostic, excerpt, report, sort_unique
from k2site.files.load import static_files
from k2site.files.search_index import index_parts
from k2site.pipeline import run
from k2site.serve.rerender import rerender
from k2site.serve.search import LiveSearch
from k2site.text import plural

Message = bytes | None
"""One encoded SSE event; None tells a stream to end."""


class LiveSite:
    """The last good build, the current errors, and the browsers listening for changes."""

    def __init__(self, root: Path, terminal: TextIO):
        self.root = root
        self.files: dict[str, bytes] = {}
        self.static: dict[str, Path] = {}
        self.errors: list[Diagnostic] = []
        self.sources: dict[str, str] = {}
        self._last: run.Result | None = None
        """The last good build, which an edit to one page can start from."""
        self.memory = run.Memory.for_serve()
        """What each rebuild hands on to the next: formatted references, rendered pages."""
        self._epoch = secrets.token_hex(4)  # a new server means a new build for every tab
        self._generation = 0
        self._shown: dict[str, set[Diagnostic]] | None = None
        self._listeners: list[queue.Queue[Message]] = []
        self._lock = threading.Lock()
        self.terminal = terminal
        self.search = LiveSearch(self.say)
        """The search bundle of the pages served, made in the background."""

    @property
    def last_build(self) -> run.Result | None:
        """The last good build, as the pipeline returned it."""
        return self._last

    @property
    def token(self) -> str:
        """Names the build being served; a tab holding another token is out of date."""
        return f"{self._epoch}-{self._generation}"

    def rebuild(self, changed: Sequence[str] = ()) -> None:
        """Build into memory; swap the new files in, or keep the old ones and show errors."""
        started = time.perf_counter()
        try:
            # only the edited pages, when nothing else shows what changed in them
            result = None
            if self._last is not None and self.memory.pages is not None:
                result = rerender(self.root, self._last, changed, self.memory.pages)
            # drafts too: serve is where authors preview a page before publishing it
            result = result or run.render(self.root, drafts=True, memory=self.memory)
        except Exception:  # a bug in k2site, not in the content: keep serving
            self.say(traceback.format_exc() + "k2site: internal error; still serving")
            return
        self._last = result if result.files else None
        self._print(result.diagnostics, result.sources, bool(result.files),
                    changed if result.rendered is not None else None)
        took = f"{time.perf_counter() - started:.2f} s"
        because = f" ({', '.join(changed)})" if changed else ""
        if result.files:
            static = static_files(result.source) if result.source else {}
            count = self._swap(result.files, static, changed, result.rendered)
            if result.site is not None:
                site = result.site
                self.search.refresh(result.files, site.config.language,
                                    index_parts(len(site.pages), len(site.studies)))
            self.say(f"k2site: built in {took}{because}: {plural(count, 'file')} changed")
        else:
            self._fail(result.diagnostics, result.sources)
            state = "still serving the last good build" if self.files else "nothing to serve yet"
            self.say(f"k2site: {plural(len(self.errors), 'error')}{because}; {state}")

    def _swap(self, files: dict[str, bytes], static: dict[str, Path],
              inputs: Sequence[str], rendered: Collection[str] | None) -> int:
        old, was_failing = self.files, bool(self.errors)
        candidates = files.keys() | old.keys() if rendered is None else rendered
        changed = sorted({p for p in candidates if files.get(p) != old.get(p)}
                         | (static.keys() ^ self.static.keys()) | _touched(static, inputs))
        with self._lock:
            self.files, self.static, self.errors = files, static, []
            if changed or was_failing:
                self._generation += 1
                self._publish("reload", json.dumps({"token": self.token, "changed": changed}))
        return len(changed)

    def _fail(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str]) -> None:
        errors = [d for d in sort_unique(diagnostics) if d.severity == "error"]
        with self._lock:
            self.errors, self.sources = errors, sources
            self._publish("problems", self._problems())

    def _problems(self) -> str:
        return json.dumps({
            "summary": f"k2site: {plural(len(self.errors), 'error')}"
                       + ("; showing the last good build" if self.files else ""),
            "diagnostics": [{"text": d.format(), "excerpt": excerpt(d, self.sources.get(d.path))}
                            for d in self.errors],
        })

    def _print(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str],
               built: bool, only: Sequence[str] | None = None) -> None:
        """Errors every time. Warnings once as a count, then each one an edit brings in,
        judged against the last good build so a fixed error does not bring them all back.
        `only`: the files whose diagnostics may have changed, when the build knows."""
        errors = [d for d in diagnostics if d.severity == "error"]
        if not built:
            report(errors, sources, self.terminal)
            return
        first, shown = self._shown is None, self._shown or {}
        by_path: dict[str, set[Diagnostic]] = {path: set() for path in only or ()}
        for d in diagnostics:
            if d.severity == "warning" and (only is None or d.path in by_path):
                by_path.setdefault(d.path, set()).add(d)
        new = [d for path, found in by_path.items() for d in found - shown.get(path, set())]
        report(errors + ([] if first else new), sources, self.terminal)
        self._shown = by_path if only is None else {**shown, **by_path}
        if first and by_path:
            count = sum(len(found) for found in by_path.values())
            self.say(f"k2site: {plural(count, 'warning')}; 'k2site check' lists them")

    def say(self, line: str) -> None:
        print(line, file=self.terminal, flush=True)

    def subscribe(self) -> queue.Queue[Message]:
        """A new listener, told the current build and, while it fails, the errors."""
        listener: queue.Queue[Message] = queue.Queue()
        with self._lock:
            listener.put(b"retry: 500\n" + _event("hello", self.token))
            if self.errors:
                listener.put(_event("problems", self._problems()))
            self._listeners.append(listener)
        return listener

    @property
    def listening(self) -> int:
        """How many tabs have the event stream open."""
        return len(self._listeners)

    def unsubscribe(self, listener: queue.Queue[Message]) -> None:
        with self._lock:
            self._listeners.remove(listener)

    def close(self) -> None:
        with self._lock:
            for listener in self._listeners:
                listener.put(None)
        self.search.close()

    def _publish(self, name: str, data: str) -> None:
        for listener in self._listeners:
            listener.put(_event(name, data))


def _touched(static: Collection[str], inputs: Sequence[str]) -> set[str]:
    """Static files under a changed input: they are served from disk, not compared."""
    folders = [p.removeprefix("static").strip("/") for p in inputs
               if p == "static" or p.startswith("static/")]
    return {rel for rel in static
            for folder in folders if not folder or f"{rel}/".startswith(f"{folder}/")}


def _event(name: str, data: str) -> bytes:
    lines = "".join(f"data: {line}\n" for line in data.split("\n"))
    return f"event: {name}\n{lines}\n".encode()
