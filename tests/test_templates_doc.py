"""docs/templates.md cannot go stale silently: the K2, second and publication sites are rendered
while recording the variables each template receives, and every template, variable,
view-model key, block, import and macro must be in the document (and nothing the theme no
longer has). A failure names the template and key, and the table to add it to."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, meta, nodes
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_NAMESPACE

from k2site.render.templates import template_env
from support import REPO, copy_site
from templatedoc import (
    DOC,
    THEME,
    Doc,
    Recording,
    Section,
    anchor,
    read_doc,
    recording,
    render,
)

SECOND = Path(__file__).parent / "sites" / "second"
PUBLICATION = Path(__file__).parent / "sites" / "publication"
WHERE = "docs/templates.md"
BASE = "base.html"


@pytest.fixture(scope="module")
def recorded() -> Iterator[Recording]:
    with pytest.MonkeyPatch.context() as patch, recording(patch) as found:
        for site in (REPO, SECOND, PUBLICATION):
            render(site)
    yield found


@pytest.fixture(scope="module")
def doc() -> Doc:
    return read_doc()


@cache
def theme_env() -> Environment:
    return template_env({})


@cache
def parsed(name: str) -> nodes.Template:
    env = theme_env()
    return env.parse(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]


@cache
def theme_templates() -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*")
                        if p.is_file()))


def extends_base(name: str) -> bool:
    return name in theme_templates() and any(
        isinstance(n.template, nodes.Const) and n.template.value == BASE
        for n in parsed(name).find_all(nodes.Extends))


def needs(name: str, recorded: Recording) -> set[str]:
    """The variables `name` receives on every page: all k2site renders it with; for an
    included template, those every inclusion gives it and those a template sets that it
    reads; for `base.html`, those every page that extends it gets."""
    if name == BASE:
        pages = [t for t in recorded.rendered if t in theme_templates() and extends_base(t)]
        return set.intersection(*(set(needs(t, recorded)) for t in pages))
    found = {key for context in recorded.rendered.get(name, []) for key in context}
    if name in recorded.included:
        # A page's own `{% set %}` reaches every partial it includes: it is the business
        # only of those that read it.
        reads = (meta.find_undeclared_variables(parsed(name)) if name in theme_templates()
                 else recorded.extras[name])
        found |= set.intersection(*recorded.included[name]) | (recorded.extras[name] & reads)
    return found


def documented(name: str, doc: Doc, recorded: Recording) -> set[str]:
    """The variables documented for `name`: its own table's, `base.html`'s for a page or
    partial within one, and those of the pages that include it."""
    rows = set(doc.templates[name].rows) if name in doc.templates else set()
    if name != BASE and (extends_base(name) or name in recorded.included):
        rows |= set(doc.templates[BASE].rows)
    for page in recorded.includers.get(name, ()):
        rows |= documented(page, doc, recorded)
    return rows


def fail_with(problems: list[str]) -> None:
    assert not problems, "\n" + "\n".join(dict.fromkeys(problems))


def test_every_theme_template_has_a_section(doc: Doc) -> None:
    theme = theme_templates()
    fail_with([f"{WHERE} has no section for the theme's template `{name}`: add '### `{name}`'"
               " under '## The templates', with what it renders, its output path, its blocks"
               " and a table of the variables it receives" for name in theme if
               name not in doc.templates]
              + [f"{WHERE} has a section '### `{name}`', but the theme has no such template:"
                 " remove or rename it" for name in doc.templates if name not in theme])


def test_every_variable_a_template_receives_is_documented(recorded: Recording,
                                                          doc: Doc) -> None:
    problems = []
    for name in sorted({*recorded.rendered, *recorded.included, BASE}):
        missing = needs(name, recorded) - documented(name, doc, recorded)
        # what a partial has from the page including it is reported once, at that page
        missing -= set().union(*(needs(p, recorded) for p in recorded.includers.get(name, ())))
        or_base = (f" (or under '### `{BASE}`' if every page receives it)"
                   if extends_base(name) else "")
        problems += [f"`{name}` receives the variable `{key}`, which {WHERE} does not"
                     f" document: add a row | `{key}` | type | meaning | to the table under"
                     f" '### `{name}`'{or_base}" for key in sorted(missing)]
    fail_with(problems)


def test_no_documented_variable_is_one_the_template_never_receives(recorded: Recording,
                                                                   doc: Doc) -> None:
    problems = []
    for name, section in doc.templates.items():
        if name == BASE:
            received = set.union(*(needs(t, recorded) for t in recorded.rendered
                                   if t in theme_templates() and extends_base(t)))
        else:
            received = needs(name, recorded) | set().union(*recorded.included.get(name, []))
        problems += [f"{WHERE} documents the variable `{key}` under '### `{name}`', but"
                     f" `{name}` never receives it: remove the row, or correct its name"
                     for key in sorted(set(section.rows) - received)]
    fail_with(problems)


class ModelCheck:
    """Walks each value a template receives along the view models its documented type
    links to, so that a key added to a view model must be added to its table."""

    def __init__(self, doc: Doc) -> None:
        self.doc, self.problems = doc, list[str]()
        self.seen: dict[str, set[str]] = {model: set() for model in doc.models}
        self.walked: set[tuple[int, str]] = set()

    def value(self, value: Any, section: Section, name: str, path: str, template: str) -> None:
        items = value if isinstance(value, list | tuple) else [value]
        mappings = [item for item in items if isinstance(item, Mapping)]
        models = [m for m in section.links(name) if m in self.doc.models]
        if mappings and models:
            for mapping in mappings:
                self.mapping(mapping, models[0], f"{path}[]" if items is value else path,
                             template)
        elif mappings and "JSON" not in section.rows[name]:
            self.problems.append(
                f"`{template}` receives `{path}`, which holds mappings, but its type under"
                f" '### {section.heading}' in {WHERE} links no view model: link one, such"
                " as `list of [study](#study)`, or add a section for it under '## View"
                " models' with a table of its keys (or call it JSON data if it is one)")

    def mapping(self, mapping: Mapping[str, Any], model: str, path: str,
                template: str) -> None:
        if (id(mapping), model) in self.walked:
            return
        self.walked.add((id(mapping), model))
        section = self.doc.models[model]
        for key, value in mapping.items():
            self.seen[model].add(key)
            if key not in section.rows:
                self.problems.append(
                    f"`{template}` receives `{path}.{key}`, which {WHERE} does not document:"
                    f" add a row | `{key}` | type | meaning | to the table under"
                    f" '### {section.heading}' (in '## View models')")
            else:
                self.value(value, section, key, f"{path}.{key}", template)


def test_every_key_of_every_view_model_is_documented(recorded: Recording, doc: Doc) -> None:
    check = ModelCheck(doc)
    for template, contexts in sorted(recorded.rendered.items()):
        for context in contexts:
            for name, value in context.items():
                owner = next((doc.templates[t] for t in (template, BASE)
                              if t in doc.templates and name in doc.templates[t].rows), None)
                if owner is not None:  # else the test of variables reports it
                    check.value(value, owner, name, name, template)
    for model, section in doc.models.items():
        if not check.seen[model]:
            check.problems.append(f"{WHERE} documents the view model '### {section.heading}'"
                                  " but no template receives one: remove it, or link it from"
                                  " the type of what holds it")
        check.problems += [f"{WHERE} documents `{key}` under '### {section.heading}', but no"
                           f" {section.heading} k2site makes has it: remove the row, or"
                           " correct its name"
                           for key in sorted(set(section.rows) - check.seen[model])]
    fail_with(check.problems)


def _named_in(name: str, node: nodes.Node) -> list[str]:
    """What a template's section must name in backticks: its blocks, the templates it
    extends, includes and imports with the names it imports, its macros' signatures."""
    if isinstance(node, nodes.Block):
        return [f"`{node.name}`"]
    if isinstance(node, nodes.Macro):
        return [f"`{node.name}({', '.join(arg.name for arg in node.args)})`"]
    if isinstance(node, nodes.FromImport):
        names = [n if isinstance(n, str) else n[0] for n in node.names]
        return [f"`{node.template.value}`"] + [f"`{n}`" for n in names]  # type: ignore[attr-defined]
    return [f"`{node.template.value}`"]  # type: ignore[attr-defined]


