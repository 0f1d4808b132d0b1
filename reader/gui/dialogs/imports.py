"""Import progress and the summary that ends every import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from reader.model import ImportStatus, ImportSummary

MAX_LISTED = 20


def progress_dialog(parent: QWidget | None) -> QProgressDialog:
    """A cancellable progress dialog that appears only if the import takes a moment."""
    dialog = QProgressDialog("Importing…", "Cancel", 0, 0, parent)
    dialog.setObjectName("importProgress")
    dialog.setWindowTitle("Import")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def summary_text(summary: ImportSummary, cancelled: bool = False) -> tuple[str, str]:
    """The headline and the details (failures with reasons) of an import, as plain text:
    the box shows it as plain text, so a file named `<b>.txt` is shown as it is."""
    parts = [f"{summary.imported} imported"]
    parts.append(f"{summary.duplicates} already in the library")
    parts.append(f"{summary.failed} failed")
    headline = ", ".join(parts) + (" (cancelled)" if cancelled else "") + "."
    failures = [o for o in summary.outcomes if o.status == ImportStatus.FAILED]
    lines = [f"• {o.path}: {o.reason or 'failed'}" for o in failures[:MAX_LISTED]]
    if len(failures) > MAX_LISTED:
        lines.append(f"…and {len(failures) - MAX_LISTED} more.")
    return headline, "\n".join(lines)


def show_summary(
    parent: QWidget | None, summary: ImportSummary, cancelled: bool = False
) -> QMessageBox:
    """A non-blocking summary box: imported, duplicates, failed with reasons."""
    headline, details = summary_text(summary, cancelled)
    icon = QMessageBox.Icon.Warning if summary.failed else QMessageBox.Icon.Information
    box = QMessageBox(icon, "Import finished", headline, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("importSummary")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; the default button is Cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
