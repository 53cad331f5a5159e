"""Render-stage helper: a small site's references formatted while the pipeline lints.

A cold build of a small site spends about a fifth of its time loading citeproc-py and
formatting its references, in one process while the other core idles: a large store is
formatted across worker processes anyway (`bibliography`), but a small one is not worth
splitting. So once the site is resolved, `Prefetch.start` forks one process that formats
what rendering will ask for, while the build lints and compiles its templates; `join`
puts the results in the run's `ReferenceCache` when rendering first reads it
(`hand_over`). The cache is keyed by content, so a result that rendering would not ask
for is never used, and anything missing is formatted by the renderer as before: the
output cannot change.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from k2site.files.styles import CitationStyle
from k2site.model.site import Site
from k2site.pipeline.workers import MIN_ITEMS, die_with_parent, workers
from k2site.references.bibliography import Bibliography, ReferenceCache

#: What rendering hands `Bibliography.prepare` for a site (`render.renderer` says what).
Jobs = Callable[[Site], tuple[list[str], list[dict[str, Any]], list[str]]]


class Prefetch:
    """At most one forked process formatting one build's references."""

    def __init__(self, cache_folder: Path | None) -> None:
        self._cold = cache_folder is None or not (cache_folder / "csl.pickle").exists()
        self._child: tuple[int, int] | None = None  # process id, reading end of its pipe

    def start(self, site: Site, style: CitationStyle, jobs: Jobs) -> None:
        """Fork the formatting when it pays: a cold build (a warm one finds everything
        in its cache), two cores, and a site too small to be split across workers. The
        process is forked by hand: importing `multiprocessing` costs 20 ms."""
        if not self._cold or workers() < 2 or not hasattr(os, "fork") \
                or threading.active_count() > 1 \
                or len(site.studies) + len(site.pages) >= MIN_ITEMS:
            return
        parent = os.getpid()
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover  # the forked process, which never returns
            try:
                os.close(reading)
                die_with_parent(parent)
                with os.fdopen(writing, "wb") as pipe:
                    pipe.write(pickle.dumps(_formatted(site, style, jobs)))
            finally:
                os._exit(0)
        os.close(writing)
        self._child = (child, reading)

    def hand_over(self, cache: ReferenceCache) -> None:
        """Join when `cache` is first read: rendering compiles its templates before."""
        if self._child is not None:
            cache.pending = lambda: self.join(cache)

    def join(self, cache: ReferenceCache | None) -> None:
        """What the process formatted, into `cache`; nothing if it failed or never ran
        (rendering then formats it all itself, and reports any error as usual). Without
        a cache (the build stopped before rendering), the process is ended."""
        if self._child is None:
            return
        child, reading = self._child
        self._child = None
        if cache is None:
            os.kill(child, signal.SIGKILL)
        with os.fdopen(reading, "rb") as pipe:
            body = pipe.read() if cache is not None else b""
        os.waitpid(child, 0)
        try:
            # written by the process this build forked, so safe to unpickle
            found: list[tuple[str, str]] = pickle.loads(body) if body else []
        except Exception:  # a process that died half-way: the renderer formats it all
            found = []
        if cache is not None:
            cache.entries.update((digest, text) for digest, text in found
                                 if digest not in cache.entries)


def _formatted(site: Site, style: CitationStyle, jobs: Jobs) -> list[tuple[str, str]]:
    """In the forked process: what rendering will ask for, by digest; nothing on error
    (the renderer then formats it again, and reports the error)."""
    try:
        cache = ReferenceCache()
        Bibliography(list(site.studies.values()), style, cache).prepare(*jobs(site))
    except Exception:
        return []
    return list(cache.entries.items())
