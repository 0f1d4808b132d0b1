"""Save a chart as PNG or SVG and its data as CSV, each file completely or not at all."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from reader.errors import ExportFailed
from reader.exporters.atomic import atomic_text_writer
from reader.model import StatTable

PNG_SCALE = 2  # sharp in a report or on a high-density screen


@contextlib.contextmanager
def _atomic_path(destination: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `destination`, renamed onto it when the block succeeds."""
    dest = Path(destination)
    if dest.is_dir():
        raise ExportFailed(f"{dest}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
    with _atomic_path(destination) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise ExportFailed(f"{destination}: the image could not be written")


def save_svg(widget: QWidget, destination: str | os.PathLike, title: str = "") -> None:
    """The widget as vector graphics (text stays text)."""
    with _atomic_path(destination) as tmp:
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


def save_csv(table: StatTable, destination: str | os.PathLike) -> None:
    """The statistic's columns and rows (RFC 4180: quoted where needed, CRLF line ends)."""
    with atomic_text_writer(destination, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(table.columns)
        writer.writerows(table.rows)


SAVERS: dict[str, Callable[..., None]] = {"png": save_png, "svg": save_svg}
