"""Articles, a service of the `Library` facade: reading them, the list, search, their
read and starred flags, deleting them, and the articles export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound
from reader.model import Article, ArticleSummary, Changes, Scope, SearchHit
from reader.store.annotations import Step
from reader.text.blocks import Block, blocks_from_json

if TYPE_CHECKING:
    from reader.registry import RegistryService
    from reader.store import Store
    from reader.undo import History


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
        encoding=row.get("encoding"),
        imported_at=row["imported_at"] or "",
        read=bool(row["read"]),
        starred=bool(row["starred"]),
    )


class ArticlesService:
    """The articles table as the views see it."""

    def __init__(self, store: Store, history: History, registry: RegistryService) -> None:
        self._store = store
        self._history = history
        self._registry = registry

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
        # Positionally, from the store's tuples: a dict a row cost as much as the SQL.
        return [
            ArticleSummary(i, title, source, published, language, count or 0, bool(r), bool(s))
            for i, title, source, published, language, count, r, s in rows
        ]

    def sources(self) -> list[tuple[str, int]]:
        """Every source with its article count, most common first."""
        return self._store.articles.distinct("source")

    def languages(self) -> list[tuple[str, int]]:
        return self._store.articles.distinct("language")

    def set_read(self, article_id: int, read: bool = True) -> None:
        self._set_flag(article_id, "read", read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self._set_flag(article_id, "starred", starred)

    def _set_flag(self, article_id: int, flag: str, on: bool) -> None:
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        if bool(row[flag]) == on:
            return  # nothing changes, nothing to announce
        with self._store.atomic():
            self._store.articles.set_flags(article_id, **{flag: int(on)})
        self._history.announce(Changes(flags=frozenset({article_id})))

    def delete_article(self, article_id: int) -> None:
        """Delete an article and its annotations, in one transaction. Entities only its
        marks had created go too; undo entries that need the article are dropped."""
        self._require(article_id)
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            linked = self._store.annotations.linked_entities(article_id)
            self._store.articles.delete(article_id)
            self._registry.drop_orphans(linked, undo, redo)
        gone = {step.row_id for step in redo}
        self._history.forget(article_ids=[article_id], entity_ids=gone)
        self._history.announce(Changes(removed=frozenset({article_id}), entities=bool(gone)))

    def _require(self, article_id: int) -> None:
        if not self._store.articles.exists(article_id):
            raise NotFound(f"no article with id {article_id}")

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search on title, standfirst, author, source and text (with `field:`
        filters; any script, emoji too), best first. Safe for any input."""
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
