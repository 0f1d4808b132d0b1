"""Statistics computed off the UI thread, each run on its own read-only Library connection
(SQLite connections belong to one thread; WAL lets the window keep reading)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.errors import ReaderError
from reader.library import Library
from reader.model import Scope, StatTable

# What the window shows: one table per chart. Co-occurrence takes longest (seconds over a
# million annotations), so the other charts are shown before it is done.
FAST = ("speakers", "entities", "speakers-by-source", "timeline")
SLOW = ("cooccurrence",)
SHOWN = FAST + SLOW


@dataclass(frozen=True)
class StatsResult:
    scope: Scope
    articles: int  # in the scope
    tables: dict[str, StatTable]


def compute(
    library: Library, scope: Scope, names: tuple[str, ...] = SHOWN, by: tuple[str, ...] = ()
) -> StatsResult:
    """The window's statistics (`names` of them) for one scope; with `by`, also the quotes
    grouped by those dimensions (the "By attribute" tab) as `groups`."""
    tables = {name: library.statistic(name, scope) for name in names}
    if by and "speakers" in names:
        with contextlib.suppress(ReaderError):  # an attribute deleted meanwhile: none shown
            tables["groups"] = library.grouped_statistic("speakers", list(by), scope)
    return StatsResult(scope, library.count_articles(scope), tables)


class StatsWorker(QObject):
    """Runs `compute` once; emits `partial((generation, StatsResult))` without the slow
    statistics, then `finished((generation, StatsResult))`, or `failed(message)`. The
    generation tells the window whether the answer is still wanted."""

    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, db_path: Path, scope: Scope, generation: int, by: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self._db_path = db_path
        self.scope = scope
        self.generation = generation
        self.by = by

    @Slot()
    def run(self) -> None:
        try:
            with Library(self._db_path, readonly=True) as library:
                first = compute(library, self.scope, FAST, self.by)
                self.partial.emit((self.generation, first))
                tables = {n: library.statistic(n, self.scope) for n in SLOW}
                result = StatsResult(self.scope, first.articles, first.tables | tables)
        except ReaderError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # never a traceback to the user; one line instead
            self.failed.emit(f"the statistics could not be computed ({type(e).__name__}: {e})")
            return
        self.finished.emit((self.generation, result))
