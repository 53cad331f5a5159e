"""The files shipped inside the package that a build reads: the theme's static assets,
the bundled wording vocabulary, and the live-reload script `serve` adds to pages.
(The CSL styles are `styles.py`'s; the scaffold is `scaffold.py`'s; the theme's templates
are read by Jinja's package loader.)"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).parent.parent
THEME_STATIC = PACKAGE / "theme" / "static"


def theme_assets() -> dict[str, bytes]:
    """The theme's static files by output path, under `assets/`."""
    return {f"assets/{p.name}": p.read_bytes()
            for p in sorted(THEME_STATIC.iterdir()) if p.is_file()}


def data_text(name: str) -> str:
    """A text file of the package's `data/` folder, such as `wording.yaml`."""
    return resources.files("k2site").joinpath(f"data/{name}").read_text("utf-8")


def data_bytes(name: str) -> bytes:
    """A file of the package's `data/` folder, as bytes."""
    return resources.files("k2site").joinpath(f"data/{name}").read_bytes()
