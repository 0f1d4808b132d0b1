"""The window's splitter (library | article | panel) that keeps the article readable.

The article has a minimum width (its view's `minimumSizeHint`, about 40 characters)
and a wished-for width (about 52); when the window or a restored state leaves it less
than that, the list gives way first, then the panel, each down to its own minimum.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QDataStream, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

LIST, ARTICLE, PANEL = 0, 1, 2
LIST_MIN, PANEL_MIN = 220, 200


def fit_sizes(
    sizes: Sequence[int], article_min: int, article_wish: int, list_min: int = LIST_MIN,
    panel_min: int = PANEL_MIN,
) -> list[int]:  # fmt: skip
    """[list, article, panel] with the same total, the article widened to `article_wish`
    (at least `article_min`) by taking from the list, then the panel (a hidden panel, 0,
    stays hidden), neither below its minimum."""
    out = [max(0, int(s)) for s in sizes]
    want = max(article_min, article_wish)
    for index, least in ((LIST, list_min), (PANEL, panel_min)):
        need = want - out[ARTICLE]
        if need <= 0:
            break
        if out[index] == 0:
            continue
        give = min(need, max(0, out[index] - least))
        out[index] -= give
        out[ARTICLE] += give
    return out


def saved_sizes(state: QByteArray) -> list[int]:
    """The sizes in a `QSplitter.saveState()` (its format: marker 0xff, version, then a
    list of sizes); [] when it is not one. Read from the bytes: before the window is
    shown the splitter's own `sizes()` are not the restored ones yet."""
    stream = QDataStream(state)
    if stream.readInt32() != 0xFF or stream.readInt32() < 0:
        return []
    count = stream.readInt32()
    if not 0 <= count <= 16:
        return []
    sizes = [stream.readInt32() for _ in range(count)]
    return sizes if stream.status() == QDataStream.Status.Ok else []


def default_sizes(total: int, article_min: int, article_wish: int) -> list[int]:
    """A first layout for a window `total` pixels wide: the list 35 % (room for titles
    beside the source, date and flags), the panel 20 % (a mark's label, text and note),
    the article the rest, fitted."""
    sizes = [round(total * 0.35), 0, max(PANEL_MIN, round(total * 0.20))]
    sizes[ARTICLE] = max(0, total - sizes[LIST] - sizes[PANEL])
    return fit_sizes(sizes, article_min, article_wish)


class ReadingSplitter(QSplitter):
    """Expects three widgets: the library pane, the article view, the side panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def article_min(self) -> int:
        widget = self.widget(ARTICLE)
        return max(widget.minimumSizeHint().width(), widget.minimumWidth()) if widget else 0

    def article_wish(self) -> int:
        widget = self.widget(ARTICLE)
        wish = getattr(widget, "wished_width", None)
        return int(wish()) if callable(wish) else self.article_min()

    def _least(self, index: int, floor: int) -> int:
        """The least width Qt leaves a widget (its minimum size hint), at least `floor`."""
        widget = self.widget(index)
        hint = widget.minimumSizeHint().width() if widget else 0
        return max(floor, hint, widget.minimumWidth() if widget else 0)

    def crushes(self, sizes: Sequence[int]) -> bool:
        """Whether these sizes (a saved state) leave the article less than its minimum."""
        return len(sizes) != 3 or sizes[ARTICLE] < self.article_min()

    def fit(self) -> None:
        sizes = self.sizes()
        if len(sizes) != 3 or sum(sizes) <= 0:
            return
        fitted = fit_sizes(
            sizes, self.article_min(), self.article_wish(), self._least(LIST, LIST_MIN),
            self._least(PANEL, PANEL_MIN),
        )  # fmt: skip
        if fitted != sizes:
            self.setSizes(fitted)

    def use_default_sizes(self, total: int) -> None:
        self.setSizes(default_sizes(total, self.article_min(), self.article_wish()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()  # the list and the panel give way to a narrow article, not the reverse
