"""The statistics part of the `Library` facade: one code path for the CLI and the view."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.model import Scope, StatTable

if TYPE_CHECKING:
    from reader.store import Store

STATISTICS: dict[str, tuple[str, ...]] = {
    "speakers": ("entity_id", "speaker", "type", "quotes", "articles"),
    "entities": ("entity_id", "entity", "type", "mentions", "articles"),
    "labels": ("kind", "label", "annotations", "articles"),
    "sources": ("source", "articles", "annotations", "quotes"),
    "timeline": ("month", "articles", "quotes"),
    "cooccurrence": (
        "entity_a_id",
        "entity_a",
        "entity_b_id",
        "entity_b",
        "articles",
        "jaccard",
        "pmi",
    ),
    "languages": ("language", "articles", "annotations", "quotes"),
    "annotators": ("annotator", "annotations", "articles"),
    "speakers-by-source": ("entity_id", "speaker", "source", "quotes"),
}


class StatisticsService:
    """Statistics over a scope (read only)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def statistic(
        self, name: str, scope: Scope | None = None, groups: dict[str, str] | None = None
    ) -> StatTable:
        """One of `STATISTICS` over a scope (search query, dates, sources, kinds, labels).

        `groups` (a label under a parent -> the parent): the scope's labels take in
        those under them, and the labels statistic adds each up into its parent."""
        if name not in STATISTICS:
            raise ReaderError(f"unknown statistic {name!r} (choose one of {', '.join(STATISTICS)})")
        q = self._store.stats
        scope = scope or Scope()
        if groups:
            extra = tuple(g for g in groups if g not in scope.labels)
            scope = replace(scope, labels=(*scope.labels, *extra))
        rows = {
            "speakers": q.speakers,
            "entities": q.entities,
            "labels": lambda s: q.labels(s, groups or {}),
            "sources": lambda s: q.by_article_column("source", s),
            "timeline": q.timeline,
            "cooccurrence": q.cooccurrence,
            "languages": lambda s: q.by_article_column("language", s),
            "annotators": q.annotators,
            "speakers-by-source": q.speakers_by_source,
        }[name](scope)
        return StatTable(name, STATISTICS[name], rows)
