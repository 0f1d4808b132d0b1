"""Articles as JSON Lines or CSV, with the public field names."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from reader.errors import ExportFailed
from reader.exporters import csv_safe
from reader.exporters.atomic import atomic_text_writer

ARTICLE_FIELDS = (
    "id",
    "title",
    "subtitle",
    "author",
    "source",
    "published",
    "published_date",
    "language",
    "url",
    "sections",
    "text",
    "markdown",
    "word_count",
    "content_hash",
    "imported_at",
)
FORMATS = ("jsonl", "csv", "xlsx")


def write_articles(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    destination: str | os.PathLike | None,
    raw: bool = False,
    excel: bool = False,
) -> int:
    """Stream rows to `destination`; returns how many were written.

    CSV cells that a spreadsheet would run as a formula are neutralised unless
    `raw`; `excel` starts the file with the UTF-8 byte-order mark.
    """
    if fmt not in FORMATS:
        raise ExportFailed(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if fmt == "xlsx":
        raise ExportFailed("xlsx needs the rows twice: use write_articles_xlsx")
    count = 0
    with atomic_text_writer(destination, newline="" if fmt == "csv" else None) as out:
        if fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = csv_safe.writer(out, excel)
            writer.writerow(ARTICLE_FIELDS)
            for row in rows:
                row = dict(row, sections=json.dumps(row["sections"], ensure_ascii=False))
                cells = [row.get(k) for k in ARTICLE_FIELDS]
                writer.writerow(cells if raw else csv_safe.neutralise_row(cells))
                count += 1
    return count


def write_articles_xlsx(
    rows: Callable[[], Iterable[dict[str, Any]]], destination: str | os.PathLike | None
) -> tuple[int, str]:
    """One sheet of articles; returns how many, and a line on split cells ("" if none)."""
    from reader.exporters.xlsx import Sheet, write_workbook

    def cells() -> Iterable[list[Any]]:
        for row in rows():
            row = dict(row, sections=json.dumps(row["sections"], ensure_ascii=False))
            yield [row.get(k) for k in ARTICLE_FIELDS]

    if destination is None or str(destination) == "-":
        raise ExportFailed("an xlsx export needs a file (-o FILE.xlsx)")
    report = write_workbook(destination, [Sheet("articles", ARTICLE_FIELDS, cells)])
    return report.rows["articles"], report.line()
