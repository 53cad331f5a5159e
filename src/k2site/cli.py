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

from k2site import __version__
from k2site.diagnostics import count, failed, report, sort_unique, to_json
from k2site.files.folders import DEFAULT_OUTPUT
from k2site.text import plural


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _Usage(f"{self.prog}: error: {message}")


class _Usage(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="k2site", description="Build a static site of evidence-annotated"
                     " health articles: every cited claim shows the studies behind it and"
                     " how strong their evidence is.",
                     epilog="Run 'k2site COMMAND --help' for a command's options."
                     " Exit codes: 0 success, 1 problems in the content, 2 wrong usage.")
    parser.add_argument("--version", action="version", version=f"k2site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                     metavar="COMMAND")
    build = _command(commands, "build", "build the site into OUT, replacing an earlier build")
    build.add_argument("-o", "--out", type=Path, metavar="OUT",
                       help="output folder (default: SITE/build); replaced only when it is"
                            " missing, empty or an earlier k2site build")
    _strict(build)
    build.add_argument("--drafts", action="store_true",
                       help="include pages whose front matter says draft: true")
    build.add_argument("--no-search", action="store_true",
                       help="skip the Pagefind search index (faster; search then says so)")
    check = _command(commands, "check", "report every problem in the site; write nothing")
    _strict(check)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text: one 'path:line:col: severity: message [rule]' a line;"
                            " json: one object for tools (default: %(default)s)")
    serve = _command(commands, "serve", "build, serve on localhost and rebuild on every change")
    serve.add_argument("--port", type=int, default=8000,
                       help="port on 127.0.0.1 (default: %(default)s)")
    new = commands.add_parser("new", help="create a new example site that builds as it is",
                              description="Create a new example site that builds as it is.")
    new.add_argument("site", type=Path, metavar="SITE",
                     help="the new site's folder; it must not exist or must be empty")
    return parser


def _command(commands: argparse._SubParsersAction[_Parser], name: str,
             summary: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary[0].upper()
                                  + summary[1:] + ".")
    command.add_argument("site", nargs="?", default=Path("."), type=Path, metavar="SITE",
                         help="the site folder, holding site.yaml (default: the current"
                              " folder)")
    return command


def _strict(command: argparse.ArgumentParser) -> None:
    command.add_argument("--strict", action="store_true",
                         help="count warnings as errors (exit 1 on any warning)")


def main(argv: Sequence[str] | None = None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        _parser().print_help(sys.stderr)
        return 2
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
        from k2site.serve.server import serve

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
        them = "it" if hidden == 1 else "them"
        print(f"k2site: {plural(hidden, 'warning')}; 'k2site check' lists {them}",
              file=sys.stderr)
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
        print(f"k2site: {count(result.diagnostics)}", file=sys.stderr)
    return 1 if failed(result.diagnostics, strict) else 0


def main_entry() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main_entry()
