"""The Statistics window: who is quoted, what is named, by which outlets, over time and
together, always over the library pane's current selection. Clicking a bar or a cell asks
the main window to filter the library (`filterRequested(label, scope fields)`)."""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.plain import plain_label
from reader.gui.recomputing import RecomputingWindow
from reader.gui.stats import charts
from reader.gui.stats.charts import ChartColors
from reader.gui.stats.cooccurrence import CooccurrenceTab
from reader.gui.stats.groups import GroupsTab
from reader.gui.stats.panel import ChartPanel
from reader.gui.stats.worker import StatsResult, StatsWorker, compute
from reader.library import Library
from reader.model import Changes, Scope, StatTable

TOP = 15  # bars in a ranked chart
TOP_SPEAKERS, TOP_SOURCES = 10, 6  # of the stacked chart
MAX_MONTH_BARS = 36  # longer timelines are drawn as lines
ALL_TYPES = "All types"

EMPTY_SPEAKERS = "No quotes with a speaker yet — mark quotes and give them a speaker."
EMPTY_ENTITIES = "No entities tagged yet — tag people, organisations and places in the articles."
EMPTY_TIMELINE = "No dated articles here — the timeline needs articles with a publication date."


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def describe(scope: Scope, articles: int) -> str:
    """One line saying what the charts cover."""
    parts = []
    if scope.query:
        parts.append(f"search “{scope.query}”")
    parts += [*scope.sources, *scope.languages]
    if scope.feed_ids:
        parts.append("the chosen feed")
    if scope.has_annotations:
        parts.append("annotated only")
    where = " · ".join(parts) if parts else "the whole library"
    return f"{plural(articles, 'article')} — {where}"


