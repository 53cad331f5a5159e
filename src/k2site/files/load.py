"""Load stage: the only module that reads the site folder.

Returns the folder's texts as values, with LF line ends; a file that is not UTF-8, or
that holds a control character, becomes a diagnostic with the line and column of its
first bad byte or character.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from k2site.diagnostics import Diagnostic, error
from k2site.files.characters import control_characters, with_lf
from k2site.files.folders import (
    OUTPUT_MARKER,
    PAGES,
    PEOPLE,
    REFERENCES,
    RETRACTIONS,
    SITE_CONFIG,
    STATIC,
    SUFFIXES,
    TEMPLATES,
    WORDING,
)


@dataclass(frozen=True)
class SourceText:
    """One text file of the site, decoded."""

    path: str
    """Relative to the site folder, with forward slashes."""
    text: str


@dataclass(frozen=True)
class SiteSource:
    """Everything the pipeline reads from a site folder."""

    root: Path
    config: SourceText | None
    pages: tuple[SourceText, ...]
    bibs: tuple[SourceText, ...]
    templates: dict[str, str]
    """Template name -> text, from the site's `templates/` folder."""
    static: tuple[str, ...]
    """Files under `static/`, relative to that folder."""
    wording: SourceText | None
    """The site's own additions to the wording vocabulary (`wording.yaml`)."""
    retractions: SourceBytes | None = None
    """The Retraction Watch snapshot editors downloaded (`references/retraction_watch.csv`)."""
    people: SourceText | None = None
    """The people who write and review the articles (`people.yaml`)."""


@dataclass(frozen=True)
class SourceBytes:
    """A large input kept as bytes: decoded only when no earlier build has read it."""

    path: str
    data: bytes


def read_input(root: Path, path: Path) -> tuple[SourceText | None, list[Diagnostic]]:
    """One input file as text, if it lies inside the site (see `outside`)."""
    if (refusal := outside(root, path)) is not None:
        return None, [refusal]
    return _decode(root, path)


