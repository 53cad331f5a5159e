"""scripts/setup: installs only what building needs unless --test, nothing while
pyproject.toml is unchanged, and says what to install when `python3 -m venv` is missing.
Run on a copy of the script with stand-ins for Python, so nothing is installed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

FAKE_PYTHON = """#!/usr/bin/env bash
echo "$0 $*" >> "{log}"
case "$*" in
  *"import sys; sys.exit"*) exit 0 ;;
  *"import ensurepip"*) exit {venv_missing} ;;
  "-m venv .venv") mkdir -p .venv/bin && cp "$0" .venv/bin/python ;;
esac
exit 0
"""


def _project(tmp_path: Path, venv_missing: bool = False) -> tuple[Path, Path, dict[str, str]]:
    project, bin_dir, log = tmp_path / "project", tmp_path / "bin", tmp_path / "calls.log"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "setup", project / "scripts" / "setup")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    bin_dir.mkdir()
    python = bin_dir / "python3"
    python.write_text(FAKE_PYTHON.format(log=log, venv_missing=int(venv_missing)))
    python.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    return project, log, env


def _setup(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "scripts/setup", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)


def _pip_installs(log: Path) -> list[str]:
    calls = log.read_text().splitlines() if log.exists() else []
    return [c.split(" install ", 1)[1] for c in calls if "-m pip install" in c and "-e" in c]


def test_building_installs_the_package_alone_and_only_once(tmp_path: Path) -> None:
    project, log, env = _project(tmp_path)
    assert _setup(project, env).returncode == 0
    assert _pip_installs(log) == ["-q -e ."]
    stamp = (project / ".venv" / ".k2site-setup").read_text().split()
    assert stamp == [hashlib.sha256((project / "pyproject.toml").read_bytes()).hexdigest()]
    log.unlink()
    assert _setup(project, env).returncode == 0
    assert _pip_installs(log) == []


def test_tests_add_their_tools_and_then_a_build_installs_nothing(tmp_path: Path) -> None:
    project, log, env = _project(tmp_path)
    env["PATH"] = env["PATH"].replace("/usr/bin", "/nonexistent")  # no npm: a message only
    assert _setup(project, env, "--test").returncode == 0
    assert _pip_installs(log) == ["-q -e .[test]"]
    log.unlink()
    assert _setup(project, env).returncode == 0
    assert _pip_installs(log) == []


def test_a_changed_pyproject_installs_again(tmp_path: Path) -> None:
    project, log, env = _project(tmp_path)
    _setup(project, env)
    with (project / "pyproject.toml").open("a") as file:
        file.write("\n# a new pin\n")
    log.unlink()
    _setup(project, env)
    assert _pip_installs(log) == ["-q -e ."]


def test_missing_venv_says_what_to_install(tmp_path: Path) -> None:
    project, _, env = _project(tmp_path, venv_missing=True)
    done = _setup(project, env)
    assert done.returncode == 1
    assert "sudo apt-get install python3-venv" in done.stderr
    assert not (project / ".venv").exists()


@pytest.mark.parametrize("argument", ["--bogus"])
def test_unknown_arguments_print_the_usage(tmp_path: Path, argument: str) -> None:
    project, _, env = _project(tmp_path)
    done = _setup(project, env, argument)
    assert done.returncode == 2 and "usage: scripts/setup" in done.stderr
