"""Test helpers: the repository, the shared folder, the CLI in-process, site copies.

A module of its own, not conftest: tests/browser has a conftest too, and two modules
named conftest cannot both be imported by name."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from k2site.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when something outside the project is missing; fail instead under CI=true."""
    if not condition:
        if in_ci():
            pytest.fail(f"{reason} (required under CI=true)")
        pytest.skip(reason)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def copy_site(source: Path, target: Path) -> Path:
    skip = shutil.ignore_patterns("build", "expected*")
    shutil.copytree(source, target, ignore=skip, symlinks=True)
    return target
