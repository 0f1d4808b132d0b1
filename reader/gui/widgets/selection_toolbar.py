"""A small bar of annotation buttons floating just above the selected text.

It is a child of the view's viewport (not a window), so it never takes the focus
from the text: the keys keep working while it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

GAP = 6


class SelectionToolbar(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(3, 2, 3, 2)
        self._layout.setSpacing(1)
        self.buttons: list[QToolButton] = []
        self.hide()

    def set_actions(self, actions: Iterable[QAction]) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for action in actions:
            if not action.isVisible():  # an entity key without a label
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.adjustSize()

    def show_near(self, selection: QRect) -> None:
        """Show above `selection` (viewport coordinates), below it when there is no room."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        x = selection.left()
        y = selection.top() - self.height() - GAP
        if y < 0:
            y = selection.bottom() + GAP
        x = max(0, min(x, parent.width() - self.width()))
        y = max(0, min(y, parent.height() - self.height()))
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
