"""The library's files seen from outside SQLite, without ever hurting SQLite's locks.

SQLite's locks are POSIX advisory locks: they belong to the process, and closing ANY
file descriptor of the database file in the process drops them all (SQLite's "How To
Corrupt An SQLite Database File", §2.2). Another program then believes it is the last
user, checkpoints and deletes the WAL under our feet. So:

- every connection Reader opens is registered here (by device and inode, the identity
  POSIX locks use), and Python reads a library file's bytes only while no connection
  of this process holds that file, under the same lock that registers connections;
- sizes and existence are asked with `os.stat` (no descriptor);
- files that are an open library, or its -wal/-shm/-journal, are refused as inputs.
"""

from __future__ import annotations

import contextlib
import os
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import LibraryError

SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")
WAL_MAGIC = (0x377F0682, 0x377F0683)
# Reading a -wal to find the newest header costs one pass over it (about 0.1 s for the
# 4 MB a WAL stays near with automatic checkpoints); beyond this size the main file's
# header is used, and SQLite's own check after connecting still decides.
WAL_SCAN_MAX_BYTES = 16 * 1024 * 1024

_lock = threading.RLock()
_held: Counter[tuple[int, int]] = Counter()


def file_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of `path`, or None when it does not exist. No descriptor."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


@contextlib.contextmanager
def registry() -> Iterator[None]:
    """Hold while reading a library's bytes and connecting to it, or closing it."""
    with _lock:
        yield


def held(path: Path) -> bool:
    """Whether a connection of this process holds `path` (call inside `registry()`)."""
    key = file_key(path)
    return key is not None and _held[key] > 0


def hold(path: Path) -> tuple[int, int] | None:
    """Register a new connection to `path`; returns the key to `release` it with."""
    key = file_key(path)
    if key is not None:
        _held[key] += 1
    return key


def release(key: tuple[int, int] | None) -> None:
    if key is not None and _held[key] > 0:
        _held[key] -= 1
        if not _held[key]:
            del _held[key]


def library_of(path: Path) -> Path | None:
    """The library file that `path` is (or whose -wal/-shm/-journal it is), if a
    connection of this process holds it; else None."""
    with _lock:
        if not _held:
            return None
        if held(path):
            return path
        for suffix in COMPANIONS:
            if path.name.endswith(suffix) and len(path.name) > len(suffix):
                main = path.with_name(path.name[: -len(suffix)])
                if held(main):
                    return main
    return None


def is_library_or_companion(candidate: Path, library: Path) -> bool:
    """Whether `candidate` names `library` or one of its -wal/-shm/-journal files (by
    any relative path or link). `library` must be held: see `library_of`."""
    with _lock:
        main = library_of(Path(candidate))
        return main is not None and file_key(main) == file_key(Path(library))


def refusal(destination: Path) -> str | None:
    """Why `destination` must not be written, or None: it is a library this process
    has open, or its -wal/-shm/-journal (writing it would destroy the library)."""
    main = library_of(Path(destination))
    if main is None:
        return None
    itself = file_key(main) == file_key(Path(destination))
    what = "the library" if itself else "a file of the library"
    return f"{destination}: is {what} {main.name} that Reader has open; choose another file"


def remove_stale_parts(folder: Path, pattern: str) -> None:
    """Remove `pattern` files (named `….PID.part`) whose writing process is gone: what
    a killed backup left. Parts of a live process are kept."""
    for part in folder.glob(pattern):
        pid = part.name.rsplit(".", 2)[-2] if part.name.count(".") >= 2 else ""
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        for leftover in (part, part.with_name(part.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def input_refusal(source: Path) -> str | None:
    """Why `source` must not be read as an input file (an import), or None: it is a
    library this process has open, or its -wal/-shm/-journal; reading it with Python
    would drop SQLite's locks when the file is closed."""
    if library_of(Path(source)) is None:
        return None
    return f"{source}: is a library file Reader has open (or its -wal/-shm); it cannot be imported"


@dataclass(frozen=True)
class Header:
    """The fields of the database header (its first 100 bytes) Reader decides on."""

    application_id: int
    user_version: int
    schema_cookie: int
    empty: bool = False  # a 0-byte file: SQLite makes it a new database


def _parse(page1: bytes) -> Header:
    return Header(
        application_id=struct.unpack(">i", page1[68:72])[0],
        user_version=struct.unpack(">i", page1[60:64])[0],
        schema_cookie=struct.unpack(">I", page1[40:44])[0],
    )


def read_header(path: Path) -> Header:
    """The newest committed header of a library file: page 1 as the -wal last committed
    it, else as the main file has it. Raises LibraryError for a file that is not SQLite.

    Only call inside `registry()` when `held(path)` is false: it opens the files.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as e:
        raise LibraryError(f"{path}: cannot read the library file ({e.strerror or e})") from e
    if not head:
        return Header(0, 0, 0, empty=True)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise LibraryError(
            f"{path}: not a Reader library (not an SQLite database); the file was left untouched"
        )
    newest = _wal_page1(path.with_name(path.name + "-wal"))
    return _parse(newest if newest is not None else head)


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _wal_page1(wal: Path) -> bytes | None:
    """Page 1 as of the last committed transaction in a -wal file (SQLite's WAL format:
    frames count while their salts and cumulative checksums are valid), or None."""
    try:
        size = os.stat(wal).st_size
    except OSError:
        return None
    if size < 32 or size > WAL_SCAN_MAX_BYTES:
        return None
    try:
        with open(wal, "rb") as f:
            data = f.read()
    except OSError:
        return None
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:32])
    if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
        return None
    big = magic & 1 == 1
    s0, s1 = _checksum(data[:24], big, 0, 0)
    if (s0, s1) != (c0, c1):
        return None
    newest: bytes | None = None
    pending: bytes | None = None
    pos = 32
    while pos + 24 + page_size <= len(data):
        number, commit, f1, f2, k0, k1 = struct.unpack(">6I", data[pos : pos + 24])
        page = data[pos + 24 : pos + 24 + page_size]
        if (f1, f2) != (salt1, salt2):
            break
        s0, s1 = _checksum(data[pos : pos + 8], big, s0, s1)
        s0, s1 = _checksum(page, big, s0, s1)
        if (s0, s1) != (k0, k1):
            break
        if number == 1:
            pending = page[:100]
        if commit:
            newest = pending if pending is not None else newest
            pending = None
        pos += 24 + page_size
    return newest
