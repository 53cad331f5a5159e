"""Render stage: the Jinja2 environment, built once per set of template overrides.

A site's `templates/` file replaces the built-in theme's file of the same name.
Autoescaping and StrictUndefined: a misspelt variable is an error, not an empty string.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache

from jinja2 import (
    ChoiceLoader,
    DictLoader,
    Environment,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)

from k2site.diagnostics import Diagnostic, error

_CACHE: dict[str, Environment] = {}


def template_env(overrides: Mapping[str, str]) -> Environment:
    """The environment for this site's overrides; compiled templates are kept per process."""
    digest = hashlib.sha256(repr(sorted(overrides.items())).encode()).hexdigest()
    if digest not in _CACHE:
        _CACHE[digest] = _make_env(dict(overrides))
    return _CACHE[digest]


def _make_env(overrides: dict[str, str]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([DictLoader(overrides), PackageLoader("k2site", "theme/templates")]),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plural"] = plural
    return env


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`3|plural("claim")` -> `3 claims`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


@lru_cache(maxsize=1)
def _theme_names() -> frozenset[str]:
    loader = PackageLoader("k2site", "theme/templates")
    return frozenset(loader.list_templates())


def template_diagnostic(exc: TemplateError, overrides: Mapping[str, str]) -> Diagnostic:
    """A template error as `templates/name:line`, for the site's own templates."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "template"
    line = getattr(exc, "lineno", 0) or 0
    if isinstance(exc, UndefinedError):
        message = f"template error: {exc.message}"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"template syntax error: {exc.message}"
    else:
        message = f"template error: {exc}"
    path = f"templates/{name}" if name in overrides else f"(theme) {name}"
    return error(path, line, 1, "template", message)
