"""Feed subscriptions and the items they brought (tables `feeds`, `feed_items`)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

_COUNTS = """
SELECT f.id, f.name, f.url, f.full_text, f.title, f.last_checked, f.last_error,
       COUNT(a.id) AS articles, COALESCE(SUM(a.read = 0), 0) AS unread
FROM feeds f
LEFT JOIN feed_items i ON i.feed_id = f.id
LEFT JOIN articles a ON a.id = i.article_id
{where}
GROUP BY f.id
ORDER BY f.name COLLATE NOCASE, f.id
"""


class FeedTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def rows(self, names: list[str] | None = None) -> list[dict[str, Any]]:
        """Every feed (or those named), by name, with its articles and unread counts."""
        where, params = "", []
        if names is not None:
            where = f"WHERE f.name IN ({', '.join('?' * len(names))})"
            params = list(names)
        return list(self.db.query(_COUNTS.format(where=where), params))

    def get(self, feed_id: int) -> dict[str, Any] | None:
        return next(self.db.query("SELECT * FROM feeds WHERE id = ?", [feed_id]), None)

    def by_name(self, name: str) -> dict[str, Any] | None:
        return next(self.db.query("SELECT * FROM feeds WHERE name = ?", [name]), None)

    def by_url(self, url: str) -> dict[str, Any] | None:
        return next(self.db.query("SELECT * FROM feeds WHERE url = ?", [url]), None)

    def insert(self, row: dict[str, Any]) -> int:
        return int(self.db["feeds"].insert(row).last_pk)

    def update(self, feed_id: int, values: dict[str, Any]) -> None:
        self.db["feeds"].update(feed_id, values)

    def delete(self, feed_id: int) -> None:
        self.db.execute("DELETE FROM feeds WHERE id = ?", [feed_id])  # its items cascade

    def known_guids(self, feed_id: int) -> set[str]:
        rows = self.db.execute("SELECT guid FROM feed_items WHERE feed_id = ?", [feed_id])
        return {guid for (guid,) in rows.fetchall()}

    def add_item(self, feed_id: int, guid: str, article_id: int | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO feed_items (feed_id, guid, article_id) VALUES (?, ?, ?)",
            [feed_id, guid, article_id],
        )
