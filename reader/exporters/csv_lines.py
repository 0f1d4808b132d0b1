"""CSV from marked lines (reader/store/export_lines.py): the csv module's bytes, by numpy.

Each row arrives as one bytes string, `CELL c1 CELL c2 … CELL cN ROW_END`. A chunk
of rows is turned into the CSV that `csv_safe.writer` writes for the same cells
(`QUOTE_MINIMAL`: a cell holding a comma, a double quote, CR or LF is quoted and its
quotes doubled; CRLF after each row) with `csv_safe.neutralise` applied to the free
text cells unless `raw`: a few passes of numpy over the whole chunk instead of
Python (and the csv module, about 12 ns a character) per cell. All the bytes that
matter are ASCII, so they never occur inside a multi-byte UTF-8 character.

A row whose values hold a marker byte themselves (the counts show it) is written
from its cells by the csv module, as before, through `slow(annotation_ids)`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import numpy as np

import reader.exporters
from reader.exporters import csv_safe
from reader.store.export_lines import CELL, ROW_END

_CELL, _END = ord(CELL), ord(ROW_END)
_COMMA, _QUOTE, _CR, _LF, _APOSTROPHE = (ord(c) for c in ",\"\r\n'")
_FORMULA = np.zeros(256, bool)
_FORMULA[[ord(p) for p in csv_safe.FORMULA_PREFIXES]] = True
_NONE = np.empty(0, np.intp)
_CELL_BYTE, _END_BYTE = CELL.encode(), ROW_END.encode()


def write_lines(
    out: TextIO,
    header: Sequence[str],
    text_columns: Sequence[bool],
    lines: Iterable[tuple[bytes]],
    slow: Callable[[list[int]], Iterable[Sequence[Any]]],
    raw: bool = False,
    excel: bool = False,
    tick: Callable[[int], None] | None = None,
    binary: bool = True,
) -> int:
    """Write the header and every line as CSV to `out`; returns the number of rows.

    `out` is a text stream opened with `newline=""`; with `binary`, its binary buffer
    (when it has one) takes the bytes, which are never decoded. `slow(ids)` gives those
    annotations' rows as `annotation_rows` does (neutralised there unless `raw`), for
    rows that cannot go as lines.
    """
    head = io.StringIO()
    csv_safe.writer(head, excel).writerow(header)
    if binary and hasattr(out, "buffer"):
        out.write(head.getvalue())
        out.flush()
        write: Callable[[bytes], Any] = out.buffer.write
    else:
        out.write(head.getvalue())

        def write(data: bytes) -> None:
            out.write(data.decode("utf-8"))

    convert = Converter(len(header), None if raw else text_columns)
    count = 0
    fetch = getattr(lines, "fetchmany", None)
    chunks = iter(lambda: fetch(reader.exporters.CHUNK), []) if fetch else _chunks(lines)
    for chunk in chunks:
        for part in _converted(chunk, convert, slow):
            write(part)
        count += len(chunk)
        if tick:
            tick(count)
    return count


def _chunks(lines: Iterable[tuple[bytes]]) -> Iterator[list[tuple[bytes]]]:
    it = iter(lines)
    while chunk := [row for _, row in zip(range(reader.exporters.CHUNK), it, strict=False)]:
        yield chunk


def _converted(
    chunk: list[tuple[bytes]],
    convert: Converter,
    slow: Callable[[list[int]], Iterable[Sequence[Any]]],
) -> Iterator[bytes]:
    """The chunk's CSV bytes: at once, or run by run around rows that hold a marker."""
    whole = convert(b"".join([row[0] for row in chunk]), len(chunk))
    if whole is not None:
        yield whole
        return
    run: list[bytes] = []
    for (line,) in chunk:
        if line.count(_CELL_BYTE) == convert.ncols and line.count(_END_BYTE) == 1:
            run.append(line)
            continue
        if run:
            yield convert(b"".join(run), len(run)) or b""
            run = []
        annotation_id = int(line[1 : line.index(_CELL_BYTE, 1)])  # never holds a marker
        text = io.StringIO()
        csv_safe.writer(text).writerows(slow([annotation_id]))
        yield text.getvalue().encode("utf-8")
    if run:
        yield convert(b"".join(run), len(run)) or b""


