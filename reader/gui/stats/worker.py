"""Statistics computed off the UI thread, each run on its own read-only Library connection
(SQLite connections belong to one thread; WAL lets the window keep reading)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.errors import ReaderError
from reader.library import Library
from reader.model import Scope, StatTable

# What the window shows: one table per chart.
SHOWN = ("speakers", "entities", "speakers-by-source", "timeline", "cooccurrence")


@dataclass(frozen=True)
class StatsResult:
    scope: Scope
    articles: int  # in the scope
    tables: dict[str, StatTable]


def compute(library: Library, scope: Scope) -> StatsResult:
    """Everything the window shows, for one scope."""
    tables = {name: library.statistic(name, scope) for name in SHOWN}
    return StatsResult(scope, library.count_articles(scope), tables)


class StatsWorker(QObject):
    """Runs `compute` once; emits `finished((generation, StatsResult))` or `failed(message)`.
    The generation tells the window whether the answer is still wanted."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, scope: Scope, generation: int) -> None:
        super().__init__()
        self._db_path = db_path
        self.scope = scope
        self.generation = generation

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._db_path, readonly=True) as library:
                result = compute(library, self.scope)
        except ReaderError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # never a traceback to the user; one line instead
            self.failed.emit(f"unexpected {type(e).__name__}: {e}")
            return
        self.finished.emit((self.generation, result))
