"""Tag with Label… (L): a quick filter over every label of the codebook. Typing narrows
the list (any part of the label's path, any case); Up/Down choose; Enter tags the
selection with the chosen label; Esc closes. For the labels past the nine digit keys,
and for the children in the tree."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.gui.codebook.tree import KIND_TITLES, codable, label_tip
from reader.gui.dialogs.preferences import colour_icon
from reader.model import Label

LabelRole = Qt.ItemDataRole.UserRole + 1


class QuickTagDialog(QDialog):
    """Emits `chosen(label)` when Enter (or a double-click) picks a label."""

    chosen = Signal(object)

    def __init__(self, labels: list[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickTagDialog")
        self.setWindowTitle("Tag with Label")
        self.labels = labels
        self.field = QLineEdit(self)
        self.field.setObjectName("quickTagField")
        self.field.setPlaceholderText("Type to find a label…")
        self.field.textChanged.connect(self.refill)
        self.field.installEventFilter(self)
        self.list = QListWidget(self)
        self.list.setObjectName("quickTagList")
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list, 1)
        self.resize(380, 360)
        self.refill("")

    def refill(self, text: str) -> None:
        words = text.casefold().split()
        self.list.clear()
        for label, path in codable(self.labels):
            if all(w in path.casefold() for w in words):
                kind = KIND_TITLES.get(label.kind, label.kind)
                item = QListWidgetItem(colour_icon(label.colour), f"{path}  ·  {kind}")
                item.setData(LabelRole, label.id)
                item.setToolTip(label_tip(label, self.labels))
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def shown_paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        label = next((lb for lb in self.labels if lb.id == item.data(LabelRole)), None)
        self.accept()
        if label is not None:
            self.chosen.emit(label)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
        return super().eventFilter(obj, event)
