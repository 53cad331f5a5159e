"""Render stage, last step: the Pagefind search index of the rendered pages.

Pagefind's binary (PyPI `pagefind[bin]`) indexes the article pages, which are written
to a scratch folder for it; its bundle joins the other outputs before the write stage,
so search is offline and on the site's own host. The binary is called directly: its
Python service wrapper costs over a second of start-up per build.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path


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
    pages = {p: d for p, d in files.items()
             if p.endswith(".html") and b"data-pagefind-body" in d}
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
