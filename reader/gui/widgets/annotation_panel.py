"""The article's annotations: filters by kind and by coder, a table (label, text, note,
who marked it), counts.

Label and note are edited in place (the label with a combo box of the labels of that
kind); double-click or Enter jumps to the mark in the article.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.annotation_model import (
    ANNOTATOR,
    LABEL,
    NOTE,
    TEXT,
    AnnotationModel,
    AnnotationRole,
    AnnotatorRole,
    KindRole,
)
from reader.gui.plain import plain_label
from reader.model import Annotation, Label

Index = QModelIndex | QPersistentModelIndex
FILTERS = (("All", None), ("Quotes", "quote"), ("Entities", "entity"), ("Highlights", "highlight"))


class DeleteDelegate(QStyledItemDelegate):
    """An editor in the table lets Delete through to the mark: it closes and asks for
    the mark's deletion, unless it is a text field with text selected (then Delete
    removes that text, as in any field). A click on a selected row's Label opens the
    label's editor; Delete must still delete the mark then."""

    deleteRequested = Signal()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(editor, QWidget)
            and not (isinstance(editor, QLineEdit) and editor.hasSelectedText())
        ):
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            self.deleteRequested.emit()
            return True
        return super().eventFilter(editor, event)


class LabelDelegate(DeleteDelegate):
    """A combo box of the labels of the row's kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[Label] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("labelEditor")
        kind = index.data(KindRole)
        for label in sorted(self.labels, key=lambda lb: lb.position):
            if label.kind == kind:
                combo.addItem(label.name)
        # commit as soon as a label is picked: one change, saved at once
        combo.activated.connect(lambda _i, combo=combo: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: ANN001
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class MarksFilter(QSortFilterProxyModel):
    """The rows of one kind (None: all) made by one coder (None: anyone)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.annotator: str | None = None

    def set_filter(self, kind: str | None, annotator: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: the non-deprecated way
            self.beginFilterChange()
            self.kind, self.annotator = kind, annotator
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kind, self.annotator = kind, annotator
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt's name
        index = self.sourceModel().index(row, 0, parent)
        if self.kind is not None and index.data(KindRole) != self.kind:
            return False
        return self.annotator is None or index.data(AnnotatorRole) == self.annotator


class AnnotationTable(QTableView):
    """Enter jumps to the mark (F2 edits); Ctrl+C asks to copy the selected rows."""

    jumpRequested = Signal(QModelIndex)
    copyRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            # the view's own Copy would take one cell's text: copy whole marks instead
            self.copyRequested.emit()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().isValid()
        ):
            self.jumpRequested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    """Emits `jumpRequested(annotation)`, `currentChanged(annotation or None)` and
    `deleteRequested` (Delete in an open editor: delete the current mark)."""

    jumpRequested = Signal(object)
    currentChanged = Signal(object)
    deleteRequested = Signal()

    def __init__(self, model: AnnotationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = MarksFilter(self)
        self.proxy.setSourceModel(model)

        self.filter = QComboBox(self)
        self.filter.setObjectName("annotationFilter")
        for text, kind in FILTERS:
            self.filter.addItem(text, kind)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.coder = QComboBox(self)
        self.coder.setObjectName("annotatorFilter")
        self.coder.setToolTip("Only the marks of one coder (annotator)")
        self.coder.addItem("Anyone", None)
        self.coder.currentIndexChanged.connect(self._filter_changed)
        for combo in (self.filter, self.coder):  # the panel gives way on a small screen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(3)

        self.table = AnnotationTable(self)
        self.table.setObjectName("annotationTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows: copied together (Ctrl+C, context menu)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # fixed row heights: thousands of rows stay instant
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ANNOTATOR, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ANNOTATOR, self.fontMetrics().horizontalAdvance("curated") + 16)
        header.resizeSection(LABEL, self.fontMetrics().horizontalAdvance("LOCATION") + 40)
        header.resizeSection(NOTE, self.fontMetrics().horizontalAdvance("a short note") + 16)
        self.delegate = LabelDelegate(self.table)
        self.table.setItemDelegateForColumn(LABEL, self.delegate)
        self.note_delegate = DeleteDelegate(self.table)
        self.table.setItemDelegateForColumn(NOTE, self.note_delegate)
        for delegate in (self.delegate, self.note_delegate):
            delegate.deleteRequested.connect(self.deleteRequested)
        self.table.doubleClicked.connect(self._jump)
        self.table.jumpRequested.connect(self._jump)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.counts = plain_label(QLabel(self))
        self.counts.setObjectName("annotationCounts")
        self.counts.setWordWrap(True)
        self.empty = QLabel(
            "Select text in the article, then press Q (quote), 1–9 (entity), "
            "H (highlight) or N (note).",
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("Show", self))
        top.addWidget(self.filter, 1)
        top.addWidget(self.coder, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.counts)
        self.model.modelReset.connect(self._update_coders)
        self.model.modelReset.connect(self._update_counts)
        self._update_counts()

    # -- state ----------------------------------------------------------------------

    def set_labels(self, labels: list[Label]) -> None:
        self.delegate.labels = list(labels)

    def set_kind(self, kind: str | None) -> None:
        self.filter.setCurrentIndex(self.filter.findData(kind))

    def set_annotator(self, name: str | None) -> None:
        """Show only this coder's marks (None: anyone's); the choice stays across articles."""
        if name is not None and self.coder.findData(name) < 0:
            self.coder.addItem(name, name)
        self.coder.setCurrentIndex(self.coder.findData(name))

    def current_annotation(self) -> Annotation | None:
        index = self.table.currentIndex()
        return index.data(AnnotationRole) if index.isValid() else None

    def select_annotation(self, annotation_id: int | None) -> bool:
        """Make the row of `annotation_id` current (False when it is filtered out)."""
        row = self.model.row_of(annotation_id) if annotation_id is not None else None
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TEXT))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def selected_annotations(self) -> list[Annotation]:
        """The selected rows' annotations, in the table's order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(AnnotationRole) for r in rows]

    def visible_rows(self) -> list[Annotation]:
        return [self.proxy.index(r, 0).data(AnnotationRole) for r in range(self.proxy.rowCount())]

    # -- slots ----------------------------------------------------------------------

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.filter.currentData(), self.coder.currentData())
        self._update_counts()

    def _update_coders(self) -> None:
        """The coder filter lists the article's annotators (and keeps the one chosen)."""
        chosen = self.coder.currentData()
        names = sorted({a.annotator for a in self.model.annotations() if a.annotator})
        if chosen is not None and chosen not in names:
            names = sorted([*names, chosen])
        self.coder.blockSignals(True)
        self.coder.clear()
        self.coder.addItem("Anyone", None)
        for name in names:
            self.coder.addItem(name, name)
        self.coder.setCurrentIndex(max(self.coder.findData(chosen), 0))
        self.coder.blockSignals(False)

    def _jump(self, index: QModelIndex) -> None:
        if index.isValid() and (a := index.data(AnnotationRole)) is not None:
            self.jumpRequested.emit(a)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentChanged.emit(current.data(AnnotationRole) if current.isValid() else None)

    def _update_counts(self) -> None:
        rows = self.model.annotations()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if not rows:
            self.counts.setText("")
            return
        by_label = Counter(a.label or a.kind for a in rows)
        orphaned = sum(1 for a in rows if a.status == "orphaned")
        parts = [
            f"{label} {n}" for label, n in sorted(by_label.items(), key=lambda x: (-x[1], x[0]))
        ]
        unit = "mark" if len(rows) == 1 else "marks"
        text = f"{len(rows)} {unit}: " + " · ".join(parts)
        if orphaned:
            text += f" ({orphaned} orphaned)"
        self.counts.setText(text)
