"""One source however it is spelled: "NYTimes", "Nytimes" and "NY Times" are one key.

The key (case folded, white space removed) is an SQL function registered on every
connection, so the source filter and the statistics group by it; what is shown is the
spelling of the first article imported with that key.
"""

from __future__ import annotations

import sqlite3
import unicodedata

SQL_NAME = "source_key"


def source_key(source: str | None) -> str | None:
    """The normalised key of a source name (None stays None)."""
    if source is None:
        return None
    return "".join(unicodedata.normalize("NFKC", source).casefold().split())


def register(conn: sqlite3.Connection) -> None:
    conn.create_function(SQL_NAME, 1, source_key, deterministic=True)
