"""Finding in the open article, and a library search's terms shown in it.

Ctrl+F while the article has focus opens the find bar under it (elsewhere Ctrl+F is
still the library search): every match is framed, the current one tinted, "3 of 12"
counts them; F3 / Enter next, Shift+F3 / Shift+Enter previous, wrapping; Esc closes
and leaves the current match selected, ready for Q, 1–9 or H. Matching is the
library's (`Library.find_in_article`: case-insensitive, code points); the view turns
offsets into document positions. An article opened while the library list is
searched shows where the search's terms are (`Library.search_spans`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from reader.errors import ReaderError
from reader.gui.views.article_view import ArticleView
from reader.gui.widgets.find_bar import FindBar
from reader.gui.widgets.library_pane import LibraryPane
from reader.library import Library

FIND = QKeySequence.StandardKey.Find
PREFILL_LIMIT = 80  # a selection longer than this (or on several lines) is not a search


class FindController(QObject):
    def __init__(
        self,
        library: Library,
        view: ArticleView,
        pane: LibraryPane,
        status: Callable[[str, int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.view = view
        self.pane = pane
        self.status = status
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None
        self.bar = FindBar(view)
        self.bar.textEdited.connect(lambda _text: self.search())
        self.bar.stepRequested.connect(self.step)
        self.bar.closeRequested.connect(self.close)
        view.installEventFilter(self)
        self.bar.field.installEventFilter(self)
        pane.filtersChanged.connect(self.show_search_terms)

    # -- the action table's handlers ------------------------------------------------------

    def find_in_article(self) -> None:
        """Open the find bar (Ctrl+F in the article; Edit → Find in Article)."""
        article = self.view.article
        if article is None:
            self.status("Open an article to find in it.", 4000)
            return
        selected = self.view.selection_range()
        if selected is not None:
            text = article.text[selected[0] : selected[1]]
            if len(text) <= PREFILL_LIMIT and "\n" not in text:
                self.bar.field.setText(text)
        if not self.bar.isVisible():
            self.bar.show()
            self._place()
        self.bar.field.setFocus()
        self.bar.field.selectAll()
        self.search()

    def find_next(self) -> None:
        self.step(+1)

    def find_previous(self) -> None:
        self.step(-1)

    # -- finding ------------------------------------------------------------------------

    def is_open(self) -> bool:
        return self.bar.isVisible()

    def search(self) -> None:
        """Find the field's text again; the current match is the first one from the top
        of the view (typing does not move away from where one is reading)."""
        article, text = self.view.article, self.bar.field.text()
        self.matches, self.current = [], None
        if article is not None and text.strip():
            try:
                self.matches = self.library.find_in_article(article.id, text)
            except ReaderError:
                self.matches = []  # the article went away: the view closes it
        if self.matches:
            top = self.view.first_visible_offset()
            after = [i for i, (start, _) in enumerate(self.matches) if start >= top]
            self.current = after[0] if after else 0
        self._show()

    def step(self, direction: int) -> None:
        """Next (+1) or previous (-1) match, wrapping; F3 with the bar closed opens it."""
        if not self.bar.isVisible():
            # from the selection (the last match, left selected by Esc) or the caret on
            cursor = self.view.selection_range() or (self._caret(), self._caret())
            self.find_in_article()
            if not self.matches:
                return
            if direction > 0:
                after = [i for i, (s, _) in enumerate(self.matches) if s >= cursor[1]]
                self.current = after[0] if after else 0
            else:
                before = [i for i, (_, e) in enumerate(self.matches) if e <= cursor[0]]
                self.current = before[-1] if before else len(self.matches) - 1
        elif not self.matches:
            return
        elif self.current is None:
            self.current = 0
        else:
            self.current = (self.current + direction) % len(self.matches)
        self._show()

    def _caret(self) -> int:
        positions = self.view.positions
        position = self.view.textCursor().position()
        return positions.doc_to_offset(position) if positions is not None else 0

    def close(self) -> None:
        """Esc: the bar goes, the current match stays selected (to mark it), the article
        has the focus again."""
        current = self.matches[self.current] if self.current is not None else None
        self.bar.hide()
        self.view.reserve_bottom(0)
        self.matches, self.current = [], None
        self.view.set_found([])
        if current is not None:
            self.view.select_range(*current)
        self.view.setFocus()

    def _show(self) -> None:
        self.view.set_found(self.matches, self.current)
        self.bar.set_count(self.current, len(self.matches))
        if self.current is not None:
            self.view.reveal(*self.matches[self.current])

    # -- following the window -------------------------------------------------------------

    def article_shown(self) -> None:
        """Another article (or the same one drawn again): its search terms; the open
        bar finds in it."""
        self.show_search_terms()
        if self.bar.isVisible():
            if self.view.article is None:
                self.close()
            else:
                self.search()

    def show_search_terms(self) -> None:
        """Frame where the library search's terms are in the open article (a search of
        the notes, or none, frames nothing)."""
        article = self.view.article
        scope = self.pane.base_scope()
        spans: list[tuple[int, int]] = []
        if article is not None and scope.query and not scope.notes:
            try:
                spans = self.library.search_spans(article.id, scope.query, scope.prefix)
            except ReaderError:
                spans = []
        self.view.set_search_terms(spans)

    def _place(self) -> None:
        frame = self.view.frameWidth()
        height = self.bar.sizeHint().height()
        self.view.reserve_bottom(height)
        # as wide as the text's viewport: the scroll bar beside it stays usable
        width = self.view.viewport().width()
        self.bar.setGeometry(frame, self.view.height() - frame - height, width, height)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if obj is self.view and kind == QEvent.Type.Resize and self.bar.isVisible():
            self._place()
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if (
            obj is self.view
            and kind == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.bar.isVisible()
        ):
            self.close()  # Esc in the article closes the open find bar too
            return True
        if not event.matches(FIND):
            return False
        if obj not in (self.view, self.bar.field):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # Ctrl+F here is the find bar's, not the library search's
            return True
        self.find_in_article()
        return True
