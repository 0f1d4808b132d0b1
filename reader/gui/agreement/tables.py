"""The Agreement window's tables: a report's rows as read-only cells (numbers right-aligned,
an undefined value shown as "—" and sorted last)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reader.agreement.model import AgreementReport

UNDEFINED = "—"
ARTICLE_ID = Qt.ItemDataRole.UserRole  # the article id on a row of the articles table


def label_name(kind: str, label: str) -> str:
    if not kind:
        return "All marks"
    return f"{kind}: all labels" if not label else f"{kind}: {label}"


def number(value: float | None) -> str:
    return UNDEFINED if value is None else f"{value:.3f}"


class _Cell(QTableWidgetItem):
    """A cell that sorts by its value (numbers as numbers, undefined last)."""

    def __init__(self, text: str, key: float | str | None = None) -> None:
        super().__init__(text)
        self.key = text if key is None else key
        self.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        if isinstance(key, (int, float)) or text == UNDEFINED:
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.key, getattr(other, "key", other.text())
        if isinstance(mine, str) or isinstance(theirs, str):
            if mine == UNDEFINED or theirs == UNDEFINED:
                return theirs == UNDEFINED and mine != UNDEFINED
            return str(mine) < str(theirs)
        return mine < theirs


def cell(value: object) -> _Cell:
    if value is None:
        return _Cell(UNDEFINED, UNDEFINED)
    if isinstance(value, float):
        return _Cell(f"{value:.3f}", value)
    if isinstance(value, int):
        return _Cell(f"{value:,}", value)
    return _Cell(str(value))


class ReportTable(QTableWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)

    def fill(
        self, columns: Sequence[str], rows: Sequence[Sequence[object]], stretch: int = 0
    ) -> None:
        """Show the rows; column `stretch` takes the width left over."""
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels(list(columns))
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.setItem(r, c, value if isinstance(value, QTableWidgetItem) else cell(value))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if columns:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.setSortingEnabled(True)

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests)."""
        return [
            [self.item(r, c).text() for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


def fill_labels(table: ReportTable, report: AgreementReport) -> None:
    names = report.annotators
    table.fill(
        [
            "Label",
            *[f"Marks {a}" for a in names],
            "α_u",
            report.kappa_name,
            "α",
            "Exact F1",
            "Overlap F1",
        ],
        [
            [
                label_name(r.kind, r.label),
                *r.marks,
                r.alpha_u,
                r.kappa,
                r.alpha,
                r.exact_f1,
                r.overlap_f1,
            ]
            for r in report.labels
        ],
    )
    table.setSortingEnabled(False)  # the overall row stays first


def fill_pairs(table: ReportTable, report: AgreementReport) -> None:
    table.fill(
        ["Annotators", "Label", "Marks", "Exact", "Exact F1", "Overlap F1", "Cohen's κ"],
        [
            [
                f"{p.annotator_a} / {p.annotator_b}",
                label_name(p.kind, p.label),
                f"{p.marks_a} / {p.marks_b}",
                p.exact,
                p.exact_f1,
                p.overlap_f1,
                p.kappa,
            ]
            for p in report.pairs
        ],
        stretch=1,
    )


def fill_speakers(table: ReportTable, report: AgreementReport) -> None:
    table.fill(
        ["Annotators", "Quotes both marked", "With a speaker", "Same speaker", "Agreement"],
        [
            [f"{s.annotator_a} / {s.annotator_b}", s.quotes, s.with_speaker, s.same, s.agreement]
            for s in report.speakers
        ],
    )


def fill_articles(table: ReportTable, report: AgreementReport) -> None:
    rows = []
    for a in report.articles:
        title = _Cell(a.title)
        title.setData(ARTICLE_ID, a.article_id)
        rows.append(
            [
                title,
                a.disagreeing_tokens,
                _Cell(f"{a.disagreement:.1%}", a.disagreement),
                a.tokens,
                " / ".join(str(n) for n in a.marks),
                a.agreed_marks,
                a.alpha_u,
            ]
        )
    table.fill(
        [
            "Article",
            "Disagreeing tokens",
            "Share",
            "Tokens",
            f"Marks ({' / '.join(report.annotators)})",
            "Agreed marks",
            "α_u",
        ],
        rows,
    )
    table.setSortingEnabled(False)  # most disagreeing first, as computed
