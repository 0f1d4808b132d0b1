"""ThreadJobs: a window's background workers are kept until their thread ends and are
waited for on close, even when Qt deleted a finished thread before the window heard of it
(an exception in closeEvent crashes PySide 6.11 instead of printing)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from reader.gui.workers import ThreadJobs


class Echo(QObject):
    finished = Signal(object)
    failed = Signal(str)

    @Slot()
    def run(self) -> None:
        self.finished.emit(42)


def test_a_finished_job_is_dropped_on_the_windows_thread(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = ThreadJobs(owner)
    got = []
    worker = Echo()
    worker.finished.connect(got.append)
    thread = jobs.start(worker)
    assert len(jobs) == 1  # kept while it runs
    qtbot.waitUntil(lambda: len(jobs) == 0, timeout=5000)
    qtbot.waitUntil(lambda: got == [42], timeout=5000)
    assert not shiboken6.isValid(thread) or thread.isFinished()


def test_wait_skips_a_thread_qt_already_deleted(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = ThreadJobs(owner)
    jobs.start(Echo())
    thread = jobs._jobs[0][1]
    qtbot.waitUntil(lambda: not shiboken6.isValid(thread) or thread.isFinished(), timeout=5000)
    if shiboken6.isValid(thread):
        shiboken6.delete(thread)  # what its deleteLater does, before the end was handled
    jobs._jobs.append((Echo(), thread))  # the window still lists it
    jobs.wait()  # the old loop called thread.wait() on it: RuntimeError inside closeEvent
    assert len(jobs) == 0
