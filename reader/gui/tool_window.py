"""Keys every tool window (Entities, Statistics) shares: Ctrl+W and Esc close it.

Ctrl+W is a window shortcut. Esc is taken only when no widget inside used it: an open
cell editor cancels its edit first, a combo box closes its list (an event filter on the
window sees the key only after the focused widget ignored it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.gui.actions import TOOL_ACTIONS, key_sequences

CLOSE = next(spec for spec in TOOL_ACTIONS if spec.id == "close_tool_window")


class _EscapeCloses(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.window
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.window.close()
            return True
        return False


def install_close_keys(window: QWidget) -> QAction:
    """Give `window` the Close Window action (Ctrl+W) and Esc; returns the action."""
    action = QAction(CLOSE.text, window)
    action.setObjectName(CLOSE.id)
    esc = QKeySequence("Esc").toString()
    action.setShortcuts([k for k in key_sequences(CLOSE) if k.toString() != esc])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(window.close)
    window.addAction(action)
    window.installEventFilter(_EscapeCloses(window))
    return action
