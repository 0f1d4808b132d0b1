"""Starting imports from the window: files, folders, drops and the clipboard.

Runs the job in a worker thread behind a cancellable progress dialog and ends
with the summary; `finished(summary)` tells the window what to refresh.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.gui.dialogs.imports import progress_dialog, show_summary
from reader.gui.errors import show_error
from reader.gui.plain import plain
from reader.gui.workers import (
    ImportWorker,
    Job,
    paste_job,
    paths_job,
    start_in_thread,
    urls_job,
)
from reader.model import ImportSummary

WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders named by dropped or pasted URLs."""
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def web_addresses(mime: QMimeData) -> list[str]:
    """The http(s) addresses among dropped URLs (a link dragged from a browser)."""
    return [u.toString() for u in mime.urls() if u.scheme().lower() in ("http", "https")]


def clipboard_url(mime: QMimeData) -> str | None:
    """The page address a browser puts next to copied HTML, when there is one."""
    if mime.hasFormat("text/x-moz-url-priv"):
        raw = bytes(mime.data("text/x-moz-url-priv").data())
        text = raw.decode("utf-16-le" if b"\x00" in raw else "utf-8", "replace")
        return text.split("\n")[0].strip("\x00 ") or None
    return None


class ImportFlow(QObject):
    """One import at a time, owned by the main window."""

    finished = Signal(object)  # ImportSummary
    summaryShown = Signal(QMessageBox)

    def __init__(self, db_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._parent = parent
        self._worker: ImportWorker | None = None
        self._thread: QThread | None = None
        self._progress = None
        self._batch = True
        self._running: ImportWorker | None = None
        self.attachments = False  # File → Import E-mail Attachments

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def import_paths(self, paths: list[Path]) -> bool:
        if not paths:
            return False
        return self._start(paths_job(paths, recursive=True, attachments=self.attachments))

    def import_urls(self, urls: list[str]) -> bool:
        """Fetch web addresses and import them, with progress and Cancel."""
        if not urls:
            return False
        return self._start(urls_job(urls))

    def paste(self, mime: QMimeData | None) -> bool:
        """Import the clipboard: HTML when there is some, else plain text, else files."""
        if mime is None:
            return False
        if mime.hasUrls() and local_paths(mime) and not mime.hasHtml():
            return self.import_paths(local_paths(mime))
        html = mime.html() if mime.hasHtml() else None
        text = mime.text() if mime.hasText() else None
        if not (html and html.strip()) and not (text and text.strip()):
            show_error(self._parent, "The clipboard holds no text to import.")
            return False
        if not (html and html.strip()) and text and WEB_ADDRESS.fullmatch(text.strip()):
            return self.import_urls([text.strip()])  # a pasted address: fetch the page
        # One article: no progress or summary box; the window opens it instead.
        return self._start(paste_job(html, text, clipboard_url(mime)), batch=False)

    def _start(self, job: Job, batch: bool = True) -> bool:
        if self.busy:
            show_error(self._parent, "An import is already running.")
            return False
        self._worker = ImportWorker(self._db_path, job)
        self._batch = batch
        if batch:
            dialog = progress_dialog(self._parent)
            dialog.canceled.connect(self._worker.cancel)
            self._worker.progress.connect(self._on_progress)
            self._progress = dialog
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread = start_in_thread(self._worker, self)
        self._running = self._worker  # kept alive until its thread has finished
        self._thread.finished.connect(self._thread_finished)
        return True

    def _thread_finished(self) -> None:
        self._running = None
        self._thread = None

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        dialog = self._progress  # setValue() may run the event loop and end the import
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setLabelText(plain(f"Importing {done} of {total}: {name}"))
            dialog.setValue(done)

    def _end(self) -> bool:
        cancelled = self._worker.cancelled if self._worker else False
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
        self._progress = None
        self._worker = None  # the thread quits by itself; see _thread_finished
        return cancelled

    def wait(self, ms: int = 5000) -> None:
        """Cancel a running import and wait for its thread (when the window closes)."""
        if self._worker is not None:
            self._worker.cancel()
        if self._thread is not None:
            self._thread.wait(ms)

    def _on_finished(self, summary: ImportSummary) -> None:
        cancelled = self._end()
        self.finished.emit(summary)
        if self._batch:
            self.summaryShown.emit(show_summary(self._parent, summary, cancelled))
        elif summary.failed:
            show_error(self._parent, f"Nothing imported: {summary.outcomes[0].reason}")

    def _on_failed(self, message: str) -> None:
        self._end()
        self.finished.emit(ImportSummary())
        show_error(self._parent, f"Import failed: {message}")
