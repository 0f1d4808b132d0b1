"""The find bar under the article: a field, "3 of 12", previous / next, close.

Enter and F3 go to the next match, Shift+Enter and Shift+F3 to the previous one
(wrapping at the ends), Esc closes. It only reports what the user did; the find
controller (reader.gui.find_controller) finds and draws.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    textEdited = Signal(str)
    stepRequested = Signal(int)  # +1 next, -1 previous
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAutoFillBackground(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in the article")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.textEdited)
        self.field.installEventFilter(self)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("No matches") + 8)
        self.previous = self._button("▲", "Previous match (Shift+F3, Shift+Enter)", -1)
        self.next = self._button("▼", "Next match (F3, Enter)", +1)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("findClose")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.closeRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.close_button)
        self.hide()

    def _button(self, text: str, tip: str, step: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.stepRequested.emit(step))
        return button

    def set_count(self, current: int | None, total: int) -> None:
        """ "3 of 12", "No matches", or nothing while the field is empty."""
        if not self.field.text().strip():
            text = ""
        elif total == 0:
            text = "No matches"
        else:
            text = f"{(current or 0) + 1} of {total}"
        self.count.setText(text)
        self.previous.setEnabled(total > 1)
        self.next.setEnabled(total > 1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.stepRequested.emit(-1 if shift else +1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.closeRequested.emit()
                return True
        return super().eventFilter(obj, event)
