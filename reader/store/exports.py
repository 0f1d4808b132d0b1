"""SQL for exports (streaming joined rows) and for importing annotations back.

Rows come straight from an SQLite cursor as tuples, in article then text order,
so an export of a million annotations holds one row at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store.articles import ArticleTable
from reader.store.export_lines import marked_line

# An export never says "ok" for a mark whose text is not at its offsets (another program
# changed the article's text): such a mark goes out as "orphaned", as Reader shows it.
STATUS_OF = (
    "CASE WHEN n.status = 'ok' AND substr(a.text, n.start + 1, n.\"end\" - n.start) "
    "IS NOT n.exact THEN 'orphaned' ELSE {status} END"
)
STATUS = STATUS_OF.format(status="n.status")
# (public column name, SQL expression) of one annotation row; `n` annotations,
# `a` articles, `e` the tagged entity, `s` the speaker entity.
ANNOTATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("annotation_id", "n.id"),
    ("article_id", "a.id"),
    ("article_title", "a.title"),
    ("published", "a.published"),
    ("published_date", "substr(a.published, 1, 10)"),
    ("source", "a.source"),
    ("author", "a.author"),
    ("url", "a.url"),
    ("language", "a.language"),
    ("kind", "n.kind"),
    ("label", "n.label"),
    ("text", "n.exact"),
    ("start", "n.start"),
    ("end", 'n."end"'),
    ("prefix", "n.prefix"),
    ("suffix", "n.suffix"),
    ("note", "n.note"),
    ("entity_id", "n.entity_id"),
    ("entity_name", "e.name"),
    ("entity_type", "e.type"),
    ("speaker_id", "n.speaker_id"),
    ("speaker_name", "s.name"),
    ("cue", "n.cue"),
    ("quote_type", "n.quote_type"),
    ("annotator", "n.annotator"),
    ("created", "n.created"),
    ("modified", "n.modified"),
    ("status", STATUS),
    ("origin", "n.origin"),
)
# What JSON formats add to the CSV columns (nested there, not flat).
EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("content_hash", "a.content_hash"),
    ("entity_aliases", "e.aliases"),
    ("entity_wikidata", "e.wikidata"),
    ("speaker_type", "s.type"),
    ("speaker_aliases", "s.aliases"),
    ("speaker_wikidata", "s.wikidata"),
    ("speaker_start", "n.speaker_start"),
    ("speaker_end", "n.speaker_end"),
    ("group_id", "n.group_id"),
)
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("annotation_id", "n.id"),
    ("article_id", "a.id"),
    ("article_title", "a.title"),
    ("published", "a.published"),
    ("published_date", "substr(a.published, 1, 10)"),
    ("source", "a.source"),
    ("author", "a.author"),
    ("url", "a.url"),
    ("language", "a.language"),
    ("quote", "n.exact"),
    ("start", "n.start"),
    ("end", 'n."end"'),
    ("speaker_id", "n.speaker_id"),
    ("speaker_name", "s.name"),
    ("speaker_type", "s.type"),
    ("speaker_start", "n.speaker_start"),
    ("speaker_end", "n.speaker_end"),
    ("cue", "n.cue"),
    ("quote_type", "n.quote_type"),
    ("group_id", "n.group_id"),
    ("label", "n.label"),
    ("note", "n.note"),
    ("annotator", "n.annotator"),
    ("status", STATUS),
)
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("annotation_id", "n.id"),
    ("entity_id", "n.entity_id"),
    ("entity_name", "e.name"),
    ("entity_type", "e.type"),
    ("text", "n.exact"),
    ("start", "n.start"),
    ("end", 'n."end"'),
    ("prefix", "n.prefix"),
    ("suffix", "n.suffix"),
    ("article_id", "a.id"),
    ("article_title", "a.title"),
    ("published", "a.published"),
    ("published_date", "substr(a.published, 1, 10)"),
    ("source", "a.source"),
    ("url", "a.url"),
    ("language", "a.language"),
    ("label", "n.label"),
    ("status", STATUS),
)
ENTITY_COLUMNS = (
    "entity_id",
    "name",
    "type",
    "aliases",
    "wikidata",
    "note",
    "mentions",
    "quotes",
    "articles",
)
TABLES = {"annotations": ANNOTATION_COLUMNS, "quotes": QUOTE_COLUMNS, "mentions": MENTION_COLUMNS}
ARTICLE_COLUMNS = (
    "id",
    "title",
    "subtitle",
    "author",
    "source",
    "published",
    "published_date",
    "language",
    "url",
    "content_hash",
    "text",
    "markdown",
)
_JOIN = (
    "FROM annotations n JOIN articles a ON a.id = n.article_id "
    "LEFT JOIN entities e ON e.id = n.entity_id "
    "LEFT JOIN entities s ON s.id = n.speaker_id"
)
# By n.article_id (= a.id): SQLite then walks idx_annotations_article_start and sorts
# only each article's marks, streaming; by a.id it sorted every row first.
_ORDER = 'n.article_id, n.start, n."end" DESC, n.id'


class ExportQueries:
    """Read-only streaming queries for exports; write helpers for importing annotations."""

    def __init__(self, db: sqlite_utils.Database, articles: ArticleTable) -> None:
        self.db = db
        self.articles = articles

    # -- scope ---------------------------------------------------------------------

    def annotation_where(
        self, scope: Scope, kinds: Sequence[str] | None = None
    ) -> tuple[str, list[Any]]:
        """The article scope plus the scope's annotation kinds and labels (`n`, `a`)."""
        where, params = self.articles.scope_where(scope, "a")
        kinds = scope.kinds if kinds is None else kinds
        for column, values in (
            ("kind", kinds),
            ("label", scope.labels),
            ("annotator", scope.annotators),
        ):
            if values:
                where += f" AND n.{column} IN ({', '.join('?' * len(values))})"
                params.extend(values)
        return where, params

    def count_annotations(self, scope: Scope, table: str = "annotations") -> int:
        where, params = self.annotation_where(scope, _table_kinds(scope, table))
        sql = "SELECT count(*) FROM annotations n JOIN articles a ON a.id = n.article_id "
        return self.db.execute(sql + f"WHERE {where}", params).fetchone()[0]

    def count_articles(self, scope: Scope) -> int:
        return self.articles.count_scope(scope)

    # -- rows ------------------------------------------------------------------------

    def annotation_rows(
        self,
        scope: Scope,
        table: str = "annotations",
        extra: bool = False,
        flag_prefixes: Sequence[str] = (),
        neutralise: Sequence[str] = (),
        ids: Sequence[int] = (),
    ) -> tuple[list[str], Iterator[tuple]]:
        """Column names and a cursor of tuples over the scope's annotations.

        Ordered by article id, then start (longest first), then id. With
        `flag_prefixes`, a last column `flag` is 1 when any text cell starts with one
        of them, so a caller need only look closer at flagged rows. With `neutralise`
        (one-character prefixes), every text cell that starts with one of them gets a
        leading apostrophe here, in SQLite, so that a CSV writer takes the rows as they
        come (a million rows cost no Python per cell). `ids` limits the rows to these
        annotations (the CSV export's fallback for rows it cannot write as lines).
        """
        columns = self._columns(table) + (EXTRA_COLUMNS + self._json_columns() if extra else ())
        names = [name for name, _ in columns]
        attributes = {name for name, _ in columns[len(TABLES[table]) :]}
        text = _TEXT_COLUMNS | attributes
        select = ", ".join(
            f"{_neutralised(expr, neutralise) if name in text else expr} AS [{name}]"
            for name, expr in columns
        ).replace(  # 'orphaned' is never formula-like: the stored status alone is checked,
            # and the article's text read once a row, not three times
            _neutralised(STATUS, neutralise),
            STATUS_OF.format(status=_neutralised("n.status", neutralise)),
        )
        params: list[Any] = []
        if flag_prefixes:
            marks = ", ".join("?" * len(flag_prefixes))
            tests = " OR ".join(
                f"substr({expr}, 1, 1) IN ({marks})" for name, expr in columns if name in text
            )
            select += f", ({tests}) AS flag"
            for name, _ in columns:
                if name in text:
                    params.extend(flag_prefixes)
            names.append("flag")
        where, where_params = self.annotation_where(scope, _table_kinds(scope, table))
        if ids:
            where += f" AND n.id IN ({', '.join('?' * len(ids))})"
            where_params.extend(ids)
        sql = f"SELECT {select} {_JOIN} WHERE {where} ORDER BY {_ORDER}"
        cursor = self.db.execute(sql, params + where_params)
        return names, iter(cursor)

    def annotation_lines(
        self, scope: Scope, table: str = "annotations"
    ) -> tuple[list[str], list[bool], Iterator[tuple[bytes]]]:
        """Column names, which of them are free text, and a cursor of one-cell rows: each
        row's cells as UTF-8 bytes in one string, marked for `reader/exporters/csv_lines.py`.

        The rows, their order and their values are `annotation_rows(scope, table)`'s.
        """
        columns = self._columns(table)
        attributes = {name for name, _ in columns[len(TABLES[table]) :]}
        names = [name for name, _ in columns]
        where, params = self.annotation_where(scope, _table_kinds(scope, table))
        sql = f"SELECT {marked_line(columns)} {_JOIN} WHERE {where} ORDER BY {_ORDER}"
        text = [name in _TEXT_COLUMNS | attributes for name in names]
        return names, text, iter(self.db.execute(sql, params))

    def entity_rows(self, scope: Scope) -> tuple[list[str], Iterator[tuple]]:
        """One row per entity: mentions, quotes (as speaker) and articles in the scope.

        An unrestricted scope lists every entity (even with no mention); a
        restricted one only those its annotations refer to.
        """
        where, params = self.annotation_where(scope)
        sql = f"""
            WITH scoped AS (
                SELECT n.id, n.article_id, n.kind, n.entity_id, n.speaker_id
                FROM annotations n JOIN articles a ON a.id = n.article_id WHERE {where}
            ),
            refs AS (
                SELECT entity_id AS ref, article_id, 1 AS mention, 0 AS quote
                FROM scoped WHERE entity_id IS NOT NULL
                UNION ALL
                SELECT speaker_id, article_id, 0, 1 FROM scoped WHERE speaker_id IS NOT NULL
            )
            SELECT x.id, x.name, x.type, x.aliases, x.wikidata, x.note,
                   coalesce(sum(r.mention), 0), coalesce(sum(r.quote), 0),
                   count(DISTINCT r.article_id)
            FROM entities x LEFT JOIN refs r ON r.ref = x.id
            GROUP BY x.id
            {"" if scope == Scope() else "HAVING count(r.ref) > 0"}
            ORDER BY x.type, x.name, x.id
        """
        return list(ENTITY_COLUMNS), iter(self.db.execute(sql, params))

    def article_columns(self) -> tuple[str, ...]:
        return ARTICLE_COLUMNS

    def annotation_columns(self, table: str) -> list[str]:
        """The column names `annotation_rows(scope, table)` gives, without running it."""
        return [name for name, _ in self._columns(table)]

    def _columns(self, table: str) -> tuple[tuple[str, str], ...]:
        """A table's columns, then one per attribute (`speaker_gender`, `article_wave`…)."""
        from reader.store.attributes import AttributeTable, export_columns

        definitions = AttributeTable(self.db).definitions()
        return TABLES[table] + export_columns(definitions, table)

    def _json_columns(self) -> tuple[tuple[str, str], ...]:
        from reader.store.attributes import AttributeTable, json_columns

        return json_columns() if AttributeTable(self.db).available else ()

    def article_rows(self, scope: Scope) -> Iterator[dict[str, Any]]:
        """The scope's articles with their texts, in id order (one at a time)."""
        where, params = self.articles.scope_where(scope, "a")
        select = ", ".join(
            "substr(a.published, 1, 10)" if c == "published_date" else f"a.{c}"
            for c in ARTICLE_COLUMNS
        )
        cursor = self.db.execute(
            f"SELECT {select} FROM articles a WHERE {where} ORDER BY a.id", params
        )
        for row in cursor:
            yield dict(zip(ARTICLE_COLUMNS, row, strict=True))

    def article_text(self, article_id: int) -> str:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else ""

    # -- import helpers ------------------------------------------------------------------

    def match_article(
        self,
        content_hash: str | None,
        url: str | None,
        title: str | None,
        text_hash: str | None = None,
        urls: Sequence[str] = (),
        text_hashes: dict[str, list[int]] | None = None,
    ) -> dict[str, Any] | None:
        """The one article with this content hash, else whose text has this SHA-256
        (`text_hash`, a W3C `ni:` source), else with one of these URLs, else this title.

        `text_hashes` is the caller's cache of every text's hash (filled on first need,
        so an import reads every text at most once, and only when cheaper matches fail).
        """
        select = "SELECT id, title, text, content_hash FROM articles WHERE"
        keys = ("id", "title", "text", "content_hash")

        def one(column: str, value: Any) -> dict[str, Any] | None:
            rows = self.db.execute(f"{select} {column} = ? LIMIT 2", [value]).fetchall()
            return dict(zip(keys, rows[0], strict=True)) if len(rows) == 1 else None

        # An older export's `ni:` IRI hashed the title and text: the content hash.
        for digest in dict.fromkeys(d for d in (content_hash, text_hash) if d):
            if found := one("content_hash", digest):
                return found
        links = list(dict.fromkeys(u for u in (url, *urls) if u))
        if text_hash:
            # Articles the file's URLs or title point at first; every text only if need be.
            for column, value in [("url", u) for u in _url_forms(links)] + [("title", title)]:
                if not value:
                    continue
                for row in self.db.execute(f"{select} {column} = ?", [value]):
                    if hashlib.sha256(row[2].encode("utf-8")).hexdigest() == text_hash:
                        return dict(zip(keys, row, strict=True))
            if text_hashes is not None:
                if not text_hashes:
                    for article_id, text in self.db.execute("SELECT id, text FROM articles"):
                        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                        text_hashes.setdefault(digest, []).append(article_id)
                    text_hashes.setdefault("", [])  # marks the cache as filled
                ids = text_hashes.get(text_hash) or []
                if len(ids) == 1 and (found := one("id", ids[0])):
                    return found
        for value in _url_forms(links):
            if found := one("url", value):
                return found
        return one("title", title) if title else None

    def has_annotation(
        self,
        article_id: int,
        kind: str,
        label: str | None,
        start: int,
        end: int,
        exact: str,
        annotator: str | None = None,
    ) -> bool:
        """Whether the same mark (article, kind, label, span, text, annotator) is stored."""
        same = self.same_annotation(article_id, kind, label, start, end, exact, annotator)
        return same is not None

    def same_annotation(
        self,
        article_id: int,
        kind: str,
        label: str | None,
        start: int,
        end: int,
        exact: str,
        annotator: str | None = None,
    ) -> dict[str, Any] | None:
        """The stored mark with this article, kind, label, span, text and annotator (a
        mark of another coder on the same span is another mark), if any."""
        rows = list(
            self.db.query(
                "SELECT * FROM annotations WHERE article_id = ? AND kind = ? AND label IS ? "
                'AND start = ? AND "end" = ? AND exact = ? AND annotator IS ? '
                "ORDER BY id LIMIT 1",
                [article_id, kind, label, start, end, exact, annotator],
            )
        )
        return rows[0] if rows else None


