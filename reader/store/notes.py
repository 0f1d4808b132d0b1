"""Matching the notes written on marks: every word of a query, in any case and script.

SQLite's `lower()` and `LIKE` fold ASCII only, so rows are pre-filtered by SQL (marks
with a note; a word without case, such as CJK or an emoji, by `instr`) and matched here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import sqlite_utils


def note_terms(query: str) -> list[str]:
    """The query's words (a quoted phrase is one), case-folded; no syntax can fail."""
    found = re.findall(r'"([^"]*)"?|(\S+)', query)
    return [t.casefold() for q, w in found if (t := (q or w).strip())]


def matching_notes(db: sqlite_utils.Database, query: str) -> Iterator[dict[str, Any]]:
    """Marks whose note holds every word of `query`, with their article's title, in
    article then text order. One pass over the marks that have a note."""
    from reader.store.search import is_text

    terms = note_terms(query)
    if not terms or not is_text(query):
        return  # lone surrogates (invalid UTF-8 in argv): no note holds one
    caseless = [t for t in terms if t.upper() == t.lower()]
    needle = max(caseless, key=len) if caseless else ""
    sql = (
        "SELECT n.id, n.article_id, n.kind, n.label, n.exact, n.note, n.start, a.title "
        "FROM annotations n JOIN articles a ON a.id = n.article_id "
        "WHERE n.note IS NOT NULL AND n.note != '' AND instr(n.note, ?) "
        "ORDER BY n.article_id, n.start, n.id"
    )
    for row in db.query(sql, [needle]):
        note = row["note"].casefold()
        if all(t in note for t in terms):
            yield row


def noted_article_ids(db: sqlite_utils.Database, query: str) -> list[int]:
    """The articles with at least one mark whose note matches `query`."""
    return list(dict.fromkeys(r["article_id"] for r in matching_notes(db, query)))
