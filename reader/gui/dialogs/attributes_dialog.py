"""The attributes of entities (Entities window → Attributes…, one or many at once) or of
an article (Article → Attributes…): one field per attribute, a list for choices and
yes/no. OK saves the changed fields through `save` (one undoable step); "New
Attribute…" defines another. A field whose entities differ reads "(mixed)" and stays as
it is unless changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.plain import plain, plain_label
from reader.model import Attribute

if TYPE_CHECKING:
    from reader.gui.events import LibraryEvents

MIXED = object()  # the selected entities differ: leave them as they are
MIXED_TEXT = "(mixed — left as they are)"
PLACEHOLDERS = {"number": "a number: 42 or 3.5", "date": "YYYY-MM-DD", "text": ""}
TYPES = ("choice", "text", "number", "date", "yes/no")


def common(values: list[dict[str, str]], name: str) -> str | object:
    """The value every owner has ("" for none), or MIXED."""
    found = {v.get(name, "") for v in values}
    return found.pop() if len(found) == 1 else MIXED


class AttributesDialog(QDialog):
    """`save(changed)` gets {name: value ("" clears)} of the fields changed and returns
    whether it was saved (the dialog closes only then); `define()` asks for a new
    attribute and returns the attributes afterwards (None: nothing defined)."""

    def __init__(
        self,
        title: str,
        attributes: list[Attribute],
        values: list[dict[str, str]],
        save: Callable[[dict[str, str]], bool],
        define: Callable[[], list[Attribute] | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attributesDialog")
        self.setWindowTitle(plain(title))
        self._save, self._define, self.values = save, define, values
        self.form = QFormLayout()
        self.editors: dict[str, QComboBox | QLineEdit] = {}
        self.original: dict[str, str | object] = {}
        self.empty = plain_label(QLabel("No attributes yet: add one with New Attribute…", self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.new_button = QPushButton("&New Attribute…", self)
        self.new_button.setObjectName("newAttribute")
        self.new_button.setEnabled(define is not None)
        self.new_button.clicked.connect(self.define)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Ctrl+Z in the main window undoes the change.", self)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.build(attributes)

    def build(self, attributes: list[Attribute]) -> None:
        """One field per attribute (what was typed in the old ones is kept)."""
        typed = self.changed()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors, self.original = {}, {}
        for a in attributes:
            value = common(self.values, a.name)
            self.original[a.name] = value
            if a.type in ("choice", "yes/no"):
                editor = QComboBox(self)
                if value is MIXED:
                    editor.addItem(MIXED_TEXT, MIXED)
                editor.addItem("", "")
                for choice in a.choices if a.type == "choice" else ("yes", "no"):
                    editor.addItem(choice, choice)
                current = typed.get(a.name, value)
                editor.setCurrentIndex(max(editor.findData(current), 0))
            else:
                editor = QLineEdit(self)
                editor.setPlaceholderText(
                    MIXED_TEXT if value is MIXED else PLACEHOLDERS.get(a.type, "")
                )
                text = typed.get(a.name, value)
                editor.setText(text if isinstance(text, str) else "")
            editor.setObjectName(f"attribute-{a.name}")
            editor.setToolTip(
                f"{a.name}: {a.type}" + (f" ({', '.join(a.choices)})" if a.choices else "")
            )
            self.form.addRow(plain_label(QLabel(f"{a.name}:", self)), editor)
            self.editors[a.name] = editor
        self.empty.setVisible(not attributes)

    def value(self, name: str) -> str | object:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        text = editor.text().strip()
        if not text and self.original.get(name) is MIXED:
            return MIXED
        return text

    def changed(self) -> dict[str, str]:
        out = {}
        for name in getattr(self, "editors", {}):
            value = self.value(name)
            if value is not MIXED and value != self.original.get(name):
                out[name] = value  # type: ignore[assignment]
        return out

    def accept(self) -> None:
        changed = self.changed()
        if not changed or self._save(changed):
            super().accept()

    def define(self) -> None:
        """Ask for a name, what it is about, its type and (for a choice) the choices."""
        if self._define is None:
            return
        attributes = self._define()
        if attributes is not None:
            self.build(attributes)


def ask_definition(parent: QWidget, on: str) -> tuple[str, str, list[str]] | None:
    """A new attribute's name, type and choices, asked in turn (None: cancelled)."""
    what = "entities (people, organisations…)" if on == "entity" else "articles"
    name, ok = QInputDialog.getText(
        parent, "New attribute", plain(f"Name of an attribute of {what} (such as gender):")
    )
    if not ok or not name.strip():
        return None
    type_, ok = QInputDialog.getItem(parent, "New attribute", "Type:", list(TYPES), 0, False)
    if not ok:
        return None
    choices: list[str] = []
    if type_ == "choice":
        text, ok = QInputDialog.getText(
            parent, "New attribute", "Choices, separated by commas (female, male, …):"
        )
        if not ok:
            return None
        choices = [c.strip() for c in text.split(",") if c.strip()]
    return name.strip(), type_, choices


def open_attributes(
    events: LibraryEvents, parent: QWidget, on: str, owners: list[int], title: str
) -> AttributesDialog:
    """Open the attributes of these entities (or this article) for editing; OK writes
    every changed field as one undo step."""
    library = events.library
    column = {"entity": "entity_id", "article": "article_id"}[on]
    values = [library.attribute_values(**{column: owner}) for owner in owners]
    plural = "entities" if on == "entity" else "articles"
    dialog: AttributesDialog

    def save(changed: dict[str, str]) -> bool:
        def write() -> bool:
            name = (
                f"Set attributes of {title}"
                if len(owners) == 1
                else f"Set attributes of {len(owners)} {plural}"
            )
            with library.undo_group(name):
                for attribute, value in changed.items():
                    kind = {"entities": owners} if on == "entity" else {"articles": owners}
                    library.set_attribute(attribute, value, **kind)
            return True

        return events.run(dialog, write, parent=dialog) is not None

    def define() -> list[Attribute] | None:
        asked = ask_definition(dialog, on)
        if asked is None:
            return None
        name, type_, choices = asked
        done = events.run(
            dialog, lambda: library.define_attribute(name, on, type_, choices), parent=dialog
        )
        return None if done is None else library.attributes(on)

    dialog = AttributesDialog(
        f"Attributes — {title}",
        library.attributes(on),
        values,
        save,
        None if library.readonly else define,
        parent,
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
