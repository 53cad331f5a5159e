"""Diagnostics: every problem in the input as data with a position.

Stages return diagnostics alongside their values; `report` prints them, for the command
line and for `serve`. This module imports nothing else of k2site but its text helpers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Literal, TextIO

from k2site.text import plural

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the input, in the `path:line:col: severity: message [rule]` form."""

    path: str
    """File name relative to the site folder, with forward slashes."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    col: int
    """1-based column; 0 when unknown."""
    severity: Severity
    """`error` fails the build; `warning` fails it only under `--strict`."""
    rule: str
    """Stable rule id, such as `unknown-key` or `overclaim`."""
    message: str
    """What is wrong and, where possible, how to fix it."""

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"


def error(path: str, line: int, col: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "error", rule, message)


def warning(path: str, line: int, col: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, "warning", rule, message)


def sort_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, each problem once."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.rule, d.message))


def failed(diagnostics: Iterable[Diagnostic], strict: bool) -> bool:
    """Whether these diagnostics fail the run: any error, or any warning under strict."""
    return any(d.severity == "error" or strict for d in diagnostics)


def excerpt(diagnostic: Diagnostic, source: str | None) -> str:
    """The diagnostic's source line with a caret under its column, or '' without a line."""
    if source is None or diagnostic.line < 1:
        return ""
    lines = source.splitlines()
    if diagnostic.line > len(lines):
        return ""
    text = lines[diagnostic.line - 1].replace("\t", " ")
    gutter = f"{diagnostic.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * max(diagnostic.col - 1, 0) + "^"
    return f"{gutter}{text}\n{caret}"


def report(diagnostics: Iterable[Diagnostic], sources: Mapping[str, str],
           stream: TextIO) -> None:
    """Each diagnostic once, sorted; with its source line and a caret on a terminal."""
    tty = stream.isatty()
    for diagnostic in sort_unique(diagnostics):
        print(diagnostic.format(), file=stream)
        if tty and (shown := excerpt(diagnostic, sources.get(diagnostic.path))):
            print(shown, file=stream)


def count(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 errors, 1 warning`: each problem once, as listed."""
    unique = sort_unique(diagnostics)
    errors = sum(d.severity == "error" for d in unique)
    return f"{plural(errors, 'error')}, {plural(len(unique) - errors, 'warning')}"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """The `check --format json` document of SPEC §4."""
    items = sort_unique(diagnostics)
    return json.dumps(
        {
            "diagnostics": [asdict(d) for d in items],
            "errors": sum(d.severity == "error" for d in items),
            "warnings": sum(d.severity == "warning" for d in items),
        },
        ensure_ascii=False,
        indent=2,
    )
