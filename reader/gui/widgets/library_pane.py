"""The library pane: search field, filters and the article list."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.language_names import language_labels
from reader.gui.models.library_model import (
    COLUMNS,
    LANGUAGE,
    NOTES,
    PUBLISHED,
    READ,
    SOURCE,
    STARRED,
    TITLE,
    ArticleIdRole,
    LibraryModel,
)
from reader.gui.plain import menu_text
from reader.model import Scope

SEARCH_DELAY_MS = 250


class LibraryPane(QWidget):
    """Emits `articleActivated(id)` when the current row changes to another article, and
    `filtersChanged` when the search or the source/language filters change."""

    articleActivated = Signal(int)
    filtersChanged = Signal()

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._silent = False
        self._current_id: int | None = None
        # A filter set from elsewhere (a chart): Scope fields over the search and filters.
        self._extra: dict[str, Any] = {}
        self._extra_label = ""
        self._last_base = Scope()
        self._feed_ids: tuple[int, ...] = ()  # chosen in the Feeds section

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search the library")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.go_to_results)
        self.search.installEventFilter(self)

        self.source = QComboBox(self)
        self.source.setObjectName("sourceFilter")
        self.language = QComboBox(self)
        self.language.setObjectName("languageFilter")
        self.coder = QComboBox(self)
        self.coder.setObjectName("annotatorListFilter")
        self.coder.setToolTip(
            "Only the articles this coder marked (and, in statistics and exports, their marks)"
        )
        self.annotated = QCheckBox("Annotated", self)
        self.annotated.setObjectName("annotatedFilter")
        self.annotated.setToolTip("Only articles with annotations")
        for combo in (self.source, self.language, self.coder):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.annotated.toggled.connect(self.apply_filters)
        self.notes = QCheckBox("Notes", self)
        self.notes.setObjectName("notesScope")
        self.notes.setToolTip("Search the notes on marks instead of the articles")
        self.notes.toggled.connect(self.apply_filters)

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(model)
        model.modelReset.connect(self._reselect)  # after the view's own reset handling
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAcceptDrops(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by the indicator: none yet
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        width = self.fontMetrics().horizontalAdvance
        for column, sample in (
            (SOURCE, "SeaPRwire"),
            (PUBLISHED, "2025-02-27"),
            (LANGUAGE, "Lang"),
            (NOTES, "Marks"),
            (READ, "Read"),
            (STARRED, "★"),
        ):
            # room for the text and the sort arrow
            header.resizeSection(column, width(sample) + 28)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        # two short rows rather than one long one: the pane gives way to the article on
        # a small screen (reading_splitter.py), down to about 220 pixels
        searching = QHBoxLayout()
        searching.setContentsMargins(0, 0, 0, 0)
        searching.addWidget(self.search, 1)
        searching.addWidget(self.notes)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.source, 1)
        filters.addWidget(self.language, 1)
        filters.addWidget(self.coder, 1)
        filters.addWidget(self.annotated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        self._layout = layout
        layout.addLayout(searching)
        layout.addLayout(filters)
        self.chip = QToolButton(self)
        self.chip.setObjectName("filterChip")
        self.chip.setToolTip("Clear this filter")
        self.chip.setStyleSheet(
            "QToolButton#filterChip { border: 1px solid palette(highlight); border-radius: 9px;"
            " padding: 2px 10px; }"
        )
        self.chip.clicked.connect(self.clear_filter)
        self.chip.hide()
        layout.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        self.reload_filters()

    # -- filters -------------------------------------------------------------------

    def reload_filters(
        self,
        sources: list[tuple[str, int]] | None = None,
        languages: list[tuple[str, int]] | None = None,
        annotators: list[str] | None = None,
    ) -> None:
        """Fill the source, language and coder lists (keeping the current choice);
        languages are shown by name ("Arabic (3)"), as the article header shows them."""
        names = language_labels([code for code, _ in languages or []])
        for combo, values, everything, label in (
            (self.source, sources or [], "All sources", {}),
            (self.language, languages or [], "All languages", names),
            (self.coder, [(a, None) for a in annotators or []], "All coders", {}),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, count in values:
                shown = label.get(value, value)
                combo.addItem(shown if count is None else f"{shown} ({count})", value)
            at = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)
        # one coder (or none): nothing to choose between, and room for the article
        self.coder.setVisible(self.coder.count() > 2 or self.coder.currentIndex() > 0)

    def scope(self) -> Scope:
        """The scope of the list: the search and filters, narrowed by a filter set with
        `set_filter`."""
        return dataclasses.replace(self.base_scope(), **self._extra)

    def base_scope(self) -> Scope:
        """The scope the search field and filters describe (what statistics count over)."""
        source, language = self.source.currentData(), self.language.currentData()
        coder = self.coder.currentData()
        return Scope(
            annotators=(coder,) if coder else (),
            query=self.search.text().strip(),
            prefix=True,
            notes=self.notes.isChecked(),
            sources=(source,) if source else (),
            languages=(language,) if language else (),
            has_annotations=True if self.annotated.isChecked() else None,
            feed_ids=self._feed_ids,
        )

    def add_section(self, widget: QWidget) -> None:
        """A section above the search (the Feeds section)."""
        self._layout.insertWidget(0, widget)

    def set_feed(self, feed_id: int | None) -> None:
        """List only the articles this feed brought (None: every article)."""
        self._feed_ids = () if feed_id is None else (feed_id,)
        self.apply_filters()

    def set_filter(self, label: str, **fields: Any) -> None:
        """Narrow the list by Scope `fields` (e.g. `entity_ids=(7,)`), shown as a chip
        reading `label` that clears it when clicked. Replaces an earlier such filter."""
        self._extra, self._extra_label = dict(fields), label
        self.chip.setText(menu_text(f"{label}  ✕"))
        self.chip.show()
        self.apply_filters()

    def clear_filter(self) -> None:
        self._extra, self._extra_label = {}, ""
        self.chip.hide()
        self.apply_filters()

    def filter_label(self) -> str:
        """The label of the filter set with `set_filter` ("" when none)."""
        return self._extra_label

    def apply_filters(self) -> None:
        self._debounce.stop()
        scope = self.scope()
        if scope == self.model.scope:
            return
        base = self.base_scope()
        if base != self._last_base:
            self._last_base = base
            self.filtersChanged.emit()
        if scope.query != self.model.scope.query:
            # A new search shows the best matches first, until a column is clicked.
            self.model.clear_sort()
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_scope(scope)

    def go_to_results(self) -> None:
        """Enter or Down in the search field: search now, then the list has the focus
        with its first row selected (Up and Down go on from there)."""
        self.apply_filters()
        if self.model.rowCount():
            self.select_row(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.go_to_results()
            return True
        return super().eventFilter(obj, event)

    def sort_key(self) -> tuple[str | None, bool]:
        """The list's sort as settings keep it: (column key or None, descending)."""
        column = self.model.sort_column
        _, descending = self.model.order
        return (COLUMNS[column][1] if column is not None else None), descending

    def restore_sort(self, saved: tuple[str, bool] | None) -> None:
        """Sort as remembered (`Settings.sort`), indicator and rows alike; the default
        order when nothing (or an unknown column) was saved."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # a restored header state carries an indicator only
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        keys = [key for _, key, _ in COLUMNS]
        if saved is None or saved[0] not in keys:
            if self.model.sort_column is not None:
                self.model.clear_sort()
                self.model.refresh()
            return
        key, descending = saved
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(keys.index(key), order)  # the table sorts the model

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0:
            self.model.clear_sort()
            self.model.refresh()

    def _reselect(self) -> None:
        """After a reload (search, sort, import) keep the open article selected if listed."""
        if self._current_id is not None:
            self.select_article(self._current_id, emit=False)

    # -- selection -----------------------------------------------------------------

    def current_article_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ArticleIdRole) if index.isValid() else None

    def select_row(self, row: int) -> bool:
        """Make `row` current (fetching more rows when needed); False when out of range."""
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, TITLE)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def select_article(self, article_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self._silent = not emit
        try:
            self.select_row(row)
        finally:
            self._silent = False
        return True

    def move(self, step: int) -> bool:
        index = self.table.currentIndex()
        return self.select_row(index.row() + step if index.isValid() else 0)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._current_id = current.data(ArticleIdRole)
        if not self._silent:
            self.articleActivated.emit(self._current_id)
