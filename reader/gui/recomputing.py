"""A tool window whose figures are computed in the background (Statistics, Agreement).

Any change marks it stale; shown, it computes again after a short pause (several changes
in a row cost one computation), in a worker on its own connection, and shows only the
answer to its latest request. An in-memory library cannot be opened twice, so there it
computes on the window's thread. Closing waits for the running workers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from reader.gui.tool_window import install_close_keys
from reader.gui.workers import ThreadJobs
from reader.library import Library

DELAY_MS = 300


class RecomputingWindow(QWidget):
    """Subclasses give `compute_now()` (on this thread) and `_worker(path, generation)`
    (a worker for `ThreadJobs`, its signals connected); `_going_stale()` may say so."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        install_close_keys(self)
        self.library = library
        self._generation = 0
        self._stale = True
        self._jobs = ThreadJobs(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._start)

    def refresh(self) -> None:
        """Compute again soon; at once when shown later."""
        self._stale = True
        if self.isVisible():
            self._going_stale()
            self._timer.start()

    def _going_stale(self) -> None:
        """What the window shows while its figures are out of date (nothing by default)."""

    def compute_now(self) -> None:
        raise NotImplementedError

    def _worker(self, path: Path, generation: int) -> QObject:
        raise NotImplementedError

    def _begin(self) -> None:
        """A new request: newer than any answer on its way."""
        self._timer.stop()
        self._generation += 1
        self._stale = False

    def _start(self) -> None:
        if not self.isVisible():
            return
        if self.library.path is None:  # an in-memory library cannot be opened twice
            self.compute_now()
            return
        self._begin()
        self._jobs.start(self._worker(Path(self.library.path), self._generation))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start(0)

    def wait(self) -> None:
        """Let running workers end (before the library closes)."""
        self._jobs.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        super().closeEvent(event)
