"""The right-hand panel: the title and the article's annotations."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.gui.models.annotation_model import AnnotationModel
from reader.gui.widgets.annotation_panel import AnnotationPanel


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.annotations, 1)
