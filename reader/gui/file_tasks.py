"""Work on the library as a file, started from the File menu: exports, backup, restore,
merging another coder's library, and the integrity check of large libraries after opening.

Long work runs in a worker thread on its own Library connection, behind a
progress dialog (cancellable for annotation exports); each ends with a short
summary or the one error dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from reader.errors import ReaderError
from reader.gui.dialogs import imports as import_dialogs
from reader.gui.dialogs.export_dialog import ExportDialog, ExportRequest, plural
from reader.gui.errors import show_error
from reader.gui.models.library_model import busy_cursor
from reader.gui.plain import plain, plain_label
from reader.gui.workers import Task, TaskWorker, start_task
from reader.library import Library
from reader.model import ExportResult, MergeReport, Scope

DAMAGED_HINT = (
    "Restore a backup with File → Restore from Backup… (Reader also makes one "
    "beside the library before every upgrade)."
)
LIBRARY_FILTER = "Reader libraries (*.db *.bak *.sqlite);;All files (*)"


class _Running(QObject):
    """One task's worker, thread and progress dialog; its slots run in the UI thread."""

    def __init__(
        self,
        owner: FileTasks,
        name: str,
        worker: TaskWorker,
        dialog: QProgressDialog | None,
        on_done: Callable[[object], None],
    ) -> None:
        super().__init__(owner)
        self.owner, self.name, self.worker, self.dialog = owner, name, worker, dialog
        self.on_done = on_done
        self.thread: QThread | None = None
        worker.progress.connect(self.progress)
        worker.finished.connect(self.finished)
        worker.failed.connect(self.failed)
        worker.cancelled.connect(self.cancelled)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))

    def _close(self) -> None:
        # The task is over (its thread is ending): another of its kind may start now.
        if self.owner._running.get(self.name) is self:
            del self.owner._running[self.name]
        self.owner._ending.add(self)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def finished(self, result: object) -> None:
        self._close()
        self.on_done(result)
        self.owner.ended.emit(self.name, "done")

    @Slot(str)
    def failed(self, message: str) -> None:
        self._close()
        show_error(self.owner.window, message)
        self.owner.ended.emit(self.name, "failed")

    @Slot(str)
    def cancelled(self, message: str) -> None:
        self._close()
        self.owner.window.statusBar().showMessage(message.capitalize(), 8000)
        self.owner.ended.emit(self.name, "cancelled")

    @Slot()
    def thread_finished(self) -> None:
        self.thread = None
        self.owner._ending.discard(self)
        self.deleteLater()


