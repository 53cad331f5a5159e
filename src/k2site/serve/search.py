"""Search under `serve`: the Pagefind bundle of the pages being served, kept in memory.

Indexing takes longer than rebuilding an edited page, so it never holds up a reload:
after each build whose searchable pages changed, Pagefind runs in a thread of its own,
and its bundle is served under `pagefind/` once it is ready (until then, the bundle of
the build before, or none, and the search page says that the index is not available).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping

from k2site.files.search_index import MARK, SearchIndexError, bundle_of, executable


class LiveSearch:
    """The search bundle for the last build, made again when its marked pages change."""

    def __init__(self, on_error: Callable[[str], None]) -> None:
        self.files: Mapping[str, bytes] = {}
        """The bundle's files by output path (`pagefind/...`)."""
        self._on_error = on_error
        self._lock = threading.Lock()
        self._wanted: tuple[str, Mapping[str, bytes], str, int] | None = None
        self._digest = ""
        self._worker: threading.Thread | None = None
        self._closed = False
        self.idle = threading.Event()
        """Set while no index is being made."""
        self.idle.set()

    def refresh(self, pages: Mapping[str, bytes], language: str, parts: int = 1) -> None:
        """Index `pages` in the background if their marked pages differ from the last;
        in `parts` (`search_index.index_parts`), as `build` would."""
        if executable() is None:
            return
        digest = _digest(pages, language, parts)
        with self._lock:
            if self._closed or (digest == self._digest and self._wanted is None):
                return
            self._wanted = (digest, pages, language, parts)
            if self._worker is None:
                self.idle.clear()
                self._worker = threading.Thread(target=self._work, daemon=True,
                                                name="k2site-search")
                self._worker.start()

    def close(self, timeout: float = 30.0) -> None:
        """Index nothing more, and wait for an index under way to end."""
        with self._lock:
            self._wanted = None
            self._closed = True
        self.idle.wait(timeout)

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._wanted is None:
                    self._worker = None
                    self.idle.set()
                    return
                digest, pages, language, parts = self._wanted
                self._wanted = None
            try:
                bundle = bundle_of(pages, language, parts)
            except (SearchIndexError, OSError) as exc:
                self._on_error(f"k2site: search index not made: {exc}")
                continue
            with self._lock:
                self.files, self._digest = bundle, digest


def _digest(pages: Mapping[str, bytes], language: str, parts: int) -> str:
    """What decides the bundle: the language, the parts and the marked pages, by path and
    bytes."""
    digest = hashlib.sha256(f"{language}\x00{parts}".encode())
    for path in sorted(pages):
        data = pages[path]
        if path.endswith(".html") and MARK in data:
            digest.update(f"\x00{path}\x00{len(data)}\x00".encode())
            digest.update(data)
    return digest.hexdigest()
