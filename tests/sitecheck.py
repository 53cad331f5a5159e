"""Checks on a built site folder: every internal link and anchor resolves."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(str(values[name]))


def scan(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def broken_links(out: Path) -> list[str]:
    """`page -> link` for each internal link whose file or anchor does not exist."""
    pages = {p: scan(p) for p in out.rglob("*.html") if "pagefind" not in p.parts}
    broken = []
    for page, found in sorted(pages.items()):
        if page.name == "404.html":
            continue  # served at any depth: its links are rooted at the base path
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = _target(page, unquote(parts.path))
            if target is None or not target.exists():
                broken.append(f"{page.relative_to(out)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else scan(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(out)} -> {link} (no such anchor)")
    return broken


def _target(page: Path, path: str) -> Path | None:
    if not path:
        return page
    target = (page.parent / path).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def external_requests(out: Path) -> list[str]:
    """src= and stylesheet links that point at another host (pages must make none)."""
    found = []
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        for marker in ('src="http', "src='http", 'src="//'):
            if marker in text:
                found.append(f"{page.relative_to(out)}: {marker}")
    return found
