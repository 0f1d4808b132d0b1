"""Reads for inter-annotator agreement: who annotated, which articles each coded, their marks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store.articles import ArticleTable


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


class AgreementQueries:
    def __init__(self, db: sqlite_utils.Database, articles: ArticleTable) -> None:
        self.db = db
        self.articles = articles

    def _articles_where(self, scope: Scope) -> tuple[str, list[Any]]:
        return self.articles.scope_where(replace(scope, kinds=(), labels=()), "a")

    def annotators(self, scope: Scope, coders_only: bool = False) -> list[tuple[str, int]]:
        """Everyone with marks on the scope's articles, and how many, by name;
        `coders_only` leaves out the names that hold only curated marks."""
        where, params = self._articles_where(scope)
        having = "HAVING sum(n.origin IS NOT 'curated') > 0" if coders_only else ""
        sql = f"""SELECT n.annotator, count(*) FROM annotations n
                  JOIN articles a ON a.id = n.article_id
                  WHERE n.annotator IS NOT NULL AND n.annotator != '' AND {where}
                  GROUP BY n.annotator {having} ORDER BY n.annotator"""
        return [(r[0], r[1]) for r in self.db.execute(sql, params).fetchall()]

    def coded_by_all(self, scope: Scope, annotators: Sequence[str]) -> list[int]:
        """The scope's articles on which every one of `annotators` left a mark, by id."""
        where, params = self._articles_where(scope)
        sql = f"""SELECT n.article_id FROM annotations n JOIN articles a ON a.id = n.article_id
                  WHERE n.annotator IN ({_marks(annotators)}) AND {where}
                  GROUP BY n.article_id HAVING count(DISTINCT n.annotator) = ?
                  ORDER BY n.article_id"""
        rows = self.db.execute(sql, [*annotators, *params, len(set(annotators))]).fetchall()
        return [r[0] for r in rows]

    def texts(self, article_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(id, title, text) of the articles, in id order."""
        sql = """SELECT id, title, text FROM articles
                 WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"""
        return [tuple(r) for r in self.db.execute(sql, [json.dumps(list(article_ids))])]

    def marks(
        self, article_ids: Sequence[int], annotators: Sequence[str], kinds: Sequence[str]
    ) -> list[dict[str, Any]]:
        """The marks (not orphaned) of `annotators` of `kinds` on the articles, with the
        speaker's text where a quote names one without an entity."""
        sql = f"""SELECT n.article_id, n.annotator, n.kind, n.label, n.start, n."end",
                         n.speaker_id,
                         CASE WHEN n.speaker_start IS NOT NULL THEN
                           substr(a.text, n.speaker_start + 1, n.speaker_end - n.speaker_start)
                         END AS speaker_text
                  FROM annotations n JOIN articles a ON a.id = n.article_id
                  WHERE n.article_id IN (SELECT value FROM json_each(?))
                    AND n.annotator IN ({_marks(annotators)}) AND n.kind IN ({_marks(kinds)})
                    AND n.status = 'ok'
                  ORDER BY n.article_id, n.start, n."end", n.id"""
        params = [json.dumps(list(article_ids)), *annotators, *kinds]
        return list(self.db.query(sql, params))
