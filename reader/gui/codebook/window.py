"""The Codebook window (View → Codebook…): the labels as a tree, one branch per kind,
and the chosen label's name, colour, definition, inclusion and exclusion notes and
example. Add, Add Child, Rename, Move to…, Merge into… and Colour… are each one undo
step of the library (`Library.add_code`, `rename_label`, `move_label`, `merge_labels`,
`edit_label`); a label dragged onto another becomes its child. The window refreshes
when the library announces that labels changed, whoever changed them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.codebook.tree import KIND_TITLES, label_tip, paths, tree_rows
from reader.gui.dialogs.preferences import colour_icon
from reader.gui.events import LibraryEvents
from reader.gui.tool_window import install_close_keys
from reader.model import Changes, Label

LabelRole = Qt.ItemDataRole.UserRole + 1  # the label id (None on a kind's branch)
KindRole = Qt.ItemDataRole.UserRole + 2
TOP = "(top level)"


class _Tree(QTreeWidget):
    """The label tree; a label dropped on another asks to become its child."""

    moveRequested = Signal(int, object)  # label id, new parent id (None: top level)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        item = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()  # the library moves it; the tree is rebuilt from what it says
        if item is None or target is None or item.data(0, LabelRole) is None:
            return
        if target.data(0, KindRole) != item.data(0, KindRole):
            return
        self.moveRequested.emit(item.data(0, LabelRole), target.data(0, LabelRole))


class CodebookWindow(QWidget):
    """Emits `updated` after the tree was rebuilt from the library."""

    updated = Signal()

    def __init__(self, events: LibraryEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("codebookWindow")
        self.setWindowTitle("Codebook — Reader")
        install_close_keys(self)
        self.events = events
        self.library = events.library
        self.labels: list[Label] = []
        # dialogs, replaceable in tests
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.ask_item: Callable[[str, str, list[str]], str | None] = self._ask_item
        self.ask_colour: Callable[[str], str | None] = self._ask_colour

        self.tree = _Tree(self)
        self.tree.setObjectName("codebookTree")
        self.tree.setHeaderLabels(["Label", "Definition"])
        self.tree.setColumnWidth(0, 220)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.moveRequested.connect(self._move_to)
        self.tree.setDragEnabled(not self.library.readonly)

        self.name = QLineEdit(self)
        self.name.setObjectName("codebookName")
        self.name.setReadOnly(True)
        self.path = QLabel("", self)
        self.path.setTextFormat(Qt.TextFormat.PlainText)
        self.definition = QPlainTextEdit(self)
        self.definition.setObjectName("codebookDefinition")
        self.definition.setPlaceholderText("What the label means")
        self.definition.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.inclusion = QLineEdit(self)
        self.inclusion.setObjectName("codebookInclusion")
        self.inclusion.setPlaceholderText("When to use it")
        self.exclusion = QLineEdit(self)
        self.exclusion.setObjectName("codebookExclusion")
        self.exclusion.setPlaceholderText("When not to")
        self.example = QLineEdit(self)
        self.example.setObjectName("codebookExample")
        self.example.setPlaceholderText("A passage it fits")
        self.save = QPushButton("&Save Notes", self)
        self.save.setObjectName("codebookSave")
        self.save.setToolTip("Keep the definition, notes and example (one undo step)")
        self.save.clicked.connect(self.save_details)

        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Path:", self.path)
        form.addRow("&Definition:", self.definition)
        form.addRow("&Include:", self.inclusion)
        form.addRow("E&xclude:", self.exclusion)
        form.addRow("Exa&mple:", self.example)
        form.addRow("", self.save)
        details = QWidget(self)
        column = QVBoxLayout(details)
        column.addLayout(form)
        column.addStretch(1)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot, tip in (
            ("add", "&Add…", self.add_label, "A new label at the top of this kind"),
            ("child", "Add &Child…", self.add_child, "A new label under the chosen one"),
            ("rename", "&Rename…", self.rename, "Rename the label; its marks follow"),
            ("move", "M&ove to…", self.move, "Put the label under another (or at the top)"),
            ("merge", "Mer&ge into…", self.merge, "Its marks and children go to the other"),
            ("colour", "Co&lour…", self.colour, "The label's colour in the article"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"codebook_{key}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)

        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.resize(900, 560)
        events.changed.connect(self.on_changed)
        self.reload()

    # -- the tree --------------------------------------------------------------------------

    def on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.labels or changes.reset:
            self.reload()

    def reload(self) -> None:
        chosen = self.current_label()
        self.labels = self.library.labels()
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        branches: dict[str, QTreeWidgetItem] = {}
        for kind, title in KIND_TITLES.items():
            branch = QTreeWidgetItem(self.tree, [title])
            branch.setData(0, KindRole, kind)
            branch.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                            | Qt.ItemFlag.ItemIsDropEnabled)  # fmt: skip
            branches[kind] = branch
        for label, _depth in tree_rows(self.labels):
            parent = items.get(label.parent_id) if label.parent_id else None
            owner = parent or branches.get(label.kind)
            if owner is None:
                continue
            item = QTreeWidgetItem(owner, [label.name, " ".join(label.definition.split())])
            item.setIcon(0, colour_icon(label.colour))
            item.setData(0, LabelRole, label.id)
            item.setData(0, KindRole, label.kind)
            item.setToolTip(0, label_tip(label, self.labels))
            items[label.id] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        target = items.get(chosen.id) if chosen is not None else None
        self.tree.setCurrentItem(target or self.tree.topLevelItem(0))
        self._show_current()
        self.updated.emit()

    def current_label(self) -> Label | None:
        item = self.tree.currentItem()
        label_id = item.data(0, LabelRole) if item is not None else None
        return next((lb for lb in self.labels if lb.id == label_id), None)

    def current_kind(self) -> str:
        item = self.tree.currentItem()
        return (item.data(0, KindRole) if item is not None else None) or "highlight"

    def select(self, name: str, kind: str | None = None) -> bool:
        """Make the label called `name` the chosen one (tests, and after adding one)."""
        for item in self._items():
            label_id = item.data(0, LabelRole)
            label = next((lb for lb in self.labels if lb.id == label_id), None)
            if label is not None and label.name == name and kind in (None, label.kind):
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        out, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def _show_current(self) -> None:
        label = self.current_label()
        writable = not self.library.readonly
        self.name.setText(label.name if label else "")
        self.path.setText(paths(self.labels).get(label.id, "") if label else "")
        self.definition.setPlainText(label.definition if label else "")
        self.inclusion.setText(label.inclusion if label else "")
        self.exclusion.setText(label.exclusion if label else "")
        self.example.setText(label.example if label else "")
        for widget in (self.definition, self.inclusion, self.exclusion, self.example):
            widget.setEnabled(label is not None and writable)
        self.save.setEnabled(label is not None and writable)
        self.buttons["add"].setEnabled(writable)
        for key in ("child", "rename", "move", "merge", "colour"):
            self.buttons[key].setEnabled(label is not None and writable)

    # -- edits (each one undo step of the library) ---------------------------------------

    def _run(self, op: Callable[[], object]) -> object:
        return self.events.run(self, op, parent=self)

    def add_label(self) -> None:
        self._add(None)

    def add_child(self) -> None:
        label = self.current_label()
        if label is not None:
            self._add(label)

    def _add(self, parent: Label | None) -> None:
        kind = parent.kind if parent else self.current_kind()
        where = f"under {parent.name}" if parent else f"among the {KIND_TITLES[kind].lower()}"
        name = self.ask_text("Add Label", f"A new label {where}:", "")
        if not name:
            return
        made = self._run(lambda: self.library.add_code(name, kind, parent.id if parent else None))
        if isinstance(made, Label):
            self.select(made.name, made.kind)

    def rename(self) -> None:
        label = self.current_label()
        if label is None:
            return
        name = self.ask_text("Rename Label", f"Rename {label.name} (its marks follow):", label.name)
        if name and name != label.name:
            self._run(lambda: self.library.rename_label(label.id, name))

    def _others(self, label: Label, inside_too: bool) -> dict[str, int | None]:
        """Paths of the labels of its kind it may go under (or merge into)."""
        inside = _inside(self.labels, label.id)
        out: dict[str, int | None] = {}
        for lb, _ in tree_rows(self.labels):
            if lb.kind == label.kind and lb.id != label.id and (inside_too or lb.id not in inside):
                out[paths(self.labels)[lb.id]] = lb.id
        return out

    def move(self) -> None:
        label = self.current_label()
        if label is None:
            return
        choices = {TOP: None, **self._others(label, inside_too=False)}
        picked = self.ask_item("Move Label", f"Put {label.name} under:", list(choices))
        if picked is not None and picked in choices:
            self._move_to(label.id, choices[picked])

    def _move_to(self, label_id: int, parent_id: int | None) -> None:
        self._run(lambda: self.library.move_label(label_id, parent_id))

    def merge(self) -> None:
        label = self.current_label()
        if label is None:
            return
        choices = self._others(label, inside_too=True)
        if not choices:
            return
        picked = self.ask_item(
            "Merge Label", f"Merge {label.name} into (its marks follow):", list(choices)
        )
        if picked is not None and choices.get(picked) is not None:
            into = choices[picked]
            self._run(lambda: self.library.merge_labels(label.id, into))

    def colour(self) -> None:
        label = self.current_label()
        if label is None:
            return
        colour = self.ask_colour(label.colour)
        if colour and colour != label.colour:
            self._run(lambda: self.library.edit_label(label.id, colour=colour))

    def save_details(self) -> None:
        label = self.current_label()
        if label is None:
            return
        values = {
            "definition": self.definition.toPlainText().strip(),
            "inclusion": self.inclusion.text().strip(),
            "exclusion": self.exclusion.text().strip(),
            "example": self.example.text().strip(),
        }
        self._run(lambda: self.library.edit_label(label.id, **values))

    # -- dialogs ---------------------------------------------------------------------------

    def _ask_text(self, title: str, prompt: str, value: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Normal, value)
        return text.strip() if ok else None

    def _ask_item(self, title: str, prompt: str, items: list[str]) -> str | None:
        item, ok = QInputDialog.getItem(self, title, prompt, items, 0, False)
        return item if ok else None

    def _ask_colour(self, colour: str) -> str | None:
        picked = QColorDialog.getColor(QColor(colour), self, "Label colour")
        return picked.name() if picked.isValid() else None


def _inside(labels: list[Label], label_id: int) -> set[int]:
    """The label and every label under it."""
    out = {label_id}
    changed = True
    while changed:
        changed = False
        for lb in labels:
            if lb.parent_id in out and lb.id not in out:
                out.add(lb.id)
                changed = True
    return out
