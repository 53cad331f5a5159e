"""Write stage: the only module that writes the output folder.

The new site is written beside the old one and swapped in with renames, so a failed
or interrupted build never leaves a half-written site, and readers never see one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from k2site.diagnostics import Diagnostic, error
from k2site.files.folders import (
    INPUT_FOLDERS,
    OUTPUT_MARKER,
    OUTPUT_MARKER_TEXT,
    SEARCH_BUNDLE,
    STATIC,
)

#: A file's content: its bytes, or an iterator of chunks for a file too large to hold.
Output = bytes | bytearray | Iterator[bytes]

MARKER, MARKER_TEXT = OUTPUT_MARKER, OUTPUT_MARKER_TEXT


def output_refusal(out: Path, site: Path) -> str | None:
    """Why a build of `site` may not replace `out`, or None when it may: `out` must not
    be the site folder, contain it, or lie in one of its inputs, and it must be missing,
    an empty folder, or a folder holding an earlier build's `MARKER`."""
    out, site = out.resolve(), site.resolve()
    if out == site:
        return "the output folder is the site folder itself; choose another, such as SITE/build"
    if site.is_relative_to(out):
        return "the output folder contains the site folder; choose one inside it, such as" \
               " SITE/build"
    for name in INPUT_FOLDERS:
        if out.is_relative_to(site / name):
            return f"the output folder is inside the site's input folder {name}/;" \
                   " choose another, such as SITE/build"
    return replace_refusal(out)


def replace_refusal(out: Path) -> str | None:
    """Why a build may not replace the folder `out`, or None: it is missing, empty, or
    holds the `MARKER` of an earlier build."""
    if not out.exists() and not out.is_symlink():
        return None
    if not out.is_dir():
        return "the output path is a file, not a folder; nothing was changed"
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return None
    return (f"the output folder holds files that k2site did not write (it has no {MARKER}"
            " file); nothing was changed. Choose an empty or new folder, or, if it is an"
            " older k2site output, delete it once yourself")


class OutputRefused(OSError):
    """`write_site` was asked to replace a folder that is not a k2site output."""


class UnsafeOutputPath(ValueError):
    """A file the build would write lies outside the output folder."""

    def __init__(self, rel: str) -> None:
        super().__init__(f"the build would write '{rel}', which is not a path inside the"
                         " output folder; nothing was written")
        self.rel = rel


def inside(folder: Path, rel: str) -> Path:
    """`folder / rel`, for a path the build writes under one of its own folders (the
    staged output, the search scratch folder); `UnsafeOutputPath` unless `rel` is a
    relative path of plain names. No `..`, no absolute path, no empty or `.` part: the
    folder is new and holds only the folders and regular files written here, so no
    symlink can lead out of it either, and checking the words is enough."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") or "\x00" in part for part in parts):
        raise UnsafeOutputPath(rel)
    return folder.joinpath(*parts)


class StaticCollision(ValueError):
    """Files of `static/` would stand where the build writes its own (`static_collisions`)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} static files collide with generated files")
        self.diagnostics = diagnostics


def static_collisions(generated: Iterable[str], static: Iterable[str],
                      overrides: Collection[str] = ()) -> list[Diagnostic]:
    """A `static-collision` error for each file of `static/` that would take the place of
    one the build writes: the same path (unless `site.yaml` lists it in
    `static_overrides`), a file where the build makes a folder or the reverse, anything
    in the search bundle's folder, or the output marker. Each names both files."""
    files = set(generated)
    folders = {str(parent) for path in files for parent in PurePosixPath(path).parents}
    found = []
    for rel in static:
        parents = [str(p) for p in PurePosixPath(rel).parents][:-1]
        fix = "rename or move it"
        if rel == OUTPUT_MARKER or SEARCH_BUNDLE in (rel, *parents):
            what = f"the search index folder {SEARCH_BUNDLE}/" if rel != OUTPUT_MARKER else \
                f"the file {OUTPUT_MARKER} that marks k2site's output"
        elif rel in files and rel not in overrides:
            what = f"the generated {rel}"
            fix += f", or, if it is meant to replace it, list '{rel}' under static_overrides" \
                   " in site.yaml"
        elif rel in folders:
            what = f"the generated folder {rel}/"
        elif clash := next((p for p in parents if p in files), None):
            what = f"the generated {clash}, which this path would make a folder"
        else:
            continue
        found.append(error(f"{STATIC}/{rel}", 0, 0, "static-collision",
                           f"this file would take the place of {what}; {fix}"))
    return found


def write_site(out: Path, files: Mapping[str, bytes] | Iterable[tuple[str, Output]],
               static: Mapping[str, Path],
               finish: Callable[[Path], None] | None = None,
               overrides: Collection[str] = (),
               begin: Callable[[Path], None] | None = None,
               stop: Callable[[], None] | None = None) -> int:
    """Replace `out` with exactly these files (bytes by path, written as they come, then
    copied static files, which `StaticCollision` keeps from replacing any of them but the
    `overrides`); `begin` is told the staged folder before the first file is written,
    `finish` may add to it before the swap, and any exception, from them or from the
    files' producer, leaves `out` as it was: `stop` ends whatever `begin` started
    writing into the staged folder before that folder is removed.
    Returns how many files the new output holds."""
    out = out.resolve()
    if (refusal := replace_refusal(out)) is not None:
        raise OutputRefused(refusal)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        if begin is not None:
            begin(staging)
        _fill(staging, files.items() if isinstance(files, Mapping) else files, static,
              overrides)
        if finish is not None:
            finish(staging)
        # the staged folder holds only folders and the regular files written into it
        count = sum(len(names) for _, _, names in os.walk(staging))
        _swap(staging, out)
    except BaseException:
        if stop is not None:
            stop()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _fill(folder: Path, files: Iterable[tuple[str, Output]],
          static: Mapping[str, Path], overrides: Collection[str]) -> None:
    made: set[Path] = set()
    written = []
    for rel, data in files:
        written.append(rel)
        target = inside(folder, rel)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(data, bytes | bytearray):
            target.write_bytes(data)
        else:
            with target.open("wb") as file:
                file.writelines(data)
    if collisions := static_collisions(written, static, overrides):
        raise StaticCollision(collisions)
    for rel, source in sorted(static.items()):
        target = inside(folder, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / MARKER).write_bytes(MARKER_TEXT)
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
