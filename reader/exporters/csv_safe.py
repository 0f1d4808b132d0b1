"""CSV that opens right everywhere: RFC 4180 quoting, optional BOM, formula neutralisation.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula (CSV injection). OWASP's rule: prefix such a cell
with an apostrophe, which makes it text. `raw=True` writes cells unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TextIO

import reader.exporters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: Any) -> Any:
    """The cell a spreadsheet shows as text: `'` before a formula-like string."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(row: Sequence[Any]) -> list[Any]:
    return [neutralise(v) for v in row]


def writer(out: TextIO, excel: bool = False) -> Any:
    """A csv writer with RFC 4180 quoting (CRLF line ends, `"` doubled); BOM for Excel."""
    if excel:
        out.write(BOM)
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, doublequote=True)


def write_rows(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    raw: bool = False,
    excel: bool = False,
    flagged: bool = False,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Stream rows as CSV; returns how many were written.

    `flagged` rows carry a last column saying whether any cell may need
    neutralising (computed by the store), so unflagged rows go out untouched.
    `tick(n)` is called every `CHUNK` rows (progress, cancellation).
    """
    w = writer(out, excel)
    w.writerow(header)
    count = 0
    if raw and not flagged and hasattr(rows, "fetchmany"):
        # A cursor of finished rows: straight from SQLite to the C writer.
        while chunk := rows.fetchmany(reader.exporters.CHUNK):
            w.writerows(chunk)
            count += len(chunk)
            if tick:
                tick(count)
        return count
    for chunk in _chunks(rows, flagged, raw):
        w.writerows(chunk)
        count += len(chunk)
        if tick:
            tick(count)
    return count


def _chunks(rows: Iterable[Sequence[Any]], flagged: bool, raw: bool) -> Iterator[list]:
    """Batches of output rows; list comprehensions keep the per-row cost low."""
    size = reader.exporters.CHUNK
    it = iter(rows)
    while batch := list(islice(it, size)):
        if flagged and raw:
            yield [r[:-1] for r in batch]
        elif flagged:
            yield [neutralise_row(r[:-1]) if r[-1] else r[:-1] for r in batch]
        elif raw:
            yield batch
        else:
            yield [neutralise_row(r) for r in batch]


CsvError = csv.Error


def read_rows(text: str) -> list[list[str]]:
    """The rows of CSV text (the one place the csv module is used; `csv.Error` if broken)."""
    return list(csv.reader(io.StringIO(text, newline="")))
