"""`Library`: the one facade the CLI and the GUI use. It owns transactions (and, later, undo)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.annotating import AnnotationsMixin
from reader.errors import NotFound
from reader.exporting import ExportMixin
from reader.importing import ImportingMixin
from reader.model import (
    Article,
    ArticleSummary,
    Scope,
    SearchHit,
)
from reader.registry import EntitiesMixin
from reader.statistics import StatisticsMixin
from reader.suggesting import SuggestionsMixin
from reader.text.blocks import Block, blocks_from_json
from reader.undo import UndoStack


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


class Library(
    ImportingMixin,
    AnnotationsMixin,
    EntitiesMixin,
    SuggestionsMixin,
    StatisticsMixin,
    ExportMixin,
):
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
        from reader.libfiles import is_library_or_companion

        if self.path is not None and is_library_or_companion(Path(other), self.path):
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
            out["published_date"] = (row.get("published") or "")[:10] or None
            yield out

    # -- re-extraction --------------------------------------------------------

    def export_articles(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        raw: bool = False,
        excel: bool = False,
        notes: list[str] | None = None,
    ) -> int:
        """Write every article as `jsonl`, `csv` or `xlsx` to a file (atomically) or stdout.

        CSV: formula-like cells are neutralised unless `raw`; `excel` adds the BOM.
        xlsx: what the user must know (cells split at the cell limit) goes to `notes`.
        """
        from reader.exporters.articles import write_articles, write_articles_xlsx

        if fmt == "xlsx":
            count, note = write_articles_xlsx(self.iter_article_rows, destination)
            if note and notes is not None:
                notes.append(note)
            return count
        return write_articles(self.iter_article_rows(), fmt, destination, raw=raw, excel=excel)
