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

PR_SET_PDEATHSIG = 1
WATCH_EVERY_S = 0.5


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this process as soon as `parent_pid` is gone."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl could take effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), daemon=True).start()


def _watch(parent_pid: int) -> None:
    while True:
        time.sleep(WATCH_EVERY_S)
        if os.getppid() != parent_pid:  # re-parented: the parent is gone
            os._exit(1)
