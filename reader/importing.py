"""Imports, a service of the `Library` facade: storing parsed articles, importing files,
folders, pasted text and HTML, and rebuilding articles from their kept originals (the
rows and the rebuilding: reader/article_content.py)."""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import article_content
from reader.article_content import article_row, content_hash
from reader.errors import DISK_FULL, ImportFailed, LibraryLocked, ReaderError
from reader.model import (
    Changes,
    ImportOutcome,
    ImportStatus,
    ImportSummary,
    ParsedArticle,
    ReextractOutcome,
)
from reader.store.locking import LockWaiting
from reader.text.canonical import markdown_to_canonical, paragraphs_canonical
from reader.timestamps import utc_now

if TYPE_CHECKING:
    from reader.annotating import MarksService
    from reader.importers.workers import Parsed
    from reader.store import Store
    from reader.undo import History

ProgressCallback = Callable[[int, int, ImportOutcome], None]


# How long an import waits for another program's write (READER_LOCK_WAIT overrides).
IMPORT_LOCK_WAIT_S = 120.0


def import_lock_wait() -> float:
    """Seconds an import waits for another program's write before it gives up."""
    try:
        value = float(os.environ.get("READER_LOCK_WAIT", ""))
    except ValueError:
        return IMPORT_LOCK_WAIT_S
    return value if 0 < value < 86_400 else IMPORT_LOCK_WAIT_S


PARALLEL_FROM = 200  # files: below this, starting worker processes costs more than it saves


OPEN_LIBRARY = "is a library file Reader has open (or its -wal/-shm); it cannot be imported"


@contextlib.contextmanager
def _parsed_in_parallel(files: list[Path], attachments: bool = False) -> Iterator[Parsed]:
    """(path, ParsedArticle | None, failure reason) for each file, in order; parsed in
    worker processes when the batch is large and the machine has more than one core.

    A library file this process holds is never read: closing a descriptor of it
    would drop SQLite's locks (reader.libfiles)."""
    from reader.importers import parse_file_safe
    from reader.importers.workers import Parsed
    from reader.libfiles import library_of

    if attachments:
        parse_file_safe = functools.partial(parse_file_safe, attachments=True)
    held = {p: (p, None, OPEN_LIBRARY) for p in files if library_of(p) is not None}
    workers = min(os.cpu_count() or 1, 8)
    if len(files) - len(held) < PARALLEL_FROM or workers < 2:
        yield Parsed(None, parse_file_safe, files, held)
        return
    from concurrent.futures import ProcessPoolExecutor

    from reader.importers.workers import die_with_parent, pool_context, stop_pool_server

    context = pool_context()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=die_with_parent,  # a killed import leaves no worker behind
        initargs=(os.getpid(),),
    )
    try:
        yield Parsed(pool, parse_file_safe, files, held)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        stop_pool_server(context)


# A batch's transaction is committed once it is this old (another program's writes, the
# window's among them, wait for it meanwhile), holds this many articles, or has to wait
# for the parse workers.
BATCH_SECONDS = 0.25
BATCH_ARTICLES = 1000


