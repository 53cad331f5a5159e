"""Write stage: the only module that writes the output folder.

The new site is written beside the old one and swapped in with renames, so a failed
or interrupted build never leaves a half-written site, and readers never see one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

#: A file's content: its bytes, or an iterator of chunks for a file too large to hold.
Output = bytes | bytearray | Iterator[bytes]


def write_site(out: Path, files: Mapping[str, bytes] | Iterable[tuple[str, Output]],
               static: Mapping[str, Path],
               finish: Callable[[Path], None] | None = None) -> int:
    """Replace `out` with exactly these files (bytes by path, written as they come, then
    copied static files); `finish` may add to the staged folder before the swap, and
    any exception, from it or from the files' producer, leaves `out` as it was.
    Returns how many files the new output holds."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _fill(staging, files.items() if isinstance(files, Mapping) else files, static)
        if finish is not None:
            finish(staging)
        count = sum(1 for p in staging.rglob("*") if p.is_file())
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _fill(folder: Path, files: Iterable[tuple[str, Output]],
          static: Mapping[str, Path]) -> None:
    made: set[Path] = set()
    for rel, data in files:
        target = folder / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(data, bytes | bytearray):
            target.write_bytes(data)
        else:
            with target.open("wb") as file:
                file.writelines(data)
    for rel, source in sorted(static.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    folder.chmod(0o755)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / "site")
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old / "site", out)
        old.rmdir()
        raise
    _discard(old)


#: Deleting a large old output takes seconds on slow disks; past this many files the
#: old tree, already renamed out of the way, is deleted by a process of its own.
BACKGROUND_DELETE = 2000


def _discard(old: Path) -> None:
    rm = shutil.which("rm")
    if rm and _more_files_than(old, BACKGROUND_DELETE):
        subprocess.Popen([rm, "-rf", "--", str(old)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(old, ignore_errors=True)


def _more_files_than(folder: Path, limit: int) -> bool:
    for count, _ in enumerate(folder.rglob("*")):
        if count >= limit:
            return True
    return False
