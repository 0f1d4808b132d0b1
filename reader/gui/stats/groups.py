"""The Statistics window's "By attribute" tab: quotes grouped by what the speaker or the
article is (an attribute such as gender, or the speaker's type), per source, month,
language or another attribute, as stacked bars; a click lists the articles of a bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from reader.gui.stats import charts
from reader.gui.stats.charts import ChartColors
from reader.gui.stats.panel import ChartPanel
from reader.model import Attribute, StatTable

NO_ATTRIBUTES = (
    "No attributes yet — define some (gender, role, party; outlet type) with "
    "`reader attributes define`, then set them in the Entities window "
    "(Attributes…) or on the article (Article → Attributes…)."
)
EMPTY = "No quotes with a speaker here — mark quotes and give them a speaker."
TOP_CATEGORIES = 15
PLAIN = {"source": "source", "month": "month", "language": "language"}


def _name(spec: str) -> str:
    return spec.replace(".", " ").replace("_", " ")


class GroupsTab(QWidget):
    """Emits `filterRequested(label, scope fields)` on a click and `changed` when another
    grouping is chosen (the window counts again)."""

    filterRequested = Signal(str, dict)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = ChartPanel("by attribute", self)
        self.first = QComboBox(self)
        self.first.setObjectName("groupBy")
        self.first.setToolTip(
            "What the quotes are grouped by: an attribute of the speaker or article"
        )
        self.second = QComboBox(self)
        self.second.setObjectName("groupPer")
        self.second.setToolTip("One bar per source, month, language or other attribute")
        self.panel.add_control(QLabel("Quotes by:", self))
        self.panel.add_control(self.first)
        self.panel.add_control(QLabel("per:", self))
        self.panel.add_control(self.second)
        for combo in (self.first, self.second):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.attributes: list[Attribute] = []
        self.categories: list[str] = []
        self.stacks: list[str] = []
        self.sets: list[Any] = []
        self.fill([])
        self.panel.show_empty(NO_ATTRIBUTES)

    def fill(self, attributes: list[Attribute]) -> None:
        """The choices: every attribute (the current ones stay chosen)."""
        self.attributes = attributes
        entity = [f"speaker.{a.name}" for a in attributes if a.on == "entity"]
        article = [f"article.{a.name}" for a in attributes if a.on == "article"]
        self._set(self.first, [*entity, *article, "speaker.type"])
        self._set(self.second, ["", *PLAIN, *article, *entity])

    def _set(self, combo: QComboBox, specs: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for spec in specs:
            combo.addItem(_name(spec) if spec else "all together", spec)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(index, 0 if combo is self.first else 1 if specs[1:] else 0))
        combo.blockSignals(False)

    def by(self) -> tuple[str, ...]:
        """The `--by` dimensions to count: the bars' dimension first, then the stacks'."""
        first, second = self.first.currentData(), self.second.currentData()
        if not first or first == second:
            return (first,) if first else ()
        return (second, first) if second else (first,)

    def choose(self, first: str, second: str = "") -> None:
        """Pick a grouping (scripts, tests); the window counts again."""
        for combo, spec in ((self.first, first), (self.second, second)):
            combo.setCurrentIndex(max(combo.findData(spec), 0))

    # -- showing --------------------------------------------------------------------------

    def show_table(self, table: StatTable | None, colors: ChartColors) -> None:
        if table is None or not table.rows:
            attributes = any(a.on == "entity" for a in self.attributes)
            self.panel.show_empty(EMPTY if attributes else NO_ATTRIBUTES, table)
            self.sets = []
            return
        per = len(table.columns) == 7  # (category, group, quotes, %, speakers, %, articles)
        totals: dict[str, int] = {}
        for r in table.rows:
            category = r[0] if per else ""
            totals[category] = totals.get(category, 0) + r[2 if per else 1]
        self.categories = sorted(totals, key=lambda c: (-totals[c], c))[:TOP_CATEGORIES]
        groups = [r[1] if per else r[0] for r in table.rows]
        self.stacks = list(dict.fromkeys(sorted(groups, key=lambda g: (g == "", g))))
        cells = {((r[0], r[1]) if per else ("", r[0])): r for r in table.rows}
        stacks = [
            (
                value or "(none)",
                [(cells.get((c, value)) or (0,) * 7)[2 if per else 1] for c in self.categories],
            )
            for value in self.stacks
        ]
        first = self.first.currentData() or ""
        second = self.second.currentData() or ""
        title = f"Quotes by {_name(first)}" + (f" per {_name(second)}" if per else "")
        labels = [c or f"(no {_name(second)})" for c in self.categories] if per else ["All quotes"]
        chart, sets = charts.stacked_bars(
            title, labels, stacks, "Quotes", _name(second) if per else "", colors
        )
        self.sets = sets
        for k, bar_set in enumerate(sets):
            value = self.stacks[k]
            tips = []
            for c in self.categories:
                row = cells.get((c, value))
                if row is None:
                    tips.append(f"{value or '(none)'}: no quotes")
                    continue
                q, qp, s, sp = row[2:6] if per else row[1:5]
                where = f" in {c or '(none)'}" if per else ""
                tips.append(
                    f"{value or '(none)'}{where}: {q:,} quotes ({qp}%), {s:,} speakers ({sp}%)"
                )
            tips.reverse()  # bar-set order is bottom-up
            bar_set.hovered.connect(
                lambda status, i, tips=tips: self.panel.tip(tips[i] if status else None)
            )
            bar_set.clicked.connect(
                lambda i, value=value: self.clicked(
                    value, list(reversed(self.categories))[i] if per else None
                )
            )
        self.panel.show_chart(chart, table)

    def clicked(self, value: str, category: str | None) -> None:
        """List the articles of a bar: the group's value, within its source (month…)."""
        fields: dict[str, Any] = {}
        attributes: list[tuple[str, str]] = []
        labels = []
        first = self.first.currentData() or ""
        second = self.second.currentData() or ""
        if value and first != "speaker.type":
            attributes.append((first, value))
            labels.append(f"{_name(first)} {value}")
        if category:
            labels.append(f"{_name(second)} {category}")
            if second == "source":
                fields["sources"] = (category,)
            elif second == "language":
                fields["languages"] = (category,)
            elif second == "month":
                from reader.gui.stats.view import month_range

                fields["since"], fields["until"] = month_range(category)
            else:
                attributes.append((second, category))
        if attributes:
            fields["attributes"] = tuple(attributes)
        if fields:
            self.filterRequested.emit("Quoted: " + ", ".join(labels), fields)
