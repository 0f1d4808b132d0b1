"""`Library`: the one facade the CLI and the GUI use. It owns transactions (and, later, undo)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.annotating import AnnotationsMixin
from reader.errors import ImportFailed, NotFound, ReaderError
from reader.exporting import ExportMixin
from reader.model import (
    Article,
    ArticleSummary,
    ImportOutcome,
    ImportStatus,
    ImportSummary,
    ParsedArticle,
    ReextractOutcome,
    Scope,
    SearchHit,
)
from reader.registry import EntitiesMixin
from reader.statistics import StatisticsMixin
from reader.suggesting import SuggestionsMixin
from reader.text.blocks import Block, blocks_from_json, blocks_to_json
from reader.text.canonical import markdown_to_canonical, paragraphs_canonical
from reader.undo import UndoStack

ProgressCallback = Callable[[int, int, ImportOutcome], None]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def content_hash(title: str, text: str) -> str:
    """Identity of an article's content: the same title and text are the same article."""
    return hashlib.sha256(f"{title}\n\n{text}".encode()).hexdigest()


def word_count(text: str) -> int:
    import re

    return len(re.findall(r"\w+", text))


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        markdown=row["markdown"],
        subtitle=row["subtitle"],
        author=row["author"],
        source=row["source"],
        published=row["published"],
        language=row["language"],
        url=row["url"],
        sections=json.loads(row["sections"] or "[]"),
        excerpt=row["excerpt"],
        footer=row["footer"],
        word_count=row["word_count"] or 0,
        content_hash=row["content_hash"],
        source_path=row["source_path"],
        source_format=row["source_format"] or "text",
        imported_at=row["imported_at"] or "",
        read=bool(row["read"]),
        starred=bool(row["starred"]),
    )