# Columns whose values are free text (a spreadsheet could read them as a formula).
_TEXT_COLUMNS = {
    "article_title",
    "published",
    "published_date",
    "source",
    "author",
    "url",
    "language",
    "kind",
    "label",
    "text",
    "quote",
    "prefix",
    "suffix",
    "note",
    "entity_name",
    "entity_type",
    "speaker_name",
    "speaker_type",
    "cue",
    "quote_type",
    "annotator",
    "created",
    "modified",
    "status",
    "origin",
}


def _neutralised(expr: str, prefixes: Sequence[str]) -> str:
    """`expr`, with an apostrophe before it when it starts with one of `prefixes`."""
    if not prefixes:
        return expr
    codes = ", ".join(str(ord(p)) for p in prefixes)  # one character each
    return f"CASE WHEN unicode({expr}) IN ({codes}) THEN '''' || {expr} ELSE {expr} END"


def _table_kinds(scope: Scope, table: str) -> Sequence[str] | None:
    """Kinds a table is restricted to (quotes, mentions), within the scope's own."""
    fixed = {"quotes": "quote", "mentions": "entity"}.get(table)
    if fixed is None:
        return None
    return [fixed] if not scope.kinds or fixed in scope.kinds else ["\x00none"]


def _url_forms(urls: Sequence[str]) -> list[str]:
    """Each URL as given, then without its fragment and trailing slash (as pages are
    often cited), without repeats."""
    forms = list(urls)
    for u in urls:
        bare = u.split("#", 1)[0]
        forms += [bare, bare.rstrip("/"), bare.rstrip("/") + "/"]
    return list(dict.fromkeys(f for f in forms if f))


def aliases(value: str | None) -> list[str]:
    return json.loads(value or "[]")


def bulk_insert_annotations(
    db: sqlite_utils.Database, columns: Sequence[str], rows: Iterator[Sequence[Any]]
) -> int:
    """Insert many annotation rows fast, in one transaction (benchmarks, bulk imports).

    No checks and no undo: the caller guarantees valid offsets.
    """
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    with db.atomic():
        cursor = db.execute("SELECT count(*) FROM annotations")
        before = cursor.fetchone()[0]
        db.conn.executemany(f"INSERT INTO annotations ({names}) VALUES ({marks})", rows)
        return db.execute("SELECT count(*) FROM annotations").fetchone()[0] - before
