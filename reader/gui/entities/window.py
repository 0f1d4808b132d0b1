"""The Entities window: filter by type, rename, aliases, Wikidata, merge, delete (unused
ones in bulk), and every mention across the library, a double-click away from its
article. Its refresh rule: stale after any announced change, reloaded when shown."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.entities.model import EntityTableModel, MentionListModel
from reader.gui.events import LibraryEvents
from reader.gui.plain import plain, plain_label
from reader.gui.tool_window import install_close_keys
from reader.model import Changes


class EntitiesWindow(QWidget):
    """A tool window over `library`; emits `mentionActivated(article_id, start, end)`."""

    mentionActivated = Signal(int, int, int)

    def __init__(self, events: LibraryEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.events = events
        self.library = events.library
        self.stale = False
        self.setWindowTitle("Entities — Reader")
        self.resize(900, 620)
        install_close_keys(self)

        self.type_filter = QComboBox(self)
        self.type_filter.setObjectName("entityTypeFilter")
        self.name_filter = QLineEdit(self)
        self.name_filter.setPlaceholderText("Filter by name or alias")
        self.model = EntityTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
        self.table = QTableView(self)
        self.table.setObjectName("entityTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # most mentioned first (sorting on, Qt would otherwise sort by name, Z to A)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.mentions = MentionListModel(self)
        self.mention_view = QTableView(self)
        self.mention_view.setObjectName("mentionTable")
        self.mention_view.setModel(self.mentions)
        self.mention_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mention_view.verticalHeader().hide()
        self.mention_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # one line per mention: titles are elided, not wrapped over two cramped lines
        self.mention_view.setWordWrap(False)
        self.mention_view.verticalHeader().setDefaultSectionSize(row_height)
        self.mention_view.horizontalHeader().resizeSection(0, 320)
        self.mention_label = plain_label(
            QLabel("Select an entity to see where it is named or quoted.", self)
        )

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("rename", "Rename…", self.rename),
            ("aliases", "Aliases…", self.edit_aliases),
            ("wikidata", "Wikidata…", self.edit_wikidata),
            ("attributes", "Attributes…", self.edit_attributes),
            ("merge", "Merge Selected", self.merge),
            ("delete", "Delete", self.delete),
            ("unused", "Select Unused", self.select_unused),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(QLabel("Type:", self))
        top.addWidget(self.type_filter)
        top.addWidget(self.name_filter, 1)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table)
        upper_layout.addLayout(buttons)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.mention_label)
        lower_layout.addWidget(self.mention_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([380, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.type_filter.currentIndexChanged.connect(self.refresh)
        self.name_filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.mention_view.doubleClicked.connect(self._open_mention)
        events.changed.connect(self.on_changed)
        self._fill_types()
        self.refresh()

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """Any mark, entity or label may change the list or its counts: stale; reloaded
        at once while shown, else when shown again."""
        if changes.labels:
            self._fill_types()
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    # -- data --------------------------------------------------------------------------

    def _fill_types(self) -> None:
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem("All types", None)
        for label in self.library.labels("entity"):
            self.type_filter.addItem(label.name, label.name)
        self.type_filter.blockSignals(False)

    def refresh(self) -> None:
        """Reload the entities (keeping the selection when it still exists)."""
        self.stale = False
        selected = self.selected_ids()
        self.model.set_attributes(self.library.all_attribute_values("entity"))
        self.model.set_rows(self.library.entity_summaries(self.type_filter.currentData()))
        self.table.resizeColumnsToContents()
        self._select_rows(
            row
            for row in range(self.proxy.rowCount())
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) in selected
        )
        self._selection_changed()

    def _select_rows(self, rows: Iterable[int]) -> None:
        """Select exactly these rows. Not `selectRow`: it reads the keyboard's modifiers,
        so with Ctrl or Shift held (or left set by an earlier key event) it toggles or
        extends instead."""
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        for row in rows:
            selection.select(self.proxy.index(row, 0), self.proxy.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    def select_entity(self, entity_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == entity_id:
                self._select_rows([row])
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.NoUpdate
                )
                return

    def _selection_changed(self, *_: object) -> None:
        ids = self.selected_ids()
        writable = not self.library.readonly
        for key in ("rename", "aliases", "wikidata"):
            self.buttons[key].setEnabled(writable and len(ids) == 1)
        self.buttons["delete"].setEnabled(writable and len(ids) >= 1)
        self.buttons["attributes"].setEnabled(writable and len(ids) >= 1)
        self.buttons["unused"].setEnabled(writable)
        self.buttons["merge"].setEnabled(writable and len(ids) >= 2)
        if len(ids) == 1:
            entity = self.library.entity(ids[0])
            rows = self.library.mentions(ids[0])
            self.mentions.set_rows(rows)
            self.mention_label.setText(
                f"{entity.name}: {len(rows)} mentions and quotes — double-click one to open it"
            )
        else:
            self.mentions.set_rows([])
            self.mention_label.setText("Select an entity to see where it is named or quoted.")

    def _open_mention(self, index) -> None:  # noqa: ANN001 - Qt index
        mention = self.mentions.index(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        self.mentionActivated.emit(mention.article_id, mention.start, mention.end)

    # -- edits -------------------------------------------------------------------------

    def _run(self, edit) -> None:  # noqa: ANN001 - a callable
        self.events.run(self, lambda: edit() or True, parent=self)

    def rename(self) -> None:
        (entity_id,) = self.selected_ids()
        entity = self.library.entity(entity_id)
        name, ok = QInputDialog.getText(self, "Rename entity", "Name:", text=entity.name)
        if ok and name.strip() and name != entity.name:
            self._run(lambda: self.library.update_entity(entity_id, name=name))

    def edit_aliases(self) -> None:
        (entity_id,) = self.selected_ids()
        entity = self.library.entity(entity_id)
        text, ok = QInputDialog.getMultiLineText(
            self,
            "Aliases",
            plain(f"Other names of {entity.name}, one per line:"),
            "\n".join(entity.aliases),
        )
        if ok:
            aliases = [a for a in text.splitlines() if a.strip()]
            self._run(lambda: self.library.update_entity(entity_id, aliases=aliases))

    def edit_wikidata(self) -> None:
        (entity_id,) = self.selected_ids()
        entity = self.library.entity(entity_id)
        text, ok = QInputDialog.getText(
            self, "Wikidata", "Wikidata id or URL (e.g. Q7390):", text=entity.wikidata or ""
        )
        if ok:
            self._run(lambda: self.library.update_entity(entity_id, wikidata=text or None))

    def edit_attributes(self) -> None:
        """The selected entities' attributes (gender, role, party…), all at once."""
        from reader.gui.dialogs.attributes_dialog import open_attributes

        ids = self.selected_ids()
        if ids:
            names = [self.library.entity(i).name for i in ids[:2]]
            title = names[0] if len(ids) == 1 else f"{len(ids)} entities"
            self.attributes_dialog = open_attributes(self.events, self, "entity", ids, title)

    def merge(self) -> None:
        ids = self.selected_ids()
        entities = [self.library.entity(i) for i in ids]
        names = [f"{e.name} ({e.type})" for e in entities]
        keep, ok = QInputDialog.getItem(
            self,
            "Merge entities",
            "Keep this one (the others become its aliases):",
            names,
            0,
            False,
        )
        if not ok:
            return
        keep_id = entities[names.index(keep)].id

        def do() -> None:
            with self.library.undo_group(f"Merge into {keep}"):
                for other in ids:
                    if other != keep_id:
                        self.library.merge_entities(keep_id, other)

        self._run(do)
        self.select_entity(keep_id)

    def select_unused(self) -> int:
        """Select every listed entity that no mark names and no quote cites."""
        rows = []
        for row in range(self.proxy.rowCount()):
            summary = self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
            if summary is not None and summary.mentions == 0 and summary.quotes == 0:
                rows.append(row)
        self._select_rows(rows)
        return len(rows)

    def delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) == 1:
            question = f"Delete {self.library.entity(ids[0]).name}?"
        else:
            question = f"Delete these {len(ids)} entities?"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete entity",
            f"{question} Their mentions stay marked, without an entity.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("deleteEntityBox")
        if plain_label(box).exec() == QMessageBox.StandardButton.Yes:
            self._run(lambda: self.library.delete_entities(ids))
