"""Background work: imports run in a QThread on their own Library connection.

SQLite connections belong to one thread, so the worker opens the same library
file itself (WAL lets the window keep reading meanwhile).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from shiboken6 import isValid

from reader.errors import Cancelled, ReaderError
from reader.library import Library
from reader.model import ImportOutcome, ImportStatus, ImportSummary, waiting_message

# A job gets its own Library, a progress callback and a cancel check; returns a summary.
Job = Callable[
    [Library, Callable[[int, int, ImportOutcome], None], Callable[[], bool]], ImportSummary
]


def paths_job(paths: list[Path], recursive: bool = True, attachments: bool = False) -> Job:
    """Import files and folders; with `attachments`, e-mails' PDF and Word attachments too."""

    def run(library, progress, cancelled) -> ImportSummary:  # noqa: ANN001
        return library.import_paths(
            paths,
            recursive,
            progress=progress,
            cancelled=cancelled,
            attachments=attachments,
            waiting=getattr(progress, "waiting", None),  # see _Progress
        )

    return run


def urls_job(urls: list[str]) -> Job:
    """Fetch web addresses and import them (File → Import from Web Address…)."""

    def run(library, progress, cancelled) -> ImportSummary:  # noqa: ANN001
        return library.import_urls(urls, progress=progress, cancelled=cancelled)

    return run


def paste_job(html: str | None, text: str | None, url: str | None = None) -> Job:
    def run(library, progress, cancelled) -> ImportSummary:  # noqa: ANN001
        if html and html.strip():
            outcome = library.import_html(html, url=url)
            if outcome.status == ImportStatus.FAILED and text and text.strip():
                outcome = library.import_text(text)
        else:
            outcome = library.import_text(text or "")
        progress(1, 1, outcome)
        return ImportSummary([outcome])

    return run


class ImportWorker(QObject):
    """Runs one job; emits `progress(done, total, name)` and then `finished` or `failed`."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)

    def __init__(self, db_path: Path, job: Job) -> None:
        super().__init__()
        self._db_path = db_path
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._db_path) as library:
                summary = self._job(library, _Progress(self.progress), self._cancel.is_set)
        except ReaderError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # never a traceback to the user; one line instead
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(summary)


class _Progress:
    """An import job's progress callback: `(done, total, outcome)` after each file, and
    `waiting(seconds, limit)` while a write waits for another program's, both shown
    through the worker's `progress(done, total, text)` signal."""

    def __init__(self, signal: Signal) -> None:
        self._signal = signal
        self._done = self._total = 0

    def __call__(self, done: int, total: int, outcome: ImportOutcome) -> None:
        self._done, self._total = done, total
        self._signal.emit(done, total, Path(outcome.path).name)

    def waiting(self, waited: float, limit: float) -> None:
        self._signal.emit(self._done, self._total, waiting_message(waited, limit))


def start_in_thread(worker: ImportWorker, parent: QObject | None) -> QThread:
    """Move `worker` to a new thread and start it.

    The caller keeps a reference to `worker` until the thread's `finished`: Python
    owns the worker, so dropping it earlier would delete it under the running thread.
    """
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit() is thread-safe, and a queued call would wait for the UI thread.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    if parent is not None:
        thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


# A task gets its own Library, a progress callback (done, total) and a cancel check.
Task = Callable[[Library, Callable[[int, int], None], Callable[[], bool]], object]


class TaskWorker(QObject):
    """Runs one task (export, backup, check) on its own Library connection.

    Emits `progress(done, total)`, then `finished(result)`, `failed(message)` or
    `cancelled(message)` (the task raised `Cancelled`: nothing was kept).
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, db_path: Path, task: Task) -> None:
        super().__init__()
        self._db_path = db_path
        self._task = task
        self._cancel = threading.Event()
        self._guard = threading.Lock()
        self._library: Library | None = None

    def cancel(self, interrupt: bool = False) -> None:
        """Ask the task to stop at its next check; `interrupt` also stops the statement
        it is running (the window is closing: a long read such as the integrity check
        of a large library must not outlive it)."""
        self._cancel.set()
        if interrupt:
            with self._guard:
                if self._library is not None:
                    self._library.interrupt()

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._db_path) as library:
                with self._guard:
                    self._library = library
                try:
                    result = self._task(library, self.progress.emit, self._cancel.is_set)
                finally:
                    with self._guard:
                        self._library = None
        except Cancelled as e:  # an export or a merge: nothing of it was kept
            self.cancelled.emit(str(e))
            return
        except ReaderError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:
            if self._cancel.is_set():  # interrupted on purpose: not a failure
                self.cancelled.emit("cancelled")
            else:  # never a traceback to the user; one line instead
                self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(result)


def start_task(worker: TaskWorker, parent: QObject | None) -> QThread:
    """Like `start_in_thread`, for a TaskWorker (which may also end cancelled)."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed, worker.cancelled):
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    if parent is not None:
        thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


class ThreadJobs(QObject):
    """Workers a window runs in threads: each kept alive until its thread ends, all
    waited for on close.

    The thread's end is handled by a slot of this object (queued to the window's thread):
    a lambda would run in the worker thread and drop the worker there. A thread that Qt
    has already deleted (its deleteLater ran first) is skipped on wait: calling it would
    raise inside closeEvent, which PySide 6.11 turns into a crash.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._owner = parent
        self._jobs: list[tuple[QObject, QThread]] = []

    def start(self, worker: QObject) -> QThread:
        thread = start_in_thread(worker, self._owner)  # type: ignore[arg-type]
        self._jobs.append((worker, thread))
        thread.finished.connect(self._ended)
        return thread

    @Slot()
    def _ended(self) -> None:
        thread = self.sender()
        self._jobs = [job for job in self._jobs if job[1] is not thread and isValid(job[1])]

    def wait(self) -> None:
        """Let every running worker end (before the library closes)."""
        for _, thread in list(self._jobs):
            if isValid(thread):
                thread.wait()
        self._jobs = []

    def __len__(self) -> int:
        return len(self._jobs)
