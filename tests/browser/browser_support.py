"""Shared by the browser tests and their fixtures: the pages, the reader, screenshots.

A plain module rather than conftest, so that test files can import it by name.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"

#: The pages the issue names, by the name used in screenshots and test ids.
PAGES = {
    "home": "",
    "article": "heart-health/",
    "references": "references/",
    "study": "studies/geleijnse2004/",
    "evidence": "evidence/",
    "how-we-grade": "how-we-grade/",
    "search": "search/?q=osteocalcin",
}


def need(condition: bool, reason: str) -> None:
    """Skip when a tool from outside the project is missing; fail instead under CI=true."""
    if not condition:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (required under CI=true)")
        pytest.skip(reason)


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@dataclass
class Reader:
    """One browser tab and what it saw: console errors and requests to other hosts."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def check_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"


def screenshot(reader: Reader, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    reader.page.screenshot(path=str(path), full_page=True)
    return path
