"""Write a file completely or not at all: a temporary name beside it, then a rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from reader.errors import ExportFailed


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
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
