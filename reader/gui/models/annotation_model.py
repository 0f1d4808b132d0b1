"""A thin table model over an article's annotations (text order): label, text, note and
who made it (the annotator).

Edits go straight to the library through `commit`; the model never holds a change
the library has not saved (the controller reloads it from the library afterwards).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.gui.plain import tooltip
from reader.gui.views.marks import attribution, colour_of
from reader.model import Annotation

Index = QModelIndex | QPersistentModelIndex
AnnotationRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Label", "Text", "Note", "By")
LABEL, TEXT, NOTE, ANNOTATOR = range(4)
AnnotatorRole = Qt.ItemDataRole.UserRole + 3
TEXT_LIMIT = 80

Commit = Callable[[int, dict[str, Any]], bool]


class AnnotationModel(QAbstractTableModel):
    def __init__(self, commit: Commit | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._colours: dict[tuple[str, str], QColor] = {}
        self._names: dict[int, str] = {}  # entity id -> name (quote speakers)
        self._commit = commit
        self.editable = True
        self._label_tips: dict[tuple[str, str], str] = {}  # (kind, label) -> its notes

    def set_label_tips(self, tips: dict[tuple[str, str], str]) -> None:
        """The codebook's definitions, shown when hovering a mark's label."""
        self._label_tips = dict(tips)

    def set_annotations(
        self,
        annotations: list[Annotation],
        colours: dict[tuple[str, str], QColor],
        names: dict[int, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self._colours = colours
        self._names = names or {}
        self.endResetModel()

    def annotation(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: int) -> int | None:
        for i, a in enumerate(self._rows):
            if a.id == annotation_id:
                return i
        return None

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    # -- Qt -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() in (LABEL, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a = self.annotation(index.row())
        if a is None:
            return None
        column = index.column()
        if role == AnnotationRole:
            return a
        if role == KindRole:
            return a.kind
        if role == AnnotatorRole:
            return a.annotator or ""
        orphaned = a.status == "orphaned"
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LABEL:
                label = a.label or a.kind
                if a.speaker_id and (speaker := self._names.get(a.speaker_id)):
                    label = f"{label} · {speaker}"
                return f"{label} · orphaned" if orphaned else label
            if column == TEXT:
                text = " ".join(a.exact.split())
                return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
            if column == ANNOTATOR:
                return a.annotator or ""
            return a.note or ""
        if role == Qt.ItemDataRole.EditRole:
            return (
                (a.label or "") if column == LABEL else (a.note or "") if column == NOTE else None
            )
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            return colour_of(a, self._colours)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = a.exact if column == TEXT else a.note or a.label or ""
            meaning = self._label_tips.get((a.kind, a.label or ""))
            if column == LABEL and meaning:
                tip = f"{meaning}\n\nNote: {a.note}" if a.note else meaning
            if column == ANNOTATOR:
                tip = f"Marked by {a.annotator}" if a.annotator else ""
            if said := attribution(a, self._names):
                tip = f"{tip}\nSaid by: {said}" if tip else f"Said by: {said}"
            if orphaned:
                tip = f"Orphaned: this text is no longer in the article.\n{a.exact}"
            return tooltip(tip) or None
        if role == Qt.ItemDataRole.ForegroundRole and orphaned:
            app = QApplication.instance()
            palette = app.palette() if isinstance(app, QApplication) else QPalette()
            return QBrush(palette.color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.FontRole and orphaned and column == TEXT:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        a = self.annotation(index.row())
        if a is None or role != Qt.ItemDataRole.EditRole or self._commit is None:
            return False
        if index.column() == NOTE:
            note = str(value or "").strip() or None
            return note != a.note and self._commit(a.id, {"note": note})
        if index.column() == LABEL:
            label = str(value or "").strip()
            return bool(label) and label != a.label and self._commit(a.id, {"label": label})
        return False
