"""Serve: the pipeline plus a watch loop, for writing with the site open in a browser.

`run.render` builds the site into memory; an HTTP server on 127.0.0.1 serves the
last good build from there, so nothing is written to disk. The watcher (`watch.py`)
reports changes to the site's inputs and the site is rebuilt; browsers listening on a
Server-Sent Events stream reload when a file their page uses has changed. When a
rebuild fails, the last good build stays up and the errors go to the terminal and, as
an overlay, to the page. Only HTML responses get the reload script, and only here:
`build` output never has it.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import posixpath
import queue
import secrets
import sys
import threading
import time
import traceback
from collections.abc import Collection, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from k2site.diagnostics import Diagnostic, excerpt, sort_unique
from k2site.files.load import static_files
from k2site.pipeline import run
from k2site.render import renderer
from k2site.serve.watch import Watcher

EVENTS = "/__k2site/events"
SCRIPT = "/__k2site/reload.js"
#: The browser side of live reload, added to HTML responses (never to `build` output).
RELOAD_JS = (resources.files("k2site") / "data" / "serve-reload.js").read_bytes()
_KEEPALIVE = 15.0
_Message = bytes | None  # one encoded SSE event; None tells a stream to end


class LiveSite:
    """The last good build, the current errors, and the browsers listening for changes."""

    def __init__(self, root: Path, terminal: TextIO):
        self.root = root
        self.files: dict[str, bytes] = {}
        self.static: dict[str, Path] = {}
        self.errors: list[Diagnostic] = []
        self.sources: dict[str, str] = {}
        self._last: run.Result | None = None
        """The last good build, which an edit to one page can start from."""
        self._epoch = secrets.token_hex(4)  # a new server means a new build for every tab
        self._generation = 0
        self._shown: dict[str, set[Diagnostic]] | None = None
        self._listeners: list[queue.Queue[_Message]] = []
        self._lock = threading.Lock()
        self.terminal = terminal

    @property
    def last_build(self) -> run.Result | None:
        """The last good build, as the pipeline returned it."""
        return self._last

    @property
    def token(self) -> str:
        """Names the build being served; a tab holding another token is out of date."""
        return f"{self._epoch}-{self._generation}"

    def rebuild(self, changed: Sequence[str] = ()) -> None:
        """Build into memory; swap the new files in, or keep the old ones and show errors."""
        started = time.perf_counter()
        try:
            # only the edited pages, when nothing else shows what changed in them
            result = run.rerender(self.root, self._last, changed) if self._last else None
            # drafts too: serve is where authors preview a page before publishing it
            result = result or run.render(self.root, drafts=True)
        except Exception:  # a bug in k2site, not in the content: keep serving
            self.say(traceback.format_exc() + "k2site: internal error; still serving")
            return
        self._last = result if result.files else None
        self._print(result.diagnostics, result.sources, bool(result.files),
                    changed if result.rendered is not None else None)
        took = f"{time.perf_counter() - started:.2f} s"
        because = f" ({', '.join(changed)})" if changed else ""
        if result.files:
            static = static_files(result.source) if result.source else {}
            count = self._swap(result.files, static, changed, result.rendered)
            self.say(f"k2site: built in {took}{because}: {_plural(count, 'file')} changed")
        else:
            self._fail(result.diagnostics, result.sources)
            state = "still serving the last good build" if self.files else "nothing to serve yet"
            self.say(f"k2site: {_plural(len(self.errors), 'error')}{because}; {state}")

    def _swap(self, files: dict[str, bytes], static: dict[str, Path],
              inputs: Sequence[str], rendered: Collection[str] | None) -> int:
        old, was_failing = self.files, bool(self.errors)
        candidates = files.keys() | old.keys() if rendered is None else rendered
        changed = sorted({p for p in candidates if files.get(p) != old.get(p)}
                         | (static.keys() ^ self.static.keys()) | _touched(static, inputs))
        with self._lock:
            self.files, self.static, self.errors = files, static, []
            if changed or was_failing:
                self._generation += 1
                self._publish("reload", json.dumps({"token": self.token, "changed": changed}))
        return len(changed)

    def _fail(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str]) -> None:
        errors = [d for d in sort_unique(diagnostics) if d.severity == "error"]
        with self._lock:
            self.errors, self.sources = errors, sources
            self._publish("problems", self._problems())

    def _problems(self) -> str:
        return json.dumps({
            "summary": f"k2site: {_plural(len(self.errors), 'error')}"
                       + ("; showing the last good build" if self.files else ""),
            "diagnostics": [{"text": d.format(), "excerpt": excerpt(d, self.sources.get(d.path))}
                            for d in self.errors],
        })

    def _print(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str],
               built: bool, only: Sequence[str] | None = None) -> None:
        """Errors every time. Warnings once as a count, then each one an edit brings in,
        judged against the last good build so a fixed error does not bring them all back.
        `only`: the files whose diagnostics may have changed, when the build knows."""
        from k2site.cli import report

        errors = [d for d in diagnostics if d.severity == "error"]
        if not built:
            report(errors, sources, self.terminal)
            return
        first, shown = self._shown is None, self._shown or {}
        by_path: dict[str, set[Diagnostic]] = {path: set() for path in only or ()}
        for d in diagnostics:
            if d.severity == "warning" and (only is None or d.path in by_path):
                by_path.setdefault(d.path, set()).add(d)
        new = [d for path, found in by_path.items() for d in found - shown.get(path, set())]
        report(errors + ([] if first else new), sources, self.terminal)
        self._shown = by_path if only is None else {**shown, **by_path}
        if first and by_path:
            count = sum(len(found) for found in by_path.values())
            self.say(f"k2site: {_plural(count, 'warning')}; 'k2site check' lists them")

    def say(self, line: str) -> None:
        print(line, file=self.terminal, flush=True)

    def subscribe(self) -> queue.Queue[_Message]:
        """A new listener, told the current build and, while it fails, the errors."""
        listener: queue.Queue[_Message] = queue.Queue()
        with self._lock:
            listener.put(b"retry: 500\n" + _event("hello", self.token))
            if self.errors:
                listener.put(_event("problems", self._problems()))
            self._listeners.append(listener)
        return listener

    @property
    def listening(self) -> int:
        """How many tabs have the event stream open."""
        return len(self._listeners)

    def unsubscribe(self, listener: queue.Queue[_Message]) -> None:
        with self._lock:
            self._listeners.remove(listener)

    def close(self) -> None:
        with self._lock:
            for listener in self._listeners:
                listener.put(None)

    def _publish(self, name: str, data: str) -> None:
        for listener in self._listeners:
            listener.put(_event(name, data))


def _touched(static: Collection[str], inputs: Sequence[str]) -> set[str]:
    """Static files under a changed input: they are served from disk, not compared."""
    folders = [p.removeprefix("static").strip("/") for p in inputs
               if p == "static" or p.startswith("static/")]
    return {rel for rel in static
            for folder in folders if not folder or f"{rel}/".startswith(f"{folder}/")}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _event(name: str, data: str) -> bytes:
    lines = "".join(f"data: {line}\n" for line in data.split("\n"))
    return f"event: {name}\n{lines}\n".encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    live: LiveSite


class _Handler(BaseHTTPRequestHandler):
    """Routes: the live-reload script, the event stream, and the site's own files."""

    server: _Server

    def do_GET(self) -> None:  # noqa: N802  (the name http.server dispatches to)
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._stream()
        elif path == SCRIPT:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_JS)
        else:
            self._site_file(path)

    def _site_file(self, url_path: str) -> None:
        live = self.server.live
        files, static = live.files, live.static  # one build, even if a rebuild lands now
        if not files:
            self._send(503, "text/html; charset=utf-8", self._inject(PLACEHOLDER.encode()))
            return
        rel = _file_for(url_path, files.keys() | static.keys())
        if rel is None and _file_for(url_path + "/", files.keys()) is not None:
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.end_headers()
            return
        status, rel = (200, rel) if rel is not None else (404, "404.html")
        data = files[rel] if rel in files else _read(static.get(rel))
        if rel.endswith(".html"):
            data = self._inject(data)
        self._send(status, _content_type(rel), data)

    def _inject(self, html: bytes) -> bytes:
        tag = f'<script src="{SCRIPT}?build={self.server.live.token}" defer></script>'.encode()
        end = html.rfind(b"</body>")
        return html[:end] + tag + html[end:] if end >= 0 else html + tag

    def _send(self, status: int, content_type: str, data: bytes) -> None:
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        # revalidate on every load, but resend a file only when its bytes changed
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def _stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        listener = self.server.live.subscribe()
        try:
            while (message := _next(listener)) is not None:
                self.wfile.write(message)
                self.wfile.flush()
        except OSError:  # the tab went away
            pass
        finally:
            self.server.live.unsubscribe(listener)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal is for builds and problems, not for every request


