"""Load stage: the only module that reads the site folder.

Returns the folder's texts as values; a file that is not UTF-8 becomes a diagnostic
with the line and column of its first bad byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from k2site.diagnostics import Diagnostic, error
from k2site.files.folders import (
    PAGES,
    REFERENCES,
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


def read_input(root: Path, path: Path) -> tuple[SourceText | None, list[Diagnostic]]:
    """One input file of the site as text, or an `encoding` error at its first bad byte."""
    rel = path.relative_to(root).as_posix()
    data = path.read_bytes()
    try:
        return SourceText(rel, data.decode("utf-8").removeprefix("\ufeff")), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(rel, line, col, "encoding",
                            f"this file is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                            "save it as UTF-8")]


def _read_all(root: Path, paths: list[Path]) -> tuple[list[SourceText], list[Diagnostic]]:
    texts, problems = [], []
    for path in sorted(paths):
        text, more = read_input(root, path)
        problems += more
        if text is not None:
            texts.append(text)
    return texts, problems


def load_site(root: Path) -> tuple[SiteSource, list[Diagnostic]]:
    """Read site.yaml, content/*.md, references/*.bib, templates/ and list static/."""
    problems: list[Diagnostic] = []
    config = None
    if (root / SITE_CONFIG).is_file():
        config, problems = read_input(root, root / SITE_CONFIG)
    else:
        problems.append(error(SITE_CONFIG, 0, 0, "site-config",
                              "no site.yaml here: is this a k2site site folder? To start"
                              " a new site, run 'k2site new FOLDER'"))
    pages, more = _read_all(root, listed(root, PAGES))
    bibs, more2 = _read_all(root, listed(root, REFERENCES))
    problems += more + more2
    wording = None
    if (root / WORDING).is_file():
        wording, more = read_input(root, root / WORDING)
        problems += more
    source = SiteSource(
        root=root, config=config, pages=tuple(pages), bibs=tuple(bibs),
        templates=_templates(root / TEMPLATES), static=_files(root / STATIC),
        wording=wording,
    )
    return source, problems


def listed(root: Path, folder: str) -> list[Path]:
    """The files of a folder read one level deep (`content/*.md`, `references/*.bib`)."""
    return list((root / folder).glob(f"*{SUFFIXES[folder]}"))


def static_files(source: SiteSource) -> dict[str, Path]:
    """The site's `static/` files by output path, copied as they are."""
    return {rel: source.root / STATIC / rel for rel in source.static}


def _templates(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _files(folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    return tuple(p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
                 if p.is_file())
