"""Annotations as CSV tables: every annotation, quotes, entities, mentions.

Offsets are code points into the article `text` as `reader export articles`
writes it, so `text == article_text[start:end]` on every row whose status is ok.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from reader.exporters.csv_safe import write_rows

TABLES = ("annotations", "quotes", "entities", "mentions")
ANNOTATION_HEADER = (
    "annotation_id",
    "article_id",
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
    "start",
    "end",
    "prefix",
    "suffix",
    "note",
    "entity_id",
    "entity_name",
    "entity_type",
    "speaker_id",
    "speaker_name",
    "cue",
    "quote_type",
    "annotator",
    "created",
    "modified",
    "status",
    "origin",
)


def write_table(
    out: TextIO,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    raw: bool = False,
    excel: bool = False,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write one table; a last column named `flag` (from the store) marks rows to check."""
    flagged = bool(columns) and columns[-1] == "flag"
    header = list(columns[:-1]) if flagged else list(columns)
    return write_rows(out, header, rows, raw=raw, excel=excel, flagged=flagged, tick=tick)
