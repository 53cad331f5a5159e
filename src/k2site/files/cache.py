"""A content-addressed cache of results between builds (used by the pipeline and render).

Parsing, linting and formatting are pure functions of their input text, so a result can
be kept under a hash of that text, plus a fingerprint of k2site's own code: a changed
file, or a changed k2site, simply misses. Each kind of result is one file, rewritten
with only the entries the last build used, so it never grows stale.

The cache is kept outside the site folder, which a pull request can write: in the
user's cache folder (`$K2SITE_CACHE_DIR`, else `$XDG_CACHE_HOME/k2site`, else
`~/.cache/k2site`), one folder per site under a hash of the site's real path. What is
read back runs no code unless it verifies: every file carries an HMAC under a key
of this user's, kept in the cache root (created 0600), and a file that does not verify
is a miss, rebuilt, never trusted. The compiled templates (`BytecodeCache`) and the
search bundle (`search_index`) are signed the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jinja2 loads only when templates are rendered
    from jinja2.bccache import BytecodeCache

#: Overrides the user's cache folder (for CI, and tests): the folder holding every site's.
ENV = "K2SITE_CACHE_DIR"
_MAGIC = b"k2site-cache 3\n"
_KEY_FILE = "key"


def cache_root() -> Path:
    """Where every site's cache folder and the user's key are kept."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "k2site"


def site_cache(site: Path) -> Path | None:
    """The cache folder of the site in `site`, or None (no cache) when the cache root lies
    inside the site, where the site's own files could stand in for the key, or when it
    cannot be made safe (see `user_key`)."""
    try:
        root, real = cache_root().resolve(), site.resolve()
    except RuntimeError:  # no home folder to keep it in
        return None
    if root.is_relative_to(real) or user_key(root) is None:
        return None
    return root / hashlib.sha256(os.fsencode(real)).hexdigest()[:32]


@lru_cache(maxsize=4)
def user_key(root: Path) -> bytes | None:
    """The key that signs this user's cache files: 32 random bytes in `root/key`, made on
    first use, readable by this user alone. None when `root` or the key belongs to someone
    else, or others may write it; the cache is then off, as on a read-only disk."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(root)):
            return None
        path = root / _KEY_FILE
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as file:
                file.write(secrets.token_bytes(32))
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(handle, "rb") as file:
            info, key = os.fstat(file.fileno()), file.read()
    except OSError:
        return None
    ok = stat.S_ISREG(info.st_mode) and _private(info) and not info.st_mode & 0o077
    return key if ok and len(key) == 32 else None


def _private(info: os.stat_result) -> bool:
    """Owned by this user, and nobody else may write it."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def sign(key: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 of the parts, each with its length, so that no two lists sign alike."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.digest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any module or data file of k2site changes."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".csl", ".xml") and path.is_file():
            info = path.stat()
            digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}"
                          .encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> Any:
    """The digest of the code's fingerprint, which every key starts from: copied, not
    hashed again for each of the tens of thousands of keys a large build makes."""
    return hashlib.sha256(code_fingerprint().encode())


def key(*parts: str) -> str:
    digest = _code_digest().copy()
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def read_signed(path: Path, kind: str) -> bytes | None:
    """The body of a file `write_signed` wrote for `kind` with this code, or None: missing,
    foreign, written by other k2site code (known from its header, before the body is
    read), or not signed by this user's key."""
    secret = user_key(cache_root().resolve())
    header = len(_MAGIC) + 64 + 32
    try:
        with path.open("rb") as file:
            head = file.read(header)
            if secret is None or head[:-32] != _MAGIC + code_fingerprint().encode():
                return None
            body = file.read()
    except OSError:
        return None
    expected = sign(secret, kind.encode(), code_fingerprint().encode(), body)
    return body if hmac.compare_digest(head[-32:], expected) else None


def write_signed(path: Path, kind: str, body: bytes) -> None:
    """Write `body` atomically with its header and signature; a failure leaves no file."""
    secret = user_key(cache_root().resolve())
    if secret is None:
        return
    mac = sign(secret, kind.encode(), code_fingerprint().encode(), body)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.writelines((_MAGIC, code_fingerprint().encode(), mac, body))
        os.replace(temp, path)
    except OSError:
        pass  # a full or read-only disk builds on, without a cache


