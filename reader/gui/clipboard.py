"""Copy annotations to the clipboard as CSV or Markdown (the side panel and Edit menu use it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from reader.exporters.copy_text import annotations_to_text, markdown_to_html


def copy_annotations(rows: Iterable[dict[str, Any]], fmt: str) -> int:
    """Put `rows` (from `Library.annotation_rows`) on the clipboard as `fmt`, "csv" or
    "markdown"; returns how many rows were copied (0: the clipboard is left alone).

    CSV goes as text/plain and text/csv; Markdown as text/plain plus text/html, so
    that a rich-text editor pastes formatted block quotes.
    """
    rows = list(rows)
    if not rows:
        return 0
    text = annotations_to_text(rows, fmt)
    mime = QMimeData()
    mime.setText(text)
    if fmt == "csv":
        mime.setData("text/csv", text.encode("utf-8"))
    else:
        mime.setHtml(markdown_to_html(text))
    QApplication.clipboard().setMimeData(mime)
    return len(rows)
