"""One chart of the Statistics window: the chart (or what to do when it is empty), a row of
controls, and export of the picture (PNG, SVG) and of its data (CSV, Excel)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.gui.errors import show_error
from reader.gui.plain import plain_label, show_tooltip
from reader.gui.stats import export
from reader.model import StatTable

FORMATS = {
    "png": "PNG image (*.png)",
    "svg": "SVG drawing (*.svg)",
    "csv": "CSV data (*.csv)",
    "xlsx": "Excel workbook (*.xlsx)",
}
DATA = {"csv": "CSV", "xlsx": "Excel"}  # the formats that save the data, not the picture


def file_stem(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "chart"


class ChartPanel(QWidget):
    """Shows a chart (or a painted widget) or an empty-state line, with export buttons."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"panel-{name}")
        self.table: StatTable | None = None  # the data behind the chart, for CSV
        self.chart_view = QChartView(self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setObjectName(f"chart-{name}")
        self.custom: QWidget | None = None  # a painted widget shown instead of the chart
        self.empty = plain_label(QLabel(self))
        self.empty.setObjectName(f"empty-{name}")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.chart_view)
        self.stack.addWidget(self.empty)

        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls.addStretch(1)
        self.export_buttons: dict[str, QToolButton] = {}
        for kind in FORMATS:
            button = QToolButton(self)
            button.setText(f"{kind.upper()}…")
            button.setObjectName(f"export-{kind}")
            button.setToolTip(
                f"Save data as {DATA[kind]}"
                if kind in DATA
                else f"Save the chart as {kind.upper()}"
            )
            button.clicked.connect(lambda _=False, kind=kind: self.ask_export(kind))
            self.controls.addWidget(button)
            self.export_buttons[kind] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.controls)
        layout.addWidget(self.stack, 1)
        for widget in (self.chart_view, self.empty):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(self._menu)
        self._set_enabled(False)

    # -- what is shown -------------------------------------------------------------------

    def add_control(self, widget: QWidget) -> None:
        """A control (a type selector) at the left of the export buttons."""
        self.controls.insertWidget(self.controls.count() - len(FORMATS) - 1, widget)

    def set_custom(self, widget: QWidget) -> None:
        """Show a painted widget (the heatmap) in place of a QtCharts chart."""
        self.custom = widget
        self.stack.addWidget(widget)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._menu)

    def show_chart(self, chart: QChart | None, table: StatTable) -> None:
        self.table = table
        if chart is not None:
            old = self.chart_view.chart()
            self.chart_view.setChart(chart)
            if old is not None:
                old.deleteLater()  # the view does not delete the chart it lets go of
        self.stack.setCurrentWidget(self.custom or self.chart_view)
        self._set_enabled(True)

    def show_empty(self, message: str, table: StatTable | None = None) -> None:
        self.table = table
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)
        self._set_enabled(False)
        for kind in DATA:
            self.export_buttons[kind].setEnabled(table is not None)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def picture(self) -> QWidget:
        """The widget that PNG and SVG exports draw."""
        return self.stack.currentWidget()

    def _set_enabled(self, enabled: bool) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(enabled)

    # -- hover ---------------------------------------------------------------------------

    def tip(self, text: str | None) -> None:
        """Show (or hide, for None) a tooltip at the mouse: the count under it."""
        show_tooltip(QCursor.pos(), text, self.picture())

    # -- export --------------------------------------------------------------------------

    def _menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        for kind, button in self.export_buttons.items():
            action = menu.addAction(button.toolTip() + "…")
            action.setEnabled(button.isEnabled())
            action.triggered.connect(lambda _=False, kind=kind: self.ask_export(kind))
        menu.popup(self.sender().mapToGlobal(at))  # type: ignore[union-attr]

    def ask_export(self, kind: str) -> None:
        title = self.chart_view.chart().title() if self.chart_view.chart() else self.name
        suggested = f"{file_stem(self.name)}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, f"Save {title}", suggested, FORMATS[kind])
        if not path:
            return
        try:
            self.export(kind, Path(path))
        except ReaderError as e:
            show_error(self, e)
        except OSError as e:
            show_error(self, f"{path}: {e.strerror or e}")

    def export(self, kind: str, path: Path) -> None:
        """Write the chart (png, svg) or its data (csv, xlsx) to `path`."""
        if kind in DATA:
            if self.table is None:
                raise ReaderError("there is no data to save yet")
            (export.save_csv if kind == "csv" else export.save_xlsx)(self.table, path)
        elif kind == "png":
            export.save_png(self.picture(), path)
        elif kind == "svg":
            export.save_svg(self.picture(), path, title=self.name)
        else:
            raise ReaderError(f"unknown export format {kind!r}")
