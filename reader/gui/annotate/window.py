"""The annotation commands named in the action table (marks, review, undo, preferences)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from reader.gui.annotate.controller import STATUS_MS, AnnotateController
from reader.gui.annotate.edge_drag import EdgeDragger
from reader.gui.annotate.resize import resize_mark
from reader.gui.annotate.suggestions import ReviewController
from reader.gui.codebook.quick_tag import QuickTagDialog
from reader.gui.dialogs.preferences import PreferencesDialog
from reader.gui.settings import Settings


class AnnotateCommands(QObject):
    def __init__(
        self,
        annotate: AnnotateController,
        review: ReviewController,
        settings: Settings,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.annotate = annotate
        self.review = review
        self.library = annotate.library
        self.settings = settings
        self.window = window
        self.preferences_dialog: PreferencesDialog | None = None
        self.quick_tag: QuickTagDialog | None = None
        annotate.snap_words = settings.snap_to_words()
        self.edges = EdgeDragger(annotate)  # a selected mark's ends dragged with the mouse

    def annotate_quote(self) -> None:
        """Q: a quote, then the attribution form (speaker, cue, type)."""
        self.review.quote_by_hand()

    def annotate_tag(self, n: int) -> None:
        self.annotate.tag(n)

    def annotate_highlight(self) -> None:
        self.annotate.highlight()

    def annotate_tag_with(self) -> QuickTagDialog | None:
        """L: Tag with Label…, a quick filter over every label of the codebook; Enter
        tags the selection with the chosen one."""
        annotate = self.annotate
        if annotate.marking_range() is None:
            annotate.status("Select some text first.", STATUS_MS)
            return None
        dialog = QuickTagDialog(annotate.labels, self.window)
        dialog.chosen.connect(lambda label: annotate.create(label.kind, label.name))
        dialog.finished.connect(dialog.deleteLater)
        self.quick_tag = dialog
        dialog.open()
        return dialog

    def annotate_note(self) -> None:
        self.annotate.note()

    def delete_mark(self) -> None:
        self.annotate.delete()

    def review_suggestions(self) -> None:
        self.review.set_active(self.review.action.isChecked())

    def accept_all_quotes(self) -> int:
        return self.review.accept_all("quotes")

    def accept_all_entities(self) -> int:
        return self.review.accept_all("entities")

    def undo(self) -> None:
        self.annotate.undo()

    def redo(self) -> None:
        self.annotate.redo()

    def preferences(self) -> None:
        """Edit → Preferences: annotator name and labels, saved as they change."""
        if self.preferences_dialog is not None:
            self.preferences_dialog.raise_()
            return
        dialog = PreferencesDialog(
            self.library,
            self.settings.annotator(),
            self.window,
            threshold=self.settings.suggestion_threshold(),
            snap=self.settings.snap_to_words(),
        )
        dialog.snapChanged.connect(self.set_snap_to_words)
        dialog.labelsChanged.connect(self.annotate.labels_changed)
        dialog.thresholdChanged.connect(self.review.set_threshold)
        dialog.annotatorChanged.connect(self.set_annotator)
        dialog.codebookRequested.connect(lambda: self.window.slot("show_codebook")())
        dialog.finished.connect(self._preferences_closed)
        self.preferences_dialog = dialog
        dialog.open()

    def _preferences_closed(self) -> None:
        if self.preferences_dialog is not None:
            self.preferences_dialog._annotator_edited()
            self.preferences_dialog.deleteLater()
        self.preferences_dialog = None

    def set_snap_to_words(self, on: bool) -> None:
        self.settings.set_snap_to_words(on)
        self.annotate.snap_words = on

    def set_annotator(self, name: str) -> None:
        self.settings.set_annotator(name)
        self.library.annotator = name

    # -- a selected mark's ends (reader.gui.annotate.resize) --

    def mark_end_later(self) -> None:
        resize_mark(self.annotate, "end", +1)

    def mark_end_earlier(self) -> None:
        resize_mark(self.annotate, "end", -1)

    def mark_start_earlier(self) -> None:
        resize_mark(self.annotate, "start", -1)

    def mark_start_later(self) -> None:
        resize_mark(self.annotate, "start", +1)
