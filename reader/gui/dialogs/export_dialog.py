"""File → Export…: format, CSV table and options, scope, destination, and how much is written."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.gui.plain import plain_label
from reader.library import Library
from reader.model import ExportOptions, Scope

FORMATS = (
    ("xlsx", "Excel workbook (.xlsx): every table, text kept as text"),
    ("csv", "CSV (spreadsheets, pandas, R)"),
    ("jsonl", "JSON Lines"),
    ("w3c", "W3C Web Annotation (JSON-LD)"),
    ("doccano", "doccano (NER training data)"),
    ("markdown", "Markdown folder (notes apps)"),
    ("conll", "CoNLL IOB2 (NER training data)"),
    ("spacy", "spaCy DocBin (NER training data; needs spaCy)"),
    ("qdpx", "REFI-QDA project (.qdpx): MAXQDA, ATLAS.ti, NVivo, QualCoder"),
)
SUFFIXES = {
    "xlsx": ".xlsx",
    "csv": ".csv",
    "jsonl": ".jsonl",
    "w3c": ".jsonld",
    "doccano": ".jsonl",
    "markdown": "",
    "conll": ".conll",
    "spacy": ".spacy",
    "qdpx": ".qdpx",
}
TABLES = (
    ("annotations", "Annotations: one row per annotation"),
    ("quotes", "Quotes: who said what"),
    ("entities", "Entities: one row per entity"),
    ("mentions", "Mentions: one row per entity mention"),
)
SCOPES = ("article", "search", "library")


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asks for: `Library.export_annotations(fmt, destination, scope, options)`."""

    fmt: str
    destination: Path
    scope: Scope
    options: ExportOptions


def describe_scope(scope: Scope) -> str:
    """The library pane's search and filters in a few words."""
    parts = []
    if scope.query:
        parts.append(f"“{scope.query}”")
    parts += [f"source {s}" for s in scope.sources]
    parts += [f"language {lang}" for lang in scope.languages]
    if scope.feed_ids:
        parts.append("the chosen feed")
    if scope.has_annotations:
        parts.append("annotated")
    parts += [f"coded by {a}" for a in scope.annotators]
    return ", ".join(parts) if parts else "no search or filter: every article"


SINGULAR = {
    "annotations": "annotation",
    "articles": "article",
    "quotes": "quote",
    "entities": "entity",
    "mentions": "mention",
}


def plural(n: int, unit: str) -> str:
    """`1 entity`, `3 entities`."""
    return f"{n:,} {SINGULAR.get(unit, unit) if n == 1 else unit}"


