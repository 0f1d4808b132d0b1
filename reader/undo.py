"""Undo and redo, kept in the library layer: the GUI only shows names and enabled states."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Changes
from reader.store.annotations import Step


@dataclass(frozen=True)
class UndoEntry:
    name: str  # "Add quote", "Delete PERSON", "Tag Sergey Lavrov"...
    undo: tuple[Step, ...]
    redo: tuple[Step, ...]
    changes: Changes


class UndoStack:
    """Bounded history of reversible operations. New work clears the redo side."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._done: list[UndoEntry] = []
        self._undone: list[UndoEntry] = []

    def push(self, entry: UndoEntry) -> None:
        self._done.append(entry)
        del self._done[: -self.limit]
        self._undone.clear()

    def pop_undo(self) -> UndoEntry | None:
        if not self._done:
            return None
        entry = self._done.pop()
        self._undone.append(entry)
        return entry

    def pop_redo(self) -> UndoEntry | None:
        if not self._undone:
            return None
        entry = self._undone.pop()
        self._done.append(entry)
        return entry

    def restore_undo(self, entry: UndoEntry) -> None:
        """Put an entry back after its undo failed."""
        self._undone.remove(entry)
        self._done.append(entry)

    def restore_redo(self, entry: UndoEntry) -> None:
        self._done.remove(entry)
        self._undone.append(entry)

    @property
    def undo_name(self) -> str | None:
        return self._done[-1].name if self._done else None

    @property
    def redo_name(self) -> str | None:
        return self._undone[-1].name if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
