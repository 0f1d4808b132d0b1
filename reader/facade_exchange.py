"""The facade's methods for what goes out and comes in besides single articles:
annotation exports and statistics (reader/exporting.py, reader/statistics.py), REFI-QDA
exchange (reader/exchange.py) and feeds (reader/feeds.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from reader.exporting import ExportProgress
from reader.feeds import FeedProgress
from reader.model import (
    AnnotationImportReport,
    ExportOptions,
    ExportResult,
    Feed,
    FeedUpdate,
    ProjectImportReport,
    ReextractOutcome,
    Scope,
    StatTable,
)


class ExchangeMethods:
    """Exports, statistics, REFI-QDA and feeds: one-line delegations, as in `Library`."""

    # -- exports and statistics --------------------------------------------------------------

    def annotation_rows(
        self, scope: Scope | None = None, table: str = "annotations"
    ) -> Iterator[dict[str, Any]]:
        return self._exports.annotation_rows(scope, table)

    def count_export(
        self, fmt: str, scope: Scope | None = None, options: ExportOptions | None = None
    ) -> int:
        return self._exports.count_export(fmt, scope, options)

    def export_annotations(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        scope: Scope | None = None,
        options: ExportOptions | None = None,
        progress: ExportProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        return self._exports.export_annotations(
            fmt, destination, scope, options, progress, cancelled
        )

    def import_annotations(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> AnnotationImportReport:
        return self._exports.import_annotations(path, annotator)

    def statistic(
        self, name: str, scope: Scope | None = None, with_children: bool = False
    ) -> StatTable:
        groups = self._codebook.label_groups(scope.labels) if scope and with_children else {}
        return self._statistics.statistic(name, self._attributes.checked(scope), groups)

    def grouped_statistic(
        self, name: str, by: list[str], scope: Scope | None = None, with_children: bool = False
    ) -> StatTable:
        if scope and with_children:
            scope = replace(scope, labels=self._codebook.label_family(scope.labels))
        return self._attributes.grouped_statistic(name, by, scope)

    # -- REFI-QDA exchange (reader/exchange.py) ---------------------------------------

    def export_project(
        self,
        fmt: str,
        destination: str | os.PathLike,
        scope: Scope | None = None,
        progress: ExportProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        name = self.path.stem if self.path is not None else "Reader"
        return self._exchange.export_project(fmt, destination, name, scope, progress, cancelled)

    def export_codebook(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        return self._exchange.export_codebook(fmt, destination)

    def import_project(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> ProjectImportReport:
        return self._exchange.import_project(path, annotator)

    # -- feeds (reader/feeds.py) ----------------------------------------------------------

    def feeds(self) -> list[Feed]:
        return self._feeds.feeds()

    def add_feed(self, url: str, name: str | None = None, full_text: bool = False) -> Feed:
        return self._feeds.add_feed(url, name, full_text)

    def remove_feed(self, name: str) -> None:
        self._feeds.remove_feed(name)

    def rename_feed(self, old: str, new: str) -> Feed:
        return self._feeds.rename_feed(old, new)

    def update_feeds(
        self,
        names: list[str] | None = None,
        progress: FeedProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        **fetch_options: Any,
    ) -> list[FeedUpdate]:
        """Fetch feeds (all when `names` is None) and import their new items; a feed's
        failure is recorded on it and the others go on (`timeout`, `total_timeout` and
        `max_bytes` can be given for tests)."""
        return self._feeds.update_feeds(names, progress, cancelled, **fetch_options)

    def reextract(self, article_ids: list[int] | None = None) -> list[ReextractOutcome]:
        return self._imports.reextract(article_ids)
