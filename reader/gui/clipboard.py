"""Copy annotations to the clipboard as CSV or Markdown (the side panel and Edit menu use it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from reader.library import Library


def copy_annotations(rows: Iterable[dict[str, Any]], fmt: str) -> int:
    """Put `rows` (from `Library.annotation_rows`) on the clipboard as `fmt`, "csv" or
    "markdown"; returns how many rows were copied (0: the clipboard is left alone).

    CSV goes as text/plain and text/csv; Markdown as text/plain plus text/html, so
    that a rich-text editor pastes formatted block quotes.
    """
    rows = list(rows)
    if not rows:
        return 0
    text, html = Library.annotations_as_text(rows, fmt)
    mime = QMimeData()
    mime.setText(text)
    if html is None:
        mime.setData("text/csv", text.encode("utf-8"))
    else:
        mime.setHtml(html)
    QApplication.clipboard().setMimeData(mime)
    return len(rows)
