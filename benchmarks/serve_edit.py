"""Edit-to-served time of `k2site serve`: from saving a page to the new page being served.

    python benchmarks/serve_edit.py                 # the K2 site (a copy)
    python benchmarks/serve_edit.py SITE            # any site folder (a copy is used)

Starts the server in this process on a copy of the site, then edits one page several
times and polls the page over HTTP until it shows the edit. Three kinds of edit: a new
paragraph that cites nothing (only that page is rebuilt), a reworded claim (that page,
the pages of the studies it cites, the references and evidence pages and claims.json),
and a new title (other pages name it: the whole site is rebuilt).
Prints each time and the medians. Run it with the project's venv; for 1,000 or 10,000
pages, point it at a corpus made by `run.py` (`k2site-bench/corpora/...`).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from k2site.serve.server import LiveServer

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
                    raise SystemExit(f"edit {n} of {url} ({mark(n)!r}) not served"
                                     f" within {timeout:.0f} s")
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
    parser.add_argument("--timeout", type=float, default=300.0)
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
            title = next(p.title for p in result.site.pages if p.slug == slug)

            # a long word after the first five, which name the claim (its id stays)
            word = next(w for w in claim.text.split()[5:] if w.isalpha() and len(w) > 3)

            def reword(text: str, n: int) -> str:
                lines = text.split("\n")
                at = next(i for i in range(claim.line - 1, len(lines)) if word in lines[i])
                lines[at] = lines[at].replace(f" {word}", f" edited{n} {word}", 1)
                return "\n".join(lines)

            runs = {
                "a new uncited paragraph (that page is rebuilt)": time_edits(
                    server, page, f"/{slug}/",
                    lambda text, n: text.rstrip("\n") + f"\n\nAn added note, number {n}.\n",
                    lambda n: f"An added note, number {n}.", args.edits, args.timeout),
                "a reworded claim (with its studies and the lists of claims)": time_edits(
                    server, page, f"/{slug}/", reword, lambda n: f"edited{n}", args.edits,
                    args.timeout),
                "a new title (the whole site is rebuilt)": time_edits(
                    server, page, f"/{slug}/",
                    lambda text, n: re.sub(r"(?m)^title:.*$", "title: " + json.dumps(
                        f"{title} v{n}"), text, count=1),
                    lambda n: f"{title} v{n}", max(1, args.edits // 2), args.timeout),
            }
    for name, timings in runs.items():
        shown = ", ".join(f"{t * 1000:.0f}" for t in timings)
        print(f"{name}: median {statistics.median(timings) * 1000:.0f} ms ({shown} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
