"""`k2site new`: copy the example site bundled in `k2site/scaffold/` into a new folder.

The example checks clean under `--strict` and builds as it is: a page with claims of
different evidence, references of different designs, a commented `site.yaml`, and a
GitHub Actions workflow that checks, builds and publishes it.
"""

from __future__ import annotations

import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def new_site(site: Path) -> int:
    """Create the example site in `site`: 0, or 2 when the folder is not new or empty."""
    if site.exists() and (not site.is_dir() or any(site.iterdir())):
        what = "a folder that is not empty" if site.is_dir() else "a file"
        print(f"k2site: error: {site} is {what}; give the name of a new folder",
              file=sys.stderr)
        return 2
    written = copy_tree(resources.files("k2site") / "scaffold", site)
    print(f"k2site: created {site} with {written} files. Next:\n"
          f"  cd {site}\n"
          f"  k2site serve          # preview, updated as you edit\n"
          f"  k2site check --strict # every problem at once\n"
          f"  k2site build          # the site, in build/", file=sys.stderr)
    return 0


def copy_tree(source: Traversable, target: Path) -> int:
    """Copy a packaged folder, dotfiles too; returns how many files were written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for item in sorted(source.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            written += copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())
            written += 1
    return written