def month_range(month: str) -> tuple[str, str]:
    """First and last day of a "YYYY-MM" month."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02}"


def fill_months(rows: list[tuple]) -> list[tuple]:
    """Timeline rows with the months in between that have no articles (as zeros)."""
    valid = [r for r in rows if len(r[0] or "") == 7 and r[0][4] == "-" and r[0][:4].isdigit()]
    if not valid:
        return []
    have = {r[0]: r for r in valid}
    y, m = int(valid[0][0][:4]), int(valid[0][0][5:])
    end = valid[-1][0]
    out = []
    while len(out) < 600:
        month = f"{y:04}-{m:02}"
        out.append(have.get(month, (month, 0, 0)))
        if month >= end:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class StatisticsWindow(RecomputingWindow):
    """Emits `filterRequested(label, fields)` to narrow the library list and `updated` when
    the charts show a new result."""

    filterRequested = Signal(str, dict)
    updated = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(library, parent)
        self.setObjectName("statisticsWindow")
        self.setWindowTitle("Statistics — Reader")
        self.result: StatsResult | None = None
        self._scope = Scope()
        self._restyle = QTimer(self)  # a theme switch sends several events: redraw once
        self._restyle.setSingleShot(True)
        self._restyle.setInterval(0)
        self._restyle.timeout.connect(lambda: self._show(self.result) if self.result else None)

        self.scope_label = plain_label(QLabel(self))
        self.scope_label.setObjectName("statsScope")
        self.scope_label.setToolTip("The articles counted: the library's search and filters")
        bold = self.scope_label.font()
        bold.setBold(True)
        self.scope_label.setFont(bold)
        self.status = plain_label(QLabel(self))
        self.status.setObjectName("statsStatus")
        refresh = QToolButton(self)
        refresh.setText("Refresh")
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setToolTip("Count again (F5)")
        refresh.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(self.scope_label, 1)
        header.addWidget(self.status)
        header.addWidget(refresh)

        self.speakers = ChartPanel("speakers", self)
        self.entities = ChartPanel("entities", self)
        self.entity_type = QComboBox(self)
        self.entity_type.setObjectName("entityType")
        self.entity_type.setToolTip("Which kind of entity to rank")
        self.entity_type.currentIndexChanged.connect(lambda _: self._show_entities())
        self.entities.add_control(QLabel("Type:", self))
        self.entities.add_control(self.entity_type)
        self.by_source = ChartPanel("speakers by source", self)
        self.timeline = ChartPanel("timeline", self)
        self.cooccurrence = CooccurrenceTab(self)
        self.cooccurrence.pairClicked.connect(self._pair_clicked)
        self.groups = GroupsTab(self)
        self.groups.filterRequested.connect(self.filterRequested.emit)
        self.groups.changed.connect(self.refresh)
        self.groups.fill(library.attributes())
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for widget, title in (
            (self.speakers, "Speakers"),
            (self.entities, "Entities"),
            (self.by_source, "By source"),
            (self.timeline, "Timeline"),
            (self.cooccurrence, "Co-occurrence"),
            (self.groups, "By attribute"),
        ):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(lambda _: self._tab_changed())
        hint = QLabel("Click a bar or a cell to list its articles in the library.", self)
        hint.setEnabled(False)  # the palette's muted text
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        self.resize(1100, 760)

        # what the bars of each chart stand for, in bar-set index order
        self.speaker_rows: list[tuple] = []
        self.entity_rows: list[tuple] = []
        self.source_speakers: list[tuple[int, str]] = []
        self.months: list[str] = []

    # -- scope and refresh ---------------------------------------------------------------

    def set_scope(self, scope: Scope) -> None:
        """Count over another selection (after a short pause, as the search is typed)."""
        if scope != self._scope or self.result is None:
            self._scope = scope
            self.refresh()

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """Its refresh rule: any change but a read or starred flag may change a count."""
        if (
            changes.articles
            or changes.removed
            or changes.added
            or changes.reset
            or changes.entities
            or changes.labels
            or changes.metadata
            or changes.attributes
        ):
            if changes.attributes or changes.reset:
                self.groups.fill(self.library.attributes())
            self.refresh()

    def _by(self) -> tuple[str, ...]:
        """The By attribute tab's grouping, counted only while that tab is shown (it
        costs a statistic of its own)."""
        return self.groups.by() if self.tabs.currentWidget() is self.groups else ()

    def _tab_changed(self) -> None:
        shown = self.tabs.currentWidget() is self.groups
        if shown and self.result is not None and "groups" not in self.result.tables:
            self.refresh()

    def compute_now(self) -> None:
        """Count on this thread and show the result (scripts; small libraries)."""
        self._begin()
        self._show(compute(self.library, self._scope, by=self._by()))

    def _worker(self, path: Path, generation: int) -> StatsWorker:
        self.status.setText("Counting…")
        worker = StatsWorker(path, self._scope, generation, self._by())
        worker.partial.connect(self._finished)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        return worker

    def _finished(self, answer: tuple[int, StatsResult]) -> None:
        """A count (first without co-occurrence, then complete) for the latest request."""
        generation, result = answer
        if generation == self._generation:  # else a newer count is on its way
            self._show(result)

    def _failed(self, message: str) -> None:
        self.status.setText(f"Could not count: {message}")

    def changeEvent(self, event: QEvent) -> None:
        # a theme switch: redraw the charts in the new palette
        if event.type() == QEvent.Type.PaletteChange and self.result is not None:
            self._restyle.start()
        super().changeEvent(event)

    # -- showing -------------------------------------------------------------------------

    def _show(self, result: StatsResult) -> None:
        self.result = result
        self.status.setText("" if "cooccurrence" in result.tables else "Counting pairs…")
        self.scope_label.setText(describe(result.scope, result.articles))
        colors = ChartColors.from_palette(self.palette())
        self._show_speakers(result.tables["speakers"], colors)
        self._fill_types(result.tables["entities"])
        self._show_entities(colors)
        self._show_by_source(result.tables["speakers-by-source"], colors)
        self._show_timeline(result.tables["timeline"], colors)
        if "groups" in result.tables or self._by():
            self.groups.show_table(result.tables.get("groups"), colors)
        if "cooccurrence" in result.tables:
            self.cooccurrence.show_table(result.tables["cooccurrence"])
            self.updated.emit()
        else:
            self.cooccurrence.show_pending()

    def _hover(self, panel: ChartPanel, texts: list[str]) -> Any:
        return lambda status, index: panel.tip(texts[index] if status else None)

    def _show_speakers(self, table: StatTable, colors: ChartColors) -> None:
        self.speaker_rows = table.rows[:TOP]
        if not table.rows:
            self.speakers.show_empty(EMPTY_SPEAKERS, table)
            return
        chart, bar_set = charts.ranked_bars(
            "Top speakers — quotes per speaker",
            [r[1] for r in self.speaker_rows],
            [r[3] for r in self.speaker_rows],
            "Quotes",
            "Speaker",
            colors,
        )
        rows = list(reversed(self.speaker_rows))  # bar-set order
        tips = [f"{r[1]}: {plural(r[3], 'quote')} in {plural(r[4], 'article')}" for r in rows]
        bar_set.hovered.connect(self._hover(self.speakers, tips))
        bar_set.clicked.connect(lambda i: self.speaker_clicked(rows[i][0], rows[i][1]))
        self.speaker_set = bar_set
        self.speakers.show_chart(chart, table)

    def speaker_clicked(self, entity_id: int, name: str, source: str | None = None) -> None:
        fields: dict[str, Any] = {"entity_ids": (entity_id,), "entity_role": "speaker"}
        label = f"Quoted: {name}"
        if source:
            fields["sources"] = (source,)
            label += f" in {source}"
        self.filterRequested.emit(label, fields)

    def _fill_types(self, table: StatTable) -> None:
        current = self.entity_type.currentText() or ALL_TYPES
        types = sorted({r[2] for r in table.rows if r[2]})
        self.entity_type.blockSignals(True)
        self.entity_type.clear()
        self.entity_type.addItems([ALL_TYPES, *types])
        self.entity_type.setCurrentIndex(max(self.entity_type.findText(current), 0))
        self.entity_type.blockSignals(False)

    def entity_table(self) -> StatTable | None:
        """The `entities` statistic narrowed to the chosen type (what the chart and CSV hold)."""
        if self.result is None:
            return None
        table = self.result.tables["entities"]
        chosen = self.entity_type.currentText()
        if chosen in ("", ALL_TYPES):
            return table
        return StatTable(table.name, table.columns, [r for r in table.rows if r[2] == chosen])

    def _show_entities(self, colors: ChartColors | None = None) -> None:
        table = self.entity_table()
        if table is None:
            return
        colors = colors or ChartColors.from_palette(self.palette())
        self.entity_rows = table.rows[:TOP]
        if not table.rows:
            self.entities.show_empty(EMPTY_ENTITIES, table)
            return
        chosen = self.entity_type.currentText()
        kind = "entities" if chosen in ("", ALL_TYPES) else chosen
        chart, bar_set = charts.ranked_bars(
            f"Top {kind} — mentions per entity",
            [r[1] for r in self.entity_rows],
            [r[3] for r in self.entity_rows],
            "Mentions",
            "Entity",
            colors,
        )
        rows = list(reversed(self.entity_rows))
        tips = [
            f"{r[1]} ({r[2]}): {plural(r[3], 'mention')} in {plural(r[4], 'article')}" for r in rows
        ]
        bar_set.hovered.connect(self._hover(self.entities, tips))
        bar_set.clicked.connect(lambda i: self.entity_clicked(rows[i]))
        self.entity_set = bar_set
        self.entities.show_chart(chart, table)

    def entity_clicked(self, row: tuple) -> None:
        entity_id, name = row[0], row[1]
        if entity_id is None:  # marked but not linked to an entity: find its words instead
            self.filterRequested.emit(f"Text: {name}", {"query": f'"{name}"', "prefix": False})
        else:
            self.filterRequested.emit(
                f"Named: {name}", {"entity_ids": (entity_id,), "entity_role": "mention"}
            )

    def _show_by_source(self, table: StatTable, colors: ChartColors) -> None:
        if not table.rows:
            self.source_speakers = []
            self.by_source.show_empty(EMPTY_SPEAKERS, table)
            return
        totals: dict[tuple[int, str], int] = {}
        by_source: dict[str, int] = {}
        for entity_id, name, source, quotes in table.rows:
            totals[(entity_id, name)] = totals.get((entity_id, name), 0) + quotes
            by_source[source] = by_source.get(source, 0) + quotes
        speakers = sorted(totals, key=lambda k: (-totals[k], k[1]))[:TOP_SPEAKERS]
        sources = sorted(by_source, key=lambda s: (-by_source[s], s))
        shown, rest = sources[:TOP_SOURCES], sources[TOP_SOURCES:]
        cells = {(r[0], r[2]): r[3] for r in table.rows}
        stacks = [(s or "(no source)", [cells.get((e, s), 0) for e, _ in speakers]) for s in shown]
        if rest:
            other = [sum(cells.get((e, s), 0) for s in rest) for e, _ in speakers]
            stacks.append((f"{len(rest)} other sources", other))
        chart, sets = charts.stacked_bars(
            "Speakers by source — quotes per speaker in each outlet",
            [name for _, name in speakers],
            stacks,
            "Quotes",
            "Speaker",
            colors,
        )
        self.source_speakers = list(reversed(speakers))  # bar-set order
        self.source_sets = sets
        for k, bar_set in enumerate(sets):
            source = shown[k] if k < len(shown) else None
            label = stacks[k][0]
            tips = [
                f"{name} in {label}: {plural(int(bar_set.at(i)), 'quote')}"
                for i, (_, name) in enumerate(self.source_speakers)
            ]
            bar_set.hovered.connect(self._hover(self.by_source, tips))
            bar_set.clicked.connect(
                lambda i, source=source: self.speaker_clicked(*self.source_speakers[i], source)
            )
        self.by_source.show_chart(chart, table)

    def _show_timeline(self, table: StatTable, colors: ChartColors) -> None:
        rows = fill_months(table.rows)
        self.months = [r[0] for r in rows]
        if not rows:
            self.timeline.show_empty(EMPTY_TIMELINE, table)
            return
        groups = [("Articles", [r[1] for r in rows]), ("Quotes", [r[2] for r in rows])]
        args = ("Articles and quotes per month", self.months, groups, "Count", "Month", colors)
        if len(rows) > MAX_MONTH_BARS:
            chart, lines = charts.month_lines(*args)
            for series, word in zip(lines, ("article", "quote"), strict=True):
                series.hovered.connect(self._line_hover(series, word))
                series.clicked.connect(lambda point: self.month_clicked(charts.month_at(point.x())))
            self.timeline_sets = []
            self.timeline.show_chart(chart, table)
            return
        chart, sets = charts.column_bars(*args)
        self.timeline_sets = sets
        for bar_set, word in zip(sets, ("article", "quote"), strict=True):
            tips = [f"{m}: {plural(int(bar_set.at(i)), word)}" for i, m in enumerate(self.months)]
            bar_set.hovered.connect(self._hover(self.timeline, tips))
            bar_set.clicked.connect(lambda i: self.month_clicked(self.months[i]))
        self.timeline.show_chart(chart, table)

    def _line_hover(self, series: Any, word: str) -> Any:
        counts = dict(zip(self.months, (int(p.y()) for p in series.points()), strict=True))

        def hover(point: Any, state: bool) -> None:
            month = charts.month_at(point.x())
            count = counts.get(month)
            self.timeline.tip(
                f"{month}: {plural(count, word)}" if state and count is not None else None
            )

        return hover

    def month_clicked(self, month: str) -> None:
        since, until = month_range(month)
        self.filterRequested.emit(f"Published: {month}", {"since": since, "until": until})

    def _pair_clicked(self, a: int, name_a: str, b: int, name_b: str) -> None:
        self.filterRequested.emit(
            f"Together: {name_a} + {name_b}",
            {"entity_ids": (a, b), "all_entities": True, "entity_role": ""},
        )
