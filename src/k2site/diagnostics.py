"""Diagnostics: every problem in the input as data with a position.

Stages return diagnostics alongside their values; only the CLI prints them. This
module imports nothing else of k2site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

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


class InputError(Exception):
    """Raised by a stage when the input is too broken to go on; carries its diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


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
