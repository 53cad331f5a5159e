"""The package build: everything is in pyproject.toml but one step. The theme's templates
ship compiled by Jinja, like k2site's own modules (see `k2site.render.compiled_theme`):
building the package writes them beside the rest of it."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCompiledTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install runs from src/, where scripts/setup compiles it
        sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
        from k2site.render import compiled_theme
        from k2site.render.templates import source_env

        target = Path(self.build_lib) / "k2site" / "theme" / "compiled"
        compiled_theme.write(compiled_theme.generate(source_env), target)


setup(cmdclass={"build_py": BuildWithCompiledTheme})
