"""Render stage, last step: the Pagefind search index of the rendered pages.

Pagefind's binary (PyPI `pagefind[bin]`) indexes the article pages, which are written
to a scratch folder for it; its bundle joins the other outputs before the write stage,
so search is offline and on the site's own host. The binary is called directly: its
Python service wrapper costs over a second of start-up per build.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from k2site.write import Output


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


def index(files: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """The `pagefind/` bundle for every page marked `data-pagefind-body`, in memory."""
    pages = {p: d for p, d in files.items() if p.endswith(".html") and MARK in d}
    if not pages or executable() is None:
        return {}
    with tempfile.TemporaryDirectory(prefix="k2site-search-") as scratch:
        site = Path(scratch)
        for rel, data in pages.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_bytes(data)
        index_folder(site, language)
        bundle = site / "pagefind"
        return {f"pagefind/{p.relative_to(bundle).as_posix()}": p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}


MARK = b"data-pagefind-body"
"""The attribute of the pages Pagefind indexes; it leaves every other page out."""


class Pages:
    """A digest of the pages Pagefind will index, taken as they stream past to be written:
    the same pages give the same bundle, so a build can reuse the last one."""

    def __init__(self, language: str) -> None:
        self._digest = hashlib.sha256(f"{_version()}\x00{language}".encode())

    def watch(self, files: Iterable[tuple[str, Output]]) -> Iterator[tuple[str, Output]]:
        for path, data in files:
            if path.endswith(".html") and isinstance(data, bytes | bytearray) and MARK in data:
                self._digest.update(f"\x00{path}\x00{len(data)}\x00".encode())
                self._digest.update(data)
            yield path, data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def index_cached(site: Path, language: str, pages: Pages, cache_dir: Path | None) -> None:
    """`index_folder`, or a copy of the bundle the last build made for the same pages
    (Pagefind takes about as long as the rest of a large build)."""
    if cache_dir is None or executable() is None:
        index_folder(site, language)
        return
    kept, stamp = cache_dir / "search", cache_dir / "search" / "pages.sha256"
    digest = pages.hexdigest()
    if stamp.is_file() and stamp.read_text(encoding="ascii") == digest:
        try:
            shutil.copytree(kept / "pagefind", site / "pagefind")
            return
        except OSError:
            shutil.rmtree(site / "pagefind", ignore_errors=True)
    index_folder(site, language)
    try:
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(site / "pagefind", kept / "pagefind")
        stamp.write_text(digest, encoding="ascii")
    except OSError:
        shutil.rmtree(kept, ignore_errors=True)  # a read-only site indexes every time


def _version() -> str:
    """What identifies the Pagefind that made a bundle: its binary's path, size and time."""
    binary = executable()
    if binary is None:
        return ""
    stat = binary.stat()
    return f"{binary}:{stat.st_size}:{stat.st_mtime_ns}"


def index_folder(site: Path, language: str) -> None:
    """Write `site/pagefind/` for the pages in `site` marked `data-pagefind-body` (Pagefind
    then leaves every other page out); nothing when Pagefind is not installed."""
    binary = executable()
    if binary is None:
        return
    command = [str(binary), "--site", str(site), "--output-path", str(site / "pagefind"),
               "--force-language", language.split("-")[0]]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(done.stderr.strip() or done.stdout.strip())
