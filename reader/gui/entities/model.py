"""Thin Qt models over the entity registry (rows come from the Library)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reader.gui.plain import tooltip
from reader.model import EntityMention, EntitySummary

Index = QModelIndex | QPersistentModelIndex


class _RowsModel(QAbstractTableModel):
    """A read-only table over a Python list; subclasses name the columns and cells."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


class EntityTableModel(_RowsModel):
    COLUMNS = ("Name", "Type", "Aliases", "Mentions", "Articles", "Quotes", "Attributes")
    rows: list[EntitySummary]
    attributes: dict[int, dict[str, str]] = {}  # noqa: RUF012 - replaced, never changed

    def set_attributes(self, values: dict[int, dict[str, str]]) -> None:
        """Each entity's attribute values (the last column), before `set_rows`."""
        self.attributes = values

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        values = (
            s.entity.name,
            s.entity.type,
            ", ".join(s.entity.aliases),
            s.mentions,
            s.articles,
            s.quotes,
            " · ".join(f"{k}: {v}" for k, v in self.attributes.get(s.entity.id, {}).items()),
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            wikidata = f"\nWikidata: {s.entity.wikidata}" if s.entity.wikidata else ""
            note = f"\n{s.entity.note}" if s.entity.note else ""
            return tooltip(f"{s.entity.name} ({s.entity.type}){wikidata}{note}")
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= index.column() <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return s.entity.id
        if role == Qt.ItemDataRole.UserRole + 1:
            return s
        return None


class MentionListModel(_RowsModel):
    COLUMNS = ("Article", "As", "Text")
    rows: list[EntityMention]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            role_text = "speaker" if m.role == "speaker" else m.kind
            return (m.article_title, role_text, " ".join(m.text.split()))[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return m
        return None
