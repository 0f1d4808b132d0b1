"""The one place that shows an error to the user: a dialog with one clear line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.errors import ReaderError


def show_error(
    parent: QWidget | None, error: ReaderError | str, title: str = "Reader", wait: bool = False
) -> QMessageBox:
    """Show `error` in a window-modal message box and return the box.

    The box does not block, unless `wait` (used when there is no window yet).
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, str(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are shown as written
    if wait:
        box.exec()
    else:
        box.open()
    return box
