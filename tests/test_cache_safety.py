"""The cache runs no code and never changes what a build writes, whatever a pull request
plants in the site or anyone writes into the cache (issue 18): it lives outside the site,
and a file that does not carry this user's signature is rebuilt, never read."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from k2site.files import cache, search_index
from support import copy_site, need, run

SECOND = Path(__file__).parent / "sites" / "second"
TEMPLATE = "{% extends 'base.html' %}\n{% block main %}\n<p>Not here.</p>\n{% endblock %}\n"


class _Plant:
    """Unpickling it creates the file it names: what an attacker's pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site(SECOND, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(TEMPLATE)
    return site


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _build(site: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, _, err = run(["build", str(site), "-o", str(out), *extra], capsys)
    assert code == 0, err


def _kept(site: Path) -> Path:
    folder = cache.site_cache(site)
    assert folder is not None
    return folder


def _bytecode_name(template: str) -> str:
    """Jinja's cache key for a site template (see templates._SiteLoader)."""
    return hashlib.sha1(f"{template}|templates/{template}".encode()).hexdigest()


@pytest.mark.parametrize("kind", ["pickle", "jinja"])
def test_a_cache_planted_in_the_site_runs_nothing(site: Path, tmp_path: Path, kind: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Where the cache used to be: pickles of parse results, and Jinja's bytecode files,
    whose header Jinja unpickles before it compares anything."""
    marker = tmp_path / "pwned"
    planted = site / ".k2site-cache"
    (planted / "jinja").mkdir(parents=True)
    if kind == "pickle":
        for name in ("pages", "bib", "config", "lint", "csl"):
            (planted / f"{name}.pickle").write_bytes(pickle.dumps(_Plant(marker)))
    else:
        jinja_file = f"__jinja2_{_bytecode_name('404.html')}.cache"
        (planted / "jinja" / jinja_file).write_bytes(bc_magic + pickle.dumps(_Plant(marker)))
    _build(site, tmp_path / "out", capsys, "--no-search")
    assert not marker.exists(), f"a planted {kind} file ran code"


def test_unsigned_files_in_the_real_cache_run_nothing(site: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Even with the right header, a file not signed with the user's key is not unpickled."""
    _build(site, tmp_path / "one", capsys, "--no-search")
    marker = tmp_path / "pwned"
    header = cache._MAGIC + cache.code_fingerprint().encode()
    plant = pickle.dumps(_Plant(marker))
    assert list(_kept(site).glob("jinja/*.jinja")), "the site's own 404.html is cached"
    for path in _kept(site).glob("*.pickle"):  # one record, its HMAC all zeros
        name = b"0" * 64
        path.write_bytes(header + len(name).to_bytes(4, "big") + len(plant).to_bytes(8, "big")
                         + name + plant + bytes(32))
    for path in _kept(site).glob("jinja/*.jinja"):
        path.write_bytes(header + bytes(32) + bc_magic + plant)
    _build(site, tmp_path / "two", capsys, "--no-search")
    assert not marker.exists(), "an unsigned cache file ran code"
    assert _files(tmp_path / "two") == _files(tmp_path / "one")


def test_a_tampered_entry_is_ignored_and_rebuilt(site: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _build(site, tmp_path / "one", capsys, "--no-search")
    pages = _kept(site) / "pages.pickle"
    signed = pages.read_bytes()
    # the cached page text of basics.md, altered in place: same length, same pickle
    assert signed.count(b"oily fish") >= 1
    pages.write_bytes(signed.replace(b"oily fish", b"oily dish"))
    _build(site, tmp_path / "two", capsys, "--no-search")
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert b"oily dish" not in (tmp_path / "two" / "basics" / "index.html").read_bytes()
    assert pages.read_bytes() == signed, "the rebuilt entry was not written back"


def test_the_cache_lives_outside_the_site_readable_by_its_user_alone(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _build(site, tmp_path / "out", capsys, "--no-search")
    assert not (site / ".k2site-cache").exists()
    folder = _kept(site)
    assert folder.parent == cache.cache_root().resolve()
    assert not folder.is_relative_to(site.resolve())
    key = os.stat(folder.parent / "key")
    assert stat.S_IMODE(key.st_mode) == 0o600 and key.st_size == 32
    assert stat.S_IMODE(os.stat(folder.parent).st_mode) & 0o077 == 0


def test_a_cache_root_inside_the_site_is_not_used(site: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(site / "cache"))
    assert cache.site_cache(site) is None


def test_a_key_others_can_read_turns_the_cache_off(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    monkeypatch.setenv(cache.ENV, str(root))
    assert cache.site_cache(tmp_path / "site") is not None
    os.chmod(root / "key", 0o644)
    cache.user_key.cache_clear()
    assert cache.site_cache(tmp_path / "site") is None
    cache.user_key.cache_clear()


def _indexed_digest(site: Path, out: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> str:
    """Build, and return the digest of the indexed pages: the stamp a kept bundle has."""
    made: list[search_index.Indexer] = []
    real = search_index.Indexer.__enter__
    monkeypatch.setattr(search_index.Indexer, "__enter__",
                        lambda indexer: (made.append(indexer), real(indexer))[1])
    _build(site, out, capsys)
    monkeypatch.undo()
    return made[0]._digest.hexdigest()


def test_a_search_bundle_planted_in_the_site_is_not_published(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    need(search_index.executable() is not None,
         "Pagefind is not installed (pip install 'pagefind[bin]')")
    digest = _indexed_digest(site, tmp_path / "one", capsys, monkeypatch)
    planted = site / ".k2site-cache" / "search"
    shutil.rmtree(planted, ignore_errors=True)
    shutil.copytree(tmp_path / "one" / "pagefind", planted / "pagefind")
    (planted / "pagefind" / "evil.js").write_text("alert(1)")
    (planted / "pages.sha256").write_text(digest, encoding="ascii")
    _build(site, tmp_path / "two", capsys)
    assert not (tmp_path / "two" / "pagefind" / "evil.js").exists()
    assert _files(tmp_path / "two") == _files(tmp_path / "one")


def test_a_changed_search_bundle_in_the_real_cache_is_not_published(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need(search_index.executable() is not None,
         "Pagefind is not installed (pip install 'pagefind[bin]')")
    _build(site, tmp_path / "one", capsys)
    kept = _kept(site) / "search"
    (kept / "pagefind" / "evil.js").write_text("alert(2)")  # an added file
    _build(site, tmp_path / "two", capsys)
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    script = kept / "pagefind" / "pagefind.js"  # a changed one
    script.write_text(script.read_text() + "\nalert(3)\n")
    _build(site, tmp_path / "three", capsys)
    assert _files(tmp_path / "three") == _files(tmp_path / "one")
