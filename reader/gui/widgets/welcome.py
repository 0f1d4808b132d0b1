"""What an empty library shows: how to get articles in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from reader.gui.resources import app_icon


class WelcomePanel(QWidget):
    importRequested = Signal()
    samplesRequested = Signal()
    webRequested = Signal()
    feedRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Welcome to Reader", self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Your library is empty. Import news articles — press releases as .txt, "
            "Markdown, saved web pages, PDF, Word or e-mail — fetch a page from the web, "
            "subscribe to a news feed, drop files onto this window, "
            "or paste an article with Ctrl+Shift+V.",
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)
        # a wrapped label in a centred layout gets no height-for-width: give it one
        text.setMinimumHeight(text.heightForWidth(520))
        self.import_button = QPushButton("Import…", self)
        self.import_button.setObjectName("welcomeImport")
        self.import_button.setDefault(True)
        self.web_button = QPushButton("Import from web address…", self)
        self.web_button.setObjectName("welcomeWeb")
        self.feed_button = QPushButton("Add a feed…", self)
        self.feed_button.setObjectName("welcomeFeed")
        self.samples_button = QPushButton("Open sample articles", self)
        self.samples_button.setObjectName("welcomeSamples")
        self.buttons = (self.import_button, self.web_button, self.feed_button, self.samples_button)
        for button in self.buttons:
            button.setMinimumWidth(240)
            button.setMinimumHeight(button.sizeHint().height() + 8)
        self.import_button.clicked.connect(self.importRequested)
        self.samples_button.clicked.connect(self.samplesRequested)
        self.web_button.clicked.connect(self.webRequested)
        self.feed_button.clicked.connect(self.feedRequested)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(icon)
        layout.addSpacing(12)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        for button in self.buttons:
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
