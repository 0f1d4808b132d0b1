"""The library list as a Qt table model: pages of summaries, never article texts.

Rows are fetched on demand (`canFetchMore`/`fetchMore`) from `Library.list_articles`,
so the first screen costs one count and one page whatever the library's size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication

from reader.gui.plain import tooltip
from reader.library import Library
from reader.model import ArticleSummary, Changes, Scope

PAGE = 200


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while the library answers (a sort of 100,000 rows can take a moment)."""
    app = QGuiApplication.instance()
    if app is not None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        if app is not None:
            QGuiApplication.restoreOverrideCursor()


# (header, Library order_by key, attribute of ArticleSummary)
COLUMNS: list[tuple[str, str, str]] = [
    ("Title", "title", "title"),
    ("Source", "source", "source"),
    ("Published", "published", "published"),
    ("Lang", "language", "language"),
    ("Marks", "annotation_count", "annotation_count"),  # every mark, not only notes
    ("Read", "read", "read"),
    ("★", "starred", "starred"),
]
TITLE, SOURCE, PUBLISHED, LANGUAGE, NOTES, READ, STARRED = range(len(COLUMNS))
ArticleIdRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    """Summaries of the articles a `Scope` selects, in the chosen order."""

    totalChanged = Signal(int)

    def __init__(self, library: Library, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._library = library
        self._scope = Scope()
        self._order_by = "imported_at"
        self._descending = True
        self._sort_column: int | None = None
        self._rows: list[ArticleSummary] = []
        self._total = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self.refresh()

    # -- what is shown ------------------------------------------------------------

    @property
    def scope(self) -> Scope:
        return self._scope

    @property
    def total(self) -> int:
        """How many articles match the scope (not how many are loaded)."""
        return self._total

    @property
    def order(self) -> tuple[str, bool]:
        return self._order_by, self._descending

    @property
    def sort_column(self) -> int | None:
        """The column the user sorted by (None: the default order)."""
        return self._sort_column

    def set_scope(self, scope: Scope) -> None:
        """Show another selection; a search is ordered by relevance until a column is chosen."""
        self._scope = scope
        self.refresh()

    def refresh(self) -> None:
        """Reload from the library (after imports, deletions or a new scope)."""
        with busy_cursor():
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._total = self._library.count_articles(self._scope)
        self._rows = []
        self._rows = self._page(PAGE)
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def _effective_order(self) -> tuple[str, bool]:
        if self._scope.query.strip() and self._sort_column is None:
            return "rank", False
        return self._order_by, self._descending

    def _page(self, count: int) -> list[ArticleSummary]:
        """The next `count` rows after those loaded."""
        order_by, descending = self._effective_order()
        return self._library.list_articles(
            offset=len(self._rows),
            limit=count,
            order_by=order_by,
            descending=descending,
            scope=self._scope,
        )

    # -- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        wanted = min(PAGE, self._total - len(self._rows))
        if wanted <= 0:
            return
        page = self._page(wanted)
        if not page:
            self._total = len(self._rows)  # the library shrank under us
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                LANGUAGE: "Language",
                NOTES: "Marks (quotes, entities, highlights)",
                STARRED: "Starred",
            }.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ArticleIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return tooltip(row.title)
        if role == Qt.ItemDataRole.FontRole and column == TITLE and not row.read:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NOTES, READ, STARRED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _display(row: ArticleSummary, column: int) -> str:
        if column == TITLE:
            return row.title
        if column == SOURCE:
            return row.source or ""
        if column == PUBLISHED:
            return (row.published or "")[:10]
        if column == LANGUAGE:
            return row.language or ""
        if column == NOTES:
            return str(row.annotation_count) if row.annotation_count else ""
        if column == READ:
            return "✓" if row.read else ""
        if column == STARRED:
            return "★" if row.starred else ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by the library (the whole scope, not just the loaded rows)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._order_by = COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def clear_sort(self) -> None:
        """Back to the default order (relevance when searching, newest import otherwise)."""
        self._sort_column = None
        self._order_by, self._descending = "imported_at", True

    # -- rows -----------------------------------------------------------------------

    def summary(self, row: int) -> ArticleSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        """Row of a loaded article (None when it is not loaded or not in the scope)."""
        for i, summary in enumerate(self._rows):
            if summary.id == article_id:
                return i
        return None

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """The list's refresh rule: reload on imports and resets; drop deleted rows;
        re-read the changed rows (their counts and flags come from SQL)."""
        if changes.reset or changes.added:
            self.refresh()
            return
        for article_id in changes.removed:
            self.remove_article(article_id)
        changed = changes.articles | changes.flags | changes.metadata
        loaded = [i for i in changed if self.row_of(i) is not None]
        if not loaded:
            return
        fresh = self._library.list_articles(
            0, len(loaded), scope=Scope(article_ids=tuple(sorted(loaded)))
        )
        for summary in fresh:
            row = self.row_of(summary.id)
            if row is not None:
                self._rows[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def update_summary(self, article_id: int, **changes: Any) -> None:
        """Reflect a change the window made (read, starred) without reloading."""
        row = self.row_of(article_id)
        if row is None:
            return
        self._rows[row] = dataclasses.replace(self._rows[row], **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_article(self, article_id: int) -> None:
        row = self.row_of(article_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total -= 1
        self.endRemoveRows()
        self.totalChanged.emit(self._total)
