"""The article view: read-only, selectable, and addressed in code-point offsets.

Everything the annotation layer needs goes through code-point offsets into the
article's `text`: `selection_range`, `select_range`, `scroll_to`, `set_marks`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QTextEdit, QWidget

from reader.gui.positions import PositionMap
from reader.gui.views import find_layer
from reader.gui.views.render import render_article
from reader.model import Article
from reader.text.blocks import Block

LINE_CHARACTERS = 72  # a comfortable line: 60-75 characters
MIN_CHARACTERS = 40  # the least the splitter leaves the article (a readable line)
WISHED_CHARACTERS = 52  # what the list and the panel give way for on a small screen
TEXT_MARGIN = 24  # pixels each side of the text, in those widths
READING_BOOST = 2.0  # points above the interface font
MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 36.0


class ArticleView(QTextBrowser):
    """Shows one article; never loads a remote (or any) resource."""

    selectionRangeChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.anchorClicked.connect(self._open_link)
        self.selectionChanged.connect(self.selectionRangeChanged)
        self._article: Article | None = None
        self._blocks: list[Block] = []
        self._positions: PositionMap | None = None
        self._marks: list[tuple[int, int, QTextCharFormat]] = []
        self._overlay: list[tuple[int, int, QTextCharFormat]] = []
        self._mark_selections: list[QTextEdit.ExtraSelection] = []
        # the find bar's matches (one of them current) and a library search's terms,
        # code points into `text`, sorted; painted over the text (views/find_layer.py)
        self._found: list[tuple[int, int]] = []
        self._current_found: int | None = None
        self._terms: list[tuple[int, int]] = []
        self._point_size = self.default_point_size()
        self.setPlaceholderText("Select an article to read it.")

    # -- content ------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def positions(self) -> PositionMap | None:
        return self._positions

    def show_article(self, article: Article | None, blocks: list[Block] | None = None) -> None:
        """Render `article` (or clear the view when None)."""
        if article is None or self._article is None or article.id != self._article.id:
            self._found, self._current_found, self._terms = [], None, []
        self._article, self._blocks, self._marks = article, list(blocks or []), []
        self._overlay, self._mark_selections = [], []
        self.setExtraSelections([])
        if article is None:
            self._positions = None
            self.setDocument(QTextDocument(self))
            self._fit_line_length()
            return
        font = QFont(self.font())
        font.setPointSizeF(self._point_size)
        rendered = render_article(article, self._blocks, font, self.theme_palette())
        # setDocument deletes the previous document when the view owned it.
        rendered.document.setParent(self)
        self.setDocument(rendered.document)
        self._positions = rendered.positions
        self._fit_line_length()
        self.verticalScrollBar().setValue(0)

    def theme_palette(self) -> QPalette:
        """The application's palette for this view: a theme switch re-renders at once,
        before the change reaches the widget's own `palette()` (an event later)."""
        return QApplication.palette(self)

    def loadResource(self, type: int, name: QUrl) -> object:  # noqa: A002 - Qt's name
        """Nothing is ever fetched: not images, not style sheets, not files."""
        return None

    def _open_link(self, url: QUrl) -> None:
        # Only an explicit click opens a web page, and in the user's browser, not here.
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- caret browsing ------------------------------------------------------------

    def set_caret_browsing(self, on: bool) -> None:
        """A text cursor moved by the arrow keys (Shift+arrows and Ctrl+Shift+arrows
        select), as with the mouse; off: the arrow keys scroll."""
        flags = self.textInteractionFlags()
        keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)

    def caret_browsing(self) -> bool:
        return bool(self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)

    # -- font size ---------------------------------------------------------------

    def default_point_size(self) -> float:
        return self.font().pointSizeF() + READING_BOOST

    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, size: float) -> None:
        """Change the reading size and re-render, keeping the reading position."""
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size == self._point_size:
            return
        self._point_size = size
        self.updateGeometry()  # the minimum width follows the reading size
        if self._article is not None:
            offset = self.first_visible_offset()
            marks, overlay = list(self._marks), list(self._overlay)
            self.show_article(self._article, self._blocks)
            self.set_marks(marks)
            self.set_overlay(overlay)
            self.scroll_to(offset)

    # -- offsets -------------------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """The selection as (start, end) code points into `text`, or None when empty."""
        cursor = self.textCursor()
        if self._positions is None or not cursor.hasSelection():
            return None
        start = self._positions.doc_to_offset(cursor.selectionStart())
        end = self._positions.doc_to_offset(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end] in the view and make it visible."""
        if self._positions is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.offset_to_doc(start))
        cursor.setPosition(self._positions.offset_to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def scroll_to(self, offset: int) -> None:
        """Scroll so that the line holding code point `offset` is at the top."""
        if self._positions is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.offset_to_doc(offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 8)

    def visible_range(self) -> tuple[int, int]:
        """Code points from the top to the bottom of the viewport (what a paint shows),
        in whole lines: from the line at the top to the line at the bottom."""
        if self._positions is None:
            return (0, 0)
        # Block by block and line by line, not by hit tests: right after an article is
        # set Qt has laid out only its beginning, and a hit test below that, in a gap
        # between paragraphs or in the document's margin, walks every block (20-30 ms
        # for 10,000 words) to answer the end of the text. A block's rectangle lays out
        # up to it, no further. (The article is one frame of blocks, top to bottom.)
        doc = self.document()
        layout = doc.documentLayout()
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().rect().bottom()
        first, end = 0, doc.characterCount() - 1
        block, above = doc.firstBlock(), True
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if above and rect.bottom() >= top:
                first, above = _line_at(block, top - rect.top(), start=True), False
            if rect.bottom() >= bottom:
                end = _line_at(block, bottom - rect.top(), start=False)
                break
            block = block.next()
        to_offset = self._positions.doc_to_offset
        return (to_offset(first), to_offset(end) + 1)

    def first_visible_offset(self) -> int:
        """Code point at the top of the viewport (for keeping the place on re-render)."""
        if self._positions is None:
            return 0
        cursor = self.cursorForPosition(self.viewport().rect().topLeft())
        return self._positions.doc_to_offset(cursor.position())

    def set_marks(self, marks: Iterable[tuple[int, int, QTextCharFormat]]) -> None:
        """Draw formats over code-point ranges without changing the document."""
        self._marks = list(marks)
        self._mark_selections = self._selections(self._marks)
        self._apply_selections()

    def set_overlay(self, marks: Iterable[tuple[int, int, QTextCharFormat]]) -> None:
        """A second layer drawn over the marks (suggestions under review)."""
        self._overlay = list(marks)
        self._apply_selections()

    def overlay(self) -> list[tuple[int, int, QTextCharFormat]]:
        return list(self._overlay)

    def _selections(
        self, marks: list[tuple[int, int, QTextCharFormat]]
    ) -> list[QTextEdit.ExtraSelection]:
        if self._positions is None:
            return []
        to_doc = self._positions.offset_to_doc
        keep = QTextCursor.MoveMode.KeepAnchor
        # one cursor moved along and copied into each selection: a third cheaper than
        # a new cursor per mark, which counts with thousands of marks
        cursor = QTextCursor(self.document())
        selections = []
        for start, end, fmt in marks:
            sel = QTextEdit.ExtraSelection()
            cursor.setPosition(to_doc(start))
            cursor.setPosition(to_doc(end), keep)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        return selections

    def _apply_selections(self) -> None:
        if self._positions is None:
            self.setExtraSelections([])
            return
        self.setExtraSelections(self._mark_selections + self._selections(self._overlay))

    def marks(self) -> list[tuple[int, int, QTextCharFormat]]:
        return list(self._marks)

    # -- found text (the find bar, a library search's terms) -------------------------

    def set_found(self, spans: Iterable[tuple[int, int]], current: int | None = None) -> None:
        """Frame these code-point ranges (the find bar's matches), `current` (an index
        into them) with a tint; the marks are drawn as before, underneath."""
        self._found, self._current_found = sorted(spans), current
        self.viewport().update()

    def found(self) -> list[tuple[int, int]]:
        return list(self._found)

    def current_found(self) -> int | None:
        return self._current_found

    def set_search_terms(self, spans: Iterable[tuple[int, int]]) -> None:
        """Frame where a library search's terms are (the article was opened from it)."""
        self._terms = sorted(spans)
        self.viewport().update()

    def search_terms(self) -> list[tuple[int, int]]:
        return list(self._terms)

    def reveal(self, start: int, end: int) -> None:
        """Scroll text[start:end] into the middle of the view when it is not on screen,
        without moving the caret or the selection."""
        if self._positions is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.offset_to_doc(start))
        top = self.cursorRect(cursor)
        cursor.setPosition(self._positions.offset_to_doc(end))
        bottom = self.cursorRect(cursor)
        view = self.viewport().rect()
        if top.top() >= view.top() and bottom.bottom() <= view.bottom():
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top.center().y() - view.height() // 2)

    def reserve_bottom(self, height: int) -> None:
        """Room under the text for a bar inside the view's frame (the find bar)."""
        self.setViewportMargins(0, 0, 0, height)

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        super().paintEvent(event)
        if self._positions is None or not (self._found or self._terms):
            return
        first, last = self.visible_range()
        to_doc = self._positions.offset_to_doc

        def on_screen(spans: list[tuple[int, int]], skip: int | None = None) -> list:
            upto = bisect_right(spans, (last, last))
            return [
                (to_doc(s), to_doc(e))
                for i, (s, e) in enumerate(spans[:upto])
                if e >= first and i != skip
            ]

        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        doc, page = self.document(), self.theme_palette().color(QPalette.ColorRole.Base)
        terms = on_screen(self._terms)
        find_layer.paint(painter, doc, offset, terms, find_layer.TERM, page)
        current = self._current_found
        found = on_screen(self._found, skip=current)
        find_layer.paint(painter, doc, offset, found, find_layer.MATCH, page)
        if current is not None and 0 <= current < len(self._found):
            s, e = self._found[current]
            now = [(to_doc(s), to_doc(e))]
            find_layer.paint(painter, doc, offset, now, find_layer.CURRENT, page)
        painter.end()

    # -- layout -------------------------------------------------------------------

    def _width_for(self, characters: int) -> int:
        font = QFont(self.font())
        font.setPointSizeF(self._point_size)
        text = QFontMetrics(font).averageCharWidth() * characters
        # a fixed margin, not the document's: the widths stay the same from one article
        # (or none) to the next, so the splitter does not move when an article opens
        margins = 2 * (TEXT_MARGIN + self.frameWidth())
        return text + margins + self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        """About 40 characters of the reading font: never one letter a line."""
        return QSize(self._width_for(MIN_CHARACTERS), super().minimumSizeHint().height())

    def wished_width(self) -> int:
        """About 52 characters: the list and the panel give way for this much."""
        return self._width_for(WISHED_CHARACTERS)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        super().resizeEvent(event)
        self._fit_line_length()

    def _fit_line_length(self) -> None:
        """Centre the text in a column of comfortable width, whatever the window width."""
        doc = self.document()
        font = QFont(self.font())
        font.setPointSizeF(self._point_size)
        column = QFontMetrics(font).averageCharWidth() * LINE_CHARACTERS
        side = max(int(doc.documentMargin()), int(self.viewport().width() - column) // 2)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if int(fmt.leftMargin()) != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)


def _line_at(block: QTextBlock, y: float, start: bool) -> int:
    """The document position where the line at height `y` in `block` starts (`start`)
    or ends; the block's start or end when `y` is above or below its lines."""
    lines = block.layout()
    for i in range(lines.lineCount()):
        line = lines.lineAt(i)
        if line.y() + line.height() >= y:
            at = line.textStart() if start else line.textStart() + line.textLength()
            return block.position() + at
    return block.position() + (0 if start else max(0, block.length() - 1))
