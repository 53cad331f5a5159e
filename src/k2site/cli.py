"""Command line: `k2site build|check|serve|new`. Prints diagnostics and picks exit codes.

Exit codes (SPEC §4): 0 success, 1 the content has errors (or warnings under
--strict), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from k2site.diagnostics import Diagnostic, excerpt, failed, sort_unique, to_json
from k2site.files.folders import DEFAULT_OUTPUT


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _Usage(f"{self.prog}: error: {message}")


class _Usage(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="k2site", description="Evidence-annotated health sites.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="build the site into OUT (default SITE/build)")
    build.add_argument("site", nargs="?", default=".", type=Path)
    build.add_argument("-o", "--out", type=Path)
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--drafts", action="store_true", help="include draft pages")
    build.add_argument("--no-search", action="store_true", help="skip the search index")
    check = commands.add_parser("check", help="report every problem; write nothing")
    check.add_argument("site", nargs="?", default=".", type=Path)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    serve = commands.add_parser("serve", help="build, serve on localhost, rebuild on change")
    serve.add_argument("site", nargs="?", default=".", type=Path)
    serve.add_argument("--port", type=int, default=8000)
    new = commands.add_parser("new", help="create a new site that builds as it is")
    new.add_argument("site", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except _Usage as exc:
        print(exc, file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.command != "new" and not args.site.is_dir():
        print(f"k2site: error: no such folder: {args.site}", file=sys.stderr)
        return 2
    if args.command == "build":
        return _build(args.site, args.out or args.site / DEFAULT_OUTPUT, args.strict, args.drafts,
                      not args.no_search)
    if args.command == "check":
        return _check(args.site, args.strict, args.format)
    if args.command == "serve":
        from k2site.serve.live import serve

        return serve(args.site, args.port)
    from k2site.files.scaffold import new_site

    return new_site(args.site)


def _build(site: Path, out: Path, strict: bool, drafts: bool, search: bool) -> int:
    from k2site.pipeline.run import build

    started = time.perf_counter()
    result = build(site, out, strict=strict, drafts=drafts, search_index=search,
                   progress=_progress_bar(sys.stderr))
    # a build shows errors in full; warnings only in number unless they fail it
    shown = [d for d in result.diagnostics if strict or d.severity == "error"]
    report(shown, result.sources, sys.stderr)
    hidden = len(sort_unique(result.diagnostics)) - len(sort_unique(shown))
    if hidden:
        print(f"k2site: {hidden} warnings; 'k2site check' lists them", file=sys.stderr)
    if failed(result.diagnostics, strict) or not result.written:
        print("k2site: build failed; the previous output is unchanged", file=sys.stderr)
        return 1
    assert result.site is not None
    claims = sum(1 for _ in result.site.claims)
    print(f"k2site: built {len(result.site.pages)} pages, {claims} claims,"
          f" {len(result.site.studies)} studies, {result.written} files into {out}"
          f" in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


def _progress_bar(stream: TextIO) -> Callable[[int, int], None] | None:
    """A one-line bar on a terminal for builds of a few hundred pages or more."""
    if not stream.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 * done // total
        if total < 300 or percent == shown[0]:
            return
        shown[0] = percent
        bar = "#" * (percent // 4)
        end = "\n" if done == total else ""
        print(f"\rk2site: rendering [{bar:<25}] {done}/{total} pages", end=end, file=stream,
              flush=True)

    return show


def _check(site: Path, strict: bool, fmt: str) -> int:
    from k2site.pipeline.run import render

    # rendered too, but not indexed or written: a template error is a problem to report
    result = render(site)
    if fmt == "json":
        print(to_json(result.diagnostics))
    else:
        report(result.diagnostics, result.sources, sys.stdout)
        print(f"k2site: {_count(result.diagnostics)}", file=sys.stderr)
    return 1 if failed(result.diagnostics, strict) else 0


def _count(diagnostics: Sequence[Diagnostic]) -> str:
    """`2 errors, 1 warning`: each problem once, as listed."""
    unique = sort_unique(diagnostics)
    errors = sum(d.severity == "error" for d in unique)
    warnings = len(unique) - errors
    return (f"{errors} error{'' if errors == 1 else 's'},"
            f" {warnings} warning{'' if warnings == 1 else 's'}")


def report(diagnostics: Sequence[Diagnostic], sources: dict[str, str], stream: TextIO) -> None:
    """Each diagnostic once, sorted; with its source line and a caret on a terminal."""
    tty = stream.isatty()
    for diagnostic in sort_unique(diagnostics):
        print(diagnostic.format(), file=stream)
        if tty and (shown := excerpt(diagnostic, sources.get(diagnostic.path))):
            print(shown, file=stream)


def main_entry() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main_entry()
