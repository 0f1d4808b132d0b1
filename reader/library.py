"""`Library`: the one facade the CLI and the GUI use.

It composes small services, each given what it needs in its constructor: articles,
labels, marks, the entity registry, suggestions, imports, exports and statistics,
over one `Store` and one `History` (undo, redo, and the announcement of every
change; see `subscribe`). Its methods are one-line delegations to them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.agreement.model import AgreementReport
from reader.agreement.service import AgreementService
from reader.annotating import LabelsService, MarksService
from reader.articles import ArticlesService
from reader.attributes import AttributesService
from reader.codebook import CodebookService
from reader.curating import CURATED, CurationService
from reader.exchange import ExchangeService
from reader.exporting import ExportProgress, ExportsService
from reader.feeds import FeedProgress, FeedsService
from reader.finding import FindService
from reader.importing import ImportsService, ProgressCallback
from reader.merging import MergeService
from reader.metadata import MetadataService
from reader.model import (
    Annotation,
    AnnotationImportReport,
    Article,
    ArticleSummary,
    Attribute,
    AttributeImportReport,
    Changes,
    CodebookImportReport,
    CurationReport,
    Entity,
    EntityCandidate,
    EntityMention,
    EntitySummary,
    ExportOptions,
    ExportResult,
    Feed,
    FeedUpdate,
    ImportOutcome,
    ImportStatus,
    ImportSummary,
    Label,
    MergeReport,
    NoteHit,
    ParsedArticle,
    ProjectImportReport,
    QuoteCandidate,
    ReextractOutcome,
    Rejection,
    Scope,
    SearchHit,
    StatTable,
    TagReport,
)
from reader.registry import RegistryService
from reader.statistics import StatisticsService
from reader.suggesting import SuggestionsService
from reader.text.blocks import Block
from reader.undo import History, Listener, UndoEntry

if TYPE_CHECKING:
    from reader.curation import Unit
    from reader.learning import Learner


def default_annotator() -> str:
    """The name written on new annotations: $READER_ANNOTATOR, else the login name."""
    import getpass

    try:
        return os.environ.get("READER_ANNOTATOR") or getpass.getuser()
    except Exception:  # no login name (some containers)
        return "anonymous"


class Library:
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

    # -- feeds (reader/feeds.py) ----------------------------------------------------------

    def feeds(self) -> list[Feed]:
        return self._feeds.feeds()

    def add_feed(self, url: str, name: str | None = None, full_text: bool = False) -> Feed:
        return self._feeds.add_feed(url, name, full_text)

    def remove_feed(self, name: str) -> None:
        self._feeds.remove_feed(name)

    def rename_feed(self, old: str, new: str) -> Feed:
        return self._feeds.rename_feed(old, new)

    def update_feeds(
        self,
        names: list[str] | None = None,
        progress: FeedProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        **fetch_options: Any,
    ) -> list[FeedUpdate]:
        """Fetch feeds (all when `names` is None) and import their new items; a feed's
        failure is recorded on it and the others go on (`timeout`, `total_timeout` and
        `max_bytes` can be given for tests)."""
        return self._feeds.update_feeds(names, progress, cancelled, **fetch_options)

    def reextract(self, article_ids: list[int] | None = None) -> list[ReextractOutcome]:
        return self._imports.reextract(article_ids)

    # -- labels and marks ------------------------------------------------------------------

    def labels(self, kind: str | None = None) -> list[Label]:
        return self._labels.labels(kind)

    def add_label(self, name: str, kind: str, colour: str, shortcut: str | None = None) -> Label:
        return self._labels.add_label(name, kind, colour, shortcut)

    def update_label(self, label_id: int, **values: Any) -> None:
        self._labels.update_label(label_id, **values)

    # -- the codebook: labels as a tree (reader/codebook.py) ----------------------------

    def add_code(
        self,
        name: str,
        kind: str,
        parent_id: int | None = None,
        colour: str | None = None,
        **details: str,
    ) -> Label:
        return self._codebook.add_code(name, kind, parent_id, colour, **details)

    def edit_label(self, label_id: int, **values: Any) -> None:
        self._codebook.edit_label(label_id, **values)

    def rename_label(self, label_id: int, name: str) -> None:
        self._codebook.rename_label(label_id, name)

    def move_label(self, label_id: int, parent_id: int | None) -> None:
        self._codebook.move_label(label_id, parent_id)

    def merge_labels(self, label_id: int, into_id: int) -> None:
        self._codebook.merge_labels(label_id, into_id)

    def label_family(self, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return self._codebook.label_family(names)

    def export_labels(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        return self._codebook.export_labels(fmt, destination)

    def import_codebook(self, fmt: str, source: str | os.PathLike) -> CodebookImportReport:
        return self._codebook.import_labels(fmt, source)

    def annotations(self, article_id: int) -> list[Annotation]:
        return self._marks.annotations(article_id)

    def annotation(self, annotation_id: int) -> Annotation:
        return self._marks.annotation(annotation_id)

    def trimmed(self, article_id: int, start: int, end: int) -> tuple[int, int]:
        return self._marks.trimmed(article_id, start, end)

    def count_annotations(self) -> int:
        return self._marks.count_annotations()

    def annotate(
        self,
        article_id: int,
        kind: str,
        start: int,
        end: int,
        label: str | None = None,
        note: str | None = None,
        origin: str = "manual",
        **extra: Any,
    ) -> Annotation:
        return self._marks.annotate(article_id, kind, start, end, label, note, origin, **extra)

    def update_annotation(self, annotation_id: int, **values: Any) -> Annotation:
        return self._marks.update_annotation(annotation_id, **values)

    def resize_annotation(self, annotation_id: int, start: int, end: int) -> Annotation:
        return self._marks.resize_annotation(annotation_id, start, end)

    def delete_annotation(self, annotation_id: int) -> None:
        self._marks.delete_annotation(annotation_id)

    # -- the entity registry ---------------------------------------------------------------

    def entity(self, entity_id: int) -> Entity:
        return self._registry.entity(entity_id)

    def find_entity(self, name: str, type_: str) -> Entity | None:
        return self._registry.find_entity(name, type_)

    def entities(self) -> list[Entity]:
        return self._registry.entities()

    def entity_summaries(self, type_: str | None = None) -> list[EntitySummary]:
        return self._registry.entity_summaries(type_)

    def mentions(self, entity_id: int) -> list[EntityMention]:
        return self._registry.mentions(entity_id)

    def tag_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> TagReport:
        return self._registry.tag_entity(name, type_, aliases, scope, dry_run)

    def create_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        wikidata: str | None = None,
        note: str | None = None,
    ) -> Entity:
        return self._registry.create_entity(name, type_, aliases, wikidata, note)

    def update_entity(self, entity_id: int, **values: Any) -> Entity:
        return self._registry.update_entity(entity_id, **values)

    def merge_entities(self, keep_id: int, other_id: int) -> Entity:
        return self._registry.merge_entities(keep_id, other_id)

    def delete_entity(self, entity_id: int) -> None:
        self._registry.delete_entity(entity_id)

    def delete_entities(self, entity_ids: Iterable[int]) -> int:
        return self._registry.delete_entities(entity_ids)

    def resolve_speaker(self, name: str) -> int:
        return self._registry.resolve_speaker(name)

    # -- suggestions -------------------------------------------------------------------------

    def suggest_entities(
        self, article_id: int, min_confidence: float = 0.0
    ) -> list[EntityCandidate]:
        return self._suggestions.suggest_entities(article_id, min_confidence)

    def suggest_quotes(self, article_id: int, min_confidence: float = 0.0) -> list[QuoteCandidate]:
        return self._suggestions.suggest_quotes(article_id, min_confidence)

    @property
    def learner(self) -> Learner:
        return self._suggestions.learner

    def learn_entities(self, background: bool = True, max_seconds: float = 30.0) -> bool:
        return self._suggestions.learn_entities(background, max_seconds)

    def accept_entity(
        self, article_id: int, candidate: EntityCandidate, label: str | None = None
    ) -> Annotation:
        return self._suggestions.accept_entity(article_id, candidate, label)

    def accept_quote(
        self,
        article_id: int,
        candidate: QuoteCandidate,
        speaker: str | None = None,
        cue: str | None = None,
        quote_type: str | None = None,
    ) -> list[Annotation]:
        return self._suggestions.accept_quote(article_id, candidate, speaker, cue, quote_type)

    def accept_all(self, article_id: int, kind: str, min_confidence: float = 0.0) -> int:
        return self._suggestions.accept_all(article_id, kind, min_confidence)

    def reject_suggestion(
        self, article_id: int, kind: str, start: int, end: int, label: str | None = None
    ) -> Rejection:
        return self._suggestions.reject_suggestion(article_id, kind, start, end, label)

    def rejections(self, article_id: int) -> list[Rejection]:
        return self._suggestions.rejections(article_id)

    # -- exports and statistics --------------------------------------------------------------

    def annotation_rows(
        self, scope: Scope | None = None, table: str = "annotations"
    ) -> Iterator[dict[str, Any]]:
        return self._exports.annotation_rows(scope, table)

    def count_export(
        self, fmt: str, scope: Scope | None = None, options: ExportOptions | None = None
    ) -> int:
        return self._exports.count_export(fmt, scope, options)

    def export_annotations(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        scope: Scope | None = None,
        options: ExportOptions | None = None,
        progress: ExportProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        return self._exports.export_annotations(
            fmt, destination, scope, options, progress, cancelled
        )

    def import_annotations(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> AnnotationImportReport:
        return self._exports.import_annotations(path, annotator)

    # -- REFI-QDA exchange (reader/exchange.py) ---------------------------------------

    def export_project(
        self,
        fmt: str,
        destination: str | os.PathLike,
        scope: Scope | None = None,
        progress: ExportProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        name = self.path.stem if self.path is not None else "Reader"
        return self._exchange.export_project(fmt, destination, name, scope, progress, cancelled)

    def export_codebook(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        return self._exchange.export_codebook(fmt, destination)

    def import_project(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> ProjectImportReport:
        return self._exchange.import_project(path, annotator)

    # -- working as a team (reader/merging.py) ---------------------------------------

    def merge(
        self,
        path: str | os.PathLike,
        annotator: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> MergeReport:
        """Bring another Reader library's marks, entities and missing articles into this
        one (one transaction, one undo step; merging twice adds nothing)."""
        from reader.errors import LibraryError
        from reader.importers.decode import require_regular_file

        self._refuse_self(path, "merge the library into itself")
        require_regular_file(path, LibraryError)
        return self._merging.merge(path, annotator, progress, cancelled)

    def annotators(self) -> list[str]:
        """Every annotator name on a mark of the library, sorted."""
        return self._curation.annotators()

    def disagreements(
        self, article_id: int, annotators: list[str] | tuple[str, ...], into: str = CURATED
    ) -> list[Unit]:
        """Where these coders' marks on the article differ (reader/curation.py)."""
        return self._curation.disagreements(article_id, annotators, into)

    def curate_agreed(
        self,
        annotators: list[str] | tuple[str, ...] | None = None,
        into: str = CURATED,
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> CurationReport:
        return self._curation.curate_agreed(annotators, into, scope, dry_run)

    def curate_marks(self, annotation_ids: Iterable[int], into: str = CURATED) -> list[Annotation]:
        return self._curation.curate_marks(annotation_ids, into)

    def statistic(
        self, name: str, scope: Scope | None = None, with_children: bool = False
    ) -> StatTable:
        groups = self._codebook.label_groups(scope.labels) if scope and with_children else {}
        return self._statistics.statistic(name, self._attributes.checked(scope), groups)

    def grouped_statistic(
        self, name: str, by: list[str], scope: Scope | None = None, with_children: bool = False
    ) -> StatTable:
        if scope and with_children:
            scope = replace(scope, labels=self._codebook.label_family(scope.labels))
        return self._attributes.grouped_statistic(name, by, scope)

    # -- attributes (reader/attributes.py) ----------------------------------------------

    def attributes(self, on: str | None = None) -> list[Attribute]:
        return self._attributes.attributes(on)

    def attribute(self, name: str) -> Attribute:
        return self._attributes.attribute(name)

    def define_attribute(
        self, name: str, on: str, type_: str, choices: Iterable[str] = ()
    ) -> Attribute:
        return self._attributes.define_attribute(name, on, type_, choices)

    def delete_attribute(self, name: str) -> int:
        return self._attributes.delete_attribute(name)

    def set_attribute(
        self, name: str, value: Any, entities: Iterable[int] = (), articles: Iterable[int] = ()
    ) -> int:
        return self._attributes.set_attribute(name, value, entities, articles)

    def attribute_values(
        self, entity_id: int | None = None, article_id: int | None = None
    ) -> dict[str, str]:
        return self._attributes.attribute_values(entity_id, article_id)

    def all_attribute_values(self, on: str) -> dict[int, dict[str, str]]:
        return self._attributes.all_attribute_values(on)

    def import_attributes(self, path: str | os.PathLike) -> AttributeImportReport:
        return self._attributes.import_attributes(path)

    def find_entity_ids(self, form: str) -> list[int]:
        return self._attributes.find_entity_ids(form)

    def find_article_id(self, ref: str) -> int:
        return self._attributes.find_article_id(ref)

    # -- agreement between annotators (reader/agreement) -------------------------------

    def agreement(
        self,
        annotators: list[str] | tuple[str, ...] | None = None,
        labels: list[str] | tuple[str, ...] | None = None,
        kind: str | None = None,
        scope: Scope | None = None,
    ) -> AgreementReport:
        return self._agreement.agreement(annotators, labels, kind, scope)

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
