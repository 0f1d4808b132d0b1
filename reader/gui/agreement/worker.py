"""Agreement computed off the UI thread, on its own read-only Library connection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.errors import ReaderError
from reader.library import Library
from reader.model import Scope


@dataclass(frozen=True)
class Request:
    annotators: list[str] | None
    labels: list[str] | None
    kind: str | None
    scope: Scope


class AgreementWorker(QObject):
    """Runs `Library.agreement` once; emits `finished((generation, report))` or
    `failed((generation, message))`: the generation tells the window whether the answer
    is still wanted."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, db_path: Path, request: Request, generation: int) -> None:
        super().__init__()
        self._db_path = db_path
        self.request = request
        self.generation = generation

    @Slot()
    def run(self) -> None:
        r = self.request
        try:
            with Library(self._db_path, readonly=True) as library:
                report = library.agreement(r.annotators, r.labels, r.kind, r.scope)
        except ReaderError as e:
            self.failed.emit((self.generation, str(e)))
            return
        except Exception as e:  # never a traceback to the user; one line instead
            self.failed.emit((self.generation, f"{type(e).__name__}: {e}"))
            return
        self.finished.emit((self.generation, report))
