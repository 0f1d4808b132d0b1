"""Who said it: a small form beside a quote for its speaker, cue and type.

The speaker is typed ahead from the registry's people and organisations (names and
aliases); Enter saves, Esc keeps the quote without attribution.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.model import Entity

QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("PERSON", "ORG")

Save = Callable[[str, str, str], None]  # speaker, cue, type


def speaker_names(entities: list[Entity]) -> list[str]:
    """Names and aliases of the registry's people and organisations, sorted, once each."""
    names = {
        form for e in entities if e.type in SPEAKER_TYPES for form in (e.name, *e.aliases) if form
    }
    return sorted(names, key=str.casefold)


class AttributionForm(QFrame):
    """Floats over the article view; `ask` fills and shows it, Enter calls `save`."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("attributionForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.speaker = QLineEdit(self)
        self.speaker.setObjectName("speakerEdit")
        self.speaker.setPlaceholderText("who said it")
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker.setCompleter(self.completer)
        self.cue = QLineEdit(self)
        self.cue.setObjectName("cueEdit")
        self.cue.setPlaceholderText("said, kata…")
        self.type = QComboBox(self)
        self.type.setObjectName("quoteTypeCombo")
        self.type.addItems(QUOTE_TYPES)
        self.title = QLabel("Who said it?", self)
        hint = QLabel("Enter saves · Esc skips", self)
        hint.setEnabled(False)

        fields = QHBoxLayout()
        for text, widget, stretch in (
            ("Speaker", self.speaker, 3),
            ("Cue", self.cue, 1),
            ("Type", self.type, 0),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            fields.addWidget(label)
            fields.addWidget(widget, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(hint)
        layout.addLayout(top)
        layout.addLayout(fields)
        self._save: Save | None = None
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # clicking elsewhere is going on with something else: the quote stays as it is
        if not self.isVisible() or new is None or self.isAncestorOf(new):
            return
        if new is self.completer.popup():
            return
        self.skip()

    def ask(
        self,
        near: QRect,
        names: list[str],
        save: Save,
        speaker: str = "",
        cue: str = "",
        quote_type: str = "direct",
        title: str = "Who said it?",
    ) -> None:
        """Show the form below (or above) `near`, a rectangle in the parent's coordinates."""
        self.names.setStringList(names)
        self.speaker.setText(speaker)
        self.cue.setText(cue)
        self.type.setCurrentText(quote_type if quote_type in QUOTE_TYPES else "direct")
        self.title.setText(title)
        self._save = save
        parent = self.parentWidget()
        width = min(560, max(320, parent.width() - 16))
        self.resize(width, self.sizeHint().height())
        x = max(8, min(near.left(), parent.width() - width - 8))
        y = near.bottom() + 6
        if y + self.height() > parent.height():
            y = max(0, near.top() - self.height() - 6)
        self.move(x, y)
        self.show()
        self.raise_()
        self.speaker.setFocus(Qt.FocusReason.OtherFocusReason)
        self.speaker.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # the line edits and the combo box pass Enter and Esc on to the form
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.skip()
        else:
            super().keyPressEvent(event)

    def accept(self) -> None:
        save, self._save = self._save, None
        self.hide()
        if save is not None:
            speaker = " ".join(self.speaker.text().split())
            save(speaker, self.cue.text().strip(), self.type.currentText())
        self.closed.emit()

    def skip(self) -> None:
        self._save = None
        self.hide()
        self.closed.emit()
