"""The package as a user gets it: a wheel and an sdist that build and pass `twine check`,
installed into a fresh virtual environment, where `k2site new` makes a site whose own
workflow steps (install, check, build) pass."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from k2site import __version__

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

#: In the installed package, the theme's templates load from their compiled modules.
_LOADS_COMPILED = """
from k2site.render.compiled_theme import CompiledTheme
from k2site.render.templates import source_env
print("compiled", CompiledTheme().load(source_env(), "base.html").name)
"""


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, f"{argv}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # neither --sdist nor --wheel: the wheel is built from the sdist, unpacked afresh, as a
    # user's would be; from the source tree, setuptools would reuse its build/lib, where a
    # file since removed from the package (an old scaffold page) would still ship
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], REPO)
    return out


def test_wheel_and_sdist_build_and_pass_twine_check(dist: Path) -> None:
    names = sorted(p.name for p in dist.iterdir())
    assert names == [f"k2site-{__version__}-py3-none-any.whl", f"k2site-{__version__}.tar.gz"]
    _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())], dist)
    with zipfile.ZipFile(dist / names[0]) as wheel:
        shipped = set(wheel.namelist())
    assert "k2site/scaffold/.github/workflows/site.yml" in shipped
    assert "k2site/theme/templates/base.html" in shipped
    # the theme compiled by the build (setup.py), one module per template
    templates = {n for n in shipped if n.startswith("k2site/theme/templates/")}
    compiled = {n for n in shipped if n.startswith("k2site/theme/compiled/t_")}
    assert len(compiled) == len(templates) > 20
    assert "k2site/theme/compiled/__init__.py" in shipped
    assert not any(name.startswith(("tests/", "content/")) for name in shipped)


def test_a_fresh_environment_installs_the_wheel_and_runs_a_new_sites_workflow(
        dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    wheel = next(dist.glob("*.whl"))
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    version = _run(["k2site", "--version"], tmp_path, env)
    assert version.stdout.strip() == f"k2site {__version__}"
    loaded = _run([str(venv / "bin" / "python"), "-c", _LOADS_COMPILED], tmp_path, env)
    assert loaded.stdout.split() == ["compiled", "base.html"]
    _run(["k2site", "new", "site"], tmp_path, env)
    site = tmp_path / "site"
    assert (site / "requirements.txt").read_text().splitlines()[-1] == f"./wheels/{wheel.name}"
    assert (site / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    workflow = yaml.safe_load((site / ".github" / "workflows" / "site.yml").read_text())
    commands = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert commands[0] == "pip install -r requirements.txt"
    for command in commands:  # as the runner would: one shell per step, in the checkout
        _run(["bash", "-eo", "pipefail", "-c", command], site, env)
    assert (site / "build" / "index.html").is_file()
