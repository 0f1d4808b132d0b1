"""Statistics as SQL aggregates over a scope (the same scope as the library list and exports)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store.articles import ArticleTable
from reader.store.cooccurrence import count_pairs

QUOTE_KEY = "coalesce(n.group_id, n.id)"  # the parts of a split quote count once
# Read in the order of idx_annotations_article_kind (schema 16), not from the marks table.
QUOTES_PER_ARTICLE = """SELECT article_id, count(DISTINCT coalesce(group_id, id)) AS quotes
                          FROM annotations WHERE kind = 'quote' GROUP BY article_id"""


class StatsQueries:
    def __init__(self, db: sqlite_utils.Database, articles: ArticleTable) -> None:
        self.db = db
        self.articles = articles

    def _where(
        self, scope: Scope, annotations: bool = True, role: str = ""
    ) -> tuple[str, list[Any]]:
        where, params = self.articles.scope_where(scope)
        if role or annotations:
            marks, values = self._marks_where(scope, annotations, role)
            where, params = f"{where} AND {marks}", [*params, *values]
        return where, params

    def _marks_where(
        self, scope: Scope, annotations: bool = True, role: str = ""
    ) -> tuple[str, list[Any]]:
        """The scope's conditions on the marks `n` alone."""
        where, params = "1", []
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
        """Quotes per speaker and source; each article's source key computed once (not
        once per quote), the quotes read from idx_annotations_speaker_quotes."""
        where, params = self.articles.scope_where(scope)
        marks, values = self._marks_where(scope, role="speaker")
        # Over the whole library, the quotes' covering index (SQLite would take one on
        # kind and read the marks at random); in a narrower scope, SQLite chooses.
        index = "" if self._join(scope) else "INDEXED BY idx_annotations_speaker_quotes"
        rows = self._rows(
            f"""WITH a AS MATERIALIZED (
                    SELECT a.id, a.source, source_key(a.source) AS source_key
                      FROM articles a WHERE {where})
                SELECT e.id, e.name, coalesce(a.source, ''), count(DISTINCT {QUOTE_KEY}) AS quotes,
                       min(a.id)
                  FROM annotations n {index}
                  JOIN entities e ON e.id = n.speaker_id
                  JOIN a ON a.id = n.article_id
                 WHERE n.kind = 'quote' AND {marks}
                 GROUP BY e.id, a.source_key ORDER BY e.name, quotes DESC, a.source""",
            [*params, *values],
        )
        return [r[:4] for r in rows]

    def entities(self, scope: Scope) -> list[tuple]:
        """Mentions per canonical entity; entity marks not linked to one count by their text.

        Linked marks are counted per entity in the order of idx_annotations_entity_kind
        (schema 16), the few unlinked ones by their text, and the two put in one order."""
        where, params = self._where(scope, role="entity")
        join = self._join(scope)
        linked = self._rows(
            f"""SELECT c.entity_id, e.id, e.name, e.type, c.mentions, c.articles
                  FROM (SELECT n.entity_id, count(*) AS mentions,
                               count(DISTINCT n.article_id) AS articles
                          FROM annotations n {join}
                         WHERE n.kind = 'entity' AND n.entity_id IS NOT NULL AND {where}
                         GROUP BY n.entity_id) c
                  LEFT JOIN entities e ON e.id = c.entity_id""",
            params,
        )
        if any(r[1] is None for r in linked):  # a link to no entity: counted by its text
            return self._entities_by_text(scope)
        unlinked = self._rows(
            f"""SELECT NULL, n.exact, n.label, count(*) AS mentions,
                       count(DISTINCT n.article_id) AS articles
                  FROM annotations n {join}
                 WHERE n.kind = 'entity' AND n.entity_id IS NULL AND {where}
                 GROUP BY n.exact, n.label""",
            params,
        )
        rows = [r[1:] for r in linked] + unlinked
        return sorted(rows, key=lambda r: (-r[3], -r[4], r[1]))

    def _entities_by_text(self, scope: Scope) -> list[tuple]:
        """`entities` in one query, marks linked to a missing entity counted by their text."""
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
        labels under a parent count as the parent (an article once).

        Counted per stored (kind, label), in the order of idx_annotations_label_kind
        (schema 16), then added up into the shown label ('' for none, the parent): only
        a shown label made of several stored ones needs its articles counted again."""
        where, params = self._where(scope)
        join = self._join(scope)
        stored = self._rows(
            f"""SELECT n.kind, n.label, count(*), count(DISTINCT n.article_id)
                  FROM annotations n {join} WHERE {where} GROUP BY n.label, n.kind""",
            params,
        )
        groups = groups or {}
        shown: dict[tuple[str, str], list[tuple]] = {}
        for kind, label, count, articles in stored:
            key = (kind, groups.get(label, label) if label is not None else "")
            shown.setdefault(key, []).append((label, count, articles))
        out = []
        for (kind, label), parts in shown.items():
            articles = parts[0][2]
            if len(parts) > 1:
                labels = [p[0] for p in parts if p[0] is not None]
                none = " OR n.label IS NULL" if len(labels) < len(parts) else ""
                marks = ", ".join("?" * len(labels)) or "NULL"
                articles = self.db.execute(
                    f"""SELECT count(DISTINCT n.article_id) FROM annotations n {join}
                         WHERE {where} AND n.kind = ? AND (n.label IN ({marks}){none})""",
                    [*params, kind, *labels],
                ).fetchone()[0]
            out.append((kind, label, sum(p[1] for p in parts), articles))
        return sorted(out, key=lambda r: (-r[2], r[0], r[1]))

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
        coders, coder_params = self._coders(scope)
        quotes = self._quotes_per_article(scope)
        rows = self._rows(
            f"""SELECT coalesce(a.{column}, ''), count(*) AS articles,
                       coalesce(sum(c.annotations), 0), coalesce(sum(q.quotes), 0),
                       min(a.id)
                  FROM articles a LEFT JOIN (
                       SELECT article_id, count(*) AS annotations
                         FROM annotations WHERE {coders} GROUP BY article_id) c
                    ON c.article_id = a.id
                  LEFT JOIN ({quotes}) q ON q.article_id = a.id
                 WHERE {where}
                 GROUP BY {group} ORDER BY articles DESC, a.{column}""",
            [*coder_params, *coder_params, *params],
        )
        return [r[:4] for r in rows]

    def timeline(self, scope: Scope) -> list[tuple]:
        """Articles and quotes per month of publication (undated articles left out)."""
        where, params = self._where(scope, annotations=False)
        _, coder_params = self._coders(scope)
        return self._rows(
            f"""SELECT substr(a.published, 1, 7) AS month, count(*) AS articles,
                       coalesce(sum(c.quotes), 0)
                  FROM articles a LEFT JOIN ({self._quotes_per_article(scope)}) c
                    ON c.article_id = a.id
                 WHERE a.published IS NOT NULL AND {where}
                 GROUP BY month ORDER BY month""",
            [*coder_params, *params],
        )

    @staticmethod
    def _coders(scope: Scope) -> tuple[str, list[Any]]:
        """The condition on the marks of the scope's coders (all when it names none)."""
        if not scope.annotators:
            return "1", []
        return f"annotator IN ({', '.join('?' * len(scope.annotators))})", [*scope.annotators]

    def _quotes_per_article(self, scope: Scope) -> str:
        """QUOTES_PER_ARTICLE, counting only the scope's coders' quotes when it names some
        (the per-source, per-language and per-month counts follow a coder filter)."""
        if not scope.annotators:
            return QUOTES_PER_ARTICLE
        coders, _ = self._coders(scope)
        return QUOTES_PER_ARTICLE.replace(
            "WHERE kind = 'quote'", f"WHERE kind = 'quote' AND {coders}"
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
