"""Write a file completely or not at all, and leave nothing behind even when killed.

On Linux the file is written as an unnamed file in the destination's folder
(`O_TMPFILE`) and given its name only when complete: a process killed at any moment
leaves no trace. Elsewhere (or on a file system without `O_TMPFILE`) it is written to
`.NAME.<pid>.<random>.part` beside the destination and renamed; parts left by a
killed process are removed by the next export to the same place.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
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
    """A path to write in a private folder beside `destination` (the same file system),
    renamed onto it when the block succeeds.

    The folder (`.NAME.<pid>.<random>.part`) also takes a writer's own temporary files
    (xlsxwriter's); it is removed afterwards, and by the next export to the same place
    when a killed process could not.
    """
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    clean_stale_parts(dest)
    try:
        folder = Path(tempfile.mkdtemp(prefix=part_prefix(dest), suffix=".part", dir=dest.parent))
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    tmp = folder / dest.name
    try:
        yield tmp
        with open(tmp, "rb") as written:  # on disk before it takes the name
            os.fsync(written.fileno())
        normal_mode(tmp)
        os.replace(tmp, dest)
    except BaseException as e:
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_AT_FDCWD = -100
_AT_SYMLINK_FOLLOW = 0x400
# What older versions left (mkstemp's 8 random characters, no pid): removed once old.
LEGACY_PART_AGE_S = 3600


def part_name(dest: Path) -> str:
    """A temporary name beside `dest` that says which process writes it."""
    return f".{dest.name}.{os.getpid()}.{secrets.token_hex(4)}.part"


def part_prefix(dest: Path) -> str:
    """The `prefix` for `tempfile.mkstemp`/`mkdtemp` giving the same kind of name."""
    return f".{dest.name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_parts(dest: Path) -> list[Path]:
    """Remove the temporary files and folders that killed exports to `dest` left beside
    it (those of a process that is gone); returns what was removed."""
    pattern = re.compile(
        re.escape(f".{dest.name}.") + r"(?:(\d+)\.[a-z0-9_]{8}|([a-z0-9_]{8}))\.part"
    )
    removed = []
    try:
        entries = list(os.scandir(dest.parent))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if m.group(1) is not None:
                if _alive(int(m.group(1))):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < LEGACY_PART_AGE_S:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue  # another export cleaning at the same time, or not ours to remove
    return removed


def _unnamed_file(folder: Path) -> int | None:
    """An unnamed file in `folder` (Linux `O_TMPFILE`), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not sys.platform.startswith("linux"):
        return None
    try:
        return os.open(folder, flag | os.O_RDWR | os.O_CLOEXEC, 0o666)
    except OSError:
        return None


def _link(fd: int, path: Path) -> None:
    """Give the unnamed file `fd` the name `path` (which must not exist)."""
    libc = ctypes.CDLL(None, use_errno=True)
    source = f"/proc/self/fd/{fd}".encode()
    if libc.linkat(_AT_FDCWD, source, _AT_FDCWD, os.fsencode(path), _AT_SYMLINK_FOLLOW) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(path))


def _publish(fd: int, dest: Path) -> None:
    """Put the complete unnamed file at `dest`, replacing what is there."""
    try:
        _link(fd, dest)  # nothing there yet: the file appears whole, at once
        return
    except FileExistsError:
        pass
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOENT, errno.EOPNOTSUPP):
            raise
        _copy_out(fd, dest)
        return
    tmp = dest.with_name(part_name(dest))
    _link(fd, tmp)
    try:
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _copy_out(fd: int, dest: Path) -> None:
    """Where an unnamed file cannot be linked: copy it to a part, then rename."""
    out, tmp = tempfile.mkstemp(prefix=part_prefix(dest), suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(out, "wb") as f, os.fdopen(os.dup(fd), "rb") as src:
            src.seek(0)
            shutil.copyfileobj(src, f)
            f.flush()
            os.fsync(f.fileno())
        normal_mode(tmp)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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
    with _atomic_stream(dest, "w", encoding, newline) as f:
        yield f


@contextlib.contextmanager
def atomic_binary_writer(destination: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file written completely or not at all (a zip, a workbook)."""
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    with _atomic_stream(dest, "wb") as f:
        yield f


@contextlib.contextmanager
def _atomic_stream(
    dest: Path, mode: str, encoding: str | None = None, newline: str | None = None
) -> Iterator:
    """The file `dest` written through a stream: unnamed until complete where the system
    allows it, else as a part renamed at the end; on error (or a full disk, said so)
    nothing is left."""
    clean_stale_parts(dest)
    text = {"encoding": encoding, "newline": newline} if "b" not in mode else {}
    fd = _unnamed_file(dest.parent)
    tmp = None
    try:
        if fd is None:
            try:
                fd, tmp = tempfile.mkstemp(
                    prefix=part_prefix(dest), suffix=".part", dir=dest.parent
                )
            except OSError as e:
                raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
        with os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
            if tmp is None:
                _publish(f.fileno(), dest)
        if tmp is not None:
            normal_mode(tmp)
            os.replace(tmp, dest)
    except BaseException as e:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise
