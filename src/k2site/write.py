"""Write stage: the only module that writes the output folder.

The new site is written beside the old one and swapped in with renames, so a failed
or interrupted build never leaves a half-written site, and readers never see one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_site(out: Path, files: Mapping[str, bytes], static: Mapping[str, Path]) -> None:
    """Replace `out` with exactly these files (bytes by path, then copied static files)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _fill(staging, files, static)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _fill(folder: Path, files: Mapping[str, bytes], static: Mapping[str, Path]) -> None:
    made: set[Path] = set()
    for rel, data in sorted(files.items()):
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    for rel, source in sorted(static.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    folder.chmod(0o755)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