def test_blocks_imports_and_macros_are_documented(doc: Doc) -> None:
    kinds = (nodes.Block, nodes.Macro, nodes.Extends, nodes.Include, nodes.FromImport,
             nodes.Import)
    problems = []
    for name in theme_templates():
        text = doc.templates[name].text if name in doc.templates else ""
        for node in parsed(name).find_all(kinds):
            problems += [f"`{name}` has {type(node).__name__.lower()} {named}, which {WHERE}"
                         f" does not name: add it to '### `{name}`'"
                         for named in _named_in(name, node) if named not in text]
    fail_with(problems)


def test_k2sites_own_filters_and_globals_are_documented() -> None:
    env, text = theme_env(), DOC.read_text("utf-8")
    own = sorted({*env.filters} - {*DEFAULT_FILTERS} | {*env.globals} - {*DEFAULT_NAMESPACE})
    assert own, "k2site adds at least the `plural` filter"
    fail_with([f"templates have k2site's filter or global `{name}`, which {WHERE} does not"
               " document: add a row for it under '### Filters and globals'"
               for name in own if f"| `{name}` |" not in text])


def test_every_link_within_the_document_finds_its_heading() -> None:
    text = DOC.read_text("utf-8")
    headings = {anchor(h) for h in re.findall(r"(?m)^#+ (.+)$", text)}
    fail_with([f"{WHERE} links to #{target}, but has no heading with that anchor"
               for target in re.findall(r"\]\(#([^)]+)\)", text) if target not in headings])


def examples() -> dict[str, str]:
    """The document's example overrides, by template name."""
    found = re.findall(r"In `templates/([^`]+)`:\n\n```jinja\n(.*?)```",
                       DOC.read_text("utf-8"), re.DOTALL)
    return dict(found)


def test_the_example_overrides_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert {"partials/footer.html", "404.html"} <= set(examples())
    site = copy_site(SECOND, tmp_path / "site")
    for name, text in examples().items():
        (site / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "templates" / name).write_text(text, "utf-8")
    with recording(monkeypatch) as found:
        render(site)
    assert {f"templates/{name}" for name in examples()} <= found.sources
