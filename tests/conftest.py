"""Session fixtures shared by the tests: one K2 build per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from k2site.cli import main
from support import REPO


@pytest.fixture(scope="session")
def k2_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The K2 site built once, with its search index, into a temporary folder."""
    out = tmp_path_factory.mktemp("k2") / "build"
    assert main(["build", str(REPO), "-o", str(out)]) == 0
    return out