def _summary(row: dict[str, Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        language=row["language"],
        annotation_count=row.get("annotation_count") or 0,
        read=bool(row.get("read")),
        starred=bool(row.get("starred")),
    )


def default_annotator() -> str:
    """The name written on new annotations: $READER_ANNOTATOR, else the login name."""
    import getpass

    try:
        return os.environ.get("READER_ANNOTATOR") or getpass.getuser()
    except Exception:  # no login name (some containers)
        return "anonymous"


PARALLEL_FROM = 200  # files: below this, starting worker processes costs more than it saves


@contextlib.contextmanager
def _parsed_in_parallel(files: list[Path]) -> Iterator[Iterator[tuple]]:
    """(path, ParsedArticle | None, failure reason) for each file, in order; parsed in
    worker processes when the batch is large and the machine has more than one core."""
    from reader.importers import parse_file_safe

    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield (parse_file_safe(p) for p in files)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the GUI imports from a thread of a process that holds Qt.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool.map(parse_file_safe, files, chunksize=16)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Library(AnnotationsMixin, EntitiesMixin, SuggestionsMixin, StatisticsMixin, ExportMixin):
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
        self._undo = UndoStack()

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
        self._refuse_self(source, "restore the library from itself")
        safety = None
        if self.path is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            safety = self.path.with_name(f"{self.path.name}.before-restore-{stamp}.bak")
            self._store.backup(safety)
        self._store.restore_from(Path(source))
        self._undo.clear()
        return safety

    def _refuse_self(self, other: str | os.PathLike, what: str) -> None:
        """Backing up onto (or restoring from) the open file itself would destroy it."""
        from reader.errors import LibraryError

        if self.path is not None and Path(other).resolve() == self.path.resolve():
            raise LibraryError(f"{other}: cannot {what}; choose another file")

    def check(self) -> str:
        """SQLite's integrity check of the library: "ok" or the first problems found."""
        return self._store.quick_check()

    @property
    def checked_on_open(self) -> bool:
        """Whether opening ran the integrity check (large files skip it; run `check()`)."""
        return self._store.checked_on_open

    def data_version(self) -> int:
        """A number that changes when another program (or connection) commits a change;
        compare two readings to know whether to refresh. This connection's own writes
        do not change it."""
        return self._store.data_version()

    # -- import ---------------------------------------------------------------

    def add_article(self, parsed: ParsedArticle) -> tuple[ImportStatus, int]:
        """Store one parsed article in one transaction; a duplicate adds nothing.

        Returns the status and the id of the new or the already stored article.
        """
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
                {
                    "title": parsed.title,
                    "subtitle": parsed.subtitle,
                    "author": parsed.author,
                    "source": parsed.source,
                    "published": parsed.published,
                    "language": parsed.language,
                    "url": parsed.url,
                    "sections": json.dumps(parsed.sections, ensure_ascii=False),
                    "excerpt": parsed.excerpt,
                    "footer": parsed.footer,
                    "markdown": parsed.markdown,
                    "text": canonical.text,
                    "blocks": blocks_to_json(canonical.blocks),
                    "word_count": word_count(canonical.text),
                    "content_hash": digest,
                    "source_path": parsed.source_path,
                    "source_format": parsed.source_format,
                    "original": zlib.compress(parsed.original) if parsed.original else None,
                    "imported_at": now,
                    "modified_at": now,
                    "read": 0,
                    "starred": 0,
                }
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
            return n

        for parsed in items:
            canonical = cache.get(parsed.markdown)
            if canonical is None:
                canonical = markdown_to_canonical(parsed.markdown)
                if len(cache) < 256:  # generated sets repeat bodies; real ones rarely do
                    cache[parsed.markdown] = canonical
            now = utc_now()
            rows.append(
                {
                    "title": parsed.title,
                    "subtitle": parsed.subtitle,
                    "author": parsed.author,
                    "source": parsed.source,
                    "published": parsed.published,
                    "language": parsed.language,
                    "url": parsed.url,
                    "sections": json.dumps(parsed.sections, ensure_ascii=False),
                    "excerpt": parsed.excerpt,
                    "footer": parsed.footer,
                    "markdown": parsed.markdown,
                    "text": canonical.text,
                    "blocks": blocks_to_json(canonical.blocks),
                    "word_count": word_count(canonical.text),
                    "content_hash": content_hash(parsed.title, canonical.text),
                    "source_path": parsed.source_path,
                    "source_format": parsed.source_format,
                    "original": None,
                    "imported_at": now,
                    "modified_at": now,
                    "read": 0,
                    "starred": 0,
                }
            )
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
        from reader.importers import parse_file_safe

        return self._store_parsed(*parse_file_safe(Path(path)))

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike],
        recursive: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Import files and folders; each article is its own transaction.

        `progress(done, total, outcome)` is called after each file; when
        `cancelled()` turns true the batch stops after the current file. Large
        batches are parsed in worker processes (parsing, not storage, is what costs);
        articles are still stored here, one transaction each, in the files' order.
        """
        from reader.importers import expand_paths

        files = list(expand_paths([Path(p) for p in paths], recursive))
        summary = ImportSummary()
        with _parsed_in_parallel(files) as parsed_files:
            for done, (path, parsed, reason) in enumerate(parsed_files, start=1):
                if cancelled and cancelled():
                    break
                outcome = self._store_parsed(path, parsed, reason)
                summary.outcomes.append(outcome)
                if progress:
                    progress(done, len(files), outcome)
        return summary

    def _store_parsed(
        self, path: Path, parsed: ParsedArticle | None, reason: str | None
    ) -> ImportOutcome:
        if parsed is None:
            return ImportOutcome(str(path), ImportStatus.FAILED, reason=reason)
        try:
            status, article_id = self.add_article(parsed)
        except ReaderError as e:
            return ImportOutcome(str(path), ImportStatus.FAILED, reason=str(e))
        return ImportOutcome(str(path), status, article_id)

    # -- read -----------------------------------------------------------------

    def article(self, article_id: int) -> Article:
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return _article(row)

    def blocks(self, article_id: int) -> list[Block]:
        """The block structure of the article's canonical text."""
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return blocks_from_json(row["blocks"])

    def count_articles(self, scope: Scope | None = None) -> int:
        """How many articles the library holds, or how many a scope selects."""
        if scope is None or scope == Scope():
            return self._store.articles.count()
        return self._store.articles.count_scope(scope)

    def list_articles(
        self,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "imported_at",
        descending: bool = True,
        scope: Scope | None = None,
    ) -> list[ArticleSummary]:
        """A page of the library list (no texts), sorted by a column or by `"rank"`."""
        rows = self._store.articles.summaries(offset, limit, order_by, descending, scope)
        return [_summary(r) for r in rows]

    def sources(self) -> list[tuple[str, int]]:
        """Every source with its article count, most common first."""
        return self._store.articles.distinct("source")

    def languages(self) -> list[tuple[str, int]]:
        return self._store.articles.distinct("language")

    # -- article state ----------------------------------------------------------

    def set_read(self, article_id: int, read: bool = True) -> None:
        self._require(article_id)
        with self._store.atomic():
            self._store.articles.set_flags(article_id, read=int(read))

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self._require(article_id)
        with self._store.atomic():
            self._store.articles.set_flags(article_id, starred=int(starred))

    def delete_article(self, article_id: int) -> None:
        """Delete an article and its annotations, in one transaction."""
        self._require(article_id)
        with self._store.atomic():
            self._store.articles.delete(article_id)

    def _require(self, article_id: int) -> None:
        if not self._store.articles.exists(article_id):
            raise NotFound(f"no article with id {article_id}")

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search on title and text, best first. Safe for any input."""
        rows = self._store.articles.search(query, limit, offset)
        return [
            SearchHit(
                id=r["id"],
                title=r["title"],
                snippet=" ".join((r["snippet"] or "").split()),
                rank=r["rank"],
                source=r["source"],
                published=r["published"],
            )
            for r in rows
        ]

    def iter_article_rows(self) -> Iterator[dict[str, Any]]:
        """Every article as an export row (the public field names), in id order."""
        from reader.exporters.articles import ARTICLE_FIELDS

        for row in self._store.articles.iter_all():
            out = {k: row.get(k) for k in ARTICLE_FIELDS}
            out["sections"] = json.loads(row["sections"] or "[]")
            yield out

    # -- re-extraction --------------------------------------------------------

    def reextract(self, article_ids: list[int] | None = None) -> list[ReextractOutcome]:
        """Rebuild markdown, text and blocks from each article's kept original HTML.

        `None` means every article that keeps an original. One transaction per
        article. Annotations are re-anchored on the new text; those that cannot
        be found are marked orphaned (never dropped), and the outcome says how many.
        """
        from reader.importers.html import parse_html_bytes

        articles = self._store.articles
        ids = articles.ids_with_original() if article_ids is None else list(article_ids)
        outcomes: list[ReextractOutcome] = []
        for article_id in ids:
            row = articles.get(article_id)
            if row is None:
                outcomes.append(ReextractOutcome(article_id, "failed", "no such article"))
                continue
            if not row["original"]:
                outcomes.append(ReextractOutcome(article_id, "skipped", "no original kept"))
                continue
            try:
                parsed = parse_html_bytes(zlib.decompress(row["original"]), row["source_path"])
            except (ReaderError, zlib.error) as e:
                outcomes.append(ReextractOutcome(article_id, "failed", str(e)))
                continue
            canonical = markdown_to_canonical(parsed.markdown)
            if canonical.text == row["text"] and parsed.markdown == row["markdown"]:
                outcomes.append(ReextractOutcome(article_id, "unchanged"))
                continue
            digest = content_hash(row["title"], canonical.text)
            with self._store.atomic():
                other = articles.id_for_hash(digest)
                if other is not None and other != article_id:
                    reason = f"the new text is that of article {other}"
                    outcomes.append(ReextractOutcome(article_id, "skipped", reason))
                    continue
                articles.update_content(
                    article_id,
                    {
                        "markdown": parsed.markdown,
                        "text": canonical.text,
                        "blocks": blocks_to_json(canonical.blocks),
                        "word_count": word_count(canonical.text),
                        "content_hash": digest,
                        "modified_at": utc_now(),
                    },
                )
                report = self._reanchor(article_id, row["text"], canonical.text)
            moved = report.moved + report.fuzzy
            note = None
            if moved or report.orphaned:
                note = (
                    f"annotations: {report.same} unchanged, {moved} re-anchored, "
                    f"{report.orphaned} orphaned"
                )
            outcomes.append(ReextractOutcome(article_id, "updated", note))
        return outcomes

    # -- export ---------------------------------------------------------------

    def export_articles(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        raw: bool = False,
        excel: bool = False,
    ) -> int:
        """Write every article as `jsonl` or `csv` to a file (atomically) or stdout.

        CSV: formula-like cells are neutralised unless `raw`; `excel` adds the BOM.
        """
        from reader.exporters.articles import write_articles

        return write_articles(self.iter_article_rows(), fmt, destination, raw=raw, excel=excel)