class _Batch:
    """The open transaction of an import: the articles stored since it began, each in a
    savepoint (a failed article is rolled back alone), and their outcomes' indexes, so
    that a failed commit can take them back: a cancelled, killed or failed import leaves
    complete articles only, those of the batches committed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._started: float | None = None
        self._noted: list[tuple[int, ImportOutcome]] = []
        self.lost: list[int] = []  # the outcomes a failed commit took back

    def begin(self) -> None:
        """Open the transaction (waiting for another program's write) unless it is."""
        if self._started is None:
            self._store.begin()
            self._started = time.monotonic()

    def note(self, index: int, outcome: ImportOutcome) -> None:
        if self._started is not None:
            self._noted.append((index, outcome))

    def broken(self) -> bool:
        """Whether SQLite rolled the transaction back by itself (it may on a full disk)."""
        return self._started is not None and not self._store.in_transaction

    def due(self, ready: Callable[[float], bool]) -> bool:
        """Whether to commit now: the batch is old or large, or the next article is not
        parsed within the time it has left (`ready(timeout)` waits that long for it)."""
        if self._started is None:
            return False
        left = BATCH_SECONDS - (time.monotonic() - self._started)
        return len(self._noted) >= BATCH_ARTICLES or left <= 0 or not ready(left)

    def commit(self, why: str = "") -> int:
        """Commit; returns how many articles it added. Raises ReaderError when the
        transaction cannot be committed or is gone (`why` then says why)."""
        if self._started is None:
            return 0
        try:
            if self.broken():
                raise ImportFailed(why or "not stored: the library rolled the batch back")
            self._store.commit()
        except ReaderError:
            self.lost = self._taken_back()
            self._reset()
            raise
        added = sum(o.status == ImportStatus.IMPORTED for _, o in self._noted)
        self._reset()
        return added

    def _taken_back(self) -> list[int]:
        """The outcomes a rollback voids: the articles added, and duplicates of them."""
        added = {o.article_id for _, o in self._noted if o.status == ImportStatus.IMPORTED}
        return [
            i
            for i, o in self._noted
            if o.status == ImportStatus.IMPORTED
            or (o.status == ImportStatus.DUPLICATE and o.article_id in added)
        ]

    def abandon(self) -> None:
        if self._started is not None:
            self._store.rollback()
            self._reset()

    def _reset(self) -> None:
        self._started = None
        self._noted = []


class ImportsService:
    """Adding articles (one transaction and one announcement each) and re-extraction."""

    def __init__(self, store: Store, history: History, marks: MarksService) -> None:
        self._store = store
        self._history = history
        self._marks = marks

    def add_article(self, parsed: ParsedArticle) -> tuple[ImportStatus, int]:
        """Store one parsed article in one transaction; a duplicate adds nothing.

        Returns the status and the id of the new or the already stored article.
        """
        status, article_id = self._add(parsed)
        if status == ImportStatus.IMPORTED:
            self._history.announce(Changes(added=True))
        return status, article_id

    def _add(self, parsed: ParsedArticle) -> tuple[ImportStatus, int]:
        """`add_article` without the announcement: inside a batch's transaction (see
        `import_paths`) a savepoint, announced when the batch commits."""
        from reader.importers.meta import MAX_TITLE, short_title

        parsed.title = " ".join(parsed.title.split())
        if len(parsed.title) > MAX_TITLE:
            parsed.title = short_title(parsed.title)
        if parsed.paragraphs is not None:
            canonical = paragraphs_canonical(parsed.paragraphs)
        else:
            canonical = markdown_to_canonical(parsed.markdown)
        if not canonical.text.strip() and not parsed.title.strip():
            raise ImportFailed("no text found")
        digest = content_hash(parsed.title, canonical.text)
        articles = self._store.articles
        with self._store.atomic():
            existing = articles.id_for_hash(digest)
            if existing is not None:
                return ImportStatus.DUPLICATE, existing
            now = utc_now()
            article_id = articles.insert(
                article_row(parsed, canonical, digest, now, keep_original=True)
            )
        return ImportStatus.IMPORTED, article_id

    def add_articles(self, items: Iterable[ParsedArticle], batch: int = 2000) -> int:
        """Store many parsed articles fast (benchmarks, bulk loads): one transaction per
        `batch`; duplicates are skipped. Returns how many were added."""
        cache: dict[str, Any] = {}
        added = 0
        rows: list[dict[str, Any]] = []

        def flush() -> int:
            with self._store.atomic():
                n = self._store.articles.insert_many(rows)
            rows.clear()
            self._history.announce(Changes(added=n > 0))
            return n

        for parsed in items:
            canonical = cache.get(parsed.markdown)
            if canonical is None:
                canonical = markdown_to_canonical(parsed.markdown)
                if len(cache) < 256:  # generated sets repeat bodies; real ones rarely do
                    cache[parsed.markdown] = canonical
            now = utc_now()
            digest = content_hash(parsed.title, canonical.text)
            rows.append(article_row(parsed, canonical, digest, now, keep_original=False))
            if len(rows) >= batch:
                added += flush()
        if rows:
            added += flush()
        return added

    def import_text(self, text: str, origin: str = "clipboard") -> ImportOutcome:
        """Import pasted plain text (same rules as a `.txt` file)."""
        from reader.importers.decode import decode_bytes
        from reader.importers.press import parse_press

        try:
            parsed = parse_press(decode_bytes(text.encode("utf-8")), None)
            parsed.source_format = "text"
            status, article_id = self.add_article(parsed)
        except ReaderError as e:
            return ImportOutcome(origin, ImportStatus.FAILED, reason=str(e))
        return ImportOutcome(origin, status, article_id)

    def import_html(
        self, html: str, url: str | None = None, origin: str = "clipboard"
    ) -> ImportOutcome:
        """Import a page given as an HTML string (the GUI's paste), optionally with its URL."""
        from reader.importers.html import parse_html

        try:
            status, article_id = self.add_article(parse_html(html, url=url))
        except ReaderError as e:
            return ImportOutcome(origin, ImportStatus.FAILED, reason=str(e))
        return ImportOutcome(origin, status, article_id)

    def import_file(self, path: str | os.PathLike) -> ImportOutcome:
        """Import one file; any failure becomes an outcome with a reason, never an exception."""
        with _parsed_in_parallel([Path(path)]) as parsed:
            return next(self._store_each(*next(iter(parsed))))

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike],
        recursive: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        attachments: bool = False,
        waiting: LockWaiting | None = None,
    ) -> ImportSummary:
        """Import files and folders; each article is stored whole or not at all.

        While another program holds the write lock, each write waits for it (up to
        `import_lock_wait()` seconds, calling `waiting(seconds, limit)` about once a
        second); past that limit, the file and every one after it fail, saying why.

        `progress(done, total, outcome)` is called after each file; when
        `cancelled()` turns true the batch stops after the current file. Large
        batches are parsed in worker processes (parsing, not storage, is what costs)
        and stored here in the files' order, many articles a transaction (see
        `_Batch`; a file's progress may then be told twice, the second time failed,
        when its batch cannot be committed); small ones one transaction an article.
        """
        from reader.importers import expand_paths
        from reader.text.oneline import display_path

        files = list(expand_paths([Path(p) for p in paths], recursive))
        summary = ImportSummary()
        locked: list[str] = []  # why every file left fails, once a wait ran out
        batch = _Batch(self._store)
        batched: list[_Batch | None] = [None]  # the batch, once the workers parse

        def outcomes(path: Path, parsed: Any, reason: str | None) -> Iterator[ImportOutcome]:
            if locked:  # waited once already: say so for every file left
                yield ImportOutcome(display_path(path), ImportStatus.FAILED, reason=locked[0])
                return
            try:
                yield from self._store_each(path, parsed, reason, batched[0], True)
            except LibraryLocked as e:
                locked.append(f"not imported: {e}")
                yield ImportOutcome(display_path(path), ImportStatus.FAILED, reason=locked[0])

        def commit(done: int, why: str = "") -> str | None:
            """Commit the batch; if that fails, its articles fail (and are told again)."""
            reason = self._commit(batch, summary, why)
            if reason is not None and progress:
                for i in batch.lost:
                    progress(done, len(files), summary.outcomes[i])
            batch.lost.clear()
            return reason

        with (
            _parsed_in_parallel(files, attachments) as parsed_files,
            self._waiting_for_lock(waiting),
        ):
            if parsed_files.parallel:
                batched[0] = batch
            try:
                for done, (path, parsed, reason) in enumerate(parsed_files, start=1):
                    if cancelled and cancelled():
                        break
                    stop = None
                    for outcome in outcomes(path, parsed, reason):
                        summary.outcomes.append(outcome)
                        batch.note(len(summary.outcomes) - 1, outcome)
                        if progress:
                            progress(done, len(files), outcome)
                        why = outcome.reason or ""
                        if batch.broken() or why.startswith(DISK_FULL):
                            why = commit(done, why) or why
                        if why.startswith(DISK_FULL):
                            stop = why
                            break
                    if stop is None and batch.due(parsed_files.ready):
                        stop = commit(done)
                    if stop is not None and stop.startswith(DISK_FULL):
                        # Every next file would fail the same way: stop, say what was kept.
                        summary.stopped = stop
                        summary.not_tried = len(files) - done
                        return summary
                stop = commit(len(files))
                if stop is not None and stop.startswith(DISK_FULL):
                    summary.stopped = stop
            finally:
                batch.abandon()  # an exception: what was not committed is not kept
        return summary

    def _commit(self, batch: _Batch, summary: ImportSummary, why: str) -> str | None:
        """Commit `batch` and announce it; None, or why it failed: then its articles
        were not kept, and their outcomes say so (their indexes left in `batch.lost`).
        `why`: the reason of the article that made SQLite roll the batch back, if so."""
        try:
            added = batch.commit(why)
        except ReaderError as e:
            reason = str(e)
        else:
            if added:
                self._history.announce(Changes(added=True))
            return None
        for i in batch.lost:
            summary.outcomes[i] = ImportOutcome(
                summary.outcomes[i].path, ImportStatus.FAILED, reason=reason
            )
        return reason

    def _store_each(
        self,
        path: Path,
        parsed: Any,
        reason: str | None,
        batch: _Batch | None = None,
        locked_raises: bool = False,
    ) -> Iterator[ImportOutcome]:
        """The outcome of a file's article, or of each article of a mail file (a list)."""
        if not isinstance(parsed, list):
            yield self._store_parsed(path, parsed, reason, batch, locked_raises)
            return
        for label, article, why in parsed:
            yield self._store_parsed(Path(label), article, why, batch, locked_raises)

    @contextlib.contextmanager
    def _waiting_for_lock(self, waiting: LockWaiting | None) -> Iterator[None]:
        """While importing, a write waits up to `import_lock_wait()` seconds for another
        program's write to end, telling `waiting(seconds, limit)` about it."""
        store = self._store
        saved = store.lock_limit, store.on_lock_wait
        store.lock_limit, store.on_lock_wait = import_lock_wait(), waiting
        try:
            yield
        finally:
            store.lock_limit, store.on_lock_wait = saved

    def _store_parsed(
        self,
        path: Path,
        parsed: ParsedArticle | None,
        reason: str | None,
        batch: _Batch | None = None,
        locked_raises: bool = False,
    ) -> ImportOutcome:
        """The outcome of storing one article: alone (one transaction, announced), or in
        `batch` (a savepoint, announced when the batch commits)."""
        from reader.text.oneline import display_path

        name = display_path(path)  # one line, whatever bytes the name holds
        if parsed is None:
            return ImportOutcome(name, ImportStatus.FAILED, reason=reason)
        try:
            if batch is None:
                status, article_id = self.add_article(parsed)
            else:
                batch.begin()
                status, article_id = self._add(parsed)
        except ReaderError as e:
            if locked_raises and isinstance(e, LibraryLocked):
                raise
            return ImportOutcome(name, ImportStatus.FAILED, reason=str(e))
        return ImportOutcome(name, status, article_id)

    # -- re-extraction (reader/article_content.py) -----------------------------

    def reextract(self, article_ids: list[int] | None = None) -> list[ReextractOutcome]:
        """Rebuild articles from their kept originals (`article_content.reextract`)."""
        return article_content.reextract(self._store, self._history, self._marks, article_ids)
