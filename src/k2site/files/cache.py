"""A content-addressed cache of parse results between builds (used by the pipeline).

Parsing is a pure function of a file's path and text, so its result can be kept under a
hash of both, plus a fingerprint of k2site's own code: a changed file, or a changed
k2site, simply misses. Each kind of result is one pickle file in the cache folder
(`SITE/.k2site-cache/` by default), rewritten with only the entries the last build
used, so it never grows stale. A cache that cannot be read is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from k2site.files.folders import CACHE

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

FOLDER = CACHE


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any module or data file of k2site changes."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".csl", ".xml") and path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}"
                          .encode())
    return digest.hexdigest()


def key(*parts: str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def jinja_bytecode(folder: Path) -> BytecodeCache | None:
    """Jinja's compiled templates kept in `folder/jinja`, or None when it cannot be made
    (a read-only site builds, compiling its templates each time)."""
    from jinja2 import FileSystemBytecodeCache

    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder / "jinja"))


class Cache:
    """Results by key for one kind (`pages`, `bib`...), loaded once, saved once."""

    def __init__(self, folder: Path | None, kind: str) -> None:
        self.path = folder / f"{kind}.pickle" if folder else None
        self.old: dict[str, Any] = self._load()
        self.used: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            with self.path.open("rb") as file:
                # The fingerprint is pickled first, so a cache made by other k2site code
                # is dropped before its entries (hundreds of MB on a large site) are read.
                if pickle.load(file) != code_fingerprint():
                    return {}
                data = pickle.load(file)
        except Exception:  # a corrupt or foreign cache is a miss, never an error
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, cache_key: str) -> Any | None:
        value = self.old.get(cache_key)
        if value is not None:
            self.used[cache_key] = value
        return value

    def put(self, cache_key: str, value: Any) -> None:
        self.used[cache_key] = value

    def save(self) -> None:
        """Write the entries this build used, atomically; a failure leaves no cache."""
        if self.path is None or self.used.keys() == self.old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                pickle.dump(code_fingerprint(), file, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(self.used, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
        except OSError:
            pass  # a read-only site still builds, just without a cache
