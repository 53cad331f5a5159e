"""Edit-to-served time of `k2site serve`: from saving a page to the new page being served.

    python benchmarks/serve_edit.py                 # the K2 site (a copy)
    python benchmarks/serve_edit.py SITE            # any site folder (a copy is used)

Starts the server in this process on a copy of the site, then edits one page several
times and polls the page over HTTP until it shows the edit. Two kinds of edit: a new
paragraph that cites nothing (only that page changes, so only it is rebuilt), and a
changed claim (other pages and claims.json show claims, so the whole site is rebuilt).
Prints each time and the medians. Run it with the project's venv; for 1,000 or 10,000
pages, point it at a corpus made by `run.py` (`k2site-bench/corpora/...`).
"""

from __future__ import annotations

import argparse
import http.client
import io
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from k2site.serve import LiveServer

REPO = Path(__file__).resolve().parents[1]


def served(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    return body


def time_edits(server: LiveServer, page: Path, url: str, edit: Callable[[str, int], str],
               mark: Callable[[int], str], count: int, timeout: float) -> list[float]:
    port = server.httpd.server_address[1]
    original = page.read_text()
    timings = []
    try:
        for n in range(count):
            started = time.perf_counter()
            page.write_text(edit(original, n))
            while mark(n) not in served(port, url):
                if time.perf_counter() - started > timeout:
                    raise SystemExit(f"edit {n} not served within {timeout:.0f} s")
                time.sleep(0.005)
            timings.append(time.perf_counter() - started)
            time.sleep(0.3)  # let the watcher settle before the next edit
    finally:
        page.write_text(original)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="k2site-serve-") as scratch:
        site = Path(scratch) / "site"
        for name in ("content", "references", "templates", "static"):
            if (args.site / name).is_dir():
                shutil.copytree(args.site / name, site / name)
        for name in ("site.yaml", "wording.yaml"):
            if (args.site / name).is_file():
                shutil.copy(args.site / name, site / name)
        pages = sorted((site / "content").glob("*.md"))
        started = time.perf_counter()
        with LiveServer(site, 0, io.StringIO()) as server:
            print(f"{len(pages)} pages; first build {time.perf_counter() - started:.2f} s")
            page = pages[len(pages) // 2]
            result = server.live.last_build
            assert result is not None and result.site is not None
            slug = next(p.slug for p in result.site.pages if p.path.endswith(page.name))
            claim = next(c for p in result.site.pages if p.slug == slug for c in p.claims)
            word = claim.text.split()[0]
            runs = {
                "a new uncited paragraph (that page is rebuilt)": time_edits(
                    server, page, f"/{slug}/",
                    lambda text, n: text.rstrip("\n") + f"\n\nAn added note, number {n}.\n",
                    lambda n: f"An added note, number {n}.", args.edits, args.timeout),
                "a changed claim (the whole site is rebuilt)": time_edits(
                    server, page, f"/{slug}/",
                    lambda text, n: text.replace(word, f"{word} edited{n}", 1),
                    lambda n: f"edited{n}", max(1, args.edits // 2), args.timeout),
            }
    for name, timings in runs.items():
        shown = ", ".join(f"{t * 1000:.0f}" for t in timings)
        print(f"{name}: median {statistics.median(timings) * 1000:.0f} ms ({shown} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
