"""Render stage, last step: the Pagefind search index of the rendered pages.

Pagefind (PyPI `pagefind[bin]`) indexes the HTML in memory; its files join the
other outputs before the write stage, so search is offline and on the site's own host.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Mapping
from pathlib import Path


def available() -> bool:
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        return False
    return True


def index(files: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """The `pagefind/` bundle for every article page (pages marked `data-pagefind-body`)."""
    pages = {p: d for p, d in files.items()
             if p.endswith(".html") and b"data-pagefind-body" in d}
    if not pages or not available():
        return {}
    return asyncio.run(_index(pages, language.split("-")[0]))


async def _index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    from pagefind.index import IndexConfig, PagefindIndex

    # Pagefind writes its bundle when the index closes; let it write to a scratch folder
    # (its in-memory get_files() can deadlock on large sites) and read the files back.
    with tempfile.TemporaryDirectory(prefix="k2site-pagefind-") as scratch:
        config = IndexConfig(force_language=language, output_path=scratch)
        async with PagefindIndex(config=config) as search:
            for path in sorted(pages):
                await search.add_html_file(content=pages[path].decode("utf-8"),
                                           source_path=path)
        bundle = Path(scratch)
        return {f"pagefind/{p.relative_to(bundle).as_posix()}": p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}
