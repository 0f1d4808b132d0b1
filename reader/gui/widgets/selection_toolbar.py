"""A small bar of annotation buttons floating beside the selected text.

It is a child of the view's viewport (not a window), so it never takes the focus
from the text: the keys keep working while it is shown. It sits above the selection,
or below it when the lines above are marked or there is no room; it is never wider
than the article column (its buttons wrap onto a second row instead of being cut),
and it goes away once one of its commands ran, until the selection changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

GAP = 4
MARGIN = 4  # from the viewport's edges


class SelectionToolbar(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(3, 2, 3, 2)
        self._layout.setSpacing(0)
        self._rows: list[QHBoxLayout] = []
        self._width = -1
        self.buttons: list[QToolButton] = []
        self.hide()

    def set_actions(self, actions: Iterable[QAction]) -> None:
        for button in self.buttons:
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
            self.buttons.append(button)
        self._width = -1
        self._wrap(self._available())

    def _available(self) -> int:
        parent = self.parentWidget()
        return max(1, (parent.width() if parent else 10_000) - 2 * MARGIN)

    def _wrap(self, width: int) -> None:
        """Lay the buttons out in as few rows as fit in `width` pixels."""
        if width == self._width:
            return
        self._width = width
        for row in self._rows:
            while row.count():
                row.takeAt(0)
            self._layout.removeItem(row)
            row.deleteLater()
        self._rows = []
        margins = self._layout.contentsMargins()
        inner = width - margins.left() - margins.right() - 2 * self.frameWidth()
        used = inner + 1
        for button in self.buttons:
            w = button.sizeHint().width()
            if used + w > inner and (not self._rows or used > 0):
                row = QHBoxLayout()
                row.setSpacing(1)
                row.setContentsMargins(0, 0, 0, 0)
                self._layout.addLayout(row)
                self._rows.append(row)
                used = 0
            self._rows[-1].addWidget(button)
            used += w + 1
        for row in self._rows:
            row.addStretch(1)
        self._layout.activate()
        self.adjustSize()

    def rows(self) -> int:
        return len(self._rows)

    def show_near(
        self, first: QRect, last: QRect, covers_marks: Callable[[QRect], bool] | None = None
    ) -> None:
        """Show beside a selection whose first line is at `first` and last at `last`
        (viewport coordinates): above it, unless the bar would lie over marked text
        (`covers_marks(rect)`) or out of the viewport; then below; else wherever it
        covers no mark, inside the viewport."""
        parent = self.parentWidget()
        if parent is None:
            return
        self._wrap(self._available())
        self.adjustSize()
        x = max(MARGIN, min(first.left(), parent.width() - self.width() - MARGIN))
        above = QRect(QPoint(x, first.top() - self.height() - GAP), self.size())
        below = QRect(QPoint(x, last.bottom() + GAP), self.size())
        room = parent.rect()

        def good(rect: QRect) -> bool:
            inside = rect.top() >= 0 and rect.bottom() <= room.bottom()
            return inside and not (covers_marks and covers_marks(rect))

        if good(above):
            place = above
        elif good(below) or below.bottom() <= room.bottom():
            place = below
        else:
            place = above
        y = max(0, min(place.top(), room.bottom() - self.height()))
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