def _decode(root: Path, path: Path) -> tuple[SourceText | None, list[Diagnostic]]:
    rel = path.relative_to(root).as_posix()
    data = path.read_bytes()
    try:
        text = with_lf(data.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        # counted in characters and lines as the editor shows them, whatever the line ends
        before = with_lf(data[: exc.start].decode("utf-8", errors="replace"))
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return None, [error(rel, line, col, "encoding",
                            f"this file is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                            "save it as UTF-8")]
    problems = control_characters(rel, text)
    return (None if problems else SourceText(rel, text)), problems


def outside(root: Path, path: Path) -> Diagnostic | None:
    """An `unsafe-path` error when `path` (under `root`) is, or passes through, a symbolic
    link to somewhere outside the site folder, or to a hidden file or folder in it (such as
    `.git/`, where CI may keep credentials); None for a file k2site may read. Links that
    stay among the site's own files are followed."""
    site, rel = root.resolve(), path.relative_to(root)
    real = Path(os.path.realpath(path))
    if real == site / rel or not leaves_site(site, real):
        return None  # no link on the way, or one to another of the site's files
    where = "a hidden file of the site" if real.is_relative_to(site) else "outside the site"
    return error(rel.as_posix(), 0, 0, "unsafe-path",
                 f"this path goes through a symbolic link (to {_target(root, path)}) to {where};"
                 " k2site follows links only to the site's own files (not to hidden ones such"
                 " as .git/config), so that a change to the site cannot publish other files"
                 " of the machine that builds it. Copy the file in instead")


def leaves_site(site: Path, real: Path) -> bool:
    """Whether a real path (links resolved) lies outside the real `site` folder, or in a
    hidden file or folder of it, where no input of the site may lead."""
    return not real.is_relative_to(site) or any(
        part.startswith(".") for part in real.relative_to(site).parts)


def _target(root: Path, path: Path) -> str:
    """What the first link on the way from `root` to `path` points at."""
    here = root
    for part in path.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            return f"'{os.readlink(here)}'"
    return "another file"


def _read_all(root: Path, paths: list[Path]) -> tuple[list[SourceText], list[Diagnostic]]:
    texts, problems = [], []
    for path in sorted(paths):
        text, more = _decode(root, path)
        problems += more
        if text is not None:
            texts.append(text)
    return texts, problems


def load_site(root: Path) -> tuple[SiteSource, list[Diagnostic]]:
    """Read site.yaml, content/*.md (and content/<article>/*.md), references/*.bib,
    wording.yaml, people.yaml, templates/ and list static/; a file that a symbolic link
    brings from outside the site is refused (`outside`)."""
    problems: list[Diagnostic] = []
    config = None
    if (root / SITE_CONFIG).is_file() or (root / SITE_CONFIG).is_symlink():
        config, problems = read_input(root, root / SITE_CONFIG)
    else:
        problems.append(error(SITE_CONFIG, 0, 0, "site-config",
                              "no site.yaml here: is this a k2site site folder? To start"
                              " a new site, run 'k2site new FOLDER'"))
    found: dict[str, list[Path]] = {}
    for folder in (PAGES, REFERENCES, TEMPLATES, STATIC):
        found[folder], more = _inputs(root, folder)
        problems += more
    pages, more = _read_all(root, found[PAGES])
    bibs, more2 = _read_all(root, found[REFERENCES])
    problems += more + more2
    wording, more = _optional(root, WORDING)
    people, more2 = _optional(root, PEOPLE)
    problems += more + more2
    templates, more = _templates(root, found[TEMPLATES])
    problems += more
    snapshot, more = _snapshot(root)
    problems += more
    source = SiteSource(
        root=root, config=config, pages=tuple(pages), bibs=tuple(bibs), templates=templates,
        static=tuple(_under(root, STATIC, p) for p in found[STATIC]), wording=wording,
        retractions=snapshot,
        people=people,
    )
    return source, problems


def _snapshot(root: Path) -> tuple[SourceBytes | None, list[Diagnostic]]:
    """The Retraction Watch snapshot, as bytes (see `references.retractions`), if it lies
    inside the site (see `outside`)."""
    path = root / RETRACTIONS
    if not (path.is_file() or path.is_symlink()):
        return None, []
    if (refusal := outside(root, path)) is not None:
        return None, [refusal]
    return SourceBytes(RETRACTIONS, path.read_bytes()), []
def _optional(root: Path, name: str) -> tuple[SourceText | None, list[Diagnostic]]:
    """A file beside site.yaml that a site may leave out."""
    path = root / name
    return read_input(root, path) if path.is_file() or path.is_symlink() else (None, [])


def listed(root: Path, folder: str) -> list[Path]:
    """The files read from an input folder: `references/*.bib`, and `content/*.md` with
    `content/<article>/*.md` (an article folder; nothing deeper)."""
    found = list((root / folder).glob(f"*{SUFFIXES[folder]}"))
    if folder == PAGES:
        found += [p for p in (root / folder).glob(f"*/*{SUFFIXES[folder]}")
                  if not p.parent.name.startswith(".") and (p.is_file() or p.is_symlink())]
    return found


def static_files(source: SiteSource) -> dict[str, Path]:
    """The site's `static/` files by output path, copied as they are."""
    return {rel: source.root / STATIC / rel for rel in source.static}


def _inputs(root: Path, folder: str) -> tuple[list[Path], list[Diagnostic]]:
    """The files k2site reads in one input folder: `*.md` or `*.bib` one level deep, or
    every file at any depth (templates/, static/), in path order; links are followed
    while they stay inside the site, and refused (`outside`) when they do not."""
    top = root / folder
    if not (top.is_dir() or top.is_symlink()):
        return [], []
    if (refusal := outside(root, top)) is not None:
        return [], [refusal]
    if folder in SUFFIXES:
        candidates = [p for p in listed(root, folder) if p.is_file() or p.is_symlink()]
        refused = [r for p in candidates if (r := outside(root, p)) is not None]
        bad = {r.path for r in refused}
        return [p for p in candidates if _under(root, "", p) not in bad], refused
    return _walk(root, top)


def _walk(root: Path, top: Path) -> tuple[list[Path], list[Diagnostic]]:
    files: list[Path] = []
    problems: list[Diagnostic] = []
    # Each folder with the real paths of those above it (a link to one of them, such as
    # static/loop -> .., would never end, and is not followed again), and whether a link
    # led to it: then every entry is checked, so that static/loop/.git is refused too.
    pending = [(top, frozenset[str](), os.path.realpath(top) != str(root.resolve() / top.name))]
    while pending:
        folder, above, linked = pending.pop()
        real = os.path.realpath(folder)
        if real in above:
            continue
        with os.scandir(folder) as entries:
            for entry in entries:
                path = folder / entry.name
                refusal = outside(root, path) if linked or entry.is_symlink() else None
                if refusal is not None:
                    problems.append(refusal)
                elif entry.is_dir():
                    through_link = linked or entry.is_symlink()
                    # a link to the site folder would bring in its last build: never an input
                    if not (through_link and (path / OUTPUT_MARKER).is_file()):
                        pending.append((path, above | {real}, through_link))
                elif entry.is_file():
                    files.append(path)
    return sorted(files, key=lambda p: p.parts), problems


def _under(root: Path, folder: str, path: Path) -> str:
    """`path` relative to `root / folder`, with forward slashes."""
    return path.relative_to(root / folder).as_posix()


def _templates(root: Path, paths: list[Path]) -> tuple[dict[str, str], list[Diagnostic]]:
    templates, problems = {}, []
    for path in paths:
        text, more = _decode(root, path)
        problems += more
        if text is not None:
            templates[_under(root, TEMPLATES, path)] = text.text
    return templates, problems
