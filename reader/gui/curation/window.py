"""Annotate → Curate…: settle two coders' disagreements on the current article.

The table lists the article's disagreements in text order (reader/curation.py: the
units where the coders' marks differ), each with coder A's and coder B's version and
what the curator wrote there. One key each: A takes A's version, B takes B's, X rejects
both (the curated set keeps nothing there), Shift+A accepts every mark the two agree on.
What is taken is written as the curated annotator (`curated`, or the name typed), one
undo step each, through the library; the window follows `LibraryEvents.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from reader.gui.actions import CURATION_ACTIONS, key_sequences
from reader.gui.events import LibraryEvents
from reader.gui.plain import plain, plain_label
from reader.gui.tool_window import install_close_keys
from reader.model import Annotation, Changes, Scope, Unit

COLUMNS = ("Where", "Kind", "Coder A", "Coder B", "Curated")
WHERE, KIND, VERSION_A, VERSION_B, CURATED = range(5)
SNIPPET = 60


class CurationWindow(QWidget):
    """Emits `markRequested(article_id, start, end)` to show a unit in the article and
    `editRequested(article_id, annotation_id)` to select a curated mark there for editing."""

    markRequested = Signal(int, int, int)
    editRequested = Signal(int, int)

    def __init__(self, events: LibraryEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("curationWindow")
        self.setWindowTitle("Curate — Reader")
        self.events = events
        self.library = events.library
        self.article_id: int | None = None
        self.units: list[Unit] = []
        self.rejected: set[tuple[int, str, int, int]] = set()  # this session's rejections
        self._names: dict[int, str] = {}
        self._text = ""

        self.coder_a = QComboBox(self)
        self.coder_a.setObjectName("coderA")
        self.coder_b = QComboBox(self)
        self.coder_b.setObjectName("coderB")
        self.into = QLineEdit("curated", self)
        self.into.setObjectName("curatedName")
        self.into.setToolTip("The annotator name the curated marks are written under")
        for combo in (self.coder_a, self.coder_b):
            combo.currentIndexChanged.connect(self.reload)
        self.into.editingFinished.connect(self.reload)

        self.title = plain_label(QLabel(self))
        self.title.setObjectName("curationTitle")
        self.title.setWordWrap(True)
        self.summary = plain_label(QLabel(self))
        self.summary.setObjectName("curationSummary")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("curationTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.Stretch)
        for column in (VERSION_A, VERSION_B, CURATED):
            header.resizeSection(column, 190)
        header.resizeSection(KIND, 80)
        self.table.currentCellChanged.connect(self._current_changed)

        self.actions_by_id: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for spec in CURATION_ACTIONS:
            action = QAction(spec.text, self)
            action.setObjectName(spec.id)
            action.setShortcuts(key_sequences(spec))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(getattr(self, spec.handler))
            self.addAction(action)
            self.actions_by_id[spec.id] = action
            keys = ", ".join(k.toString() for k in key_sequences(spec))
            button = QPushButton(plain(f"{spec.text.replace('&', '')} ({keys})"), self)
            button.setObjectName(f"{spec.id}Button")
            button.setToolTip(spec.tip)
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch(1)

        chooser = QHBoxLayout()
        for text, widget in (
            ("Coder A", self.coder_a),
            ("Coder B", self.coder_b),
            ("Write as", self.into),
        ):
            chooser.addWidget(QLabel(text, self))
            chooser.addWidget(widget, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        install_close_keys(self)
        events.changed.connect(self.on_changed)
        self.resize(1000, 560)
        self.load_coders()

    # -- state ------------------------------------------------------------------------

    def coders(self) -> tuple[str, str] | None:
        a, b = self.coder_a.currentData(), self.coder_b.currentData()
        return (a, b) if a and b and a != b else None

    def curator(self) -> str:
        return self.into.text().strip() or "curated"

    def load_coders(self) -> None:
        """Offer every annotator but the curated set; keep the choice, else the first two."""
        names = [n for n in self.library.annotators() if n != self.curator()]
        for i, combo in enumerate((self.coder_a, self.coder_b)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for name in names:
                combo.addItem(name, name)
            at = combo.findData(current) if current else -1
            combo.setCurrentIndex(at if at >= 0 else min(i, len(names) - 1))
            combo.blockSignals(False)
        self.reload()

    def set_writable(self, writable: bool) -> None:
        for action in self.actions_by_id.values():
            action.setEnabled(writable)
        for button in self.findChildren(QPushButton):
            button.setEnabled(writable)

    def set_article(self, article_id: int | None) -> None:
        self.article_id = article_id
        self.reload()

    def reload(self) -> None:
        """Read the article's disagreements again (after any change to its marks)."""
        row = self.table.currentRow()
        self.units = []
        coders = self.coders()
        if self.article_id is None:
            self.title.setText("Open an article in the main window to curate it.")
        elif coders is None:
            self.title.setText("Choose two different coders to compare.")
        else:
            article = self.library.article(self.article_id)
            self.title.setText(f"{article.title}: {coders[0]} and {coders[1]}")
            self._text = article.text
            self.units = self.library.disagreements(self.article_id, coders, self.curator())
            self._names = {e.id: e.name for e in self.library.entities()}
        self._fill()
        if self.units:
            self.table.setCurrentCell(min(max(row, 0), len(self.units) - 1), 0)
        self._update_summary()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.units))
        for r, unit in enumerate(self.units):
            where = " ".join(self._text[unit.start : unit.end].split())
            if len(where) > SNIPPET:
                where = where[: SNIPPET - 1] + "…"
            coders = [c for c, _ in unit.versions]
            curated = self._shown(unit.curated) if unit.curated else ""
            if not curated and self._key(unit) in self.rejected:
                curated = "rejected"
            cells = (
                where,
                unit.kind,
                self._shown(unit.version(coders[0])),
                self._shown(unit.version(coders[1])),
                curated,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(plain(text))
                item.setToolTip(plain(text))
                self.table.setItem(r, c, item)

    def _shown(self, marks: tuple[Annotation, ...]) -> str:
        if not marks:
            return "—"
        parts = []
        for m in marks:
            text = " ".join(m.exact.split())
            text = text if len(text) <= 30 else text[:29] + "…"
            said = f" · {self._names.get(m.speaker_id, '?')}" if m.speaker_id else ""
            parts.append(f"{m.label or m.kind}{said}: {text}")
        return "; ".join(parts)

    def _key(self, unit: Unit) -> tuple[int, str, int, int]:
        return (unit.article_id, unit.kind, unit.start, unit.end)

    def _update_summary(self) -> None:
        coders = self.coders()
        if self.article_id is None or coders is None:
            self.summary.setText("")
            return
        report = self.library.curate_agreed(
            coders, self.curator(), Scope(article_ids=(self.article_id,)), dry_run=True
        )
        open_ = sum(1 for u in self.units if not u.curated and self._key(u) not in self.rejected)
        self.summary.setText(
            f"{len(self.units)} disagreements ({open_} to settle), {report.agreed} agreed; "
            f"written as {self.curator()}."
        )

    def current_unit(self) -> Unit | None:
        row = self.table.currentRow()
        return self.units[row] if 0 <= row < len(self.units) else None

    def _current_changed(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.units):
            unit = self.units[row]
            self.markRequested.emit(unit.article_id, unit.start, unit.end)

    def on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.reset:
            self.load_coders()
        elif self.article_id is not None and changes.touches(self.article_id):
            self.reload()

    # -- the keys -----------------------------------------------------------------------

    def take_a(self) -> None:
        self._take(0)

    def take_b(self) -> None:
        self._take(1)

    def edit_in_article(self) -> None:
        """Take a version (A's, else B's) and hand its first mark to the article view,
        where the curator adjusts it (its ends, label, note) like any mark."""
        unit = self.current_unit()
        if unit is None:
            return
        which = 0 if unit.version(unit.versions[0][0]) else 1
        self._take(which, advance=False)
        taken = self.current_unit()
        if taken is not None and taken.curated:
            self.editRequested.emit(taken.article_id, taken.curated[0].id)

    def _take(self, which: int, advance: bool = True) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        coder = unit.versions[which][0]
        marks = unit.version(coder)
        if not marks:  # that coder marked nothing here: the same as rejecting
            self.reject()
            return
        row = self.table.currentRow()

        def take() -> None:
            with self.library.undo_group(f"Take {coder}'s version"):
                for old in unit.curated:
                    self.library.delete_annotation(old.id)
                self.library.curate_marks([m.id for m in marks], self.curator())

        self.rejected.discard(self._key(unit))
        self.events.run(self, take, parent=self)
        if advance:
            self._next(row)
        else:
            self.table.setCurrentCell(row, 0)

    def reject(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        row = self.table.currentRow()
        self.rejected.add(self._key(unit))
        if unit.curated:

            def drop() -> None:
                with self.library.undo_group("Reject both versions"):
                    for old in unit.curated:
                        self.library.delete_annotation(old.id)

            self.events.run(self, drop, parent=self)
        else:
            self._fill()
            self._update_summary()
        self._next(row)

    def accept_agreed(self) -> None:
        coders = self.coders()
        if self.article_id is None or coders is None:
            return
        scope = Scope(article_ids=(self.article_id,))
        report = self.events.run(
            self,
            lambda: self.library.curate_agreed(coders, self.curator(), scope),
            parent=self,
        )
        if report is not None:
            self.summary.setText(report.line())

    def _next(self, row: int) -> None:
        """After settling a row, go to the next one still open (else stay)."""
        for r in [*range(row + 1, len(self.units)), *range(0, row + 1)]:
            unit = self.units[r]
            if not unit.curated and self._key(unit) not in self.rejected:
                self.table.setCurrentCell(r, 0)
                return
        if 0 <= row < len(self.units):
            self.table.setCurrentCell(row, 0)
