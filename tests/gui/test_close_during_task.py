"""Closing the window while a background task still reads must not crash Reader.

Qt aborts the process when a running QThread is destroyed ("QThread: Destroyed while
thread is still running"); opening a large library starts its integrity check in the
background, so closing soon after start used to abort the program.
"""

from __future__ import annotations

import threading

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_closing_the_window_interrupts_a_long_read(window, qtbot):
    started = threading.Event()
    ended: list[str] = []

    def endless_read(library, _progress, _cancelled):
        started.set()
        # A statement that never ends by itself, as a long check or count on a huge file.
        return library._store.db.execute(ENDLESS).fetchone()

    tasks = window.tasks
    tasks.ended.connect(lambda name, how: ended.append(how))
    assert tasks.start("endless", endless_read, None, lambda _r: None)
    running = tasks._running["endless"]
    assert started.wait(10)
    window.close()  # waits for the task: it must end, interrupted
    assert running.thread is not None and running.thread.isFinished()
    qtbot.waitUntil(lambda: ended == ["cancelled"], timeout=5000)


def test_an_interrupted_check_is_no_verdict_on_the_file(lib):
    """The integrity check stopped by `interrupt()` raises; it never reports damage."""
    import sqlite3

    import pytest

    timer = threading.Timer(0.2, lib.interrupt)
    timer.start()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        lib._store.db.execute(ENDLESS).fetchone()
    timer.join()
    assert lib.check() == "ok"  # the connection works on after the interrupt
