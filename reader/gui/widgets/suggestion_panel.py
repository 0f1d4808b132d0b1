"""The side panel's Suggestions tab: the article's quote and entity candidates under
review, counts per kind, and "Accept all" per kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.plain import plain_label, tooltip
from reader.model import EntityCandidate, QuoteCandidate

Index = QModelIndex | QPersistentModelIndex
SuggestionRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Label", "Text", "Who / entity", "From", "Sure")
LABEL, TEXT, DETAIL, SOURCE, CONFIDENCE = range(5)
# Where a suggestion came from, as the panel says it.
SOURCES = {"registry": "registry", "library": "your model", "model": "model"}
SORTS = ("By position", "Most sure first", "Least sure first")
TEXT_LIMIT = 80
KEYS_HINT = (
    "Tab / Shift+Tab (J / K) next / previous · Enter accept · Shift+Enter accept and "
    "attribute · Delete reject · 1–9 accept an entity as that label"
)


@dataclass(frozen=True)
class Suggestion:
    """One candidate under review: a quote or an entity mention."""

    kind: str  # "quote" or "entity"
    label: str  # QUOTE, PERSON, ORG…
    candidate: QuoteCandidate | EntityCandidate

    @property
    def start(self) -> int:
        return self.candidate.start

    @property
    def end(self) -> int:
        return self.candidate.end

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.kind, self.start, self.end)

    @property
    def text(self) -> str:
        return " ".join(self.candidate.text.split())

    @property
    def source(self) -> str:
        """registry, your model (the library's), model (shipped) or rule."""
        if isinstance(self.candidate, QuoteCandidate):
            return "rule"
        return SOURCES.get(self.candidate.source, "rule")

    @property
    def confidence(self) -> float:
        """How sure the suggester is; for a quote, of the quote and of its speaker."""
        c = self.candidate
        if isinstance(c, QuoteCandidate) and c.speaker:
            return min(c.confidence, c.speaker_confidence)
        return c.confidence

    @property
    def detail(self) -> str:
        """Speaker and cue of a quote; the registry entity an entity match stands for."""
        c = self.candidate
        if isinstance(c, QuoteCandidate):
            speaker = c.speaker_entity_hint or c.speaker or ""
            return " — ".join(p for p in (speaker, c.cue or "") if p)
        if c.entity and c.entity != c.text:
            return f"→ {c.entity}"
        return "in the registry" if c.source == "registry" else "new"


class SuggestionModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.rows: list[Suggestion] = []
        self.colours: dict[tuple[str, str], QColor] = {}
        self.label_tips: dict[tuple[str, str], str] = {}  # the codebook's notes per label

    def set_rows(self, rows: list[Suggestion], colours: dict[tuple[str, str], QColor]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.colours = colours
        self.endResetModel()

    def row_of(self, key: tuple[str, int, int] | None) -> int | None:
        return next((i for i, s in enumerate(self.rows) if s.key == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        s = self.rows[index.row()]
        if role == SuggestionRole:
            return s
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == LABEL:
                return s.label
            if index.column() == TEXT:
                text = s.text
                return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
            if index.column() == SOURCE:
                return s.source
            if index.column() == CONFIDENCE:
                return f"{s.confidence:.0%}"
            return s.detail
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{s.label}: {s.text}"
            if s.detail:
                tip += f"\n{s.detail}"
            tip += f"\nfrom the {s.source}, {s.confidence:.0%} sure"
            if meaning := self.label_tips.get((s.kind, s.label)):
                tip += f"\n\n{meaning}"
            return tooltip(tip)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == LABEL:
            return self.colours.get((s.kind, s.label), QColor("#9a9a9a"))
        return None


class SuggestionPanel(QWidget):
    """Emits `activated(Suggestion)` (a row clicked or Enter on it),
    `acceptAllRequested(kind)` ("quotes" or "entities") and `thresholdChanged(float)`
    (the least confidence shown, also in Preferences). Rows sort by position or by
    confidence."""

    activated = Signal(object)
    acceptAllRequested = Signal(str)
    thresholdChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SuggestionModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("suggestionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(LABEL, self.fontMetrics().horizontalAdvance("LOCATION") + 40)
        header.resizeSection(DETAIL, self.fontMetrics().horizontalAdvance("Sergey Lavrov") + 16)
        for column in (SOURCE, CONFIDENCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        self.counts = plain_label(QLabel(self))
        self.counts.setObjectName("suggestionCounts")
        self.counts.setWordWrap(True)
        self.accept_quotes = QPushButton(self)
        self.accept_quotes.setObjectName("acceptAllQuotes")
        self.accept_quotes.clicked.connect(lambda: self.acceptAllRequested.emit("quotes"))
        self.accept_entities = QPushButton(self)
        self.accept_entities.setObjectName("acceptAllEntities")
        self.accept_entities.clicked.connect(lambda: self.acceptAllRequested.emit("entities"))
        self.sort = QComboBox(self)
        self.sort.setObjectName("suggestionSort")
        self.sort.addItems(SORTS)
        self.sort.currentIndexChanged.connect(lambda _: self._show())
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setObjectName("suggestionThreshold")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setPrefix("at least ")
        self.threshold.setToolTip("Hide suggestions less sure than this (also in Preferences)")
        self.threshold.valueChanged.connect(self.thresholdChanged.emit)
        hint = QLabel(KEYS_HINT, self)
        hint.setWordWrap(True)
        hint.setEnabled(False)

        buttons = QVBoxLayout()  # one above the other: the panel stays narrow (1024 px)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.accept_quotes)
        buttons.addWidget(self.accept_entities)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.sort, 1)
        tools.addWidget(self.threshold)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self._rows: list[Suggestion] = []
        self._colours: dict[tuple[str, str], QColor] = {}
        self.set_suggestions([], {}, writable=True)

    def set_threshold(self, value: float) -> None:
        """Show a threshold set elsewhere (Preferences) without announcing it again."""
        self.threshold.blockSignals(True)
        self.threshold.setValue(value)
        self.threshold.blockSignals(False)

    def _show(self) -> None:
        rows = list(self._rows)
        if self.sort.currentIndex() == 1:
            rows.sort(key=lambda s: -s.confidence)
        elif self.sort.currentIndex() == 2:
            rows.sort(key=lambda s: s.confidence)
        self.model.set_rows(rows, self._colours)

    def set_suggestions(
        self,
        rows: list[Suggestion],
        colours: dict[tuple[str, str], QColor],
        writable: bool,
        rejected: int = 0,
    ) -> None:
        self._rows, self._colours = list(rows), colours
        self._show()
        quotes = sum(1 for s in rows if s.kind == "quote")
        entities = len(rows) - quotes
        self.accept_quotes.setText(f"Accept all quotes ({quotes})")
        self.accept_entities.setText(f"Accept all entities ({entities})")
        self.accept_quotes.setEnabled(writable and quotes > 0)
        self.accept_entities.setEnabled(writable and entities > 0)
        if not rows:
            text = "No suggestions left in this article."
        else:
            by_label = Counter(s.label for s in rows if s.kind == "entity")
            labels = " · ".join(
                f"{label} {n}" for label, n in sorted(by_label.items(), key=lambda x: (-x[1], x[0]))
            )
            text = f"{quotes} quotes, {entities} entities" + (f" ({labels})" if labels else "")
        if rejected:
            text += f" — {rejected} rejected (hidden)"
        self.counts.setText(text)

    def select(self, key: tuple[str, int, int] | None) -> None:
        row = self.model.row_of(key)
        if row is None:
            self.table.clearSelection()
            return
        index = self.model.index(row, TEXT)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(index.data(SuggestionRole))
