"""Excel workbooks (.xlsx) that open right in Excel, LibreOffice and openpyxl.

Written with XlsxWriter (BSD-2-Clause) in its constant-memory mode: rows stream to
disk, so memory does not grow with the row count. Every text goes out as a string
cell (`write_string`), never guessed: `00123`, `1E5`, `October 31`, `true` and
`=HYPERLINK(…)` stay the text they are, without an apostrophe. Integers are
numbers; `published`, `created`, `modified` and `imported_at` are real dates
(UTC; a date without a time is a date; one before March 1900, which Excel cannot
show, stays text). The header row is frozen and filtered.

A cell holds at most 32,767 characters (UTF-16 units). A longer value is split:
its column is followed by continuation columns (`text_2`, `text_3`, …) holding
the rest, so nothing is lost; the report says how many cells were split. A
sheet past Excel's 1,048,576 rows continues on `name_2`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from reader.errors import ExportFailed
from reader.exporters.atomic import atomic_path

CELL_LIMIT = 32_767  # characters (UTF-16 units) in one cell
MAX_ROWS = 1_048_576  # rows in one sheet, the header included
DATE_COLUMNS = frozenset({"published", "published_date", "created", "modified", "imported_at"})
# Excel's dates start in 1900 and count 1900 as a leap year: earlier days stay text.
_FIRST_DATE = datetime(1900, 3, 1)
_WIDE = frozenset({"text", "quote", "note", "prefix", "suffix", "markdown", "article_title"})
_MEDIUM = frozenset({"title", "subtitle", "url", "name", "entity_name", "speaker_name"})
_MEDIUM |= {"aliases", "author", "source", "sections"}


@dataclass
class Sheet:
    """One table: its name, its columns, and a function giving its rows (called twice:
    once to find values too long for a cell, once to write)."""

    name: str
    columns: Sequence[str]
    rows: Callable[[], Iterable[Sequence[Any]]]


@dataclass
class XlsxReport:
    rows: dict[str, int] = field(default_factory=dict)  # sheet name -> data rows
    split_cells: int = 0  # values longer than a cell, split into continuation columns
    split_columns: list[str] = field(default_factory=list)

    def line(self) -> str:
        """What a user must know about the file beyond the row counts ("" when nothing)."""
        if not self.split_cells:
            return ""
        cols = ", ".join(self.split_columns)
        cells = "1 cell" if self.split_cells == 1 else f"{self.split_cells} cells"
        were = "was" if self.split_cells == 1 else "were"
        return (
            f"{cells} longer than {CELL_LIMIT:,} characters {were} split "
            f"into continuation columns ({cols})"
        )


def utf16_len(value: str) -> int:
    """The length Excel counts: characters outside the BMP are two."""
    return len(value.encode("utf-16-le")) // 2


def split_value(value: str, limit: int = CELL_LIMIT) -> list[str]:
    """`value` in pieces of at most `limit` UTF-16 units, never inside a surrogate pair."""
    parts, start, units = [], 0, 0
    for i, ch in enumerate(value):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > limit:
            parts.append(value[start:i])
            start, units = i, 0
        units += width
    parts.append(value[start:])
    return parts


def _parts_needed(sheet: Sheet) -> dict[int, int]:
    """Column index -> how many cells its longest value needs (only those above one)."""
    need: dict[int, int] = {}
    for row in sheet.rows():
        for i, v in enumerate(row):
            # len() first: a value of at most half the limit fits whatever its characters.
            if isinstance(v, str) and len(v) > CELL_LIMIT // 2 and utf16_len(v) > CELL_LIMIT:
                need[i] = max(need.get(i, 1), len(split_value(v)))
    return need


def _as_date(value: Any) -> datetime | date | None:
    """An ISO 8601 date or timestamp as a naive UTC datetime (a bare date as a date)."""
    if not isinstance(value, str) or not value[:4].isdigit():
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day if day >= _FIRST_DATE.date() else None
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed if parsed >= _FIRST_DATE else None


def _width(name: str) -> float:
    if name in _WIDE or name.rsplit("_", 1)[0] in _WIDE:
        return 50
    if name in _MEDIUM:
        return 28
    if name in DATE_COLUMNS:
        return 12 if name == "published_date" else 20
    if name == "id" or name.endswith(("_id", "start", "end")) or name in ("word_count",):
        return max(8, len(name) + 2)
    return max(12, min(len(name) + 4, 30))


def write_workbook(
    destination: str | os.PathLike,
    sheets: Sequence[Sheet],
    tick: Callable[[int], None] | None = None,
) -> XlsxReport:
    """Write `sheets` into one .xlsx file, atomically; returns rows and split cells."""
    import xlsxwriter

    if destination is None or str(destination) == "-":
        raise ExportFailed("an xlsx export needs a file (-o FILE.xlsx)")
    report = XlsxReport()
    with (
        atomic_path(destination) as tmp,
        tempfile.TemporaryDirectory(prefix=f".{tmp.name}.", dir=tmp.parent) as rows_dir,
    ):
        book = xlsxwriter.Workbook(
            str(tmp),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "tmpdir": rows_dir,  # the streamed rows; removed whatever happens
            },
        )
        formats = {
            "header": book.add_format({"bold": True}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        }
        done = 0
        # On an error or a cancellation the book is dropped unwritten.
        for sheet in sheets:
            done = _write_sheet(book, sheet, formats, report, done, tick)
        book.close()
    return report


def _write_sheet(
    book: Any,
    sheet: Sheet,
    formats: dict[str, Any],
    report: XlsxReport,
    done: int,
    tick: Callable[[int], None] | None,
) -> int:
    import reader.exporters

    need = _parts_needed(sheet)
    header: list[str] = []
    slots: list[int] = []  # first output column of each input column
    for i, name in enumerate(sheet.columns):
        slots.append(len(header))
        header.append(name)
        for k in range(2, need.get(i, 1) + 1):
            header.append(f"{name}_{k}")
    for i in need:
        report.split_columns.append(f"{sheet.name}.{sheet.columns[i]}")
    dates = [name in DATE_COLUMNS for name in sheet.columns]

    part = 1
    ws, r = _new_sheet(book, sheet.name, header, formats), 1
    count = 0
    for row in sheet.rows():
        if r >= MAX_ROWS:
            _finish(ws, r, header)
            part += 1
            ws, r = _new_sheet(book, f"{sheet.name}_{part}", header, formats), 1
        for i, v in enumerate(row):
            c = slots[i]
            if v is None:
                continue
            if isinstance(v, int | float):  # bool is an int
                ws.write_number(r, c, v)
            elif isinstance(v, str):
                when = _as_date(v) if dates[i] else None
                if when is not None:
                    kind = "datetime" if isinstance(when, datetime) else "date"
                    ws.write_datetime(r, c, when, formats[kind])
                elif i in need and len(v) > CELL_LIMIT // 2 and len(pieces := split_value(v)) > 1:
                    report.split_cells += 1
                    for k, piece in enumerate(pieces):
                        ws.write_string(r, c + k, piece)
                else:
                    ws.write_string(r, c, v)
            else:
                ws.write_string(r, c, str(v))
        r += 1
        count += 1
        if tick and count % reader.exporters.CHUNK == 0:
            tick(done + count)
    _finish(ws, r, header)
    report.rows[sheet.name] = count
    return done + count


def _new_sheet(book: Any, name: str, header: Sequence[str], formats: dict[str, Any]) -> Any:
    ws = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "data")
    for c, name in enumerate(header):
        ws.set_column(c, c, _width(name))
    for c, name in enumerate(header):
        ws.write_string(0, c, name, formats["header"])
    ws.freeze_panes(1, 0)
    return ws


def _finish(ws: Any, rows: int, header: Sequence[str]) -> None:
    ws.autofilter(0, 0, max(rows - 1, 0), max(len(header) - 1, 0))


def write_statistic(table: Any, destination: str | os.PathLike) -> XlsxReport:
    """A `StatTable` as a one-sheet workbook (the Statistics window, `reader stats`)."""
    return write_workbook(destination, [Sheet(table.name, table.columns, lambda: table.rows)])
