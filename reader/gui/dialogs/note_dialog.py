"""The note of a mark: Enter saves, Shift+Enter starts a new line, Escape cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

QUOTE_LIMIT = 200


class NoteEdit(QPlainTextEdit):
    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._dialog.accept()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, quoted: str, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(title)
        text = " ".join(quoted.split())
        if len(text) > QUOTE_LIMIT:
            text = text[: QUOTE_LIMIT - 1] + "…"
        self.quoted = QLabel(text, self)
        self.quoted.setWordWrap(True)
        self.quoted.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = NoteEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlainText(note)
        self.editor.setPlaceholderText("Note (Enter saves, Shift+Enter for a new line)")
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quoted)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(420, 220)
        self.editor.setFocus()

    def note(self) -> str | None:
        return self.editor.toPlainText().strip() or None
