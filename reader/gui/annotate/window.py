"""The window's annotation handlers (named in the action table), mixed into MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.gui.dialogs.preferences import PreferencesDialog

if TYPE_CHECKING:
    from reader.gui.annotate.controller import AnnotateController
    from reader.gui.settings import Settings
    from reader.library import Library


class AnnotateHandlers:
    annotate: AnnotateController
    library: Library
    settings: Settings
    preferences_dialog: PreferencesDialog | None = None

    def annotate_quote(self) -> None:
        self.annotate.quote()

    def annotate_tag(self, n: int) -> None:
        self.annotate.tag(n)

    def annotate_highlight(self) -> None:
        self.annotate.highlight()

    def annotate_note(self) -> None:
        self.annotate.note()

    def delete_mark(self) -> None:
        self.annotate.delete()

    def undo(self) -> None:
        self.annotate.undo()

    def redo(self) -> None:
        self.annotate.redo()

    def preferences(self) -> None:
        """Edit → Preferences: annotator name and labels, saved as they change."""
        if self.preferences_dialog is not None:
            self.preferences_dialog.raise_()
            return
        dialog = PreferencesDialog(self.library, self.settings.annotator(), self)  # type: ignore[arg-type]
        dialog.labelsChanged.connect(self.annotate.labels_changed)
        dialog.annotatorChanged.connect(self.set_annotator)
        dialog.finished.connect(self._preferences_closed)
        self.preferences_dialog = dialog
        dialog.open()

    def _preferences_closed(self) -> None:
        if self.preferences_dialog is not None:
            self.preferences_dialog._annotator_edited()
            self.preferences_dialog.deleteLater()
        self.preferences_dialog = None

    def set_annotator(self, name: str) -> None:
        self.settings.set_annotator(name)
        self.library.annotator = name
