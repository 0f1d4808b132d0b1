"""SQL for the articles table and its full-text index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from reader.store.search import plain_terms_query

# Columns of the library list: never the text.
SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.published, a.language, a.read, a.starred, "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotation_count"
)
SORTABLE = {
    "title": "a.title COLLATE NOCASE",
    "source": "a.source",
    "published": "a.published",
    "language": "a.language",
    "annotation_count": "annotation_count",
    "read": "a.read",
    "starred": "a.starred",
    "imported_at": "a.imported_at",
    "id": "a.id",
}


class ArticleTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> int:
        return self.db["articles"].insert(row).last_pk

    def id_for_hash(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def get(self, article_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        return rows[0] if rows else None

    def exists(self, article_id: int) -> bool:
        return bool(self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone())

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def summaries(
        self,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "imported_at",
        descending: bool = True,
    ) -> list[dict[str, Any]]:
        order = SORTABLE.get(order_by, "a.imported_at")
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles a "
            f"ORDER BY {order} {direction}, a.id {direction} LIMIT ? OFFSET ?"
        )
        return list(self.db.query(sql, [limit, offset]))

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Ranked full-text search. The query is tried as FTS5 syntax, then as plain terms."""
        sql = (
            "SELECT a.id, a.title, a.source, a.published, "
            "snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet, "
            "bm25(articles_fts) AS rank "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
        )
        for q in (query, plain_terms_query(query)):
            if not q.strip():
                return []
            try:
                return list(self.db.query(sql, [q, limit, offset]))
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    raise
                continue  # FTS5 syntax error: fall back to plain terms
        return []

    def iter_all(self, columns: str = "*") -> Iterator[dict[str, Any]]:
        yield from self.db.query(f"SELECT {columns} FROM articles ORDER BY id")

    def set_flags(self, article_id: int, **flags: int) -> None:
        self.db["articles"].update(article_id, flags)

    def delete(self, article_id: int) -> None:
        self.db.execute("DELETE FROM annotations WHERE article_id = ?", [article_id])
        self.db["articles"].delete(article_id)
