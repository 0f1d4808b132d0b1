"""The right-hand panel. It will hold the article's annotations (next issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class SidePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.title = QLabel("Annotations", self)
        font = QFont(self.font())
        font.setBold(True)
        self.title.setFont(font)
        self.placeholder = QLabel(
            "Highlights, quotes and entities of the article will be listed here.", self
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(self.placeholder.foregroundRole())
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.placeholder.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.placeholder)
        layout.addStretch(1)
