"""Render stage, last step: the Pagefind search index of the rendered pages.

Pagefind's binary (PyPI `pagefind[bin]`) indexes the article pages and the study pages
(each study once, on its own page, not in every reference list that names it) where
they are being written, in the staged output, and writes its bundle there before the
swap, so search is offline and on the site's own host. Nothing is copied for it: on a
large site, creating files is what costs most. The binary is called directly: its
Python service wrapper costs over a second of start-up per build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from k2site.files.cache import read_signed, write_signed
from k2site.files.folders import SEARCH_BUNDLE
from k2site.files.output import Output, inside
from k2site.pipeline.workers import pdeathsig


def executable() -> Path | None:
    """The Pagefind binary shipped by `pagefind-bin`, or None when it is not installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        return None


class SearchIndexError(RuntimeError):
    """Pagefind failed; carries what it printed."""


MARK = b"data-pagefind-body"
"""The attribute of the pages Pagefind indexes; it leaves every other page out."""


class Indexer:
    """Pagefind for a build whose pages stream past to be written into a staged folder
    (`begin` tells which): Pagefind starts there as soon as the last expected marked page
    has been written, while the rest of the site (its lists and JSON files) still
    renders. The bundle is kept in the cache with a digest of those pages and of each of
    its files, signed (`cache.write_signed`), so that a build of the same pages reuses
    it, and only if nothing of it was changed or added since."""

    def __init__(self, language: str, cache_dir: Path | None, expected: int,
                 early: bool = True) -> None:
        """`early`: Pagefind may start before the static files are copied, as it may when
        none of them is an HTML page it could index."""
        self.language, self.expected, self.early = language, expected, early
        self.kept = cache_dir / "search" if cache_dir is not None else None
        self._digest = hashlib.sha256(f"{_version()}\x00{language}".encode())
        self._staging: Path | None = None
        self._pages = 0
        self._running: tuple[subprocess.Popen[bytes], int] | None = None
        self._checked: tuple[str, bool] | None = None
        # what Pagefind says goes to a file: a pipe nobody reads until the end could stall it
        self._log: IO[bytes] = tempfile.TemporaryFile()

    def begin(self, staging: Path) -> None:
        """The folder the pages are written into, before the first one is."""
        self._staging = staging

    def watch(self, files: Iterable[tuple[str, Output]]) -> Iterator[tuple[str, Output]]:
        """`files` unchanged, with the marked pages noted on the way."""
        for path, data in files:
            marked = False
            if path.endswith(".html") and isinstance(data, bytes | bytearray) and MARK in data:
                marked = True
                self._digest.update(f"\x00{path}\x00{len(data)}\x00".encode())
                self._digest.update(data)
                self._pages += 1
            yield path, data
            # back here, the page has been written
            if marked and self._pages == self.expected and self.early \
                    and self._staging is not None and not self._cached():
                self._start(self._staging)

    def finish(self, staging: Path) -> None:
        """Put the bundle for every marked page in `staging/pagefind` (none without any:
        the search page then says that search is not available)."""
        if self._pages == 0:
            return
        if self._cached():
            assert self.kept is not None
            shutil.copytree(self.kept / "pagefind", staging / SEARCH_BUNDLE)
            return
        if self._running is not None and self._running[1] != self._pages:
            self._stop()  # more pages were marked than expected: index them all
        if self._running is None:
            self._start(staging)
        assert self._running is not None
        process = self._running[0]
        process.wait()
        self._running = None
        if process.returncode != 0:
            self._log.seek(0)
            log = self._log.read().decode("utf-8", "replace").strip()
            raise SearchIndexError(log or f"exit status {process.returncode}")
        self._keep(staging / SEARCH_BUNDLE)

    def close(self) -> None:
        """Stop Pagefind if it still runs."""
        self._stop()
        self._log.close()

    def _stop(self) -> None:
        if self._running is not None:
            self._running[0].kill()
            self._running[0].wait()
            self._running = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, staging: Path) -> None:
        shutil.rmtree(staging / SEARCH_BUNDLE, ignore_errors=True)
        self._log.seek(0)
        self._log.truncate()
        # a build killed with SIGKILL takes Pagefind with it, as it does its workers
        process = subprocess.Popen(
            _command(staging, staging / SEARCH_BUNDLE, self.language),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
            preexec_fn=pdeathsig())
        self._running = (process, self._pages)

    def _cached(self) -> bool:
        """Whether the kept bundle is that of these very pages, as this user's k2site kept
        it: its signed manifest names these pages and the digest of every file there."""
        digest = self._digest.hexdigest()
        if self._checked is None or self._checked[0] != digest:
            self._checked = (digest, self._verify(digest))
        return self._checked[1]

    def _verify(self, digest: str) -> bool:
        if self.kept is None:
            return False
        body = read_signed(self.kept / MANIFEST, "search")
        try:
            manifest = json.loads(body) if body is not None else {}
        except ValueError:
            return False
        return manifest.get("pages") == digest and \
            _file_digests(self.kept / "pagefind") == manifest.get("files")

    def _keep(self, bundle: Path) -> None:
        if self.kept is None:
            return
        try:
            shutil.rmtree(self.kept, ignore_errors=True)
            shutil.copytree(bundle, self.kept / "pagefind")
            manifest = {"pages": self._digest.hexdigest(),
                        "files": _file_digests(self.kept / "pagefind")}
            write_signed(self.kept / MANIFEST, "search", json.dumps(manifest).encode())
        except OSError:
            shutil.rmtree(self.kept, ignore_errors=True)  # a full disk indexes each time


#: The kept bundle's signed list of pages and files (see `Indexer._cached`).
MANIFEST = "manifest"


def _file_digests(folder: Path) -> dict[str, str] | None:
    """Each file under `folder` by path, with the SHA-256 of its bytes; None if it holds a
    symbolic link, which a bundle k2site kept never does."""
    found: dict[str, str] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            if path.is_symlink():
                return None
            if name in files:
                found[path.relative_to(folder).as_posix()] = \
                    hashlib.sha256(path.read_bytes()).hexdigest()
    return found or None


def _version() -> str:
    """What identifies the Pagefind that made a bundle: its binary's path, size and time."""
    binary = executable()
    if binary is None:
        return ""
    stat = binary.stat()
    return f"{binary}:{stat.st_size}:{stat.st_mtime_ns}"


def _command(site: Path, output: Path, language: str) -> list[str]:
    return [str(executable()), "--site", str(site), "--output-path", str(output),
            "--force-language", language.split("-")[0]]


def bundle_of(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """The Pagefind bundle for the marked pages among `pages`, as the files `build` would
    write under `pagefind/`, by output path; {} without a marked page. For `serve`, which
    keeps the site in memory: the pages go through a scratch folder of their own."""
    marked = [(path, data) for path, data in pages.items()
              if path.endswith(".html") and MARK in data]
    if not marked:
        return {}
    with tempfile.TemporaryDirectory(prefix="k2site-serve-search-") as scratch:
        staging = Path(scratch)
        for path, data in marked:  # Pagefind reads pages from a folder
            target = inside(staging, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        with Indexer(language, None, len(marked)) as indexer:
            for _ in indexer.watch(marked):
                pass
            indexer.finish(staging)
        bundle = staging / SEARCH_BUNDLE
        return {f"{SEARCH_BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                for path in sorted(bundle.rglob("*")) if path.is_file()}
