"""Article → Edit Metadata…: title, subtitle, author, source, published, language and
URL, prefilled. OK saves through `save` (the library's `edit_article`, one undoable
write); when that fails the dialog stays open with what the user typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.model import Article

# (field, label, placeholder), in the order of `reader edit`'s options
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "&Title", "The headline (cannot be empty)"),
    ("subtitle", "S&ubtitle", "The standfirst"),
    ("author", "&Author", "Who wrote it"),
    ("source", "&Source", "The outlet or site"),
    ("published", "&Published", "2025-02-27 or 2025-02-27T09:30:00+07:00"),
    ("language", "&Language", "A language code: en, id, pt-BR"),
    ("url", "U&RL", "https://…"),
)


class MetadataDialog(QDialog):
    """`save(changed)` gets the fields whose text the user changed ("" clears one) and
    returns whether they were saved; the dialog closes only then."""

    def __init__(
        self,
        article: Article,
        save: Callable[[dict[str, str]], bool],
        parent: QWidget | None = None,
        sources: list[str] | None = None,
        languages: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("metadataDialog")
        self.setWindowTitle("Edit Metadata")
        self.article_id = article.id
        self._save = save
        self.original: dict[str, str] = {
            name: str(getattr(article, name) or "") for name, _, _ in FIELDS
        }
        note = QLabel("The text and its marks stay as they are. Ctrl+Z undoes the change.", self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for name, label, placeholder in FIELDS:
            edit = QLineEdit(self.original[name], self)
            edit.setObjectName(f"metadata_{name}")
            edit.setPlaceholderText(placeholder)
            edit.setClearButtonEnabled(name != "title")
            edit.setCursorPosition(0)  # a long title shows its beginning
            form.addRow(label, edit)
            self.edits[name] = edit
        for name, values in (("source", sources), ("language", languages)):
            if values:
                completer = QCompleter(values, self)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                self.edits[name].setCompleter(completer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.edits["title"].setFocus()
        self.edits["title"].selectAll()

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def changed(self) -> dict[str, str]:
        """The fields whose text differs from what was shown (stripped of outer spaces)."""
        return {
            name: text
            for name, text in self.values().items()
            if text.strip() != self.original[name].strip()
        }

    def accept(self) -> None:
        changed = self.changed()
        if not changed or self._save(changed):
            super().accept()
