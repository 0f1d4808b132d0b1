"""Write a file completely or not at all: a temporary name beside it, then a rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from reader.errors import ExportFailed, disk_full, is_disk_full
from reader.libfiles import refusal


def umask() -> int:
    """The process's umask (read by setting it, then restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def normal_mode(path: str | os.PathLike, folder: bool = False) -> None:
    """Give a file made by `mkstemp` (0600) or `mkdtemp` (0700) the mode `open()` would."""
    os.chmod(path, (0o777 if folder else 0o666) & ~umask())


@contextlib.contextmanager
def atomic_path(destination: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `destination`, renamed onto it when the block succeeds."""
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb") as written:  # on disk before it takes the name
            os.fsync(written.fileno())
        normal_mode(tmp)
        os.replace(tmp, dest)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise


@contextlib.contextmanager
def atomic_text_writer(
    destination: str | os.PathLike | None, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """Yield a text stream; on success it replaces `destination`, on error it vanishes.

    `None` or "-" writes to standard output instead.
    """
    if destination is None or str(destination) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    if dest.exists() and not dest.is_file():
        # A device or a pipe (/dev/null, a FIFO): written to as it is, never replaced.
        with dest.open("w", encoding=encoding, newline=newline) as f:
            yield f
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        normal_mode(tmp)
        os.replace(tmp, dest)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise


@contextlib.contextmanager
def atomic_binary_writer(destination: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file written completely or not at all (a zip, a workbook)."""
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        normal_mode(tmp)
        os.replace(tmp, dest)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise
