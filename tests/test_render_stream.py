"""A one-off build writes the site's large pages as they render (`SiteRenderer.streamed`):
a 10,000-page site's home and reference pages are tens of MB each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from k2site.pipeline.run import Memory, render
from k2site.render import renderer
from support import REPO, copy_site


def test_a_one_off_build_streams_the_site_pages_as_serve_renders_them_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The home, reference and evidence pages of a one-off build are written as Jinja
    renders them (`SiteRenderer.streamed`); `serve` keeps pages whole. Same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    chunks: list[int] = []
    encoded = renderer._encoded

    def counted(pieces: Iterator[str], size: int = 1 << 16) -> Iterator[bytes]:
        for chunk in encoded(pieces, 4096):  # small chunks: every page spans several
            chunks.append(len(chunk))
            yield chunk

    monkeypatch.setattr(renderer, "_encoded", counted)
    root = copy_site(REPO / "tests/sites/publication", tmp_path / "site")
    streamed = render(root).files
    assert len(chunks) > 6
    assert render(root, memory=Memory.for_serve()).files == streamed
