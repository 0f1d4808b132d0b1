"""Preferences: the annotator's name and the label set. Every change is saved at once
(the annotator in the settings, labels through the library), so there is only Close."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.gui.errors import show_error
from reader.library import Library
from reader.model import Label

NAME, KIND, COLOUR, SHORTCUT = range(4)
KINDS = ("entity", "quote", "highlight")
NEW_COLOURS = ("#e377c2", "#17becf", "#bcbd22", "#ff7f0e", "#2ca02c", "#d62728")

ColourPicker = Callable[[QColor, QWidget], QColor]


def colour_icon(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _pick_colour(initial: QColor, parent: QWidget) -> QColor:
    return QColorDialog.getColor(initial, parent, "Label colour")


class PreferencesDialog(QDialog):
    """Emits `labelsChanged` after a label is saved, `annotatorChanged(name)`."""

    labelsChanged = Signal()
    codebookRequested = Signal()  # Codebook…: the label tree's window
    annotatorChanged = Signal(str)
    thresholdChanged = Signal(float)
    snapChanged = Signal(bool)

    def __init__(
        self,
        library: Library,
        annotator: str,
        parent: QWidget | None = None,
        threshold: float = 0.0,
        snap: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.library = library
        self.pick_colour: ColourPicker = _pick_colour  # tests replace the colour dialog
        writable = not library.readonly

        self.annotator = QLineEdit(annotator, self)
        self.annotator.setObjectName("annotatorName")
        self.annotator.editingFinished.connect(self._annotator_edited)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("labelTable")
        self.table.setHorizontalHeaderLabels(["Name", "Kind", "Colour", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        if not writable:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._cell_double_clicked)
        self.table.itemChanged.connect(self._item_changed)

        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newLabelName")
        self.new_name.setPlaceholderText("New label")
        self.new_kind = QComboBox(self)
        self.new_kind.addItems(KINDS)
        self.add_button = QPushButton("&Add Label", self)
        self.add_button.clicked.connect(self.add_label)
        self.new_name.returnPressed.connect(self.add_label)
        for widget in (self.new_name, self.new_kind, self.add_button):
            widget.setEnabled(writable)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.new_kind)
        adding.addWidget(self.add_button)

        self.threshold = QDoubleSpinBox(self)
        self.threshold.setObjectName("suggestionThresholdPreference")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(threshold)
        self.threshold.setToolTip("Suggestions less sure than this are not shown for review")
        self.threshold.valueChanged.connect(self.thresholdChanged.emit)

        self.snap = QCheckBox("Selections snap to &whole words", self)
        self.snap.setObjectName("snapToWordsPreference")
        self.snap.setChecked(snap)
        self.snap.setToolTip(
            "A word cut at either end of a selection is taken whole; spaces and "
            "punctuation at its edges are left out"
        )
        self.snap.toggled.connect(self.snapChanged.emit)

        form = QFormLayout()
        form.addRow("&Annotator:", self.annotator)
        form.addRow("Suggestions at least this &sure:", self.threshold)
        form.addRow("", self.snap)
        hint = QLabel(
            "Entity labels with the shortcuts 1–9 are tagged with those keys; double-click "
            "a colour to change it. Changes are saved at once."
            + ("" if writable else " This library is read-only."),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Labels", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        codebook = QPushButton("&Codebook…", self)
        codebook.setObjectName("openCodebook")
        codebook.setToolTip("The labels as a tree, with definitions, notes and examples")
        codebook.clicked.connect(self.codebookRequested.emit)
        adding.addWidget(codebook)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, 520)
        self.reload()

    # -- labels -----------------------------------------------------------------------

    def labels(self) -> list[Label]:
        return [
            self.table.item(r, NAME).data(Qt.ItemDataRole.UserRole)
            for r in range(self.table.rowCount())
        ]

    def reload(self) -> None:
        order = {k: i for i, k in enumerate(KINDS)}
        labels = sorted(self.library.labels(), key=lambda lb: (order.get(lb.kind, 9), lb.position))
        self.table.blockSignals(True)
        self.table.setRowCount(len(labels))
        for row, label in enumerate(labels):
            name = QTableWidgetItem(label.name)
            name.setData(Qt.ItemDataRole.UserRole, label)
            kind = QTableWidgetItem(label.kind)
            kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
            colour = QTableWidgetItem(colour_icon(label.colour), label.colour)
            colour.setFlags(colour.flags() & ~Qt.ItemFlag.ItemIsEditable)
            shortcut = QTableWidgetItem(label.shortcut or "")
            for column, item in enumerate((name, kind, colour, shortcut)):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)

    def _save(self, label: Label, **values: object) -> bool:
        try:
            self.library.update_label(label.id, **values)
        except ReaderError as e:
            show_error(self, e)
            self.reload()
            return False
        self.reload()
        self.labelsChanged.emit()
        return True

    def _item_changed(self, item: QTableWidgetItem) -> None:
        label: Label = self.table.item(item.row(), NAME).data(Qt.ItemDataRole.UserRole)
        value = item.text().strip()
        if item.column() == NAME and value != label.name:
            if not value:
                self.reload()
                return
            self._save(label, name=value)
        elif item.column() == SHORTCUT and value != (label.shortcut or ""):
            if label.kind == "entity" and value and value not in "123456789":
                show_error(self, "An entity label's shortcut is one digit, 1 to 9.")
                self.reload()
                return
            self._save(label, shortcut=value.upper() or None)

    def _cell_double_clicked(self, row: int, column: int) -> None:
        if column == COLOUR and not self.library.readonly:
            self.choose_colour(row)

    def choose_colour(self, row: int) -> None:
        label: Label = self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole)
        colour = self.pick_colour(QColor(label.colour), self)
        if colour.isValid() and colour.name() != QColor(label.colour).name():
            self._save(label, colour=colour.name())

    def add_label(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        kind = self.new_kind.currentText()
        colour = NEW_COLOURS[len(self.library.labels(kind)) % len(NEW_COLOURS)]
        try:
            self.library.add_label(name, kind, colour)
        except ReaderError as e:
            show_error(self, e)
            return
        self.new_name.clear()
        self.reload()
        self.labelsChanged.emit()

    # -- annotator ----------------------------------------------------------------------

    def _annotator_edited(self) -> None:
        name = self.annotator.text().strip()
        if name:
            self.annotatorChanged.emit(name)
