"""Undo, redo and announcements, kept in the library layer.

Every write of the library ends here, after its transaction committed: `History`
records the undo entry (if the write can be undone) and announces what changed to
its subscribers. The GUI only listens (menu texts, refreshes); nothing here knows Qt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.model import Changes
from reader.store.annotations import Step

if TYPE_CHECKING:
    from reader.store import Store

Listener = Callable[[Changes], None]


@dataclass(frozen=True)
class UndoEntry:
    name: str  # "Add quote", "Delete PERSON", "Tag Sergey Lavrov"...
    undo: tuple[Step, ...]
    redo: tuple[Step, ...]
    changes: Changes

    def references(self, article_ids: Iterable[int], entity_ids: Iterable[int]) -> bool:
        """Whether replaying this entry needs one of these articles or entities."""
        articles, entities = set(article_ids), set(entity_ids)
        changes = self.changes
        if articles & (changes.articles | changes.flags | changes.metadata | changes.rejections):
            return True
        if not entities:
            return False
        for step in (*self.undo, *self.redo):
            if step.table == "entities" and step.row_id in entities:
                return True
            row = step.row
            if row.get("entity_id") in entities or row.get("speaker_id") in entities:
                return True
        return False


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

    def discard(self, entry: UndoEntry) -> None:
        """Forget an entry (its replay failed, or what it needs is gone)."""
        for side in (self._done, self._undone):
            if entry in side:
                side.remove(entry)

    def drop_if(self, dead: Callable[[UndoEntry], bool]) -> None:
        self._done = [e for e in self._done if not dead(e)]
        self._undone = [e for e in self._undone if not dead(e)]

    @property
    def undo_name(self) -> str | None:
        return self._done[-1].name if self._done else None

    @property
    def redo_name(self) -> str | None:
        return self._undone[-1].name if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()


class History:
    """The one place every write ends: the undo entry recorded, the change announced."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.stack = UndoStack()
        self._listeners: list[Listener] = []
        self._group: list[UndoEntry] | None = None
        self._pending = Changes()  # what the open group changed so far

    # -- announcing ---------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(changes)` after every committed write; returns the unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def announce(self, changes: Changes) -> None:
        """Tell the subscribers what a committed write changed (nothing when it is empty;
        inside a group, once when the group commits)."""
        if not changes:
            return
        if self._group is not None:
            self._pending = self._pending | changes
            return
        for listener in list(self._listeners):
            listener(changes)

    def record(self, name: str, undo: list[Step], redo: list[Step], changes: Changes) -> None:
        """An undoable write committed: keep how to revert it, and announce it."""
        entry = UndoEntry(name, tuple(undo), tuple(redo), changes)
        if self._group is not None:
            self._group.append(entry)
        else:
            self.stack.push(entry)
        self.announce(changes)

    @contextlib.contextmanager
    def group(self, name: str) -> Iterator[None]:
        """Several writes as one transaction, one undo step called `name`, one announcement."""
        if self._group is not None:
            yield  # already inside a group: it becomes part of the outer one
            return
        self._group, self._pending = [], Changes()
        try:
            with self._store.atomic():
                yield
            entries, changes = self._group, self._pending
        finally:
            self._group, self._pending = None, Changes()
        if entries:
            self.stack.push(
                UndoEntry(
                    name,
                    tuple(step for e in reversed(entries) for step in e.undo),
                    tuple(step for e in entries for step in e.redo),
                    changes,
                )
            )
        self.announce(changes)

    # -- undo and redo ------------------------------------------------------------------

    @property
    def undo_name(self) -> str | None:
        return self.stack.undo_name

    @property
    def redo_name(self) -> str | None:
        return self.stack.redo_name

    def undo(self) -> Changes | None:
        entry = self.stack.pop_undo()
        return None if entry is None else self._replay(entry, entry.undo, "undo")

    def redo(self) -> Changes | None:
        entry = self.stack.pop_redo()
        return None if entry is None else self._replay(entry, entry.redo, "redo")

    def _replay(self, entry: UndoEntry, steps: tuple[Step, ...], verb: str) -> Changes:
        try:
            with self._store.atomic():
                self._store.annotations.apply(steps)
        except Exception as e:
            # It cannot be replayed now and will not be later: forget it, so that the
            # entries before it stay reachable.
            self.stack.discard(entry)
            reason = str(e) or type(e).__name__
            raise ReaderError(f"cannot {verb} {entry.name}: {reason}") from e
        self.announce(entry.changes)
        return entry.changes

    def forget(self, article_ids: Iterable[int] = (), entity_ids: Iterable[int] = ()) -> None:
        """Drop the entries that need articles or entities which are gone."""
        articles, entities = frozenset(article_ids), frozenset(entity_ids)
        self.stack.drop_if(lambda e: e.references(articles, entities))

    def clear(self) -> None:
        self.stack.clear()

    def last(self) -> UndoEntry | None:
        """The step `undo()` would revert, or None."""
        return self.stack._done[-1] if self.stack._done else None

    def adopt(self, entry: UndoEntry) -> None:
        """Take over a step another connection of this process committed (a worker's
        merge), so that this history can undo it; nothing is written or announced."""
        self.stack.push(entry)