class ExportDialog(QDialog):
    """Choose what to export and where; `request()` holds the answer after `accepted`."""

    def __init__(
        self,
        library: Library,
        article: tuple[int, str] | None,
        search: Scope,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Annotations")
        self._library = library
        self._article = article
        self._search = search
        self._folder = folder or Path.home()

        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        for fmt, label in FORMATS:
            self.format.addItem(label, fmt)
        self.table = QComboBox(self)
        self.table.setObjectName("exportTable")
        for table, label in TABLES:
            self.table.addItem(label, table)
        self.excel = QCheckBox("For Excel (UTF-8 byte-order mark)", self)
        self.excel.setObjectName("exportExcel")
        self.raw = QCheckBox("Raw cells (do not neutralise formulas)", self)
        self.raw.setObjectName("exportRaw")
        self.raw.setToolTip(
            "By default a cell starting with = + - @ gets a leading ' so that a spreadsheet "
            "shows it as text instead of running it as a formula."
        )

        self.scope_buttons = QButtonGroup(self)
        title = article[1] if article else ""
        short = title if len(title) <= 50 else title[:49] + "…"
        labels = {
            "article": f"Current article: {short}" if article else "Current article (none open)",
            "search": f"Current search: {describe_scope(search)}",
            "library": "Whole library",
        }
        scope_box = QVBoxLayout()
        for i, name in enumerate(SCOPES):
            button = QRadioButton(labels[name], self)
            button.setObjectName(f"scope_{name}")
            self.scope_buttons.addButton(button, i)
            scope_box.addWidget(button)
        self.scope_buttons.button(SCOPES.index("article")).setEnabled(article is not None)
        self.scope_buttons.button(SCOPES.index("library")).setChecked(True)

        # whose marks: anyone's, or one coder's (the curated set among them); the
        # list's coder filter is the default
        self.coder = QComboBox(self)
        self.coder.setObjectName("exportAnnotator")
        self.coder.addItem("Anyone", None)
        for name in library.annotators():
            self.coder.addItem(name, name)
        chosen = search.annotators[0] if len(search.annotators) == 1 else None
        self.coder.setCurrentIndex(max(self.coder.findData(chosen), 0))

        self.count = plain_label(QLabel(self))  # an error may name a path
        self.count.setObjectName("exportCount")
        self.destination = QLineEdit(self)
        self.destination.setObjectName("exportDestination")
        self.choose = QPushButton("Choose…", self)
        self.choose.clicked.connect(self.choose_destination)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.choose)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("Table:", self.table)
        form.addRow("", self.excel)
        form.addRow("", self.raw)
        form.addRow("Export:", scope_box)
        form.addRow("Marks by:", self.coder)
        form.addRow("", self.count)
        form.addRow("To:", where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.format.currentIndexChanged.connect(self._format_changed)
        for widget in (self.table, self.excel, self.raw, self.coder):
            combo = widget in (self.table, self.coder)
            signal = widget.currentIndexChanged if combo else widget.toggled
            signal.connect(self.update_count)
        self.scope_buttons.idToggled.connect(lambda _id, on: on and self.update_count())
        self.destination.textChanged.connect(self._update_ok)
        self._format_changed()

    # -- state ---------------------------------------------------------------------------

    def fmt(self) -> str:
        return self.format.currentData()

    def options(self) -> ExportOptions:
        csv = self.fmt() == "csv"
        return ExportOptions(
            table=self.table.currentData() if csv else "annotations",
            excel=csv and self.excel.isChecked(),
            raw=csv and self.raw.isChecked(),
        )

    def scope_name(self) -> str:
        return SCOPES[self.scope_buttons.checkedId()]

    def set_scope(self, name: str) -> None:
        self.scope_buttons.button(SCOPES.index(name)).setChecked(True)

    def scope(self) -> Scope:
        name = self.scope_name()
        coder = self.coder.currentData()
        coders = (coder,) if coder else ()
        if name == "article" and self._article is not None:
            return Scope(article_ids=(self._article[0],), annotators=coders)
        if name == "search":
            return dataclasses.replace(self._search, annotators=coders)
        return Scope(annotators=coders)

    def request(self) -> ExportRequest:
        return ExportRequest(
            self.fmt(), Path(self.destination.text().strip()), self.scope(), self.options()
        )

    # -- reactions -------------------------------------------------------------------------

    def _format_changed(self) -> None:
        csv = self.fmt() == "csv"
        for widget in (self.table, self.excel, self.raw):
            widget.setEnabled(csv)
        self._suggest_destination()
        self.update_count()

    def _suggest_destination(self) -> None:
        """Keep the chosen place and name; only the suffix follows the format."""
        text = self.destination.text().strip()
        path = Path(text) if text else self._folder / "annotations"
        stem = path.with_suffix("") if path.suffix in SUFFIXES.values() else path
        self.destination.setText(str(stem) + SUFFIXES[self.fmt()])

    def update_count(self) -> None:
        """Say how much will be written (the same count the export reports)."""
        fmt, options = self.fmt(), self.options()
        try:
            n = self._library.count_export(fmt, self.scope(), options)
        except ReaderError as e:
            self.count.setText(str(e))
            return
        if fmt in ("doccano", "markdown", "conll", "spacy"):
            unit = "articles"
        elif fmt == "csv":
            unit = options.table
        else:
            unit = "annotations"
        self.count.setText(f"{plural(n, unit)} will be written.")
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.destination.text().strip()))

    def choose_destination(self) -> None:
        current = self.destination.text().strip()
        if self.fmt() == "markdown":
            chosen = QFileDialog.getExistingDirectory(
                self, "Folder for the Markdown files (new or empty)", current
            )
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export annotations to", current)
        if chosen:
            self.destination.setText(chosen)
