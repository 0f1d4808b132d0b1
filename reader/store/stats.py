"""Statistics as SQL aggregates over a scope (the same scope as the library list and exports)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store.articles import ArticleTable
from reader.store.cooccurrence import count_pairs

QUOTE_KEY = "coalesce(n.group_id, n.id)"  # the parts of a split quote count once


class StatsQueries:
    def __init__(self, db: sqlite_utils.Database, articles: ArticleTable) -> None:
        self.db = db
        self.articles = articles

    def _where(
        self, scope: Scope, annotations: bool = True, role: str = ""
    ) -> tuple[str, list[Any]]:
        where, params = self.articles.scope_where(scope)
        if role and scope.attributes:  # the speakers (entities) themselves have the values
            from reader.store.attributes import owner_filter

            column = "n.speaker_id" if role == "speaker" else "n.entity_id"
            clause, values = owner_filter(scope.attributes, role, column)
            where, params = f"{where} AND {clause}", [*params, *values]
        if annotations:
            for column, values in (
                ("kind", scope.kinds),
                ("label", scope.labels),
                ("annotator", scope.annotators),
            ):
                if values:
                    where += f" AND n.{column} IN ({', '.join('?' * len(values))})"
                    params = [*params, *values]
        return where, params

    def _join(self, scope: Scope) -> str:
        """The join with articles, left out when the scope does not restrict articles
        (over a million annotations the join is most of the cost)."""
        article_free = Scope(kinds=scope.kinds, labels=scope.labels)
        return "" if scope == article_free else "JOIN articles a ON a.id = n.article_id"

    def _rows(self, sql: str, params: list[Any]) -> list[tuple]:
        return [tuple(r) for r in self.db.execute(sql, params).fetchall()]

    def speakers(self, scope: Scope) -> list[tuple]:
        where, params = self._where(scope, role="speaker")
        return self._rows(
            f"""SELECT e.id, e.name, e.type, count(DISTINCT {QUOTE_KEY}) AS quotes,
                       count(DISTINCT n.article_id) AS articles
                  FROM annotations n JOIN entities e ON e.id = n.speaker_id
                  {self._join(scope)}
                 WHERE n.kind = 'quote' AND {where}
                 GROUP BY e.id ORDER BY quotes DESC, articles DESC, e.name""",
            params,
        )

    def speakers_by_source(self, scope: Scope) -> list[tuple]:
        where, params = self._where(scope, role="speaker")
        rows = self._rows(
            f"""SELECT e.id, e.name, coalesce(a.source, ''), count(DISTINCT {QUOTE_KEY}) AS quotes,
                       min(a.id)
                  FROM annotations n JOIN entities e ON e.id = n.speaker_id
                  JOIN articles a ON a.id = n.article_id
                 WHERE n.kind = 'quote' AND {where}
                 GROUP BY e.id, source_key(a.source) ORDER BY e.name, quotes DESC, a.source""",
            params,
        )
        return [r[:4] for r in rows]

    def entities(self, scope: Scope) -> list[tuple]:
        """Mentions per canonical entity; entity marks not linked to one count by their text."""
        where, params = self._where(scope, role="entity")
        return self._rows(
            f"""SELECT e.id, coalesce(e.name, n.exact) AS name, coalesce(e.type, n.label) AS type,
                       count(*) AS mentions, count(DISTINCT n.article_id) AS articles
                  FROM annotations n LEFT JOIN entities e ON e.id = n.entity_id
                  {self._join(scope)}
                 WHERE n.kind = 'entity' AND {where}
                 GROUP BY e.id, CASE WHEN e.id IS NULL THEN n.exact END,
                          CASE WHEN e.id IS NULL THEN n.label END
                 ORDER BY mentions DESC, articles DESC, name""",
            params,
        )

    def labels(self, scope: Scope, groups: dict[str, str] | None = None) -> list[tuple]:
        """Marks and articles per kind and label; with `groups` (label -> parent) the
        labels under a parent count as the parent (an article once)."""
        where, params = self._where(scope)
        label = "coalesce(n.label, '')"
        if groups:
            cases = " ".join("WHEN ? THEN ?" for _ in groups)
            label = f"CASE n.label {cases} ELSE coalesce(n.label, '') END"
            params = [v for pair in groups.items() for v in pair] + params
        return self._rows(
            f"""SELECT n.kind, {label} AS grouped, count(*) AS annotations,
                       count(DISTINCT n.article_id) AS articles
                  FROM annotations n {self._join(scope)}
                 WHERE {where}
                 GROUP BY n.kind, grouped ORDER BY annotations DESC, n.kind, grouped""",
            params,
        )

    def annotators(self, scope: Scope) -> list[tuple]:
        where, params = self._where(scope)
        return self._rows(
            f"""SELECT coalesce(n.annotator, ''), count(*) AS annotations,
                       count(DISTINCT n.article_id) AS articles
                  FROM annotations n {self._join(scope)}
                 WHERE {where}
                 GROUP BY n.annotator ORDER BY annotations DESC""",
            params,
        )

    def by_article_column(self, column: str, scope: Scope) -> list[tuple]:
        """Articles, annotations and quotes per source or language."""
        if column not in ("source", "language"):
            raise ValueError(column)
        where, params = self._where(scope, annotations=False)
        # A source groups by its key, shown as first imported (the bare column beside
        # min(a.id) is that row's value in SQLite).
        group = "source_key(a.source)" if column == "source" else f"a.{column}"
        rows = self._rows(
            f"""SELECT coalesce(a.{column}, ''), count(*) AS articles,
                       coalesce(sum(c.annotations), 0), coalesce(sum(c.quotes), 0),
                       min(a.id)
                  FROM articles a LEFT JOIN (
                       SELECT article_id, count(*) AS annotations,
                              count(DISTINCT CASE WHEN kind = 'quote'
                                    THEN coalesce(group_id, id) END) AS quotes
                         FROM annotations GROUP BY article_id) c ON c.article_id = a.id
                 WHERE {where}
                 GROUP BY {group} ORDER BY articles DESC, a.{column}""",
            params,
        )
        return [r[:4] for r in rows]

    def timeline(self, scope: Scope) -> list[tuple]:
        """Articles and quotes per month of publication (undated articles left out)."""
        where, params = self._where(scope, annotations=False)
        return self._rows(
            f"""SELECT substr(a.published, 1, 7) AS month, count(*) AS articles,
                       coalesce(sum(c.quotes), 0)
                  FROM articles a LEFT JOIN (
                       SELECT article_id, count(DISTINCT coalesce(group_id, id)) AS quotes
                         FROM annotations WHERE kind = 'quote' GROUP BY article_id
                       ) c ON c.article_id = a.id
                 WHERE a.published IS NOT NULL AND {where}
                 GROUP BY month ORDER BY month""",
            params,
        )

    def cooccurrence(self, scope: Scope, limit: int = 500) -> list[tuple]:
        """Pairs of entities named (or quoted) in the same article, with article counts,
        Jaccard similarity and pointwise mutual information; the `limit` pairs in most
        articles together (counted in `reader.store.cooccurrence`)."""
        where, params = self._where(scope)
        if scope.kinds or scope.labels or scope.annotators:
            # Only some annotations count: one pass over them, entity and speaker (k = 1, 2).
            pairs_of_articles = f"""
              SELECT DISTINCT n.article_id,
                     CASE k.k WHEN 1 THEN n.entity_id ELSE n.speaker_id END AS entity_id
                FROM annotations n JOIN articles a ON a.id = n.article_id
                JOIN (SELECT 1 AS k UNION ALL SELECT 2) k
               WHERE ((k.k = 1 AND n.entity_id IS NOT NULL)
                      OR (k.k = 2 AND n.speaker_id IS NOT NULL)) AND {where}"""
        elif self._join(scope):
            pairs_of_articles = f"""
              SELECT ae.article_id, ae.entity_id FROM article_entities ae
                JOIN articles a ON a.id = ae.article_id WHERE {where}"""
        else:  # the whole library: the table kept by triggers (schema 5)
            pairs_of_articles = "SELECT article_id, entity_id FROM article_entities"
        return count_pairs(self.db, pairs_of_articles, params, limit)
