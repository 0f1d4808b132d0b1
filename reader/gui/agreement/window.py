"""The Agreement window: how well the annotators agree on the articles the library pane
lists (its search and filters), as `reader agreement` computes it (`Library.agreement`),
on a worker thread. Changes to the library make it stale: it computes again. A
double-click on an article asks the main window to open it (`articleActivated(id)`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.agreement.model import AgreementReport
from reader.errors import ReaderError
from reader.gui.agreement.tables import (
    ARTICLE_ID,
    ReportTable,
    fill_articles,
    fill_labels,
    fill_pairs,
    fill_speakers,
)
from reader.gui.agreement.worker import AgreementWorker, Request
from reader.gui.plain import plain_label
from reader.gui.recomputing import RecomputingWindow
from reader.library import Library
from reader.model import Changes, Scope

ALL_KINDS, ALL_LABELS = "All kinds", "All labels"
KINDS = ("quote", "entity", "highlight")


class AgreementWindow(RecomputingWindow):
    """Emits `articleActivated(article_id)` on a double-click and `updated` when it shows
    a new result (or the reason there is none)."""

    articleActivated = Signal(int)
    updated = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(library, parent)
        self.setObjectName("agreementWindow")
        self.setWindowTitle("Agreement — Reader")
        self.report: AgreementReport | None = None
        self.message = ""  # why there is no report (fewer than two annotators…)
        self._scope = Scope()

        self.annotator_boxes: dict[str, QCheckBox] = {}
        self._annotators_row = QHBoxLayout()
        self._annotators_row.addWidget(QLabel("Annotators:", self))
        self._annotators_end = QLabel("", self)
        self._annotators_row.addWidget(self._annotators_end, 1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("agreementKind")
        self.kind.addItems([ALL_KINDS, *KINDS])
        self.kind.setToolTip("Which marks to compare")
        self.kind.currentIndexChanged.connect(lambda _: self._choice_changed())
        self.label = QComboBox(self)
        self.label.setObjectName("agreementLabel")
        self.label.setToolTip("One label, or all")
        self.label.currentIndexChanged.connect(lambda _: self.refresh())
        refresh = QToolButton(self)
        refresh.setText("Refresh")
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setToolTip("Compute again (F5)")
        refresh.clicked.connect(self.refresh)
        controls = QHBoxLayout()
        controls.addLayout(self._annotators_row, 1)
        controls.addWidget(QLabel("Kind:", self))
        controls.addWidget(self.kind)
        controls.addWidget(QLabel("Label:", self))
        controls.addWidget(self.label)
        controls.addWidget(refresh)

        self.summary = plain_label(QLabel(self))
        self.summary.setObjectName("agreementSummary")
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.status = plain_label(QLabel(self))
        self.status.setObjectName("agreementStatus")
        self.status.setWordWrap(True)

        self.labels_table = ReportTable("agreementLabels", self)
        self.pairs_table = ReportTable("agreementPairs", self)
        self.speakers_table = ReportTable("agreementSpeakers", self)
        self.articles_table = ReportTable("agreementArticles", self)
        self.articles_table.setToolTip("Double-click an article to open it")
        self.articles_table.cellDoubleClicked.connect(self._article_clicked)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.labels_table, "By label")
        self.tabs.addTab(self.pairs_table, "Between pairs")
        self.tabs.addTab(self.speakers_table, "Speakers")
        articles = QWidget(self)
        articles_layout = QVBoxLayout(articles)
        articles_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Articles that disagree most — double-click to open", articles)
        articles_layout.addWidget(heading)
        articles_layout.addWidget(self.articles_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(articles)
        splitter.setSizes([380, 300])
        hint = QLabel(
            "α_u: Krippendorff's α for unitizing, on code points · κ and α on token labels "
            "(O: unlabelled) · F1 between each pair of annotators",
            self,
        )
        hint.setEnabled(False)  # the palette's muted text
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        self.resize(1000, 720)

    # -- choices -------------------------------------------------------------------------

    def annotators(self) -> list[str] | None:
        """The ticked annotators (None: all ticked, the library's default choice)."""
        ticked = [name for name, box in self.annotator_boxes.items() if box.isChecked()]
        if len(ticked) == len(self.annotator_boxes):
            return None
        return ticked

    def chosen_kind(self) -> str | None:
        return None if self.kind.currentIndex() <= 0 else self.kind.currentText()

    def chosen_labels(self) -> list[str] | None:
        return None if self.label.currentIndex() <= 0 else [self.label.currentText()]

    def _fill_choices(self) -> None:
        """The annotators (everyone who marked the listed articles) and the labels."""
        # every coder of the listed articles, whichever the list is filtered by
        rows = self.library.statistic("annotators", replace(self._scope, annotators=())).rows
        names = sorted(r[0] for r in rows if r[0])
        if names != list(self.annotator_boxes):
            ticked = {n for n, b in self.annotator_boxes.items() if b.isChecked()}
            for box in self.annotator_boxes.values():
                self._annotators_row.removeWidget(box)
                box.deleteLater()
            self.annotator_boxes = {}
            for name in names:
                box = QCheckBox(name, self)
                box.setObjectName(f"annotator:{name}")
                box.setChecked(not ticked or name in ticked)
                box.toggled.connect(lambda _: self.refresh())
                self._annotators_row.insertWidget(self._annotators_row.count() - 1, box)
                self.annotator_boxes[name] = box
        self._fill_labels()

    def _fill_labels(self) -> None:
        kind = self.chosen_kind()
        current = self.label.currentText()
        names = sorted({lab.name for lab in self.library.labels(kind)})
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItems([ALL_LABELS, *names])
        self.label.setCurrentIndex(max(self.label.findText(current), 0))
        self.label.blockSignals(False)

    def _choice_changed(self) -> None:
        self._fill_labels()
        self.refresh()

    # -- scope and refresh ---------------------------------------------------------------

    def set_scope(self, scope: Scope) -> None:
        if scope != self._scope or self.report is None:
            self._scope = scope
            self.refresh()

    def _going_stale(self) -> None:
        self.status.setText("Out of date — computing again…" if self.report else "")

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """Marks, articles, labels or the registry changed: the numbers are stale."""
        if (
            changes.articles
            or changes.removed
            or changes.added
            or changes.reset
            or changes.entities
            or changes.labels
            or changes.metadata
        ):
            self.refresh()

    def compute_now(self) -> None:
        """Compute on this thread and show the result (scripts; in-memory libraries)."""
        self._begin()
        self._fill_choices()
        try:
            report = self.library.agreement(
                self.annotators(), self.chosen_labels(), self.chosen_kind(), self._scope
            )
        except ReaderError as e:
            self._failed((self._generation, str(e)))
            return
        self._show((self._generation, report))

    def _worker(self, path: Path, generation: int) -> AgreementWorker:
        self._fill_choices()
        self.status.setText("Computing…")
        request = Request(self.annotators(), self.chosen_labels(), self.chosen_kind(), self._scope)
        worker = AgreementWorker(path, request, generation)
        worker.finished.connect(self._show)
        worker.failed.connect(self._failed)
        return worker

    # -- showing -------------------------------------------------------------------------

    def _show(self, answer: tuple[int, AgreementReport]) -> None:
        generation, report = answer
        if generation != self._generation:
            return  # a newer computation is on its way
        self.report, self.message = report, ""
        n = len(report.article_ids)
        self.summary.setText(
            f"{', '.join(report.annotators)} — {n:,} {'article' if n == 1 else 'articles'} "
            f"coded by all, {report.tokens:,} tokens; κ is {report.kappa_name}"
        )
        self.status.setText("")
        fill_labels(self.labels_table, report)
        fill_pairs(self.pairs_table, report)
        fill_speakers(self.speakers_table, report)
        fill_articles(self.articles_table, report)
        self.updated.emit()

    def _failed(self, answer: tuple[int, str]) -> None:
        generation, message = answer
        if generation != self._generation:
            return
        self.report, self.message = None, message
        self.summary.setText("No agreement to show")
        self.status.setText(message[:1].upper() + message[1:] + ".")
        for table in (self.labels_table, self.pairs_table, self.speakers_table):
            table.fill([], [])
        self.articles_table.fill([], [])
        self.updated.emit()

    def _article_clicked(self, row: int, column: int) -> None:
        item = self.articles_table.item(row, 0)
        if item is not None and item.data(ARTICLE_ID) is not None:
            self.articleActivated.emit(int(item.data(ARTICLE_ID)))
