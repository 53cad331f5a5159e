"""The theme's templates compiled ahead (`k2site.render.compiled_theme`): up to date, used,
the same pages as compiling from the source, and never used when they could differ."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import StrictUndefined, TemplateNotFound

from k2site.pipeline.run import render
from k2site.render import compiled_theme
from k2site.render.compiled_theme import FOLDER, THEME, CompiledTheme, generate, theme_names
from k2site.render.templates import source_env, template_diagnostic, template_env
from support import REPO, copy_site, need


def test_the_compiled_modules_are_those_the_templates_make_now() -> None:
    need((FOLDER / "__init__.py").is_file(),
         "the theme is not compiled in this working tree: run scripts/setup")
    made = generate(source_env)
    kept = {path.name: path.read_text(encoding="utf-8") for path in FOLDER.glob("*.py")}
    stale = sorted(name for name in made.keys() | kept.keys() if made.get(name) != kept.get(name))
    assert not stale, ("the compiled theme is out of date; run scripts/setup (or "
                       f"`python -m k2site.render.compiled_theme`): {stale}")


def test_every_theme_template_loads_compiled() -> None:
    need((FOLDER / "__init__.py").is_file(),
         "the theme is not compiled in this working tree: run scripts/setup")
    env, loader = source_env(), CompiledTheme()
    for name in theme_names():
        template = loader.load(env, name)
        assert template.filename == str(THEME / name)


@pytest.mark.parametrize("site", ["tests/sites/publication", "."])
def test_pages_are_the_same_as_from_the_source(site: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    root = copy_site(REPO / site, tmp_path / "site")
    compiled = render(root).files
    monkeypatch.setattr(compiled_theme, "_manifest", dict)  # nothing compiled ahead
    assert render(root).files == compiled
    assert len(compiled) > 20


def test_a_changed_template_is_compiled_from_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = {**compiled_theme._manifest(), "base.html": "0" * 64}
    monkeypatch.setattr(compiled_theme, "_manifest", lambda: changed)
    with pytest.raises(TemplateNotFound):
        CompiledTheme().load(source_env(), "base.html")
    env = template_env({}, None, {})
    assert env.get_template("base.html").filename == str(THEME / "base.html")
    assert env.get_template("article.html").render  # the others still load compiled


def test_another_jinja_version_compiles_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    assert compiled_theme._manifest() == {}
    with pytest.raises(TemplateNotFound):
        CompiledTheme().load(source_env(), "home.html")


def test_an_error_in_a_compiled_template_points_at_its_line() -> None:
    """A theme template rendered without what it needs fails at the same template line,
    compiled ahead or from the source."""
    positions = []
    for env in (template_env({}, None, {}), source_env()):
        assert env.undefined is StrictUndefined
        with pytest.raises(jinja2.UndefinedError) as caught:
            env.get_template("study.html").render()
        positions.append(template_diagnostic(caught.value, {}))
    compiled, from_source = positions
    assert compiled.path == from_source.path == "(theme) base.html"  # study.html extends it
    assert compiled.line == from_source.line > 0

