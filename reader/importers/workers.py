"""Parse worker processes that never outlive the process that started them.

A `reader import` killed with SIGKILL cannot shut its pool down; its workers (and,
through them, multiprocessing's resource tracker) would wait for work forever.
Each worker asks Linux to kill it when its parent goes (`PR_SET_PDEATHSIG`), and
watches its parent's pid as well (other systems, and the moment before prctl ran).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
WATCH_EVERY_S = 0.5


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this process as soon as `parent_pid` is gone.

    A worker forked by the fork server is the server's child: the server ends when
    `parent_pid` does (it reads a pipe of it), which kills the worker through
    PR_SET_PDEATHSIG, and the watch asks after `parent_pid` itself as well."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    direct = os.getppid() == parent_pid
    if not _alive(parent_pid, direct):  # the parent died before prctl could take effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid, direct), daemon=True).start()


def _alive(parent_pid: int, direct: bool) -> bool:
    if direct:
        return os.getppid() == parent_pid  # else re-parented: the parent is gone
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists (and is not ours to signal)
        return True
    return True


def _watch(parent_pid: int, direct: bool) -> None:
    while True:
        time.sleep(WATCH_EVERY_S)
        if not _alive(parent_pid, direct):
            os._exit(1)


# Imports whose pool still uses the server. Every worker it forks holds its alive pipe,
# so stopping it waits for every live worker: one import ending while another parses
# would wait for that one to end. Only the last one to end stops it.
_server_users = 0
_server_lock = threading.Lock()


def pool_context() -> Any:
    """The multiprocessing context of the parse workers. Never fork: the GUI imports
    from a thread of a process that holds Qt and a library connection. Where it can,
    a fork server that has loaded the parsers' models once (reader.importers.warm),
    each worker forked from it warm: two workers starting cold cost ~1.9 s of CPU each.
    The server is started by exec, not fork, and stopped after each import (it holds
    ~180 MB); READER_IMPORT_FORKSERVER=0 (or a system without it) starts each worker
    cold."""
    import multiprocessing

    if os.environ.get("READER_IMPORT_FORKSERVER") != "0" and (
        "forkserver" in multiprocessing.get_all_start_methods()
    ):
        global _server_users
        context = multiprocessing.get_context("forkserver")
        with _server_lock:
            context.set_forkserver_preload(["reader.importers.warm"])
            _server_users += 1
        return context
    return multiprocessing.get_context("spawn")


def stop_pool_server(context: Any) -> None:
    """Stop the fork server once the last pool using it is shut down: a window would
    otherwise keep it (and its memory) until it closes. multiprocessing has no public
    call for it."""
    global _server_users
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with _server_lock:
        _server_users -= 1
        if _server_users == 0:
            with contextlib.suppress(Exception):
                forkserver._forkserver._stop()


CHUNK = 16  # files a task: fewer round trips, and the first results come soon


def parse_chunk(parse: Callable[[Path], Any], paths: list[Path]) -> list[Any]:
    """A worker's share: several files parsed in one call."""
    return [parse(p) for p in paths]


class Parsed:
    """The items of a batch's files in their order; `ready(timeout)` says whether the
    next one is parsed, waiting up to `timeout` seconds for it, so that the library can
    commit what it stored before it waits for the workers.

    Without workers (`pool` None) each file is parsed here when it is taken, so the next
    one is never ready."""

    def __init__(
        self,
        pool: Executor | None,
        parse: Callable[[Path], Any],
        files: list[Path],
        held: dict[Path, Any],
    ) -> None:
        self._files = files
        self._held = held  # files not to read: their item is given
        self._parse = parse
        self._taken = 0
        self._current: deque[Any] = deque()
        self._futures: deque[Future] = deque()
        if pool is not None:
            readable = [p for p in files if p not in held]
            # All submitted at once: the workers keep parsing while the library writes.
            for i in range(0, len(readable), CHUNK):
                self._futures.append(pool.submit(parse_chunk, parse, readable[i : i + CHUNK]))
        self.parallel = pool is not None

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self._taken >= len(self._files):
            raise StopIteration
        path = self._files[self._taken]
        self._taken += 1
        if path in self._held:
            return self._held[path]
        if not self.parallel:
            return self._parse(path)
        if not self._current:
            self._current.extend(self._futures.popleft().result())
        return self._current.popleft()

    def ready(self, timeout: float = 0.0) -> bool:
        if self._taken >= len(self._files) or self._files[self._taken] in self._held:
            return True
        if not self.parallel:
            return False
        if self._current:
            return True
        try:
            self._futures[0].result(timeout)
        except FuturesTimeout:
            return False
        except Exception:  # raised again when the item is taken
            pass
        return True
