"""Save a chart as PNG or SVG and its data as CSV or xlsx, each file completely or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from reader.errors import ExportFailed
from reader.library import Library
from reader.model import StatTable

PNG_SCALE = 2  # sharp in a report or on a high-density screen


def save_png(widget: QWidget, destination: str | os.PathLike) -> None:
    """The widget as it looks, at twice its size on screen."""
    size = widget.size()
    image = QImage(size * PNG_SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(PNG_SCALE)
    image.fill(widget.palette().base().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QWidget.render(widget, painter, QPoint(0, 0))  # not QGraphicsView.render
    painter.end()
    with Library.atomic_file(destination) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise ExportFailed(f"{destination}: the image could not be written")


def save_svg(widget: QWidget, destination: str | os.PathLike, title: str = "") -> None:
    """The widget as vector graphics (text stays text)."""
    with Library.atomic_file(destination) as tmp:
        if not _write_svg(widget, tmp, title):
            raise ExportFailed(f"{destination}: the drawing could not be written")


def _write_svg(widget: QWidget, path: Path, title: str) -> bool:
    # The generator closes its file when it is deleted, that is when this returns.
    size = widget.size()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("Made with Reader")
    painter = QPainter(generator)
    QWidget.render(widget, painter, QPoint(0, 0))  # not QGraphicsView.render
    return painter.end()


def save_csv(table: StatTable, destination: str | os.PathLike, raw: bool = False) -> None:
    """The statistic's columns and rows, written by the one CSV writer (RFC 4180, CRLF line
    ends, formula-like names neutralised unless `raw`)."""
    Library.write_statistic(table, "csv", destination, raw=raw)


def save_xlsx(table: StatTable, destination: str | os.PathLike) -> None:
    """The statistic as one sheet: numbers as numbers, names as text."""
    Library.write_statistic(table, "xlsx", destination)


SAVERS: dict[str, Callable[..., None]] = {"png": save_png, "svg": save_svg}
