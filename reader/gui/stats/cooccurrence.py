"""The co-occurrence tab: the ranked pairs in a sortable table beside a heatmap of the top
entities. A row or a cell asks for the articles naming both entities."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QWidget

from reader.gui.stats.heatmap import Heatmap
from reader.gui.stats.panel import ChartPanel
from reader.model import StatTable

HEADERS = ("Entity A", "Entity B", "Articles", "Jaccard", "PMI")
PairRole = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

EMPTY = (
    "No two entities share an article yet — tag people, organisations and places "
    "in more articles to see who appears together."
)


class CooccurrenceTab(QSplitter):
    """Emits `pairClicked(a_id, a_name, b_id, b_name)`."""

    pairClicked = Signal(int, str, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(self)
        self.table.setObjectName("cooccurrenceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip("Click a pair to list the articles that name both")
        self.table.clicked.connect(self._row_clicked)
        self.heatmap = Heatmap(self)
        self.heatmap.setToolTip("")
        self.heatmap.cellClicked.connect(self._cell_clicked)
        self.panel = ChartPanel("co-occurrence", self)
        self.panel.set_custom(self.heatmap)
        self.addWidget(self.table)
        self.addWidget(self.panel)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self._names: dict[int, str] = {}

    def show_table(self, table: StatTable) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self._names = {}
        for a, name_a, b, name_b, both, jaccard, pmi in table.rows:
            self._names[a], self._names[b] = name_a, name_b
            items = []
            for value in (name_a, name_b, both, jaccard, pmi):
                item = QStandardItem(f"{value:.2f}" if isinstance(value, float) else str(value))
                item.setData(value, Qt.ItemDataRole.UserRole)
                if not isinstance(value, str):
                    item.setTextAlignment(RIGHT)
                item.setData((a, b), PairRole)
                items.append(item)
            self.model.appendRow(items)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the statistic's ranking
        self.table.resizeColumnsToContents()
        self.heatmap.set_rows(table.rows)
        if table.rows:
            self.panel.show_chart(None, table)
        else:
            self.panel.show_empty(EMPTY)

    def show_pending(self) -> None:
        """Clear the pairs while they are counted (they come last)."""
        self.model.removeRows(0, self.model.rowCount())
        self.heatmap.set_rows([])
        self.panel.show_empty("Counting which entities appear together…")

    def _row_clicked(self, index: QModelIndex) -> None:
        a, b = index.data(PairRole)
        self.pairClicked.emit(a, self._names[a], b, self._names[b])

    def _cell_clicked(self, a: int, b: int) -> None:
        self.pairClicked.emit(a, self._names[a], b, self._names[b])