def _next(listener: queue.Queue[_Message]) -> _Message:
    try:
        return listener.get(timeout=_KEEPALIVE)
    except queue.Empty:
        return b": keep-alive\n\n"  # finds closed connections, keeps proxies from timing out


def _read(path: Path | None) -> bytes:
    try:
        return path.read_bytes() if path else b"not found"
    except OSError:  # deleted since the last build
        return b"not found"


def _file_for(url_path: str, names: Collection[str]) -> str | None:
    """The output file a URL path names, `index.html` for a folder; None if none."""
    rel = unquote(url_path).lstrip("/")
    if rel.endswith("/") or not rel:
        rel += "index.html"
    if posixpath.normpath(rel) != rel:
        return None
    return rel if rel in names else None


def _content_type(rel: str) -> str:
    guessed = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    text = guessed.startswith("text/") or guessed.endswith(("json", "xml", "javascript"))
    return f"{guessed}; charset=utf-8" if text else guessed


class LiveServer:
    """A running `serve`: the HTTP server and the watcher, each in its own thread."""

    def __init__(self, root: Path, port: int, terminal: TextIO = sys.stderr):
        renderer.remember_pages()  # a rebuild renders only the pages that changed
        self.live = LiveSite(root, terminal)
        self.httpd = _Server(("127.0.0.1", port), _Handler)  # never on other interfaces
        self.httpd.live = self.live
        self.watcher = Watcher(root, self.live.rebuild)
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="k2site-http",
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self) -> LiveServer:
        self.live.rebuild()
        import k2site.content.page  # noqa: F401  # loaded now, not on the first edit (Markdown parser)
        self.watcher.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self.watcher.stop()
        self.live.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(site: Path, port: int) -> int:
    """`k2site serve`: serve until Ctrl-C, which exits with 0."""
    try:
        server = LiveServer(site, port)
    except OSError as exc:
        print(f"k2site: error: cannot listen on 127.0.0.1:{port}: {exc.strerror};"
              " choose another --port", file=sys.stderr)
        return 2
    with server:
        server.live.say(f"k2site: serving {site} at {server.url} (Ctrl-C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            server.live.say("k2site: stopped")
    return 0


PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>k2site: the site has errors</title></head>
<body><p>The site has errors; they are listed in the terminal.
This page reloads when they are fixed.</p></body></html>
"""
