"""Session fixtures shared by the tests: one K2 build per session, and a cache folder of
their own, so that no test reads or fills the user's cache."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from k2site.cli import main
from support import REPO

_CACHE = Path(tempfile.mkdtemp(prefix="k2site-test-cache-"))


def pytest_configure(config: pytest.Config) -> None:
    os.environ["K2SITE_CACHE_DIR"] = str(_CACHE)  # subprocesses started by tests inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def k2_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The K2 site built once, with its search index, into a temporary folder."""
    out = tmp_path_factory.mktemp("k2") / "build"
    assert main(["build", str(REPO), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def evidence_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/evidence (citation roles, retractions, registrations) built once."""
    out = tmp_path_factory.mktemp("evidence") / "build"
    assert main(["build", str(REPO / "tests" / "sites" / "evidence"), "-o", str(out)]) == 0
    return out
