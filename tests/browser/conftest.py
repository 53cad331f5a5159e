"""Browser fixtures: the K2 site built once, served on 127.0.0.1, read in headless Chromium.

Debian's Chromium drives the tests through Playwright (no downloaded browser). Without
Chromium the tests skip, saying why; under CI=true they fail instead. axe-core comes from
npm (`npm ci` at the repository root) and is served by the test server from a path of
its own, so the pages' Content Security Policy stays switched on while axe runs.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .browser_support import REPO, Reader, chromium_path, need

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__test__/axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking",
                 "--disable-gpu", "--no-first-run"]


class _Handler(SimpleHTTPRequestHandler):
    """Serves the built site, plus axe-core at a test-only path of the same origin."""

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == AXE_URL:
            return str(AXE)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # keep pytest's output for the failures


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    """A built site on 127.0.0.1, any free port, with axe-core at its test-only path."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="package")
def base_url(k2_build: Path) -> Iterator[str]:
    """The built K2 site (`k2_build` of tests/conftest.py) on 127.0.0.1, any free port."""
    with _served(k2_build) as url:
        yield url


@pytest.fixture(scope="package")
def publication_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/sites/publication built (review dates judged on 2026-12-01) and served."""
    from k2site.cli import main

    out = tmp_path_factory.mktemp("publication") / "build"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", "1796083200")
        assert main(["build", str(REPO / "tests" / "sites" / "publication"), "-o", str(out),
                     "--no-search"]) == 0
    with _served(out) as url:
        yield url


@pytest.fixture(scope="package")
def parts_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/second built with its search index in three parts, as a large site's
    is (one part per article's worth of pages instead of hundreds)."""
    from k2site.cli import main
    from k2site.files import search_index

    need(search_index.executable() is not None,
         "Pagefind is not installed (pip install 'pagefind[bin]')")
    out = tmp_path_factory.mktemp("parts") / "build"
    with pytest.MonkeyPatch.context() as env:
        env.setattr(search_index, "ARTICLES_PER_PART", 1)
        assert main(["build", str(REPO / "tests" / "sites" / "second"), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    # Package scope: Playwright's sync API allows one running instance per thread, and
    # other test files (tests/test_serve.py) start their own after this package is done.
    path = chromium_path()
    need(path is not None, "Chromium is not installed (Debian package `chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python is not installed (pip install -e '.[test]')")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def axe_url(base_url: str) -> str:
    """axe-core from node_modules, installed with `npm ci` when it is missing."""
    if not AXE.is_file() and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=False,
                       capture_output=True, timeout=300)
    need(AXE.is_file(), "axe-core is not installed: run `npm ci` at the repository root")
    return base_url.rstrip("/") + AXE_URL


@pytest.fixture(scope="package")
def publication_axe_url(axe_url: str, publication_url: str) -> str:
    """axe-core from the publication site's own origin, which its CSP allows."""
    return publication_url.rstrip("/") + AXE_URL


@pytest.fixture
def reader_factory(browser: Any, base_url: str) -> Iterator[Any]:
    """Opens readers with the given context options; each must end its test clean."""
    yield from _readers(browser, base_url)


@pytest.fixture
def parts_reader_factory(browser: Any, parts_build: Path) -> Iterator[Any]:
    """The same, on the site whose search index is in parts."""
    with _served(parts_build) as url:
        yield from _readers(browser, url)


@pytest.fixture
def parts_missing_reader_factory(browser: Any, parts_build: Path,
                                 tmp_path: Path) -> Iterator[Any]:
    """The site whose index is in parts, with its last part's folder gone."""
    build = tmp_path / "build"
    shutil.copytree(parts_build, build)
    shutil.rmtree(build / "pagefind" / "part3")
    with _served(build) as url:
        yield from _readers(browser, url)


@pytest.fixture
def publication_reader_factory(browser: Any, publication_url: str) -> Iterator[Any]:
    """The same, on the publication test site."""
    yield from _readers(browser, publication_url)


def _readers(browser: Any, base_url: str) -> Iterator[Any]:
    contexts: list[Any] = []
    readers: list[Reader] = []

    def open_reader(**options: Any) -> Reader:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        reader = Reader(context.new_page(), base_url)

        def route(route: Any) -> None:
            # Nothing may leave the host: note the attempt and never let it through.
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                reader.foreign.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        reader.page.on("console", lambda m: reader.errors.append(m.text)
                       if m.type == "error" else None)
        reader.page.on("pageerror", lambda e: reader.errors.append(str(e)))
        readers.append(reader)
        return reader

    yield open_reader
    try:
        for reader in readers:
            reader.check_clean()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def reader(reader_factory: Any) -> Reader:
    """A desktop reader in light mode."""
    return reader_factory()
