"""Dragging a selected mark's ends with the mouse: over its first or last character's
edge the pointer becomes a sizing arrow; press there, drag, release, and the mark's
end (or start) moves to where the mouse let go — on a word's edge unless Preferences
turned snapping off. One undoable edit through the library, like Alt+arrows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor

from reader.gui.views.marks import describe
from reader.model import Annotation

if TYPE_CHECKING:
    from reader.gui.annotate.controller import AnnotateController

GRAB_PX = 3  # how near an end the press must be
STATUS_MS = 5000


class EdgeDragger(QObject):
    def __init__(self, annotate: AnnotateController) -> None:
        super().__init__(annotate)
        self.annotate = annotate
        self.view = annotate.view
        self.dragging: str | None = None  # "start" or "end" while a drag runs
        self._sizing_cursor = False
        self.view.viewport().setMouseTracking(True)
        self.view.viewport().installEventFilter(self)

    def _target(self) -> Annotation | None:
        a = self.annotate.annotation(self.annotate.selected)
        if a is None or a.status != "ok" or self.annotate.library.readonly:
            return None
        return a

    def _doc_rect(self, offset: int):  # noqa: ANN202 - a QRect
        positions = self.view.positions
        assert positions is not None
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(positions.offset_to_doc(offset))
        return self.view.cursorRect(cursor)

    def edge_at(self, pos: QPoint) -> str | None:
        """Which end of the selected mark lies under viewport point `pos`, if any."""
        target = self._target()
        if target is None or self.view.positions is None:
            return None
        for edge, offset in (("end", target.end), ("start", target.start)):
            rect = self._doc_rect(offset)
            if abs(pos.x() - rect.x()) <= GRAB_PX and rect.top() <= pos.y() <= rect.bottom():
                return edge
        return None

    def range_for(self, pos: QPoint) -> tuple[int, int] | None:
        """The mark's range with the dragged end at viewport point `pos`."""
        target, article, positions = self._target(), self.view.article, self.view.positions
        if target is None or article is None or positions is None or self.dragging is None:
            return None
        at = positions.doc_to_offset(self.view.cursorForPosition(pos).position())
        snap = self.annotate.snap_words
        library = self.annotate.library
        if self.dragging == "end":
            if at <= target.start:
                return None
            end = library.snap_to_words(article.text, target.start, at)[1] if snap else at
            return (target.start, end) if end > target.start else None
        if at >= target.end:
            return None
        start = library.snap_to_words(article.text, at, target.end)[0] if snap else at
        return (start, target.end) if start < target.end else None

    def _set_sizing_cursor(self, on: bool) -> None:
        if on == self._sizing_cursor:
            return
        self._sizing_cursor = on
        viewport = self.view.viewport()
        if on:
            viewport.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            viewport.setCursor(Qt.CursorShape.IBeamCursor)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return False
        pos = event.position().toPoint()
        kind = event.type()
        left = Qt.MouseButton.LeftButton
        if kind == QEvent.Type.MouseButtonPress and event.button() == left:
            edge = self.edge_at(pos)
            if edge is None:
                return False
            self.dragging = edge
            return True
        if kind == QEvent.Type.MouseMove:
            if self.dragging is None:
                self._set_sizing_cursor(self.edge_at(pos) is not None)
                return False
            rng = self.range_for(pos)
            if rng is not None:
                self.view.select_range(*rng)  # shows where the mark will go
            return True
        if kind == QEvent.Type.MouseButtonRelease and self.dragging is not None:
            rng = self.range_for(pos)
            self.dragging = None
            self.resize(rng)
            return True
        return False

    def resize(self, rng: tuple[int, int] | None) -> Annotation | None:
        target = self._target()
        if target is None or rng is None or rng == (target.start, target.end):
            return None
        made = self.annotate.events.run(
            self.annotate,
            lambda: self.annotate.library.resize_annotation(target.id, *rng),
            parent=self.view,
        )
        if made is not None:
            self.annotate.status(describe(made), STATUS_MS)
        return made
