"""Pages of a plain search read from the full-text index before any article.

A search that only the main index answers (no other filter, no spaceless or symbol
part) gets its page from `articles_fts` alone, ranked or in id order, and reads the
rows of that page only. Joining the articles first read every match's row, and the
list's columns sit after the text in it: 44,000 rows for a common word in 100,000
articles, which cost more than the search itself. Each function gives the same rows,
in the same order, as the SQL it replaces (`ArticleTable.summaries`, `.search`), or
None when it cannot promise that; the caller then runs that SQL.
"""

from __future__ import annotations

import sqlite_utils

# Columns of the library list: never the text. Counts come from `article_stats`
# (kept by triggers, schema v3), joined as `c`.
# The rows are tuples in the order of `ArticleSummary`'s fields, built positionally.
SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.published, a.language, "
    "c.annotations AS annotation_count, a.read, a.starred"
)
STATS_JOIN = "JOIN article_stats c ON c.article_id = a.id"
SNIPPET = "snippet(articles_fts, -1, '[', ']', '…', 12)"
# Pages read this way at most (offset + limit): the rows of all of them are read.
MOST = 1000
# Index entries looked at, at most, to show that the index's id order is the page's.
WALK = 50_000


def ranked(db: sqlite_utils.Database, fts: str, limit: int, offset: int) -> list[tuple[int, float]]:
    """(id, bm25) of a page of the matches, best first and ties by id: SQLite's own
    sorter on the index's rows (FTS5's `ORDER BY rank` sorts slower)."""
    sql = (
        "SELECT rowid, bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY 2, rowid LIMIT ? OFFSET ?"
    )
    return db.execute(sql, [fts, limit, offset]).fetchall()


def hits(db: sqlite_utils.Database, fts: str, limit: int, offset: int) -> list[dict] | None:
    """Search hits with their snippets (`ArticleTable.search`): the snippet of only the
    page's articles, each found again by its id in the index."""
    if not 0 <= limit <= MOST or offset < 0:
        return None
    page = ranked(db, fts, limit, offset)
    if not page:
        return []
    marks = ", ".join("?" * len(page))
    sql = (
        f"SELECT a.id, a.title, a.source, a.published, {SNIPPET} FROM articles_fts "
        "JOIN articles a ON a.id = articles_fts.rowid "
        f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})"
    )
    found = {r[0]: r for r in db.execute(sql, [fts, *(i for i, _ in page)])}
    if len(found) != len(page):
        return None  # an index row without its article: the join decides
    keys = ("id", "title", "source", "published", "snippet", "rank")
    return [dict(zip(keys, (*found[i], rank), strict=True)) for i, rank in page]


def summaries(db: sqlite_utils.Database, ids: list[int], order: str = "") -> list[tuple] | None:
    """The list's rows of these articles (tuples of `SUMMARY_COLUMNS`), in the order given,
    or sorted by `order` (SQL) with their `imported_at` last; None when one has no row."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    extra, by = (", a.imported_at", f" ORDER BY {order}") if order else ("", "")
    sql = (
        f"SELECT {SUMMARY_COLUMNS}{extra} FROM articles a {STATS_JOIN} WHERE a.id IN ({marks}){by}"
    )
    rows = db.execute(sql, ids).fetchall()
    if len(rows) != len(ids):
        return None
    if order:
        return rows
    at = {r[0]: r for r in rows}
    return [at[i] for i in ids]


def by_rank(db: sqlite_utils.Database, fts: str, limit: int, offset: int) -> list[tuple] | None:
    """A page of the list sorted by relevance (bm25, then id)."""
    if not 0 <= limit <= MOST or offset < 0:
        return None
    return summaries(db, [i for i, _ in ranked(db, fts, limit, offset)])


def by_id(
    db: sqlite_utils.Database, fts: str, limit: int, offset: int, descending: bool
) -> list[tuple] | None:
    """A page of the list in id order: the index's own order."""
    if not 0 <= limit <= MOST or offset < 0:
        return None
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
        f"ORDER BY rowid {direction} LIMIT ? OFFSET ?"
    )
    return summaries(db, [r[0] for r in db.execute(sql, [fts, limit, offset])])


def by_import(
    db: sqlite_utils.Database, fts: str, limit: int, offset: int, descending: bool
) -> list[tuple] | None:
    """A page of the list by import time (ties by id), when the index's id order gives it.

    Articles are imported in id order as a rule, so the `offset + limit` matches of the
    highest ids (lowest, ascending) are those of the page. That holds when they all lie
    above the library's disorder mark (`disorder`: no row read), or else when no article
    of a lower id was imported after the last of them, which one short walk of the
    import time's index checks. None when it does not hold (a merge keeps the other
    library's import times) or an import time is missing: the caller sorts every match.
    """
    n = offset + limit
    if limit < 0 or offset < 0 or n > MOST:
        return None
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
        f"ORDER BY rowid {direction} LIMIT ?"
    )
    ids = [r[0] for r in db.execute(sql, [fts, n])]
    if not ids or min(ids) > disorder(db):
        # Imported in id order: the page is the index's, and no row's import time is
        # read (it lies after the text in the row: 0.4 ms for 200 Cyrillic articles).
        rows = summaries(db, ids)
        return None if rows is None else rows[offset:]
    order = f"a.imported_at {direction}, a.id {direction}"
    rows = summaries(db, ids, order)
    if rows is None or any(r[-1] is None for r in rows):
        return None
    if len(ids) == n and rows and _later_elsewhere(db, ids[-1], rows[-1][-1], descending):
        return None
    return [r[:-1] for r in rows[offset:]]


def disorder(db: sqlite_utils.Database) -> int:
    """The highest article id at or below which import times may not follow the ids
    (schema 17's `import_order`, kept by triggers): above it every article was imported
    after all those of lower ids, so import order is id order there."""
    row = db.execute("SELECT disorder FROM import_order").fetchone()
    return row[0] if row else 2**63 - 1


def _later_elsewhere(db: sqlite_utils.Database, edge: int, at: str, descending: bool) -> bool:
    """Whether an article beyond `edge` (a lower id, or higher ascending) may come before
    `at` in the page's order: then the index's first matches may not be the page's.

    Looks at the articles imported after `at` (before, ascending), as many as `WALK` at
    most: articles in id order are a few past the page's edge, while sparse matches in
    a large library would walk much of the index (then "maybe", and the caller sorts).
    """
    if descending:
        newer = "imported_at > ?"
        beyond = "id < ?"
    else:
        newer = "(imported_at < ? OR imported_at IS NULL)"
        beyond = "id > ?"
    sql = (
        f"SELECT count(*), max({beyond}) FROM (SELECT id FROM articles "
        f"INDEXED BY idx_articles_imported_at WHERE {newer} LIMIT ?)"
    )
    seen, later = db.execute(sql, [edge, at, WALK]).fetchone()
    return seen >= WALK or bool(later)
