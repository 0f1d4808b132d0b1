"""The CSV export's lines (SQLite joins each row's cells, numpy quotes them) give the
csv module's bytes: on tricky cells, in every table, raw, for Excel, on standard output,
and for rows whose values hold the marker bytes themselves (written the slow way)."""

from __future__ import annotations

import io
import random

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.exporters import csv_safe
from reader.exporters.csv_lines import Converter, write_lines
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.store.export_lines import CELL, ROW_END

TRICKY = [
    "",
    "plain",
    "a,b",
    'say "yes"',
    '"',
    '""',
    "line\nbreak",
    "cr\ronly",
    "crlf\r\nend",
    "=SUM(A1)",
    "+1",
    "-20 degrees",
    "@press",
    "\tindented",
    "\rstarts with CR",
    "=a,b",
    '-"x"',
    "'quoted already",
    " leading space",
    "trailing space ",
    "café 王毅 لافروف 🚀 👩🏽‍⚖️",
    "nul\x00inside",
    "\x00",
    "tab\tinside",
    "semi;colon",
    "back\\slash",
    "1E5",
    "00123",
]


def _marked(row) -> bytes:
    """A row as the SQL of reader/store/export_lines.py gives it."""
    cells = "".join(CELL + ("" if v is None else str(v)) for v in row)
    return (cells + ROW_END).encode("utf-8")


def _reference(rows, text_columns, raw: bool) -> bytes:
    """The csv module's bytes for the rows, neutralised as the store does it in SQL (a
    number in a text column is text there: the columns' TEXT affinity)."""
    out = io.StringIO()
    guarded = [
        [
            csv_safe.neutralise(str(v)) if text and not raw and v is not None else v
            for v, text in zip(r, text_columns, strict=True)
        ]
        for r in rows
    ]
    csv_safe.writer(out).writerows(guarded)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("raw", [False, True])
def test_the_converter_writes_what_the_csv_module_writes(raw):
    rng = random.Random(22)
    values = [*TRICKY, None, 0, 7, -5, 123456789012]
    text_columns = [False, True, True, False, True, True, True]
    rows = [
        [rng.randrange(1, 10**6)] + [rng.choice(values) for _ in text_columns[1:]]
        for _ in range(3000)
    ]
    rows += [[1, *(t, t, 3, t, t, t)] for t in TRICKY]  # every tricky value in every place
    convert = Converter(len(text_columns), None if raw else text_columns)
    for size in (1, 2, 17, len(rows)):
        for i in range(0, len(rows), size):
            part = rows[i : i + size]
            got = convert(b"".join(_marked(r) for r in part), len(part))
            assert got == _reference(part, text_columns, raw), part


def test_a_value_holding_a_marker_is_left_to_the_slow_way():
    convert = Converter(2, [False, True])
    assert convert(_marked([1, "a\x1fb"]), 1) is None
    assert convert(_marked([1, "a\x1eb"]), 1) is None
    rows = [[1, "ok"], [2, "has \x1f marker"], [3, "x,y"], [4, "end\x1e"], [5, "=last"]]
    slow_asked = []

    def slow(ids):
        slow_asked.extend(ids)
        return [[i, dict(rows)[i]] for i in ids]

    out = io.StringIO()
    lines = iter([(_marked(r),) for r in rows])
    assert write_lines(out, ["id", "text"], [False, True], lines, slow, raw=True) == 5
    assert slow_asked == [2, 4]
    want = 'id,text\r\n1,ok\r\n2,has \x1f marker\r\n3,"x,y"\r\n4,end\x1e\r\n5,=last\r\n'
    assert out.getvalue() == want


@pytest.fixture
def tricky_lib(tmp_path):
    """Every tricky value in the articles', annotations', entities' and attributes' cells."""
    path = tmp_path / "library.db"
    with Library(path, annotator="ana") as lib:
        ids = []
        for n, value in enumerate(TRICKY):
            parsed = ParsedArticle(
                title=f"T{n} {value}" if n % 2 else (value or "untitled"),
                markdown=f'Alpha beta, gamma {n}.\n\nSecond "para" here.\n',
                source=value or None,
                published="2025-03-01",
                language="en",
                url=f"https://example.org/{n}",
            )
            ids.append(lib.add_article(parsed)[1])
        entity = lib.create_entity('Lavrov, "Sergey"', "PERSON")
        lib.define_attribute("role", "entity", "text")
        lib.set_attribute("role", '=minister, "foreign"\naffairs', entities=[entity.id])
        lib.define_attribute("wave", "article", "text")
        for n, (article_id, value) in enumerate(zip(ids, TRICKY, strict=True)):
            lib.set_attribute("wave", value or "w", articles=[article_id])
            text = lib.article(article_id).text
            mark = lib.annotate(article_id, "highlight", 0, 5, label=value or None, note=value)
            lib.annotate(article_id, "entity", 6, 10, entity_id=entity.id)
            lib.annotate(article_id, "quote", text.index("Second"), len(text), speaker_id=entity.id)
            db = lib._store.db
            db.execute(
                "UPDATE annotations SET annotator = ?, cue = ?, status = ? WHERE id = ?",
                [value, value, value or "ok", mark.id],
            )
            db.execute("UPDATE articles SET author = ? WHERE id = ?", [TRICKY[-1 - n], article_id])
        # A mark whose text is no longer at its offsets goes out as orphaned.
        db.execute("UPDATE annotations SET exact = 'Gamma' WHERE id = ?", [mark.id - 3])
        db.execute("UPDATE annotations SET note = 'a\x1fb\x1ec' WHERE id = ?", [mark.id - 6])
        db.conn.commit()
    return path


def _old_export(path, table: str, raw: bool, excel: bool) -> bytes:
    """What the CSV export wrote before lines: the store's rows (neutralised in SQL)
    through the csv module."""
    with Library(path) as lib:
        exports = lib._store.exports
        neutralise = () if raw else csv_safe.FORMULA_PREFIXES
        names, rows = exports.annotation_rows(Scope(), table, neutralise=neutralise)
        out = io.StringIO(newline="")
        csv_safe.write_rows(out, names, rows, raw=True, excel=excel)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("table", ["annotations", "quotes", "mentions"])
@pytest.mark.parametrize("options", [(), ("--raw",), ("--excel",), ("--raw", "--excel")])
def test_the_export_is_byte_identical_to_the_csv_module(tricky_lib, tmp_path, table, options):
    out = tmp_path / "out.csv"
    args = ["--db", str(tricky_lib), "export", "annotations", "--format", "csv"]
    args += ["--table", table, "-o", str(out), *options]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    want = _old_export(tricky_lib, table, "--raw" in options, "--excel" in options)
    assert want.count(b"\r\n") > 20
    assert out.read_bytes() == want


def test_standard_output_gets_the_same_text(tricky_lib, tmp_path):
    args = ["--db", str(tricky_lib), "export", "annotations", "--format", "csv"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert result.stdout_bytes == _old_export(tricky_lib, "annotations", False, False)
