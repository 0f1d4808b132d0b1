"""A painted heatmap of entity co-occurrence: cell (A, B) is the number of articles naming
both, shaded from the palette's base to its highlight; click a cell to list those articles."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from reader.gui.plain import show_tooltip
from reader.gui.stats.charts import short

LABEL = 22  # characters of an entity name
MAX_CELL = 44
ANGLE = 45  # degrees the column labels are turned


@dataclass(frozen=True)
class Pair:
    articles: int
    jaccard: float
    pmi: float


def top_entities(rows: list[tuple], limit: int = 12) -> list[tuple[int, str]]:
    """The entities in most co-occurrences (weighted by articles), most first, from
    `cooccurrence` rows (a_id, a, b_id, b, articles, jaccard, pmi)."""
    weight: dict[int, int] = {}
    names: dict[int, str] = {}
    for a, name_a, b, name_b, both, *_ in rows:
        for entity, name in ((a, name_a), (b, name_b)):
            weight[entity] = weight.get(entity, 0) + both
            names[entity] = name
    ranked = sorted(weight, key=lambda e: (-weight[e], names[e]))[:limit]
    return [(e, names[e]) for e in ranked]


def compact(n: int) -> str:
    """A count that fits a cell: 980, 4.9k, 25k."""
    if n < 1000:
        return str(n)
    return f"{n / 1000:.1f}k" if n < 10_000 else f"{n / 1000:.0f}k"


def blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class Heatmap(QWidget):
    """`cellClicked(a_id, b_id)` when a cell with articles is clicked."""

    cellClicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmap")
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.title = "Co-occurrence of the top entities (articles naming both)"
        self.entities: list[tuple[int, str]] = []
        self.pairs: dict[tuple[int, int], Pair] = {}

    def set_rows(self, rows: list[tuple], limit: int = 12) -> None:
        """Show the top `limit` entities of `cooccurrence` rows."""
        self.entities = top_entities(rows, limit)
        self.pairs = {}
        for a, _, b, _, both, jaccard, pmi in rows:
            self.pairs[(a, b)] = self.pairs[(b, a)] = Pair(both, jaccard, pmi)
        self.update()

    def pair(self, i: int, j: int) -> Pair | None:
        return self.pairs.get((self.entities[i][0], self.entities[j][0]))

    # -- geometry ------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        title = QFont(self.font())
        title.setBold(True)
        title.setPointSizeF(title.pointSizeF() * 1.15)
        return title, QFont(self.font())

    def _layout(self) -> tuple[float, float, float]:
        """(left, top, cell size) of the grid."""
        title_font, font = self._fonts()
        metrics = self.fontMetrics()
        names = [short(n, LABEL) for _, n in self.entities]
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        left = widest + 16
        rise = widest * math.sin(math.radians(ANGLE)) + metrics.height()
        top = self.fontMetrics().height() * 2.2 + rise
        n = max(len(self.entities), 1)
        # the last column's label runs to the right of the grid
        right = widest * math.cos(math.radians(ANGLE)) + 8
        cell = min((self.width() - left - right) / n, (self.height() - top - 16) / n, MAX_CELL)
        return left, top, max(cell, 8)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell = self._layout()
        i, j = math.floor((y - top) / cell), math.floor((x - left) / cell)
        n = len(self.entities)
        return (i, j) if 0 <= i < n and 0 <= j < n and i != j else None

    def cell_center(self, i: int, j: int) -> QPointF:
        left, top, cell = self._layout()
        return QPointF(left + (j + 0.5) * cell, top + (i + 0.5) * cell)

    def sizeHint(self) -> QSize:
        return QSize(560, 520)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        hot = palette.color(QPalette.ColorRole.Highlight)
        grid = palette.color(QPalette.ColorRole.Mid)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), base)
        title_font, font = self._fonts()
        painter.setFont(title_font)
        painter.setPen(text)
        title_height = self.fontMetrics().height() * 1.8
        painter.drawText(
            QRectF(0, 4, self.width(), title_height), Qt.AlignmentFlag.AlignHCenter, self.title
        )
        painter.setFont(font)
        left, top, cell = self._layout()
        n = len(self.entities)
        most = max((self.pair(i, j).articles for i in range(n) for j in range(n)
                    if i != j and self.pair(i, j)), default=1)  # fmt: skip
        for i, (_, name) in enumerate(self.entities):
            label = short(name, LABEL)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top + i * cell, left - 8, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            painter.save()
            painter.translate(left + (i + 0.5) * cell, top - 6)
            painter.rotate(-ANGLE)
            painter.drawText(QPointF(0, 0), label)
            painter.restore()
        for i in range(n):
            for j in range(n):
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                pair = self.pair(i, j) if i != j else None
                if i == j:
                    painter.fillRect(rect, blend(base, grid, 0.5))
                    continue
                # square root: a few very frequent pairs do not wash the rest out
                share = math.sqrt(pair.articles / most) if pair else 0.0
                fill = blend(base, hot, 0.12 + 0.88 * share) if pair else base
                painter.fillRect(rect, fill)
                painter.setPen(grid)
                painter.drawRect(rect)
                if pair and cell >= 18:
                    ink = "#ffffff" if fill.lightness() < 140 else "#1d1d1f"
                    painter.setPen(QColor(ink))
                    label = compact(pair.articles)
                    if painter.fontMetrics().horizontalAdvance(label) < cell - 2:
                        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    # -- hover and click -----------------------------------------------------------------

    def describe(self, i: int, j: int) -> str | None:
        pair = self.pair(i, j)
        a, b = self.entities[i][1], self.entities[j][1]
        if pair is None:
            return f"{a} and {b}: never in the same article"
        n = "1 article" if pair.articles == 1 else f"{pair.articles} articles"
        return f"{a} and {b}: {n} together\nJaccard {pair.jaccard:.2f} · PMI {pair.pmi:.2f}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        at = self.cell_at(event.position().x(), event.position().y())
        text = None if at is None else self.describe(*at)
        show_tooltip(event.globalPosition().toPoint(), text, self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        at = self.cell_at(event.position().x(), event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and at and self.pair(*at):
            self.cellClicked.emit(self.entities[at[0]][0], self.entities[at[1]][0])
            return
        super().mousePressEvent(event)
