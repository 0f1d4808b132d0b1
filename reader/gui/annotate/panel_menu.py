"""The side panel's context menu and Ctrl+C: copy the selected marks as CSV or Markdown,
attribute a quote, delete."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.errors import ReaderError
from reader.gui.annotate.controller import AnnotateController
from reader.gui.annotate.suggestions import ReviewController
from reader.gui.clipboard import copy_annotations
from reader.gui.errors import show_error
from reader.model import Scope

STATUS_MS = 5000


class PanelMenu(QObject):
    def __init__(self, annotate: AnnotateController, review: ReviewController) -> None:
        super().__init__(annotate)
        self.annotate = annotate
        self.review = review
        self.library = annotate.library
        self.panel = annotate.panel
        table = self.panel.table
        self.copy_csv = QAction("Copy as &CSV", table)
        table.copyRequested.connect(lambda: self.copy("csv"))  # Ctrl+C
        self.copy_csv.triggered.connect(lambda: self.copy("csv"))
        self.copy_markdown = QAction("Copy as &Markdown", table)
        self.copy_markdown.triggered.connect(lambda: self.copy("markdown"))
        self.attribute = QAction("&Attribute…", table)
        self.attribute.triggered.connect(self._attribute)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show)

    def menu(self) -> QMenu:
        selected = self.panel.selected_annotations()
        menu = QMenu(self.panel.table)
        for action in (self.copy_csv, self.copy_markdown):
            action.setEnabled(bool(selected))
            menu.addAction(action)
        menu.addSeparator()
        quote = len(selected) == 1 and selected[0].kind == "quote"
        self.attribute.setEnabled(quote and not self.library.readonly)
        menu.addAction(self.attribute)
        menu.addAction(self.annotate.actions["delete_mark"])
        return menu

    def _show(self, pos: QPoint) -> None:
        menu = self.menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.panel.table.viewport().mapToGlobal(pos))

    def copy(self, fmt: str) -> int:
        """Put the selected rows on the clipboard as "csv" or "markdown"; how many."""
        article = self.annotate.view.article
        ids = {a.id for a in self.panel.selected_annotations()}
        if article is None or not ids:
            return 0
        try:
            rows = [
                row
                for row in self.library.annotation_rows(
                    Scope(article_ids=(article.id,)), "annotations"
                )
                if row["annotation_id"] in ids
            ]
        except ReaderError as e:
            show_error(self.panel, e)
            return 0
        count = copy_annotations(rows, fmt)
        name = "CSV" if fmt == "csv" else "Markdown"
        unit = "mark" if count == 1 else "marks"
        self.annotate.status(f"Copied {count} {unit} as {name}.", STATUS_MS)
        return count

    def _attribute(self) -> None:
        selected = self.panel.selected_annotations()
        if len(selected) == 1 and selected[0].kind == "quote":
            self.annotate.jump_to(selected[0])  # in view, so the form is beside it
            # after the menu has closed and given the focus back, or it would close the form
            QTimer.singleShot(0, lambda: self.review.ask_for_quote(selected[0]))
