"""The CSL style files: a bundled style by name, or a `.csl` file inside the site folder.

`site.yaml`'s `citation_style` is read here, relative to the site folder (never to the
current directory), and a dependent style is replaced by its bundled independent parent.
The references stage gets the style's text, and reads no file itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from k2site.files.load import leaves_site

#: The CSL styles shipped with k2site, one `.csl` file each.
STYLES_DIR = Path(__file__).parent.parent / "styles"

_PARENT = re.compile(rb'href="([^"]+)"\s+rel="independent-parent"')


@dataclass(frozen=True)
class CitationStyle:
    """An independent CSL style, as text: what `citation_style` names."""

    name: str
    """The file name of the independent style, such as `apa.csl`."""
    text: bytes


class StyleError(ValueError):
    """`citation_style` names no style k2site can use; the message says which exist."""

    rule = "site-config"


class StyleOutsideSite(StyleError):
    """`citation_style` names a file outside the site folder, which k2site does not read."""

    rule = "unsafe-path"


def bundled_styles() -> list[str]:
    """Names of the CSL styles shipped with k2site."""
    return sorted(p.stem for p in STYLES_DIR.glob("*.csl"))


def load_style(style: str, site: Path | None = None) -> CitationStyle:
    """The independent style for a bundled name, or for a `.csl` path relative to the
    `site` folder (without one, to the current directory). Raises StyleError."""
    bundled = f"bundled styles: {', '.join(bundled_styles())}"
    if style.endswith(".csl"):
        path = Path(style) if site is None else site / style
        if site is not None and leaves_site(site.resolve(), Path(os.path.realpath(path))):
            raise StyleOutsideSite(
                f"citation style file '{style}' lies outside the site folder (or is hidden"
                " in it); k2site reads only the site's own files: copy the style into the"
                " site and name it from there")
        if not path.is_file():
            where = "in the site folder" if site is not None else "here"
            raise StyleError(f"citation style file '{style}' not found {where};"
                             f" give a .csl file inside the site, or a name ({bundled})")
    else:
        path = STYLES_DIR / f"{style}.csl"
        if "/" in style or not path.is_file():
            raise StyleError(f"unknown citation style '{style}'; {bundled}")
    return _independent(path)


def _independent(path: Path) -> CitationStyle:
    """A dependent style (such as `vancouver`) names its parent; use the bundled parent."""
    text = path.read_bytes()
    match = _PARENT.search(text)
    if match is None:
        return CitationStyle(path.name, text)
    name = match.group(1).decode().rstrip("/").rsplit("/", 1)[-1]
    parent = STYLES_DIR / f"{name}.csl"
    if not parent.is_file():
        raise StyleError(f"citation style '{path.name}' needs its parent style"
                         f" {match.group(1).decode()}, which k2site does not bundle")
    return CitationStyle(parent.name, parent.read_bytes())
