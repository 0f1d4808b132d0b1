"""Matches of the find bar and of a library search, drawn over the article.

A layer of its own, painted on the viewport after the text: a frame around each
match (a tint inside the current one), never a background or a text colour, so the
marks' colours stay visible under it (an ExtraSelection would paint its text again
and hide the mark's ink). Ranges come in Qt document positions (reader.gui.positions
converts); only the matches on screen are measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument

FIND = QColor("#e8590c")  # orange: apart from every label colour, visible in both themes
CURRENT_FILL = QColor(232, 89, 12, 70)
TERMS = QColor("#1c7ed6")  # a library search's terms: blue frames


@dataclass(frozen=True)
class Style:
    colour: QColor
    width: float
    fill: QColor | None = None


MATCH = Style(FIND, 2.0)
CURRENT = Style(FIND, 2.5, CURRENT_FILL)
TERM = Style(TERMS, 1.25)


def range_rects(doc: QTextDocument, start: int, end: int) -> list[QRectF]:
    """Rectangles (document coordinates) covering doc positions start..end, one per
    line the range is on (a right-to-left run measures from its visual ends)."""
    rects: list[QRectF] = []
    layout_of = doc.documentLayout()
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        layout = block.layout()
        origin = layout_of.blockBoundingRect(block).topLeft()
        base = block.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            a = max(start - base, line.textStart())
            b = min(end - base, line.textStart() + line.textLength())
            if b <= a:
                continue
            x1, x2 = _x(line, a), _x(line, b)
            left, right = min(x1, x2), max(x1, x2)
            top = origin + QPointF(left, line.y())
            rects.append(QRectF(top.x(), top.y(), max(right - left, 2.0), line.height()))
        block = block.next()
    return rects


def _x(line, position: int) -> float:  # noqa: ANN001 - QTextLine
    x = line.cursorToX(position)
    return float(x[0] if isinstance(x, tuple) else x)


def paint(
    painter: QPainter,
    doc: QTextDocument,
    offset: QPointF,
    ranges: Sequence[tuple[int, int]],
    style: Style,
    halo: QColor | None = None,
) -> None:
    """Frame each doc range, shifted by `offset` (minus the scroll position); a `halo`
    (the page's colour) around the frame keeps it visible on a mark's background."""
    frame = QPen(style.colour)
    frame.setWidthF(style.width)
    outline = QPen(halo) if halo is not None else None
    if outline is not None:
        outline.setWidthF(style.width + 2.0)
    for start, end in ranges:
        for rect in range_rects(doc, start, end):
            box = rect.translated(offset).adjusted(-1.5, 1.0, 1.5, -1.0)
            if style.fill is not None:
                painter.fillRect(box, style.fill)
            if outline is not None:
                painter.setPen(outline)
                painter.drawRoundedRect(box.adjusted(-1.0, -1.0, 1.0, 1.0), 3.5, 3.5)
            painter.setPen(frame)
            painter.drawRoundedRect(box, 3.0, 3.0)
