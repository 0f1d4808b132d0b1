"""QtCharts bar charts styled from the application palette (readable in light and dark).

Builders return the chart and its bar sets; bar index `i` of a set is row `i` of the rows
the caller passed (horizontal charts are drawn top-down in that order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPalette, QPen

from reader.gui.plain import chart_text

# Tableau-like hues; the dark variants are lighter so that they stand out on a dark base.
SERIES_LIGHT = ("#2f6fdb", "#e07b39", "#3a9e5c", "#c2445a", "#8a63c7", "#8c6d46", "#6b6b70")
SERIES_DARK = ("#6a9cf0", "#f0a064", "#6cc48a", "#e57b8d", "#b195e6", "#c4a27a", "#a0a0a8")
MAX_LABEL = 28  # characters of a category label before it is shortened


@dataclass(frozen=True)
class ChartColors:
    text: QColor
    muted: QColor
    grid: QColor
    background: QColor
    series: tuple[QColor, ...]

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColors:
        background = palette.color(QPalette.ColorRole.Base)
        dark = background.lightness() < 128
        return cls(
            text=palette.color(QPalette.ColorRole.Text),
            muted=palette.color(QPalette.ColorRole.PlaceholderText),
            grid=palette.color(QPalette.ColorRole.Mid),
            background=background,
            series=tuple(QColor(c) for c in (SERIES_DARK if dark else SERIES_LIGHT)),
        )


def short(label: str, limit: int = MAX_LABEL) -> str:
    label = " ".join(label.split()) or "(none)"
    return label if len(label) <= limit else label[: limit - 1] + "…"


def nice_step(maximum: float, ticks: int = 5) -> int:
    """A whole-number tick interval of 1, 2 or 5 × 10^k giving about `ticks` ticks."""
    raw = max(maximum / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _chart(title: str, colors: ChartColors, legend: bool) -> QChart:
    chart = QChart()
    chart.setTitle(chart_text(title))
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    chart.setTitleFont(font)
    chart.setTitleBrush(colors.text)
    chart.setBackgroundBrush(colors.background)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(8, 4, 12, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.legend().setVisible(legend)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setLabelColor(colors.text)
    return chart


def _style_axis(
    axis: QValueAxis | QBarCategoryAxis | QDateTimeAxis, title: str, colors: ChartColors
) -> None:
    axis.setTitleText(chart_text(title))
    axis.setTitleBrush(colors.text)
    axis.setLabelsBrush(colors.text)
    axis.setLinePen(QPen(colors.grid))
    axis.setGridLineColor(colors.grid)
    axis.setGridLineVisible(isinstance(axis, QValueAxis))


def count_axis(
    maximum: float, title: str, colors: ChartColors, headroom: float = 1.0
) -> QValueAxis:
    """A value axis of whole numbers from 0 (counts never show as 0.5)."""
    axis = QValueAxis()
    step = nice_step(maximum * headroom)
    axis.setRange(0, max(step, math.ceil(maximum * headroom / step) * step))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    _style_axis(axis, title, colors)
    return axis


def _categories(labels: Sequence[str], title: str, colors: ChartColors) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append([chart_text(short(label)) for label in labels])
    _style_axis(axis, title, colors)
    return axis


def _bar_set(name: str, values: Sequence[float], color: QColor, colors: ChartColors) -> QBarSet:
    bar_set = QBarSet(chart_text(name))
    bar_set.append([float(v) for v in values])
    bar_set.setColor(color)
    bar_set.setBorderColor(color)
    bar_set.setLabelColor(colors.text)
    return bar_set


def ranked_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    value_title: str,
    category_title: str,
    colors: ChartColors,
) -> tuple[QChart, QBarSet]:
    """Horizontal bars, the first label at the top, each bar labelled with its count."""
    chart = _chart(title, colors, legend=False)
    series = QHorizontalBarSeries()
    # The category axis runs bottom-up: give it the rows reversed, so index i is row n-1-i.
    bar_set = _bar_set(value_title, list(reversed(values)), colors.series[0], colors)
    series.append(bar_set)
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    y = _categories(list(reversed(labels)), category_title, colors)
    x = count_axis(max(values, default=1), value_title, colors, headroom=1.12)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    return chart, bar_set


def stacked_bars(
    title: str,
    labels: Sequence[str],
    stacks: Sequence[tuple[str, Sequence[float]]],
    value_title: str,
    category_title: str,
    colors: ChartColors,
) -> tuple[QChart, list[QBarSet]]:
    """Horizontal stacked bars: one bar per label (first at the top), one stack per name."""
    chart = _chart(title, colors, legend=True)
    series = QHorizontalStackedBarSeries()
    sets = []
    for i, (name, values) in enumerate(stacks):
        color = colors.series[i % len(colors.series)]
        sets.append(_bar_set(short(name), list(reversed(values)), color, colors))
        series.append(sets[-1])
    series.setBarWidth(0.7)
    chart.addSeries(series)
    totals = [sum(v[i] for _, v in stacks) for i in range(len(labels))]
    y = _categories(list(reversed(labels)), category_title, colors)
    x = count_axis(max(totals, default=1), value_title, colors)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    return chart, sets


def column_bars(
    title: str,
    labels: Sequence[str],
    groups: Sequence[tuple[str, Sequence[float]]],
    value_title: str,
    category_title: str,
    colors: ChartColors,
) -> tuple[QChart, list[QBarSet]]:
    """Vertical grouped bars over time: bar index i is `labels[i]` (left to right)."""
    chart = _chart(title, colors, legend=len(groups) > 1)
    series = QBarSeries()
    sets = []
    for i, (name, values) in enumerate(groups):
        sets.append(_bar_set(name, values, colors.series[i % len(colors.series)], colors))
        series.append(sets[-1])
    series.setBarWidth(0.8 if len(labels) > 6 else 0.5)  # few months: no slabs
    chart.addSeries(series)
    x = _categories(labels, category_title, colors)
    if len(labels) > 12:
        x.setLabelsAngle(-90)
    top = max((max(v, default=0) for _, v in groups), default=0)
    y = count_axis(max(top, 1), value_title, colors)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart, sets


def month_lines(
    title: str,
    months: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float]]],
    value_title: str,
    category_title: str,
    colors: ChartColors,
) -> tuple[QChart, list[QLineSeries]]:
    """Lines over "YYYY-MM" months on a date axis (for spans too long for a bar each);
    point i of each series is `months[i]`."""
    chart = _chart(title, colors, legend=len(lines) > 1)
    stamps = [QDateTime(QDate(int(m[:4]), int(m[5:7]), 1), QTime(0, 0)) for m in months]
    series_list = []
    for k, (name, values) in enumerate(lines):
        series = QLineSeries()
        series.setName(chart_text(name))
        pen = QPen(colors.series[k % len(colors.series)])
        pen.setWidthF(2)
        series.setPen(pen)
        for stamp, value in zip(stamps, values, strict=True):
            series.append(float(stamp.toMSecsSinceEpoch()), float(value))
        chart.addSeries(series)
        series_list.append(series)
    x = QDateTimeAxis()
    x.setFormat("yyyy-MM")
    x.setTickCount(min(len(months), 13))
    x.setRange(stamps[0], stamps[-1])
    _style_axis(x, category_title, colors)
    x.setGridLineVisible(False)
    top = max((max(v, default=0) for _, v in lines), default=0)
    y = count_axis(max(top, 1), value_title, colors)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in series_list:
        series.attachAxis(x)
        series.attachAxis(y)
    return chart, series_list


def month_at(x: float) -> str:
    """The "YYYY-MM" month nearest to a date axis position (ms since the epoch)."""
    stamp = QDateTime.fromMSecsSinceEpoch(round(x)).addDays(15)  # round to the nearest
    return stamp.toString("yyyy-MM")


def values_of(bar_set: QBarSet, top_down: bool = True) -> list[float]:
    """A set's values in the order of the caller's rows (undoing the bottom-up axis)."""
    values = [bar_set.at(i) for i in range(bar_set.count())]
    return list(reversed(values)) if top_down else values
