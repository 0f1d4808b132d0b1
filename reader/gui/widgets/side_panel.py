"""The right-hand panel: the title, the article's marks and the suggestions under review
(two tabs; the Suggestions tab is review mode)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from reader.gui.models.annotation_model import AnnotationModel
from reader.gui.widgets.annotation_panel import AnnotationPanel
from reader.gui.widgets.suggestion_panel import SuggestionPanel

MARKS_TAB, SUGGESTIONS_TAB = 0, 1


class SidePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.title = QLabel("Annotations", self)
        font = QFont(self.font())
        font.setBold(True)
        self.title.setFont(font)
        self.model = AnnotationModel(parent=self)
        self.annotations = AnnotationPanel(self.model, self)
        self.suggestions = SuggestionPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sideTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.annotations, "Marks")
        self.tabs.addTab(self.suggestions, "Suggestions")
        self.tabs.setTabToolTip(
            SUGGESTIONS_TAB, "Review suggested quotes and entities (Ctrl+Shift+R)"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
