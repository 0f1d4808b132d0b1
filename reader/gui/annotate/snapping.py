"""Selections snap to whole words (as in INCEpTION and doccano): a word cut at either
end is taken whole, spaces and punctuation at the edges are left out (quotation marks
around a quote stay). Preferences turns it off. The words are the library's
(`Library.snap_to_words`, reader/text/words.py); the view converts positions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent

from reader.gui.views.article_view import ArticleView
from reader.library import Library


def marking_range(view: ArticleView, library: Library, snap: bool) -> tuple[int, int] | None:
    """The code points a mark of the view's selection covers: on whole words when
    `snap`, else the selection with the spaces at its ends trimmed; None when empty."""
    rng, article = view.selection_range(), view.article
    if rng is None or article is None:
        return None
    if snap:
        start, end = library.snap_to_words(article.text, *rng)
    else:
        start, end = library.trimmed(article.id, *rng)
    return (start, end) if start < end else None


class SelectionSnapper(QObject):
    """Shows the snapped selection as soon as a mouse selection ends, so that what is
    selected is what Q, 1–9, H or N will mark."""

    def __init__(self, view: ArticleView, library: Library, on: Callable[[], bool]) -> None:
        super().__init__(view)
        self.view, self.library, self.on = view, library, on
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.on()
        ):
            QTimer.singleShot(0, self.snap)  # once the view has taken the release
        return False

    def snap(self) -> None:
        rng = self.view.selection_range()
        snapped = marking_range(self.view, self.library, True)
        if rng is not None and snapped is not None and snapped != rng:
            self.view.select_range(*snapped)
