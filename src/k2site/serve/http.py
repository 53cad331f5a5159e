"""Serve's HTTP side: the site's files from memory, the live-reload script, the event stream.

Only on 127.0.0.1. Only HTML responses get the reload script, and only here: `build`
output never has it. Static files are read from the site folder as they are asked for.
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import queue
from collections.abc import Collection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from k2site.files.bundled import data_bytes
from k2site.serve.live import LiveSite, Message

EVENTS = "/__k2site/events"
SCRIPT = "/__k2site/reload.js"
#: The browser side of live reload, added to HTML responses (never to `build` output).
RELOAD_JS = data_bytes("serve-reload.js")
_KEEPALIVE = 15.0


class Server(ThreadingHTTPServer):
    daemon_threads = True
    live: LiveSite


class Handler(BaseHTTPRequestHandler):
    """Routes: the live-reload script, the event stream, and the site's own files."""

    server: Server

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
        search = live.search.files  # the search bundle, made in the background
        rel = _file_for(url_path, files.keys() | static.keys() | search.keys())
        if rel is None and _file_for(url_path + "/", files.keys()) is not None:
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.end_headers()
            return
        status, rel = (200, rel) if rel is not None else (404, "404.html")
        # static and generated both only for a file site.yaml lists in static_overrides:
        # there, as in a build, the static file wins
        data = _read(static[rel]) if rel in static else files[rel] if rel in files \
            else search[rel]
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


def _next(listener: queue.Queue[Message]) -> Message:
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


PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>k2site: the site has errors</title></head>
<body><p>The site has errors; they are listed in the terminal.
This page reloads when they are fixed.</p></body></html>
"""
