"""Taking the write lock: wait for another program's write, report the wait, and give
up only after a stated limit, with a message that names the cause."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from reader.errors import LibraryLocked

# (seconds waited so far, the limit): called about once a second while waiting.
LockWaiting = Callable[[float, float], None]
SLICE_MS = 1000


def locked_message(limit: float) -> str:
    return (
        f"another program kept the library locked for writing for more than {limit:g} s "
        "(the longest Reader waits); nothing was written — try again when it is done"
    )


def _is_busy(e: sqlite3.OperationalError) -> bool:
    return "locked" in str(e) or "busy" in str(e)


def begin_immediate(
    conn: sqlite3.Connection, limit: float, waiting: LockWaiting | None, busy_ms: int
) -> None:
    """BEGIN IMMEDIATE, waiting up to `limit` seconds for another program's write."""
    if waiting is None and limit * 1000 <= busy_ms:
        try:
            conn.execute("BEGIN IMMEDIATE")  # SQLite's own busy timeout waits
        except sqlite3.OperationalError as e:
            if _is_busy(e):
                raise LibraryLocked(locked_message(busy_ms / 1000)) from e
            raise
        return
    started = time.monotonic()
    conn.execute(f"PRAGMA busy_timeout = {SLICE_MS}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
                waited = time.monotonic() - started
                if waited >= limit:
                    raise LibraryLocked(locked_message(limit)) from e
                if waiting is not None:
                    waiting(waited, limit)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
