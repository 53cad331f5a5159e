"""Render stage, last step: the Pagefind search index of the rendered pages.

Pagefind's binary (PyPI `pagefind[bin]`) indexes the article pages and the study pages
(each study once, on its own page, not in every reference list that names it) where
they are being written, in the staged output, and writes its bundle there before the
swap, so search is offline and on the site's own host. Nothing is copied for it: on a
large site, creating files is what costs most. The binary is called directly: its
Python service wrapper costs over a second of start-up per build.

Pagefind holds every word it indexes in memory until it writes the bundle, about 0.6 MB
per 2,000-word article: a large site is indexed in parts (`index_parts`), one Pagefind
run after another, each over its share of the pages, and the search page merges them
(Pagefind's `mergeIndex`). A site small enough for one part keeps the one bundle.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
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

#: Articles' worth of pages one Pagefind run indexes: measured with Pagefind 1.5, one run
#: peaks at about 15 MB plus 0.6 MB per 2,000-word article and 36 KB per study page
#: (STUDY_SHARE of an article), so a part stays near 400 MB.
ARTICLES_PER_PART = 600
STUDY_SHARE = 0.06


def index_parts(articles: int, studies: int) -> int:
    """How many Pagefind runs index a site of `articles` and `studies`: 1 up to
    ARTICLES_PER_PART articles' worth of pages."""
    return max(1, math.ceil((articles + studies * STUDY_SHARE) / ARTICLES_PER_PART))


def part_bundles(parts: int) -> list[str]:
    """Where the bundles of parts 2 to `parts` go, from the site root: the first part's
    is `pagefind/` itself, as on a site indexed whole. The search page merges them."""
    return [f"{SEARCH_BUNDLE}/part{number}/" for number in range(2, parts + 1)]


class Indexer:
    """Pagefind for a build whose pages stream past to be written into a staged folder
    (`begin` tells which): Pagefind starts there as soon as the last expected marked page
    has been written, while the rest of the site (its lists and JSON files) still
    renders. The bundle is kept in the cache with a digest of those pages and of each of
    its files, signed (`cache.write_signed`), so that a build of the same pages reuses
    it, and only if nothing of it was changed or added since."""

    def __init__(self, language: str, cache_dir: Path | None, expected: int,
                 static: Sequence[str] = (), parts: int = 1) -> None:
        """`static`: the site's own HTML files, copied after the pages are written:
        Pagefind starts early only without any, as they may be marked too (and when the
        index is in parts, they are the first part's). `parts`: see `index_parts`."""
        self.language, self.expected, self.early = language, expected, not static
        self.static, self.parts = list(static), parts
        self.kept = cache_dir / "search" if cache_dir is not None else None
        self._digest = hashlib.sha256(f"{_version()}\x00{language}\x00{parts}".encode())
        self._staging: Path | None = None
        self._pages = 0
        self._paths: list[str] = []
        self._running: tuple[subprocess.Popen[bytes], int] | None = None
        self._queue: list[tuple[list[str], Path | None]] = []
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._checked: tuple[str, bool] | None = None
        # what Pagefind says goes to a file: a pipe nobody reads until the end could stall it
        self._log: IO[bytes] = tempfile.TemporaryFile()

    def begin(self, staging: Path) -> None:
        """The folder the pages are written into, before the first one is."""
        self._staging = staging

    def watch(self, files: Iterable[tuple[str, Output]]) -> Iterator[tuple[str, Output]]:
        """`files` unchanged, with the marked pages noted on the way: a page written in
        chunks (a large site's home page) is read for the mark as it is written."""
        for path, data in files:
            marked = False
            if not path.endswith(".html"):
                yield path, data
                continue
            if isinstance(data, bytes | bytearray):
                marked = MARK in data
                if marked:
                    self._digest.update(f"\x00{path}\x00{len(data)}\x00".encode())
                    self._digest.update(data)
                yield path, data
            else:
                scan = _Scan(data)
                yield path, scan.chunks()
                marked = scan.marked
                if marked:  # its length and digest are known once it is written
                    self._digest.update(f"\x00{path}\x00{scan.size}\x00{scan.sha}".encode())
            # back here, the page has been written
            if marked:
                self._pages += 1
                self._paths.append(path)
                if self._pages == self.expected and self.early \
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
        while self._running is not None:
            process = self._running[0]
            process.wait()
            self._running = None
            if process.returncode != 0:
                self._log.seek(0)
                log = self._log.read().decode("utf-8", "replace").strip()
                raise SearchIndexError(log or f"exit status {process.returncode}")
            self._next()
        self._keep(staging / SEARCH_BUNDLE)

    def close(self) -> None:
        """Stop Pagefind if it still runs."""
        self._stop()
        self._log.close()
        if self._scratch is not None:
            self._scratch.cleanup()

    def _stop(self) -> None:
        self._queue = []
        if self._running is not None:
            self._running[0].kill()
            self._running[0].wait()
            self._running = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, staging: Path) -> None:
        """Pagefind on the staged pages: one run, or one per part, the first started now
        and each of the others when the one before has ended (`finish`)."""
        shutil.rmtree(staging / SEARCH_BUNDLE, ignore_errors=True)
        bundles = [SEARCH_BUNDLE + "/", *part_bundles(self.parts)]
        groups = partition(sorted(self._paths), self.parts, self.static)
        if len(groups) == 1:
            self._queue = [(_command(staging, staging / SEARCH_BUNDLE, self.language), None)]
        else:
            if self._scratch is None:
                self._scratch = tempfile.TemporaryDirectory(prefix="k2site-search-")
            # fewer pages than parts leave the last parts' folders out
            pairs = enumerate(zip(bundles, groups, strict=False))
            self._queue = [(_command(staging, staging / bundle, self.language),
                            _glob_folder(Path(self._scratch.name) / str(number), group))
                           for number, (bundle, group) in pairs]
        self._next()

    def _next(self) -> None:
        """The next Pagefind run of the queue, if any."""
        if not self._queue:
            return
        command, cwd = self._queue.pop(0)
        self._log.seek(0)
        self._log.truncate()
        # a build killed with SIGKILL takes Pagefind with it, as it does its workers
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self._log, preexec_fn=pdeathsig())
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


class _Scan:
    """A page's chunks passed on as they are, noting on the way whether it holds MARK
    (also across two chunks), its size and its SHA-256."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self.source, self.marked, self.size = chunks, False, 0
        self._sha = hashlib.sha256()

    def chunks(self) -> Iterator[bytes]:
        tail = b""
        for chunk in self.source:
            self.marked = self.marked or MARK in tail + chunk[:len(MARK)] or MARK in chunk
            tail = (tail + chunk)[-(len(MARK) - 1):]
            self.size += len(chunk)
            self._sha.update(chunk)
            yield chunk

    @property
    def sha(self) -> str:
        return self._sha.hexdigest()


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


def partition(paths: list[str], parts: int, first: Sequence[str] = ()) -> list[list[str]]:
    """`paths` (sorted) dealt out in turn into `parts` groups, so that each part holds
    a sample of the whole site and Pagefind scores alike in each; none is empty. The
    first group also takes `first`, and each path the glob cannot spell exactly (`_pattern`)
    with every path its pattern also matches, so that no page is indexed twice."""
    odd = [path for path in [*paths, *first] if not _PLAIN.fullmatch(path)]
    loose = re.compile("|".join(_pattern_re(path) for path in odd)) if odd else None
    taken = set(first) | {path for path in paths if loose is not None and loose.fullmatch(path)}
    rest = [path for path in paths if path not in taken]
    groups = [rest[number::parts] for number in range(parts)]
    groups[0] = sorted(taken.union(groups[0]))
    return [group for group in groups if group]


#: Output paths Pagefind's glob matches exactly as written.
_PLAIN = re.compile(r"[A-Za-z0-9._~/-]+")


def _pattern(path: str) -> str:
    """`path` as a glob: a character the glob syntax might read as an operator matches
    any one character instead (`partition` keeps such pages together)."""
    return re.sub(r"[^A-Za-z0-9._~/-]", "?", path)


def _pattern_re(path: str) -> str:
    return "".join("[^/]" if char == "?" else re.escape(char) for char in _pattern(path))


def _glob_folder(folder: Path, paths: list[str]) -> Path:
    """A folder whose Pagefind configuration file limits a run to `paths`: a file, as a
    large part's list of pages is longer than one command-line argument may be."""
    folder.mkdir(parents=True, exist_ok=True)
    glob = "{" + ",".join(_pattern(path) for path in paths) + "}"
    (folder / "pagefind.json").write_text(json.dumps({"glob": glob}), "utf-8")
    return folder


def _command(site: Path, output: Path, language: str) -> list[str]:
    return [str(executable()), "--site", str(site), "--output-path", str(output),
            "--force-language", language.split("-")[0]]


def bundle_of(pages: Mapping[str, bytes], language: str, parts: int = 1) -> dict[str, bytes]:
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
        with Indexer(language, None, len(marked), parts=parts) as indexer:
            for _ in indexer.watch(marked):
                pass
            indexer.finish(staging)
        bundle = staging / SEARCH_BUNDLE
        return {f"{SEARCH_BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                for path in sorted(bundle.rglob("*")) if path.is_file()}
