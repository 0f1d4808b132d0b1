"""The Help menu: the keyboard cheat sheet and the About box.

The cheat sheet is made from the action tables (reader/gui/action_table.py and
other_keys.py) each time it is shown, with the window's live action texts (the entity
keys carry the label names of Preferences), so it cannot fall behind the keys the
window really has.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.gui.actions import (
    ACTIONS,
    CURATION_ACTIONS,
    TOOL_ACTIONS,
    WIDGET_KEYS,
    ActionSpec,
    key_sequences,
)
from reader.gui.plain import plain_label

SECTIONS = (
    ("window", "Anywhere in the window"),
    ("library", "In the library list"),
    ("article", "In the article (annotating)"),
    ("review", "In the article, reviewing suggestions"),
    ("find", "In the find bar (Ctrl+F in the article)"),
    ("panel", "In the marks panel"),
    ("tool", "In the Entities and Statistics windows"),
    ("curation", "In the Curation window (Annotate → Curate…)"),
)

# What Reader ships besides its code, and under which terms (README: "The shipped
# models", resources/samples/README.md, reader/text/data/places.txt).
BUNDLED_DATA = (
    ("Reader", "MIT License"),
    (
        "Indonesian name model (reader/text/data/ner-id.crfsuite)",
        "trained on the train split of idner-news-2k, MIT License, "
        "Copyright (c) 2020 khairunnisaor",
    ),
    (
        "English name model (reader/text/data/ner-en.crfsuite)",
        "trained on wikigold (Balasuriya et al. 2009), CC BY 4.0, and an extract of the "
        "Groningen Meaning Bank (public-domain texts; the Kaggle extract under the Open "
        "Database License)",
    ),
    (
        "Place names (reader/text/data/places.txt)",
        "partly by hand, partly Unicode CLDR territory and city names (Unicode License)",
    ),
    (
        "Sample articles (resources/samples)",
        "a SeaPRwire press release of 27 February 2025, as distributed; three fictional "
        "texts written for Reader, under Reader's licence",
    ),
    ("Qt for Python (PySide6)", "LGPL v3"),
)


def readable(text: str) -> str:
    """A menu text without its mnemonic: "&Star" → "Star", "&&" → "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# keys of their own on some keyboards, bound by the platform to a standard key: not
# what a reader types, left off the sheet ("Ctrl+O", not "Ctrl+O, Open")
DEDICATED = {Qt.Key.Key_Open, Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Find}
DEDICATED |= {Qt.Key.Key_ZoomIn, Qt.Key.Key_ZoomOut, Qt.Key.Key_Refresh}


def key_text(spec: ActionSpec) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    keys = [k for k in key_sequences(spec) if k[0].key() not in DEDICATED]
    return ", ".join(k.toString(native) for k in keys)


def shortcut_rows(live: Mapping[str, QAction] | None = None) -> list[tuple[str, str, str]]:
    """(section, keys, command) for every key of the window, in the table's order.
    `live`: the window's actions, for their current texts; hidden ones (an entity key
    without a label) are left out."""
    rows: list[tuple[str, str, str]] = []
    titles = dict(SECTIONS)
    for spec in (*ACTIONS, *TOOL_ACTIONS, *CURATION_ACTIONS):
        if not spec.keys:
            continue
        action = (live or {}).get(spec.id)
        if action is not None and not action.isVisible():
            continue
        text = readable(action.text() if action is not None else spec.text)
        if spec.id.startswith("annotate_tag_") and spec.arg is not None:  # the keys 1-9
            text = f"Tag as {text}"
        if spec.id in ("undo", "redo"):
            text = readable(spec.text)  # not "Undo Tag PERSON: …"
        if keys := key_text(spec):  # Quit has no key where the platform has none
            rows.append((titles[spec.scope], keys, text.rstrip("…")))
    rows += [(titles[scope], keys, text) for scope, keys, text in WIDGET_KEYS]
    order = [title for _, title in SECTIONS]
    return sorted(rows, key=lambda row: order.index(row[0]))  # stable: table order kept


class ShortcutsDialog(QDialog):
    """Help → Keyboard Shortcuts: keys by where they work."""

    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts — Reader")
        self.resize(640, 620)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setHeaderLabels(["Keys", "Command"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.refill(actions)

    def refill(self, actions: Mapping[str, QAction]) -> None:
        self.tree.clear()
        sections: dict[str, QTreeWidgetItem] = {}
        for section, keys, command in shortcut_rows(actions):
            if section not in sections:
                head = QTreeWidgetItem(self.tree, [section])
                head.setFirstColumnSpanned(True)
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                sections[section] = head
            QTreeWidgetItem(sections[section], [keys, command])
        self.tree.expandAll()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the sheet shows: (section, keys, command)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                child = head.child(j)
                out.append((head.text(0), child.text(0), child.text(1)))
        return out


class AboutDialog(QDialog):
    """Help → About Reader: version, the library's file, the licences of bundled data."""

    def __init__(self, library_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Reader")
        self.resize(600, 460)
        title = plain_label(QLabel(f"Reader {__version__}", self))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        where = str(library_path) if library_path is not None else "a library in memory"
        self.library_label = plain_label(QLabel(f"Library: {where}", self))
        self.library_label.setObjectName("aboutLibrary")
        self.library_label.setWordWrap(True)
        self.library_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro = plain_label(
            QLabel("Highlight quotes and tag entities in news articles. Licences:", self)
        )
        self.licences = QPlainTextEdit(self)
        self.licences.setObjectName("aboutLicences")
        self.licences.setReadOnly(True)
        self.licences.setPlainText("\n\n".join(f"{what}: {terms}." for what, terms in BUNDLED_DATA))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, self.library_label, intro, self.licences, buttons):
            layout.addWidget(widget)