class Converter:
    """Marked lines of `ncols` cells to CSV bytes; `guard[i]`: column i is free text,
    neutralised (an apostrophe before a formula-like first character); None: raw.

    Its work arrays are kept from chunk to chunk: a fresh array of a chunk's size costs
    more (the system maps and zeroes its pages) than the comparison that fills it.
    """

    def __init__(self, ncols: int, guard: Sequence[bool] | None) -> None:
        self.ncols = ncols
        self.guard = None if guard is None else np.array(guard, bool)
        self._size = 0
        self._grow(1 << 20)

    def _grow(self, size: int) -> None:
        if size > self._size:
            self._size = size
            self._hit, self._test = np.empty(size, bool), np.empty(size, bool)
            self._line = np.empty(size, np.uint8)
            self._out, self._keep = np.empty(2 * size, np.uint8), np.empty(2 * size, bool)

    def _where(self, b: np.ndarray, values: Sequence[int]) -> np.ndarray:
        """The positions of the bytes of `b` equal to one of `values`."""
        hit, test = self._hit[: b.size], self._test[: b.size]
        np.equal(b, values[0], out=hit)
        for value in values[1:]:
            np.logical_or(hit, np.equal(b, value, out=test), out=hit)
        return np.flatnonzero(hit)

    def __call__(self, data: bytes, rows: int) -> bytes | None:
        """`rows` marked lines as CSV; None when a value holds a marker byte."""
        if not rows:
            return b""
        ncols = self.ncols
        self._grow(len(data))
        b = np.frombuffer(data, np.uint8)
        marks = self._where(b, (_CELL, _END))
        if marks.size != rows * (ncols + 1):  # a value holds a marker byte
            return None
        grid = marks.reshape(rows, ncols + 1)  # each row: its cells' markers, then its end
        starts = grid[:, :ncols] + 1  # a cell's first byte (the next marker when empty)
        special = self._where(b, (_COMMA, _QUOTE, _CR, _LF))
        quotes = special[b[special] == _QUOTE]
        # The cell of each special byte: the marker before it (never a row's end: the next
        # row's first marker follows that at once).
        need = np.zeros(marks.size, bool)
        need[np.searchsorted(marks, special, "right") - 1] = True
        need = need.reshape(rows, ncols + 1)[:, :ncols]
        opens = starts[need]
        closes = grid[:, 1:][need]  # before the next marker (or the row's end)
        apostrophes = _NONE if self.guard is None else starts[_FORMULA[b[starts]] & self.guard]
        # What goes in, and before which byte: an opening quote before an apostrophe at
        # the same place (a stable sort keeps this order); quotes doubled; LF at the end.
        at = np.concatenate((opens, apostrophes, closes, quotes, [b.size]))
        what = np.full(at.size, _QUOTE, np.uint8)
        what[opens.size : opens.size + apostrophes.size] = _APOSTROPHE
        what[-1] = _LF
        order = np.argsort(at, kind="stable")
        at, what = at[order], what[order]
        line = self._line[: b.size]
        np.copyto(line, b)
        line[grid[:, :ncols]] = _COMMA
        line[grid[:, ncols]] = _CR
        line[grid[1:, 0]] = _LF  # a row's end and the next row's first marker: CRLF
        size = b.size + at.size
        if size > self._out.size:
            self._out, self._keep = np.empty(size, np.uint8), np.empty(size, bool)
        out, keep = self._out[:size], self._keep[:size]
        placed = at + np.arange(at.size)
        keep.fill(True)
        keep[placed] = False
        out[keep] = line
        out[placed] = what
        return out[1:].tobytes()  # without the first row's first marker
