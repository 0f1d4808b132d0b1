"""`Library`: the one facade the CLI and the GUI use.

It composes small services, each given what it needs in its constructor: articles,
labels, marks, the entity registry, suggestions, imports, exports and statistics,
over one `Store` and one `History` (undo, redo, and the announcement of every
change; see `subscribe`). Its methods are one-line delegations to them; those for
exports, statistics, REFI-QDA and feeds, for the codebook and attributes, for working as
a team, and for the entity registry and suggestions are written in `facade_exchange.py`,
`facade_coding.py`, `facade_team.py` and `facade_entities.py`, which `Library` inherits
(one facade, in files of a readable size).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.agreement.service import AgreementService
from reader.annotating import LabelsService, MarksService
from reader.articles import ArticlesService
from reader.attributes import AttributesService
from reader.codebook import CodebookService
from reader.curating import CurationService
from reader.exchange import ExchangeService
from reader.exporting import ExportsService
from reader.facade_coding import CodingMethods
from reader.facade_entities import EntityMethods
from reader.facade_exchange import ExchangeMethods
from reader.facade_team import TeamMethods
from reader.feeds import FeedsService
from reader.finding import FindService
from reader.importing import ImportsService, ProgressCallback
from reader.merging import MergeService
from reader.metadata import MetadataService
from reader.model import (
    Article,
    ArticleSummary,
    Changes,
    ImportOutcome,
    ImportStatus,
    ImportSummary,
    Label,
    NoteHit,
    ParsedArticle,
    Scope,
    SearchHit,
    StatTable,
)
from reader.registry import RegistryService
from reader.statistics import StatisticsService
from reader.suggesting import SuggestionsService
from reader.text.blocks import Block
from reader.undo import History, Listener, UndoEntry


def default_annotator() -> str:
    """The name written on new annotations: $READER_ANNOTATOR, else the login name."""
    import getpass

    try:
        return os.environ.get("READER_ANNOTATOR") or getpass.getuser()
    except Exception:  # no login name (some containers)
        return "anonymous"


class Library(ExchangeMethods, CodingMethods, TeamMethods, EntityMethods):
    """An open library file. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        path: str | os.PathLike | None,
        readonly: bool = False,
        annotator: str | None = None,
    ) -> None:
        from reader.store import Store

        self.path = Path(path) if path is not None else None
        self._store = Store(self.path, readonly=readonly)
        self.readonly = self._store.readonly
        self.annotator = annotator or default_annotator()
        self._seen_version = self._store.data_version()
        store, history = self._store, History(self._store)
        self._history = history

        def who() -> str | None:
            return self.annotator

        self._labels = LabelsService(store, history)
        self._registry = RegistryService(store, history, self._labels, who)
        self._codebook = CodebookService(store, history, self._labels)
        self._marks = MarksService(store, history, self._registry, who)
        self._articles = ArticlesService(store, history, self._registry)
        self._suggestions = SuggestionsService(store, history, self._marks, self._registry, who)
        self._imports = ImportsService(store, history, self._marks)
        self._exports = ExportsService(store, history, self._labels)
        self._statistics = StatisticsService(store)
        self._attributes = AttributesService(store, history)
        self._agreement = AgreementService(store)
        self._metadata = MetadataService(store, history)
        self._merging = MergeService(store, history)
        self._curation = CurationService(store, history, self._marks)
        self._feeds = FeedsService(store, history, self._imports)
        self._finding = FindService(store)
        self._exchange = ExchangeService(
            store, history, self._labels, self._registry, self._imports, self._exports
        )
        self._exchange.codebook = self._codebook  # a project's label tree comes along
        self._exchange.attributes = self._attributes  # and its Variables

    @classmethod
    def open_default(cls, explicit: str | os.PathLike | None = None) -> Library:
        from reader.paths import resolve_db_path

        return cls(resolve_db_path(explicit))

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    @property
    def schema_version(self) -> int:
        return self._store.schema_version

    # -- safety -------------------------------------------------------------------

    def backup(self, destination: str | os.PathLike) -> None:
        """A consistent copy of the library, even while another program writes to it."""
        self._refuse_self(destination, "back up the library onto itself")
        self._store.backup(Path(destination))

    def restore(self, source: str | os.PathLike) -> Path | None:
        """Replace the library with a backup; the current content is first saved beside
        the library file. Returns where that safety copy went."""
        from reader.errors import LibraryError
        from reader.importers.decode import require_regular_file

        self._refuse_self(source, "restore the library from itself")
        require_regular_file(source, LibraryError)  # SQLite would wait on a FIFO forever
        safety = None
        if self.path is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            safety = self.path.with_name(f"{self.path.name}.before-restore-{stamp}.bak")
            self._store.backup(safety)
        self._store.restore_from(Path(source))
        self._history.clear()
        self._history.announce(Changes(reset=True))
        return safety

    def _refuse_self(self, other: str | os.PathLike, what: str) -> None:
        """Backing up onto (or restoring from) the open file itself would destroy it."""
        from reader.errors import LibraryError
        from reader.libfiles import is_library_or_companion

        if self.path is not None and is_library_or_companion(Path(other), self.path):
            raise LibraryError(f"{other}: cannot {what}; choose another file")

    def check(self) -> str:
        """SQLite's integrity check of the library: "ok" or the first problems found."""
        return self._store.quick_check()

    def interrupt(self) -> None:
        """Stop what this library's connection is running, from another thread (a
        window closing while a background task reads); the task raises there."""
        self._store.interrupt()

    @property
    def checked_on_open(self) -> bool:
        """Whether opening ran the integrity check (large files skip it; run `check()`)."""
        return self._store.checked_on_open

    def data_version(self) -> int:
        """A number that changes when another program (or connection) commits a change;
        compare two readings to know whether to refresh. This connection's own writes
        do not change it."""
        return self._store.data_version()

    # -- changes and history ----------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(changes)` after every committed write (undo and redo too) with
        what it changed; returns the function that unsubscribes."""
        return self._history.subscribe(listener)

    def check_for_outside_changes(self, always: bool = False) -> bool:
        """Whether another program committed since the last look; if so (or `always`:
        a refresh the user asked for) announce a reset (cheap: one PRAGMA)."""
        version = self._store.data_version()
        if version == self._seen_version and not always:
            return False
        self._seen_version = version
        self._history.announce(Changes(reset=True))
        return True

    def undo_group(self, name: str) -> AbstractContextManager[None]:
        """Several operations as one transaction, one undo step called `name`, and one
        announcement."""
        return self._history.group(name)

    @property
    def undo_name(self) -> str | None:
        """Name of the operation `undo()` would revert ("Add quote"), or None."""
        return self._history.undo_name

    @property
    def redo_name(self) -> str | None:
        return self._history.redo_name

    def undo(self) -> Changes | None:
        return self._history.undo()

    def last_undo_step(self) -> UndoEntry | None:
        """The step `undo()` would revert (to hand it to the window's library after a
        worker's write, see `adopt_undo_step`), or None."""
        return self._history.last()

    def adopt_undo_step(self, entry: UndoEntry) -> None:
        """Make a step another connection of this process committed undoable here (the
        window's merge runs in a worker on its own connection)."""
        self._history.adopt(entry)

    def redo(self) -> Changes | None:
        return self._history.redo()

    # -- articles -------------------------------------------------------------------------

    def article(self, article_id: int) -> Article:
        return self._articles.article(article_id)

    def blocks(self, article_id: int) -> list[Block]:
        return self._articles.blocks(article_id)

    def count_articles(self, scope: Scope | None = None) -> int:
        return self._articles.count_articles(scope)

    def list_articles(
        self,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "imported_at",
        descending: bool = True,
        scope: Scope | None = None,
    ) -> list[ArticleSummary]:
        return self._articles.list_articles(offset, limit, order_by, descending, scope)

    def sources(self) -> list[tuple[str, int]]:
        return self._articles.sources()

    def languages(self) -> list[tuple[str, int]]:
        return self._articles.languages()

    def set_read(self, article_id: int, read: bool = True) -> None:
        self._articles.set_read(article_id, read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self._articles.set_starred(article_id, starred)

    def delete_article(self, article_id: int) -> None:
        self._articles.delete_article(article_id)

    def edit_article(self, article_id: int, **values: Any) -> dict[str, str | None]:
        return self._metadata.edit_article(article_id, **values)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        return self._articles.search(query, limit, offset)

    def find_in_article(self, article_id: int, needle: str) -> list[tuple[int, int]]:
        return self._finding.find_in_article(article_id, needle)

    def search_spans(
        self, article_id: int, query: str, prefix: bool = True
    ) -> list[tuple[int, int]]:
        return self._finding.search_spans(article_id, query, prefix)

    def search_notes(self, query: str, limit: int = 20, offset: int = 0) -> list[NoteHit]:
        """Marks whose note holds every word of the query, in article and text order."""
        from reader.notes import search_notes

        return search_notes(self._store, query, limit, offset)

    def iter_article_rows(self) -> Iterator[dict[str, Any]]:
        return self._articles.iter_article_rows()

    def export_articles(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        raw: bool = False,
        excel: bool = False,
        notes: list[str] | None = None,
    ) -> int:
        return self._articles.export_articles(fmt, destination, raw, excel, notes)

    # -- imports ------------------------------------------------------------------------

    @staticmethod
    def import_suffixes() -> list[str]:
        """The file name suffixes the importers read (".pdf", ".eml"…), sorted."""
        from reader.importers import supported_suffixes

        return supported_suffixes()

    def add_article(self, parsed: ParsedArticle) -> tuple[ImportStatus, int]:
        return self._imports.add_article(parsed)

    def add_articles(self, items: Iterable[ParsedArticle], batch: int = 2000) -> int:
        return self._imports.add_articles(items, batch)

    def import_text(self, text: str, origin: str = "clipboard") -> ImportOutcome:
        return self._imports.import_text(text, origin)

    def import_html(
        self, html: str, url: str | None = None, origin: str = "clipboard"
    ) -> ImportOutcome:
        return self._imports.import_html(html, url, origin)

    def import_file(self, path: str | os.PathLike) -> ImportOutcome:
        return self._imports.import_file(path)

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike],
        recursive: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        attachments: bool = False,
        waiting: Callable[[float, float], None] | None = None,
    ) -> ImportSummary:
        return self._imports.import_paths(
            paths, recursive, progress, cancelled, attachments, waiting
        )

    def import_urls(
        self,
        urls: Iterable[str],
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        **fetch_options: Any,
    ) -> ImportSummary:
        """Fetch web addresses and import them (reader.web_import); timeouts and caps
        can be given for tests (`timeout`, `total_timeout`, `max_bytes`)."""
        from reader.web_import import import_urls

        return import_urls(self._imports, self._store, urls, progress, cancelled, **fetch_options)

    # -- labels and marks ------------------------------------------------------------------

    def labels(self, kind: str | None = None) -> list[Label]:
        return self._labels.labels(kind)

    def add_label(self, name: str, kind: str, colour: str, shortcut: str | None = None) -> Label:
        return self._labels.add_label(name, kind, colour, shortcut)

    def update_label(self, label_id: int, **values: Any) -> None:
        self._labels.update_label(label_id, **values)

    # -- files and texts the front ends write (no library needed) ----------------------------

    @staticmethod
    def atomic_file(destination: str | os.PathLike) -> AbstractContextManager[Path]:
        """A temporary path beside `destination`, renamed onto it when the block succeeds
        (a library file, or its -wal/-shm, is refused)."""
        from reader.exporters.atomic import atomic_path

        return atomic_path(destination)

    @staticmethod
    def write_statistic(
        table: StatTable, fmt: str, destination: str | os.PathLike, raw: bool = False
    ) -> None:
        """A statistic's columns and rows as `csv` (the one CSV writer: RFC 4180,
        formula-like cells neutralised unless `raw`) or `xlsx` (one sheet), the file
        written completely or not at all."""
        from reader.errors import ExportFailed
        from reader.exporters.atomic import atomic_text_writer

        if fmt == "csv":
            from reader.exporters.csv_safe import write_rows

            with atomic_text_writer(destination, newline="") as f:
                write_rows(f, table.columns, table.rows, raw=raw)
        elif fmt == "xlsx":
            from reader.exporters.xlsx import write_statistic

            write_statistic(table, destination)
        else:
            raise ExportFailed(f"unknown format {fmt!r} (csv or xlsx)")

    @staticmethod
    def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
        """A selection text[start:end] on whole words (reader/text/words.py)."""
        from reader.text.words import snap

        return snap(text, start, end)

    @staticmethod
    def step_by_word(
        text: str, start: int, end: int, edge: str, step: int
    ) -> tuple[int, int] | None:
        """A mark's range with its `edge` ("start" or "end") one word later (+1) or
        earlier (-1); None when it cannot move."""
        from reader.text.words import step_end, step_start

        return (step_end if edge == "end" else step_start)(text, start, end, step)

    @staticmethod
    def annotations_as_text(rows: list[dict[str, Any]], fmt: str) -> tuple[str, str | None]:
        """Annotation rows as `csv` or `markdown` text for the clipboard, and for
        Markdown its HTML too (None for CSV)."""
        from reader.exporters.copy_text import annotations_to_text, markdown_to_html

        text = annotations_to_text(rows, fmt)
        return text, (None if fmt == "csv" else markdown_to_html(text))
