"""SQL for CSV exports written as lines: each row's cells in one marked string.

Making 29 Python objects a row and handing them to the csv module cost more than
SQLite's own work for the same join (a million rows: about 8 s against 6 s). Here
SQLite concatenates each row's cells, each after a marker byte, and returns the row as
one BLOB (UTF-8 bytes, never decoded); `reader/exporters/csv_lines.py` quotes and
neutralises the cells of thousands of rows at once with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

# Control characters that separate the cells: CELL before every cell, ROW_END after
# the last. A value holding either is found by counting them, and its row is written
# the slow way (from its cells).
CELL = "\x1f"
ROW_END = "\x1e"


def marked_line(columns: Sequence[tuple[str, str]]) -> str:
    """The SQL expression of one row: CELL, cell, CELL, cell, …, ROW_END, as a BLOB.

    The first column must be the annotation id (what the slow way looks up). `||`
    keeps a value that holds U+0000 whole (printf() would cut it there); NULL is
    the empty cell, as the csv module writes None. The concatenation is a balanced
    tree, so each row's bytes are copied about log2(cells) times, not once per cell.
    """
    if columns[0][1] != "n.id":
        raise ValueError("the first column of a marked line must be n.id")
    leaves = [f"'{CELL}' || ifnull({expr}, '')" for _, expr in columns] + [f"'{ROW_END}'"]
    return f"CAST({_tree(leaves)} AS BLOB)"


def _tree(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return f"({_tree(parts[:half])} || {_tree(parts[half:])})"