class Cache:
    """Results by key for one kind (`pages`, `bib`...), loaded once, saved once.

    The file is a header and one record per entry (`_records`), each pickled and signed
    on its own: a 10,000-page site's parsed pages are 300 MB pickled, which pickling or
    reading as one piece would hold in memory twice over, with the pickler's memo of
    every object beside them. Record by record, no more than one entry is ever held
    twice."""

    def __init__(self, folder: Path | None, kind: str) -> None:
        self.kind = kind
        self.path = folder / f"{kind}.pickle" if folder else None
        self.old: dict[str, Any] = self._load()
        self.used: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.path is None:
            return found
        try:
            for cache_key, body in read_records(self.path, self.kind):
                # signed with this user's key: written by this k2site, so safe to unpickle
                found[cache_key] = pickle.loads(body)
        except Exception:  # a cache that cannot be read is a miss, never an error
            return {}
        return found

    def get(self, cache_key: str) -> Any | None:
        value = self.old.get(cache_key)
        if value is not None:
            self.used[cache_key] = value
        return value

    def put(self, cache_key: str, value: Any) -> None:
        self.used[cache_key] = value

    def save(self) -> None:
        """Write the entries this build used, when they are not those it found."""
        if self.path is None or self.used.keys() == self.old.keys():
            return
        write_records(self.path, self.kind, (
            (cache_key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            for cache_key, value in self.used.items()))


#: A record: the lengths of its key and body, the key, the body, then its HMAC.
_RECORD = 4 + 8


def write_records(path: Path, kind: str, records: Iterable[tuple[str, bytes]]) -> None:
    """Write (key, body) records as they come, atomically; a failure leaves no file. Each
    is signed with the kind and the code's fingerprint, so a record moved to another
    file or read by other k2site code does not verify."""
    secret = user_key(cache_root().resolve())
    if secret is None:
        return
    fingerprint = code_fingerprint().encode()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(_MAGIC + fingerprint)
            for cache_key, body in records:
                name = cache_key.encode()
                mac = sign(secret, kind.encode(), fingerprint, name, body)
                file.writelines((len(name).to_bytes(4, "big"), len(body).to_bytes(8, "big"),
                                 name, body, mac))
        os.replace(temp, path)
    except OSError:
        pass  # a full or read-only disk builds on, without a cache


def read_records(path: Path, kind: str) -> Iterator[tuple[str, bytes]]:
    """The (key, body) records `write_records` wrote for `kind` with this code and this
    user's key; a file written by other code yields nothing, and a record that does not
    verify (or is cut short) raises ValueError before its body is handed on."""
    secret = user_key(cache_root().resolve())
    fingerprint = code_fingerprint().encode()
    try:
        file = path.open("rb")
    except OSError:
        return
    with file:
        if secret is None or file.read(len(_MAGIC) + 64) != _MAGIC + fingerprint:
            return
        while head := file.read(_RECORD):
            name_size, body_size = int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")
            name, body, mac = file.read(name_size), file.read(body_size), file.read(32)
            if len(head) != _RECORD or len(body) != body_size or not hmac.compare_digest(
                    mac, sign(secret, kind.encode(), fingerprint, name, body)):
                raise ValueError(f"{path.name}: a record does not verify")
            yield name.decode(), body


def jinja_bytecode(folder: Path) -> BytecodeCache:
    """Jinja's compiled templates, kept in `folder/jinja` as signed files: Jinja's own
    file cache unpickles whatever file it finds there, so a planted one would run code."""
    return _signed_bytecode_cache()(folder / "jinja")  # type: ignore[call-arg]


@lru_cache(maxsize=1)
def _signed_bytecode_cache() -> type[BytecodeCache]:
    from jinja2.bccache import Bucket, BytecodeCache

    class SignedBytecodeCache(BytecodeCache):
        def __init__(self, folder: Path) -> None:
            self.folder = folder

        def load_bytecode(self, bucket: Bucket) -> None:
            body = read_signed(self.folder / f"{bucket.key}.jinja", "jinja")
            if body is not None:  # signed: pickled and marshalled by this k2site
                bucket.bytecode_from_string(body)

        def dump_bytecode(self, bucket: Bucket) -> None:
            write_signed(self.folder / f"{bucket.key}.jinja", "jinja",
                         bucket.bytecode_to_string())

    return SignedBytecodeCache
