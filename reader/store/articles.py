"""SQL for the articles table and its full-text index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store import search_pages
from reader.store.schema import FTS_COLUMNS
from reader.store.search import Plan, plan
from reader.store.search_pages import STATS_JOIN, SUMMARY_COLUMNS
from reader.store.spaceless import has_spaceless, index_rows, reindex, runs

# Searches with at least this many matches page through an index (see `summaries`).
FEW_MATCHES = 2000
SORTABLE = {
    "title": "a.title COLLATE NOCASE",
    "source": "a.source",
    "published": "a.published",
    "language": "a.language",
    "annotation_count": "c.annotations",
    "read": "a.read",
    "starred": "a.starred",
    "imported_at": "a.imported_at",
    "id": "a.id",
}


ENTITY_COLUMNS = {
    "": ("entity_id", "speaker_id"),
    "mention": ("entity_id",),
    "speaker": ("speaker_id",),
}


def entity_clause(scope: Scope, alias: str = "a") -> tuple[str, list[Any]]:
    """SQL condition: the article names or quotes any (or, with `all_entities`, every) one
    of `scope.entity_ids`. Subqueries on the indexed entity/speaker columns, so that the
    cost follows the entity's annotations rather than the library's size."""
    if scope.entity_role not in ENTITY_COLUMNS:
        raise ValueError(f"unknown entity role {scope.entity_role!r}")
    columns = ENTITY_COLUMNS[scope.entity_role]

    def articles_of(ids: tuple[int, ...]) -> str:
        marks = ", ".join("?" * len(ids))
        selects = [f"SELECT article_id FROM annotations WHERE {c} IN ({marks})" for c in columns]
        return f"{alias}.id IN ({' UNION '.join(selects)})"

    if scope.all_entities:
        ids = tuple(dict.fromkeys(scope.entity_ids))
        return (
            "(" + " AND ".join(articles_of((i,)) for i in ids) + ")",
            [i for i in ids for _ in columns],
        )
    return articles_of(scope.entity_ids), [i for _ in columns for i in scope.entity_ids]


class ArticleTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._plans: dict[tuple[str, bool], Plan] = {}
        # The last search counted, with the state of the library it was counted in: the
        # list counts a search, then asks whether it has many matches (`summaries`).
        self._counted: tuple[str, tuple[int, int], int] | None = None

    def insert(self, row: dict[str, Any]) -> int:
        # Plain INSERT: sqlite-utils' insert() inspects the table on every call, which
        # was most of the cost of an import.
        columns = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" * len(row))
        cursor = self.db.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks})", list(row.values())
        )
        self._index_spaceless([cursor.lastrowid], [row])
        return cursor.lastrowid

    def _index_spaceless(
        self, ids: list[int | None], rows: list[dict[str, Any]], fresh: bool = True
    ) -> None:
        """Keep the side index of spaceless scripts (no SQL trigger can split the text)."""
        index_rows(
            self.db,
            (
                (i, *(r.get(c) for c in FTS_COLUMNS))
                for i, r in zip(ids, rows, strict=True)
                if i is not None
                and (not fresh or any(has_spaceless(r.get(c)) for c in FTS_COLUMNS))
            ),
            fresh,
        )

    def insert_many(self, rows: list[dict[str, Any]]) -> int:
        """Insert rows, skipping any whose content hash is already stored; returns how many
        were added."""
        before = self.count()
        self.db["articles"].insert_all(rows, ignore=True, batch_size=500)
        spaceless = [r for r in rows if any(has_spaceless(r.get(c)) for c in FTS_COLUMNS)]
        ids = [self.id_for_hash(r["content_hash"]) for r in spaceless]
        self._index_spaceless(ids, spaceless, fresh=False)
        return self.count() - before

    def id_for_hash(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def id_for_url(self, url: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE url = ? LIMIT 1", [url]).fetchone()
        return row[0] if row else None

    def get(self, article_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        return rows[0] if rows else None

    def text_of(self, article_id: int) -> str | None:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def exists(self, article_id: int) -> bool:
        return bool(self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone())

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def effective_plan(self, query: str, prefix: bool = False) -> Plan:
        """The query's plan with `main` set to the first of its FTS5 forms that SQLite
        accepts (the user's syntax, then plain terms).

        Remembered: whether SQLite accepts a query does not depend on the data, and the
        probe costs as much as a search for a prefix (the list asks three times a page).
        """
        key = (query, prefix)
        if key not in self._plans:
            if len(self._plans) >= 256:
                self._plans.clear()
            self._plans[key] = self._probe(plan(query, prefix))
        return self._plans[key]

    def _probe(self, p: Plan) -> Plan:
        for q in (p.syntax_first, p.main):
            if not q:
                continue
            try:
                sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1"
                self.db.execute(sql, [q]).fetchall()
                return Plan(q, p.cjk, p.needles)
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    raise
        return Plan("", p.cjk, p.needles)

    def effective_fts(self, query: str, prefix: bool = False) -> str | None:
        """The main-index FTS5 query of a search, or None."""
        return self.effective_plan(query, prefix).main or None

    def match_clause(self, p: Plan, alias: str = "a", plus: str = "") -> tuple[str, list[Any]]:
        """SQL condition: the article matches every part of the plan (nothing when empty)."""
        if p.empty:
            return "0", []
        clauses: list[str] = []
        params: list[Any] = []
        for table, q in (("articles_fts", p.main), ("articles_cjk", p.cjk)):
            if q:
                clauses.append(
                    f"{plus}{alias}.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
                )
                params.append(q)
        for term in p.needles:
            columns = (term.field,) if term.field else FTS_COLUMNS
            clauses.append("(" + " OR ".join(f"instr({alias}.{c}, ?)" for c in columns) + ")")
            params.extend(term.text for _ in columns)
        return " AND ".join(clauses), params

    def scope_where(
        self, scope: Scope, alias: str = "a", fts_drives: bool = True
    ) -> tuple[str, list[Any]]:
        """SQL condition (and parameters) selecting the articles of a scope.

        `fts_drives=False` keeps SQLite from looking articles up by the search's ids,
        so that a sorted page walks the sort's index instead (see `summaries`).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if scope.query.strip() and scope.notes:
            from reader.store.notes import noted_article_ids

            clauses.append(f"{alias}.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(noted_article_ids(self.db, scope.query)))
        elif scope.query.strip():
            p = self.effective_plan(scope.query, scope.prefix)
            clause, values = self.match_clause(p, alias, "" if fts_drives else "+")
            clauses.append(clause)
            params.extend(values)
        if scope.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(scope.since)
        if scope.until:
            clauses.append(f"substr({alias}.published, 1, 10) <= ?")
            params.append(scope.until)
        if scope.sources:  # one source however it is spelled (see store/sources.py)
            marks = ", ".join("source_key(?)" for _ in scope.sources)
            clauses.append(f"source_key({alias}.source) IN ({marks})")
            params.extend(scope.sources)
        if scope.languages:
            clauses.append(f"{alias}.language IN ({', '.join('?' * len(scope.languages))})")
            params.extend(scope.languages)
        if scope.article_ids:
            clauses.append(f"{alias}.id IN ({', '.join('?' * len(scope.article_ids))})")
            params.extend(scope.article_ids)
        if scope.entity_ids:
            clause, values = entity_clause(scope, alias)
            clauses.append(clause)
            params.extend(values)
        if scope.attributes:
            from reader.store.attributes import scope_clause

            clause, values = scope_clause(scope.attributes, alias)
            clauses.append(clause)
            params.extend(values)
        if scope.feed_ids:
            marks = ", ".join("?" * len(scope.feed_ids))
            clauses.append(
                f"{alias}.id IN (SELECT article_id FROM feed_items WHERE feed_id IN ({marks}))"
            )
            params.extend(scope.feed_ids)
        if scope.annotators:
            marks = ", ".join("?" * len(scope.annotators))
            clauses.append(
                f"{alias}.id IN (SELECT article_id FROM annotations WHERE annotator IN ({marks}))"
            )
            params.extend(scope.annotators)
        if scope.has_annotations is not None:
            exists = f"EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = {alias}.id)"
            clauses.append(exists if scope.has_annotations else f"NOT {exists}")
        return (" AND ".join(clauses) or "1"), params

    def ids_in_scope(self, scope: Scope) -> list[int]:
        where, params = self.scope_where(scope)
        sql = f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id"
        return [r[0] for r in self.db.execute(sql, params).fetchall()]

    def count_scope(self, scope: Scope) -> int:
        p = self.effective_plan(scope.query, scope.prefix)
        only_main = p.main and not (p.cjk or p.needles)
        if only_main and scope == Scope(query=scope.query, prefix=scope.prefix):
            # Only a search: the full-text index counts its matches without reading articles
            # (each article has exactly one row there, kept by triggers).
            fts = p.main
            sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
            count = self.db.execute(sql, [fts]).fetchone()[0]
            self._counted = (fts, self._state(), count)
            return count
        where, params = self.scope_where(scope)
        return self.db.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[
            0
        ]

    def summaries(
        self,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "imported_at",
        descending: bool = True,
        scope: Scope | None = None,
    ) -> list[tuple]:
        """Rows of the library list (never the text) for a scope, sorted and paged, as
        tuples in the order of `ArticleSummary`'s fields (`SUMMARY_COLUMNS`).

        `order_by="rank"` sorts a full-text search by relevance.
        """
        scope = scope or Scope()
        direction = "DESC" if descending else "ASC"
        p = self.effective_plan(scope.query, scope.prefix)
        rows = self._from_index(p, scope, offset, limit, order_by, descending)
        if rows is not None:
            return rows
        if order_by == "rank" and scope.query.strip() and not scope.notes and (p.main or p.cjk):
            where, params = self.scope_where(scope)
            table, fts = ("articles_fts", p.main) if p.main else ("articles_cjk", p.cjk)
            sql = (
                f"SELECT {SUMMARY_COLUMNS} FROM {table} f JOIN articles a ON a.id = f.rowid "
                f"{STATS_JOIN} "
                f"WHERE {table} MATCH ? AND {where} ORDER BY bm25({table}), a.id "
                "LIMIT ? OFFSET ?"
            )
            return self.db.execute(sql, [fts, *params, limit, offset]).fetchall()
        # Many matches: the page walks the sort column's index and keeps matching rows;
        # sorting the matches instead reads every matching article (its text sits before
        # the sort columns in the row): 150 ms for a common word in 100,000 articles.
        # Few matches: looking them up and sorting them is quicker than the walk.
        searching = bool(scope.query.strip()) and not scope.notes
        many = searching and self._matches_at_least(scope, FEW_MATCHES)
        where, params = self.scope_where(scope, fts_drives=not many)
        order = SORTABLE.get(order_by, "a.imported_at")
        # Ties by id; for counts the stats table's own id, so that its index gives the order.
        tie = "c.article_id" if order == "c.annotations" else "a.id"
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles a {STATS_JOIN} WHERE {where} "
            f"ORDER BY {order} {direction}, {tie} {direction} LIMIT ? OFFSET ?"
        )
        return self.db.execute(sql, [*params, limit, offset]).fetchall()

    def _from_index(
        self, p: Plan, scope: Scope, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[tuple] | None:
        """The page from the full-text index alone when only it answers the scope (see
        `search_pages`); None otherwise."""
        if (
            not p.main
            or p.cjk
            or p.needles
            or scope != Scope(query=scope.query, prefix=scope.prefix)
        ):
            return None
        if order_by == "rank":
            return search_pages.by_rank(self.db, p.main, limit, offset)
        if order_by == "id":
            return search_pages.by_id(self.db, p.main, limit, offset, descending)
        if order_by == "imported_at":
            return search_pages.by_import(self.db, p.main, limit, offset, descending)
        return None

    def _matches_at_least(self, scope: Scope, n: int) -> bool:
        p = self.effective_plan(scope.query, scope.prefix)
        if p.main and not (p.cjk or p.needles):
            if self._counted and self._counted[:2] == (p.main, self._state()):
                return self._counted[2] >= n
            sql = (
                "SELECT count(*) FROM (SELECT rowid FROM articles_fts "
                "WHERE articles_fts MATCH ? LIMIT ?)"
            )
            return self.db.execute(sql, [p.main, n]).fetchone()[0] >= n
        where, params = self.match_clause(p)
        sql = f"SELECT count(*) FROM (SELECT a.id FROM articles a WHERE {where} LIMIT ?)"
        return self.db.execute(sql, [*params, n]).fetchone()[0] >= n

    def _state(self) -> tuple[int, int]:
        """Changes since a count: another connection's commits (data_version), this
        connection's writes (total_changes, rolled back or not)."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        return version, self.db.conn.total_changes

    def distinct(self, column: str) -> list[tuple[str, int]]:
        """Values of `source` or `language` with their article counts, most common first."""
        if column not in ("source", "language"):
            raise ValueError(column)
        # Sources group by their key; the bare column beside min(id) is, in SQLite, the
        # value of that row: the first-imported spelling.
        key = "source_key(source)" if column == "source" else column
        sql = (
            f"SELECT {column}, count(*), min(id) FROM articles WHERE {column} IS NOT NULL "
            f"GROUP BY {key} ORDER BY count(*) DESC, {column}"
        )
        return [(r[0], r[1]) for r in self.db.execute(sql).fetchall()]

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Ranked full-text search with a snippet; any input is safe."""
        p = self.effective_plan(query)
        if p.empty:
            return []
        if p.main:
            where, params = self.match_clause(Plan("", p.cjk, p.needles))
            if where == "0":  # the main index alone answers
                hits = search_pages.hits(self.db, p.main, limit, offset)
                if hits is not None:
                    return hits
            rest = "" if where == "0" else f"AND {where} "
            sql = (
                "SELECT a.id, a.title, a.source, a.published, "
                "snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet, "
                "bm25(articles_fts) AS rank "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? {rest}ORDER BY rank, a.id LIMIT ? OFFSET ?"
            )
            return list(self.db.query(sql, [p.main, *params, limit, offset]))
        where, params = self.match_clause(p)
        if p.cjk:  # best first by the side index's own ranking
            sql = (
                "SELECT a.id, a.title, a.source, a.published, a.subtitle, a.text, "
                "bm25(articles_cjk) AS rank FROM articles_cjk "
                "JOIN articles a ON a.id = articles_cjk.rowid "
                f"WHERE {where} ORDER BY rank, a.id LIMIT ? OFFSET ?"
            )
            needle = runs(query)[0]
        else:  # emoji, symbols: no index holds them; one pass over the texts
            sql = (
                "SELECT a.id, a.title, a.source, a.published, a.subtitle, a.text, 0.0 AS rank "
                f"FROM articles a WHERE {where} ORDER BY a.id LIMIT ? OFFSET ?"
            )
            needle = p.needles[0].text
        return [_snippet(row, needle) for row in self.db.query(sql, [*params, limit, offset])]

    def ids_matching(self, fts: str, scope: Scope) -> Iterator[tuple[int, str]]:
        """(id, text) of the scope's articles that the FTS5 query may match."""
        where, params = self.scope_where(scope)
        # The caller's own FTS5 query (OR of quoted forms), not a user's search: no plan.
        fts_ok = bool(fts) and self.effective_plan(fts).main == fts
        if fts_ok:
            where += " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            params.append(fts)
        for row in self.db.execute(f"SELECT a.id, a.text FROM articles a WHERE {where}", params):
            yield row[0], row[1]

    def iter_all(self, columns: str = "*") -> Iterator[dict[str, Any]]:
        yield from self.db.query(f"SELECT {columns} FROM articles ORDER BY id")

    def set_flags(self, article_id: int, **flags: int) -> None:
        self.db["articles"].update(article_id, flags)

    def set_metadata(self, article_id: int, values: dict[str, str | None]) -> None:
        self.db["articles"].update(article_id, values)
        if any(c in values for c in FTS_COLUMNS):
            self._reindex_spaceless(article_id)

    def delete(self, article_id: int) -> None:
        self.db.execute("DELETE FROM annotations WHERE article_id = ?", [article_id])
        self.db["articles"].delete(article_id)

    # -- re-extraction -----------------------------------------------------------

    def ids_with_original(self) -> list[int]:
        """Ids of the articles that keep their original (HTML) bytes."""
        sql = "SELECT id FROM articles WHERE original IS NOT NULL ORDER BY id"
        return [r[0] for r in self.db.execute(sql).fetchall()]

    def original(self, article_id: int) -> bytes | None:
        """The stored (zlib-compressed) original of an article, or None."""
        row = self.db.execute("SELECT original FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def annotation_count(self, article_id: int) -> int:
        sql = "SELECT count(*) FROM annotations WHERE article_id = ?"
        return self.db.execute(sql, [article_id]).fetchone()[0]

    def update_content(self, article_id: int, fields: dict[str, Any]) -> None:
        """Replace an article's markdown/text/blocks (and derived columns)."""
        self.db["articles"].update(article_id, fields)
        self._reindex_spaceless(article_id)

    def _reindex_spaceless(self, article_id: int) -> None:
        reindex(self.db, article_id)


def _snippet(row: dict[str, Any], needle: str) -> dict[str, Any]:
    """A search hit's snippet around the first `needle` in the text (or standfirst)."""
    for field in ("text", "subtitle"):
        value = row.pop(field) or ""
        at = value.find(needle)
        if at >= 0 and "snippet" not in row:
            before = value[max(0, at - 60) : at]
            after = value[at + len(needle) : at + len(needle) + 60]
            row["snippet"] = f"…{before}[{needle}]{after}…"
    row.setdefault("snippet", row["title"])
    return row
