"""Per-library entity models: the CRF trained on the library's own marks, as a blob.

Kept inside the library (no file beside it), replaced whole in one transaction. The
fingerprint says which state of the marks a model was trained on.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

# What a trained model depends on: the entity marks (their count, newest id, positions
# and labels). Cheap enough to compute before every suggestion.
_FINGERPRINT = """SELECT count(*), coalesce(max(id), 0),
    total(start * 7 + "end" * 3 + length(label) * 11 + unicode(label))
    FROM annotations WHERE kind = 'entity' AND status = 'ok'"""


class ModelTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def fingerprint(self) -> str:
        n, newest, total = self.db.execute(_FINGERPRINT).fetchone()
        return f"{n}:{newest}:{int(total)}"

    def trained_on(self, name: str) -> str | None:
        """The fingerprint of the marks a stored model was trained on (without its data)."""
        row = self.db.execute("SELECT fingerprint FROM models WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def get(self, name: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT name, data, fingerprint, labels, marks, trained FROM models WHERE name = ?",
            [name],
        ).fetchone()
        if row is None:
            return None
        keys = ("name", "data", "fingerprint", "labels", "marks", "trained")
        out = dict(zip(keys, row, strict=True))
        out["labels"] = json.loads(out["labels"])
        return out

    def put(self, name: str, data: bytes, fingerprint: str, labels: list[str], marks: int) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.conn:
            self.db.execute(
                "INSERT OR REPLACE INTO models (name, data, fingerprint, labels, marks, trained) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [name, data, fingerprint, json.dumps(labels), marks, stamp],
            )

    def training_marks(self, limit: int) -> list[tuple[int, int, int, str]]:
        """(article_id, start, end, label) of the newest `limit` entity marks."""
        rows = self.db.execute(
            """SELECT article_id, start, "end", label FROM annotations
               WHERE kind = 'entity' AND status = 'ok' ORDER BY id DESC LIMIT ?""",
            [limit],
        ).fetchall()
        return [tuple(r) for r in rows]