class FileTasks(QObject):
    """Owned by the main window; one task of each kind at a time."""

    ended = Signal(str, str)  # task name, "done" | "failed" | "cancelled"
    summaryShown = Signal(QMessageBox)
    restored = Signal()

    def __init__(self, library: Library, window: QMainWindow) -> None:
        super().__init__(window)
        self.library = library
        self.window = window
        self.folder = Path.home()
        self.dialog: ExportDialog | None = None
        self._running: dict[str, _Running] = {}
        self._ending: set[_Running] = set()  # kept alive until their threads have finished

    # -- running ---------------------------------------------------------------------------

    def busy(self, name: str | None = None) -> bool:
        return bool(self._running) if name is None else name in self._running

    def start(
        self,
        name: str,
        task: Task,
        label: str | None,
        on_done: Callable[[object], None],
        cancellable: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> bool:
        """Run `task` in a worker; `label` shows a progress dialog (None: silent, or
        `on_progress(done, total)` shows it elsewhere)."""
        if self.library.path is None:
            show_error(self.window, "This library is not a file (it lives in memory).")
            return False
        if name in self._running:
            show_error(self.window, "That is already running; wait for it to finish.")
            return False
        dialog = None
        worker = TaskWorker(Path(self.library.path), task)
        if label:
            dialog = QProgressDialog(plain(label), "Cancel", 0, 0, self.window)
            dialog.setObjectName("taskProgress")
            dialog.setWindowTitle("Reader")
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if cancellable:
                dialog.canceled.connect(worker.cancel)
            else:
                dialog.setCancelButton(None)
        if on_progress is not None:
            worker.progress.connect(on_progress)
        running = _Running(self, name, worker, dialog, on_done)
        self._running[name] = running
        running.thread = start_task(worker, self)
        running.thread.finished.connect(running.thread_finished)
        return True

    def cancel(self, name: str) -> None:
        if name in self._running:
            self._running[name].worker.cancel()

    def wait(self) -> None:
        """Cancel every task, stopping the statement it runs, and wait for its thread
        (the window is closing). Qt aborts the process when a running thread is
        destroyed, so this waits until each has ended; the interrupt is repeated since
        one that comes between two statements stops nothing."""
        for running in [*self._running.values(), *self._ending]:
            running.worker.cancel(interrupt=True)
            while running.thread is not None and not running.thread.wait(100):
                running.worker.cancel(interrupt=True)

    def _summary(self, title: str, text: str, folder: Path | None = None) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setObjectName("taskSummary")
        plain_label(box)  # paths and names are shown as written
        if folder is not None:
            show = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
            show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        box.open()
        self.summaryShown.emit(box)
        return box

    # -- export annotations ---------------------------------------------------------------------

    def export_dialog(self, article: tuple[int, str] | None, search: Scope) -> ExportDialog:
        """Open File → Export… (non-blocking); accepting it starts the export."""
        dialog = ExportDialog(self.library, article, search, self.window, self.folder)
        dialog.accepted.connect(lambda: self.export(dialog.request()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export(self, request: ExportRequest) -> bool:
        self.folder = request.destination.parent

        def task(library, progress, cancelled):  # noqa: ANN001 - worker thread
            if request.fmt == "qdpx":  # a project: articles with their marks
                return library.export_project(
                    "qdpx", request.destination, request.scope, progress, cancelled
                )
            return library.export_annotations(
                request.fmt,
                request.destination,
                request.scope,
                request.options,
                progress=progress,
                cancelled=cancelled,
            )

        def done(result: object) -> None:
            assert isinstance(result, ExportResult)
            where = Path(result.destination or request.destination)
            folder = where if request.fmt == "markdown" else where.parent
            text = f"Exported {plural(result.count, result.unit)} to {where}."
            text += "".join(f"\n{note[:1].upper()}{note[1:]}." for note in result.notes)
            self._summary("Export finished", text, folder)

        return self.start("export", task, "Exporting annotations…", done, cancellable=True)

    # -- export articles -------------------------------------------------------------------------

    def export_articles(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            "Export articles",
            str(self.folder / "articles.jsonl"),
            "JSON Lines (*.jsonl);;CSV (*.csv);;Excel workbook (*.xlsx)",
        )
        if path:
            fmt = "jsonl"
            for suffix, name in ((".csv", "CSV"), (".xlsx", "Excel")):
                if path.lower().endswith(suffix) or chosen.startswith(name):
                    fmt = suffix[1:]
            self.export_articles_to(Path(path), fmt)

    def export_articles_to(self, destination: Path, fmt: str) -> bool:
        if not destination.suffix:
            destination = destination.with_suffix(f".{fmt}")
        self.folder = destination.parent

        notes: list[str] = []  # cells split at the xlsx cell limit

        def done(count: object) -> None:
            text = f"Exported {plural(int(count), 'articles')} to {destination}."  # type: ignore[call-overload]
            text += "".join(f"\n{note[:1].upper()}{note[1:]}." for note in notes)
            self._summary("Export finished", text, destination.parent)

        return self.start(
            "export_articles",
            lambda library, _p, _c: library.export_articles(fmt, destination, notes=notes),
            "Exporting articles…",
            done,
        )

    # -- backup and restore ------------------------------------------------------------------------

    def backup(self) -> None:
        name = Path(self.library.path or "library.db").stem
        suggested = self.folder / f"{name}-backup-{date.today().isoformat()}.db"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Back up the library", str(suggested), LIBRARY_FILTER
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, destination: Path) -> bool:
        self.folder = destination.parent

        def done(_result: object) -> None:
            self._summary(
                "Backup finished", f"Backed up the library to {destination}.", destination.parent
            )

        return self.start(
            "backup",
            lambda library, _p, _c: library.backup(destination),
            "Backing up the library…",
            done,
        )

    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Restore from a backup", str(self.folder), LIBRARY_FILTER
        )
        if not path:
            return
        if not import_dialogs.confirm(
            self.window,
            "Restore from backup",
            f"Replace everything in this library with the backup “{Path(path).name}”?\n\n"
            "The current content is first saved beside the library file.",
            "Restore",
        ):
            return
        self.restore_from(Path(path))

    def restore_from(self, source: Path) -> bool:
        """Replace the library with a backup (in this thread: it owns the connection)."""
        if self.busy():
            show_error(self.window, "Wait for the running export or backup to finish.")
            return False
        try:
            with busy_cursor():
                safety = self.library.restore(source)
        except ReaderError as e:
            show_error(self.window, f"Restore failed: {e}")
            return False
        self.restored.emit()
        text = f"Restored the library from {source}."
        if safety is not None:
            text += f"\n\nThe previous content was saved as {safety}."
        self._summary("Restore finished", text)
        return True

    # -- merging another coder's library ------------------------------------------------------

    def merge(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Merge another library into this one", str(self.folder), LIBRARY_FILTER
        )
        if path:
            self.merge_from(Path(path))

    def merge_from(self, source: Path) -> bool:
        """Merge in a worker (progress, Cancel); its undo step is then this library's, and
        the views hear of it as of another connection's write."""
        self.folder = source.parent

        def task(library, progress, cancelled):  # noqa: ANN001 - worker thread
            report = library.merge(source, progress=progress, cancelled=cancelled)
            return report, library.last_undo_step()

        def done(result: object) -> None:
            report, step = result  # type: ignore[misc]
            assert isinstance(report, MergeReport)
            if step is not None:
                self.library.adopt_undo_step(step)
            self.library.check_for_outside_changes(always=True)
            text = f"Merged {source.name}: {report.line()}."
            if report.conflicts:
                shown = report.conflicts[:12]
                more = len(report.conflicts) - len(shown)
                text += "\n\nConflicts (kept apart, not guessed):\n" + "\n".join(
                    f"• {c}" for c in shown
                )
                text += f"\n… and {more} more" if more else ""
            self._summary("Merge finished", text[:1].upper() + text[1:])

        return self.start("merge", task, "Merging the library…", done, cancellable=True)

    # -- integrity -----------------------------------------------------------------------------

    def check_in_background(self) -> bool:
        """Run the integrity check that opening skipped (large files) in a worker."""

        def done(result: object) -> None:
            if result == "ok":
                self.window.statusBar().showMessage("Library checked: no damage found.", 5000)
            else:
                show_error(self.window, f"The library file is damaged ({result}). {DAMAGED_HINT}")

        return self.start("check", lambda library, _p, _c: library.check(), None, done)
