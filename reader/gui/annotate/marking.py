"""Making, noting, editing and deleting marks, and undo and redo: the commands of
`AnnotateController` that change the library.

Each runs through `LibraryEvents.run` (one committed transaction, one error dialog);
nothing is drawn here: the marks reload from the library's announcement
(`AnnotateController.on_changed`), whoever made the change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from reader.gui.annotate.labels import key_label
from reader.gui.dialogs.note_dialog import NoteDialog
from reader.gui.views.marks import describe
from reader.model import Annotation, Changes

STATUS_MS = 5000  # how long a command's message stays in the status bar


class MarkCommands:
    """Mixed into `AnnotateController`, whose view, library, events, labels, marks and
    selection these read (kept apart so the controller holds loading and drawing)."""

    # -- making marks ---------------------------------------------------------------------

    def create(self, kind: str, label: str | None, note: str | None = None) -> Annotation | None:
        """Mark the selected text; the new mark becomes the selected one."""
        article, rng = self.view.article, self.marking_range()
        if article is None or rng is None:
            self.status("Select some text first.", STATUS_MS)
            return None
        made = self.events.run(
            self,
            lambda: self.library.annotate(article.id, kind, *rng, label=label, note=note),
            parent=self.view,
        )
        if made is None:
            return None
        self.select_mark(made.id)
        self.status(describe(made), STATUS_MS)
        return made

    def quote(self) -> Annotation | None:
        label = key_label(self.labels, "quote", "Q")
        return self.create("quote", label.name if label else None)

    def tag(self, n: int) -> None:
        label = self.keys.get(n)
        if label is None:
            self.status(f"No entity label has the key {n}.", STATUS_MS)
            return
        self.create("entity", label.name)

    def highlight(self) -> None:
        label = key_label(self.labels, "highlight", "H")
        self.create("highlight", label.name if label else None)

    def note_target(self) -> Annotation | None:
        """The mark N edits: the selected text's own mark, else the selected mark when no
        other text is selected (None: N makes a new highlight of the selection)."""
        rng = self.marking_range()
        if rng is not None:
            start, end = rng
            same = [a for a in self.annotations if (a.start, a.end) == (start, end)]
            if same:
                return (
                    self.annotation(self.selected)
                    if self.selected in {a.id for a in same}
                    else same[-1]
                )
            return None
        return self.annotation(self.selected)

    def note(self) -> None:
        """N: edit the note of a mark, or make a highlight with a note of the selection."""
        if self.note_dialog is not None:
            return
        target = self.note_target()
        rng = self.marking_range()
        if target is None and rng is None:
            self.status("Select some text or a mark first.", STATUS_MS)
            return
        if target is not None:
            dialog = NoteDialog(
                self.view.window(),
                f"Note on {target.label or target.kind}",
                target.exact,
                target.note or "",
            )
            dialog.accepted.connect(lambda: self._save_note(target.id, dialog.note()))
        else:
            article = self.view.article
            assert article is not None and rng is not None
            quoted = article.text[rng[0] : rng[1]]
            dialog = NoteDialog(self.view.window(), "Highlight with a note", quoted)
            label = key_label(self.labels, "highlight", "H")
            dialog.accepted.connect(
                lambda: self.create("highlight", label.name if label else None, dialog.note())
            )
        dialog.finished.connect(self._note_closed)
        self.note_dialog = dialog
        dialog.open()

    def _note_closed(self) -> None:
        if self.note_dialog is not None:
            self.note_dialog.deleteLater()
        self.note_dialog = None
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_note(self, annotation_id: int, note: str | None) -> None:
        current = self.annotation(annotation_id)
        if current is not None and (current.note or None) == note:
            return
        self._update(annotation_id, {"note": note})

    def _update(self, annotation_id: int, values: dict[str, Any]) -> bool:
        done = self.events.run(
            self,
            lambda: self.library.update_annotation(annotation_id, **values),
            parent=self.view,
        )
        return done is not None

    def _commit_edit(self, annotation_id: int, values: dict[str, Any]) -> bool:
        """An edit in the panel: saved now; the rows reload once the editor has closed
        (the announcement names the panel's model as the initiator)."""
        done = self.events.run(
            self.model,
            lambda: self.library.update_annotation(annotation_id, **values),
            parent=self.view,
        )
        return done is not None

    def delete(self) -> None:
        target = self.annotation(self.selected)
        if target is None:
            self.status("Click a mark first, then press Delete.", STATUS_MS)
            return
        self.selected = None
        done = self.events.run(
            self, lambda: self.library.delete_annotation(target.id) or True, parent=self.view
        )
        if done:
            self.status(f"Deleted {describe(target)}", STATUS_MS)

    # -- undo ----------------------------------------------------------------------------

    def undo(self) -> None:
        self._history(self.library.undo, self.library.undo_name, "Undid")

    def redo(self) -> None:
        self._history(self.library.redo, self.library.redo_name, "Redid")

    def _history(self, step: Callable[[], Changes | None], name: str | None, verb: str) -> None:
        if name is None or self.library.readonly:
            return
        changes = self.events.run(self, step, parent=self.view)
        if changes is None:
            return
        current, where = self.view.article, changes.articles | changes.rejections
        if where and (current is None or current.id not in where):
            self.articleRequested.emit(min(where))  # show the change where it is
        self.status(f"{verb} {name}", STATUS_MS)
