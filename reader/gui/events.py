"""The Qt face of `Library.subscribe`: the one signal every view listens to.

`changed(changes, initiator)` carries what the library announced (the initiator is
the object that ran the action, or None: elsewhere — a worker, another program);
`historyChanged(undo_name, redo_name)` follows every action and every announcement.
A view compares `initiator` with itself to skip the echo of its own edit if it likes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.errors import ReaderError
from reader.gui.errors import show_error
from reader.library import Library
from reader.model import Changes

T = TypeVar("T")


class LibraryEvents(QObject):
    changed = Signal(object, object)  # Changes, initiator (None: elsewhere)
    historyChanged = Signal(str, str)  # undo name, redo name ("" when there is none)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._initiator: object = None
        self._running = False
        self._heard: list[Changes] = []
        self._unsubscribe = library.subscribe(self._announced)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _announced(self, changes: Changes) -> None:
        if self._running:
            self._heard.append(changes)  # told once, after the action
            return
        self.changed.emit(changes, self._initiator)
        self._history()

    def _history(self) -> None:
        self.historyChanged.emit(self.library.undo_name or "", self.library.redo_name or "")

    def run(
        self,
        initiator: object,
        op: Callable[[], T],
        *,
        parent: QWidget | None,
        success: Callable[[T], object] | None = None,
    ) -> T | None:
        """One user action: a `ReaderError` goes to the one error dialog (None is
        returned); the views hear once, after it, what it changed; then `success`."""
        if self._running:  # an action inside an action: part of the outer one
            return op()
        self._running, self._heard = True, []
        failed = False
        try:
            result = op()
        except ReaderError as e:
            failed = True
            show_error(parent, e)
        finally:
            self._running = False
            heard, self._heard = self._heard, []
        if heard:
            union = heard[0]
            for changes in heard[1:]:
                union = union | changes
            previous, self._initiator = self._initiator, initiator
            try:
                self.changed.emit(union, initiator)
            finally:
                self._initiator = previous
        self._history()
        if failed:
            return None
        if success is not None:
            success(result)
        return result

    def check_outside(self, always: bool = False) -> bool:
        """Tell the views when another program (or a worker's connection) wrote; with
        `always`, tell them to reload whatever happened (View → Refresh)."""
        try:
            return self.library.check_for_outside_changes(always)
        except ReaderError:
            return False
