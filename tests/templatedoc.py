"""Test helpers for docs/templates.md: the document read as data (a section per template
and per view model, each with its table), and a site rendered while recording the
variables each template receives, as the theme really gets them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Template
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.runtime import Macro, TemplateReference

from k2site.pipeline import run
from support import REPO

DOC = REPO / "docs" / "templates.md"
THEME = REPO / "src" / "k2site" / "theme" / "templates"
MODELS = "View models"
"""The level-2 heading under which each level-3 section is a view model."""


@dataclass
class Section:
    """One `###` section of the document: a template (`### \\`name\\``) or a view model."""

    heading: str
    text: str = ""
    rows: dict[str, str] = field(default_factory=dict)
    """The first column's name -> the second column (the type), for each table row."""

    def links(self, name: str) -> list[str]:
        """The anchors the type of `name` links to, such as `study` for `[study](#study)`."""
        return re.findall(r"\]\(#([a-z0-9-]+)\)", self.rows[name])


@dataclass
class Doc:
    templates: dict[str, Section]
    """By template name, such as `partials/footer.html`."""
    models: dict[str, Section]
    """By anchor, such as `article-page` for `### article page`."""


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    return re.sub(r"[^a-z0-9 _-]", "", heading.strip().lower()).replace(" ", "-")


def read_doc(path: Path = DOC) -> Doc:
    doc = Doc({}, {})
    chapter, section = "", None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            chapter, section = line[3:].strip(), None
        elif line.startswith("### "):
            heading = line[4:].strip()
            section = Section(heading)
            if chapter == MODELS:
                doc.models[anchor(heading)] = section
            elif (name := re.fullmatch(r"`([^`]+\.(?:html|xml))`", heading)):
                doc.templates[name.group(1)] = section
        elif section is not None:
            section.text += line + "\n"
            _table_row(section, line)
    return doc


def _table_row(section: Section, line: str) -> None:
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)]
    if len(cells) < 4 or not (name := re.match(r"`([\w.]+)`$", cells[1])):
        return  # not a row, a header row, or a macro's signature
    section.rows[name.group(1)] = cells[2]


@dataclass
class Recording:
    """What each template was rendered with, over one or more renders of a site."""

    rendered: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Template rendered by k2site itself -> the variables of each render."""
    included: dict[str, list[set[str]]] = field(default_factory=dict)
    """Template included by another -> the variable names of each inclusion."""
    extras: dict[str, set[str]] = field(default_factory=dict)
    """Included template -> names it got that the page rendering it was not given (those
    a template sets, such as `header_search`)."""
    includers: dict[str, set[str]] = field(default_factory=dict)
    """Included template -> the templates k2site rendered that included it."""
    sources: set[str] = field(default_factory=set)
    """The file of each template used: `templates/<name>` for a site's override."""


def _variables(*scopes: dict[str, Any] | None) -> dict[str, Any]:
    """A context's variables, without Jinja's globals or the macros a template imports."""
    found = {k: v for scope in scopes for k, v in (scope or {}).items()}
    return {k: v for k, v in found.items() if k not in DEFAULT_NAMESPACE
            and not isinstance(v, Macro | TemplateReference)}


@contextmanager
def recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recording]:
    """Every template context made while it lasts: Jinja makes one per `render` (unshared)
    and per `{% include %}` (shared, from the including page's context)."""
    recorded, page = Recording(), ["", set[str]()]
    original = Template.new_context

    def new_context(self: Template, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: dict[str, Any] | None = None) -> Any:
        name, found = str(self.name), _variables(vars, locals)
        recorded.sources.add(str(self.filename))
        if not shared and found:  # an import's module has no variables of its own
            recorded.rendered.setdefault(name, []).append(found)
            page[:] = [name, set(found)]
        elif shared:
            recorded.included.setdefault(name, []).append(set(found))
            recorded.extras.setdefault(name, set()).update(set(found) - page[1])
            recorded.includers.setdefault(name, set()).add(page[0])
        return original(self, vars, shared, locals)

    monkeypatch.setattr(Template, "new_context", new_context)
    yield recorded


def render(site: Path) -> None:
    """Render `site` (drafts too, so that every page is seen) in memory."""
    result = run.render(site, drafts=True)
    errors = [d.format() for d in result.diagnostics if d.severity == "error"]
    assert result.files and not errors, errors
