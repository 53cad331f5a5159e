"""`k2site serve`: the HTTP server and the watcher, each in its own thread, around one
`LiveSite` that owns everything the rebuilds keep."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TextIO

from k2site.serve.http import Handler, Server
from k2site.serve.live import LiveSite
from k2site.serve.watch import Watcher


class LiveServer:
    """A running `serve`: the HTTP server and the watcher, each in its own thread."""

    def __init__(self, root: Path, port: int, terminal: TextIO = sys.stderr):
        self.live = LiveSite(root, terminal)
        self.httpd = Server(("127.0.0.1", port), Handler)  # never on other interfaces
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
