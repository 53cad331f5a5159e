"""Render stage: the Jinja2 environment, built once per set of template overrides.

A site's `templates/` file replaces the built-in theme's file of the same name.
Autoescaping and StrictUndefined: a misspelt variable is an error, not an empty string.
Jinja's sandbox: a template from a pull request shows the values it is given, and cannot
reach Python's internals to run code on the machine that builds the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    DictLoader,
    Environment,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment

from k2site.diagnostics import Diagnostic, error
from k2site.files.cache import jinja_bytecode
from k2site.render.compiled_theme import CompiledTheme, theme_names
from k2site.text import plural


def template_env(overrides: Mapping[str, str], cache_dir: Path | None = None,
                 kept: dict[str, Environment] | None = None) -> Environment:
    """The environment for this site's overrides, taken from `kept` (what `serve` keeps
    between rebuilds) when it has one for them; compiled templates are also kept as
    signed bytecode in `cache_dir` between processes (Jinja checks each source's hash)."""
    digest = hashlib.sha256(repr((sorted(overrides.items()), str(cache_dir))).encode())
    kept = kept if kept is not None else {}
    if digest.hexdigest() not in kept:
        kept[digest.hexdigest()] = _make_env(dict(overrides), cache_dir)
    return kept[digest.hexdigest()]


class _SiteLoader(DictLoader):
    """The site's own templates, named `templates/<name>` so errors can point at them."""

    def get_source(  # type: ignore[override]
        self, environment: Environment, template: str
    ) -> tuple[str, str, Any]:
        source, _, uptodate = super().get_source(environment, template)
        return source, f"templates/{template}", uptodate


#: What `getattr` finds on a dict: every other `view.name` in a template is a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _ViewEnvironment(SandboxedEnvironment):
    """Templates read plain view-model dicts (`page.title`). Jinja tries the attribute
    first and the key after a caught AttributeError, about a million times in a
    1,000-page build; for a dict the answer is known without trying, and the same (the
    sandbox checks attributes, never keys)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _make_env(overrides: dict[str, str], cache_dir: Path | None,
              compiled: bool = True) -> Environment:
    """The theme's templates come compiled (`compiled_theme`) unless the site replaces
    them; only a site's own are compiled here, and kept in the bytecode cache."""
    loaders = [_SiteLoader(overrides), *([CompiledTheme()] if compiled else []),
               PackageLoader("k2site", "theme/templates")]
    env = _ViewEnvironment(
        bytecode_cache=jinja_bytecode(cache_dir) if cache_dir is not None else None,
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A site's templates are fixed for the life of an environment (changed overrides
        # make a new one), and the theme's are the package's: nothing to check on disk
        # each time a page extends, includes or imports one (a tenth of rendering).
        auto_reload=False,
    )
    env.filters["plural"] = plural
    return env


def source_env() -> Environment:
    """The theme's environment compiling every template from its source, which is what
    `compiled_theme` compiles ahead."""
    return _make_env({}, None, compiled=False)


def compile_theme(env: Environment) -> None:
    """Load every template the theme has (or a site's file that replaces one): a build
    renders with all of them, and workers forked afterwards share them loaded."""
    for name in theme_names():
        env.get_template(name)


#: What rendering raises for a broken template: Jinja's errors, and the endless recursion
#: of an override that extends or includes the theme's template it replaces (by that name
#: it reaches only itself).
TEMPLATE_ERRORS = (TemplateError, RecursionError)

ENDLESS = ("templates extend, include or import each other without end. An override cannot"
           " extend or include the theme's template of the same name, which it replaces:"
           " copy that template instead")


def template_diagnostic(exc: TemplateError | RecursionError,
                        overrides: Mapping[str, str]) -> Diagnostic:
    """A template error at `templates/name:line` (or the theme's file) with its message."""
    path, line = _position(exc)
    kind = "template syntax error" if isinstance(exc, TemplateSyntaxError) else "template error"
    message = ENDLESS if isinstance(exc, RecursionError) else (
        getattr(exc, "message", None) or str(exc))
    return error(path, line, 1 if line else 0, "template", f"{kind}: {message}")


def _position(exc: TemplateError | RecursionError) -> tuple[str, int]:
    if isinstance(exc, TemplateSyntaxError):
        return _display(exc.filename or exc.name or "template"), exc.lineno
    # Jinja rewrites the traceback so that template frames carry the template's file
    # and line; the innermost one is where the error is.
    found = ("(theme)", 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith("templates/") or "/theme/templates/" in filename:
            found = (_display(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def _display(filename: str) -> str:
    if filename.startswith("templates/"):
        return filename
    return "(theme) " + filename.rsplit("/theme/templates/", 1)[-1]
