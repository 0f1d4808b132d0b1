"""xlsx export: typed cells read back with openpyxl and with LibreOffice, long values split."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from datetime import date, datetime

import openpyxl
import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ExportCancelled
from reader.exporters import xlsx
from reader.exporters.annotations_csv import ANNOTATION_HEADER
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

from .export_data import add_articles, annotate_all

HOSTILE = ["00123", "1E5", "October 31", "true", '=HYPERLINK("http://evil","x")', "_x0041_"]
SHEETS = ["annotations", "quotes", "entities", "mentions", "articles"]


def run(db_path, *args):
    r = CliRunner().invoke(cli, ["--db", str(db_path), *map(str, args)])
    assert r.exit_code == 0, r.output
    return r


@pytest.fixture
def filled(db_path):
    with Library(db_path, annotator="ana") as lib:
        ids = add_articles(lib)
        annotate_all(lib, ids)
        parsed = ParsedArticle(
            title="00123",
            markdown=paragraphs_to_markdown([" then ".join(HOSTILE) + "."]),
            published="2021-11-01T10:52:50+01:00",
        )
        hostile = lib.add_article(parsed)[1]
        text = lib.article(hostile).text
        for value in HOSTILE:
            start = text.index(value)
            lib.annotate(hostile, "highlight", start, start + len(value), note=value)
    return db_path


def _unescape(value):
    """Undo the OOXML escape `_xHHHH_` (Excel and LibreOffice do; openpyxl leaves it in
    inline strings, the ones XlsxWriter's constant-memory mode writes)."""
    if isinstance(value, str):
        return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)
    return value


def _sheet(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    return list(rows[0]), [[_unescape(v) for v in r] for r in rows[1:]]


def test_sheets_header_and_typed_cells(filled, tmp_path):
    out = tmp_path / "a.xlsx"
    r = run(filled, "export", "annotations", "--format", "xlsx", "-o", out)
    assert r.stderr.strip() == f"exported 20 annotations to {out}"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    header, rows = _sheet(book, "annotations")
    assert header == list(ANNOTATION_HEADER)
    with Library(filled) as lib:
        expected = [list(r.values())[: len(header)] for r in lib.annotation_rows()]
    assert len(rows) == len(expected) == 20
    col = {name: i for i, name in enumerate(header)}
    for got, want in zip(rows, expected, strict=True):
        for name in ("annotation_id", "article_id", "start", "end", "entity_id", "speaker_id"):
            assert got[col[name]] == want[col[name]]
            assert want[col[name]] is None or type(got[col[name]]) is int
        for name in ("text", "note", "prefix", "suffix", "article_title", "label", "kind"):
            assert got[col[name]] == want[col[name]], name
        day = date.fromisoformat(want[col["published_date"]])
        assert got[col["published_date"]] == datetime(day.year, day.month, day.day)
        assert isinstance(got[col["created"]], datetime)
    published = {r[col["article_title"]]: r[col["published"]] for r in rows}
    assert published["00123"] == datetime(2021, 11, 1, 9, 52, 50)  # UTC
    assert published["王毅会见拉夫罗夫"] == datetime(2025, 3, 3)
    formats = {c.number_format for c in book["annotations"]["D"][1:]}
    assert formats == {"yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"}
    for ws in book:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(cell.font.b for cell in ws[1])
    widths = book["annotations"].column_dimensions
    assert widths["L"].width > widths["A"].width  # text wider than an id


def test_text_stays_text_without_apostrophe_or_formula(filled, tmp_path):
    out = tmp_path / "a.xlsx"
    run(filled, "export", "annotations", "--format", "xlsx", "-o", out)
    ws = openpyxl.load_workbook(out)["annotations"]
    header = [c.value for c in ws[1]]
    text_col, note_col = header.index("text") + 1, header.index("note") + 1
    found = {}
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(r, text_col)
        found[_unescape(cell.value)] = cell
        if _unescape(cell.value) in HOSTILE:
            assert _unescape(ws.cell(r, note_col).value) == _unescape(cell.value)
            assert ws.cell(r, note_col).data_type == "s"
    for value in HOSTILE:
        assert found[value].data_type == "s", value
    assert found["=SUM(A1:A9)"].data_type == "s"
    assert found["-20 degrees"].value == "-20 degrees"  # no apostrophe needed in xlsx
    title_col = header.index("article_title") + 1
    assert {ws.cell(r, title_col).value for r in range(2, ws.max_row + 1)} >= {"00123"}


def test_articles_export_and_long_values_split(db_path, tmp_path):
    long_text = ("Ein langer Satz über 𝔐𝔞𝔱𝔥 und Genf. " * 2000).strip()
    assert xlsx.utf16_len(long_text) > 2 * xlsx.CELL_LIMIT
    with Library(db_path) as lib:
        lib.add_article(ParsedArticle(title="Long", markdown=long_text, published="2025-02-27"))
        lib.add_article(ParsedArticle(title="Short", markdown="Kurz.", published=None))
        stored = lib.article(1).text
    out = tmp_path / "articles.xlsx"
    r = run(db_path, "export", "articles", "--format", "xlsx", "-o", out)
    assert r.stderr.strip() == (
        f"exported 2 articles to {out}; 2 cells longer than 32,767 characters were split "
        "into continuation columns (articles.text, articles.markdown)"
    )
    header, rows = _sheet(openpyxl.load_workbook(out), "articles")
    t = header.index("text")
    assert header[t : t + 4] == ["text", "text_2", "text_3", "markdown"]
    assert "".join(rows[0][t : t + 3]) == stored
    assert all(xlsx.utf16_len(p) <= xlsx.CELL_LIMIT for p in rows[0][t : t + 3])
    assert rows[1][t : t + 3] == ["Kurz.", None, None]
    assert rows[0][header.index("published")] == datetime(2025, 2, 27)
    assert rows[1][header.index("published")] is None


def test_split_never_cuts_a_surrogate_pair():
    value = "a" + "😀" * 20
    parts = xlsx.split_value(value, limit=4)
    assert "".join(parts) == value
    assert parts[:2] == ["a😀", "😀😀"]
    assert all(xlsx.utf16_len(p) <= 4 for p in parts)


def test_a_full_sheet_continues_on_the_next(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 9)  # a header and 8 rows per sheet
    out = tmp_path / "a.xlsx"
    run(filled, "export", "annotations", "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["annotations", "annotations_2", "annotations_3", "quotes"]
    ids = [r[0] for name in book.sheetnames[:3] for r in _sheet(book, name)[1]]
    with Library(filled) as lib:
        assert ids == [r["annotation_id"] for r in lib.annotation_rows()]


def test_xlsx_needs_a_file(filled):
    r = CliRunner().invoke(cli, ["--db", str(filled), "export", "annotations", "--format", "xlsx"])
    assert r.exit_code == 1
    assert r.output.strip().endswith("an xlsx export needs a file (-o FILE.xlsx)")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_every_sheet_as_written(filled, tmp_path):
    out = tmp_path / "a.xlsx"
    run(filled, "export", "annotations", "--format", "xlsx", "-o", out)
    # 44 comma, 34 quote, 76 UTF-8; the last token (-1) writes every sheet to its own file.
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        + ["--convert-to", filt, "--outdir", str(tmp_path / "lo"), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with Library(filled) as lib:
        expected = {
            "annotations": [
                list(r.values())[: len(ANNOTATION_HEADER)] for r in lib.annotation_rows()
            ],
            "quotes": [list(r.values()) for r in lib.annotation_rows(table="quotes")],
            "entities": [list(r.values()) for r in lib.annotation_rows(table="entities")],
        }
    for name, want in expected.items():
        with open(tmp_path / "lo" / f"a-{name}.csv", encoding="utf-8", newline="") as f:
            got = list(csv.reader(f))[1:]
        assert got == [[_shown(v) for v in row] for row in want], name
    assert "00123" in (tmp_path / "lo" / "a-annotations.csv").read_text(encoding="utf-8")


def _shown(value):
    """A cell as LibreOffice writes it to CSV: dates as yyyy-mm-dd [hh:mm:ss] (UTC)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        when = xlsx._as_date(value)
        if isinstance(when, datetime):
            return when.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(when, date):
            return when.isoformat()
    return str(value)


def test_files_have_the_normal_mode(filled, tmp_path):
    old = os.umask(0o027)
    try:
        for fmt, name in (("xlsx", "a.xlsx"), ("csv", "a.csv"), ("jsonl", "a.jsonl")):
            run(filled, "export", "annotations", "--format", fmt, "-o", tmp_path / name)
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o640, fmt
        run(filled, "export", "annotations", "--format", "markdown", "-o", tmp_path / "md")
        assert (tmp_path / "md").stat().st_mode & 0o777 == 0o750
        for f in (tmp_path / "md").iterdir():
            assert f.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_cancelled_export_leaves_nothing(filled, tmp_path, monkeypatch):
    monkeypatch.setattr("reader.exporters.CHUNK", 1)
    out = tmp_path / "out" / "a.xlsx"
    out.parent.mkdir()
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with Library(filled) as lib, pytest.raises(ExportCancelled):
        lib.export_annotations("xlsx", out, Scope(), cancelled=cancelled)
    assert list(out.parent.iterdir()) == []


def test_stats_as_xlsx(filled, tmp_path):
    out = tmp_path / "entities.xlsx"
    r = run(filled, "stats", "entities", "--format", "xlsx", "-o", out)
    with Library(filled) as lib:
        table = lib.statistic("entities")
    assert r.stderr == f"exported {len(table.rows)} rows to {out}\n"
    header, rows = _sheet(openpyxl.load_workbook(out), "entities")
    assert len(table.rows) >= 2
    assert header == list(table.columns) and rows == [list(r) for r in table.rows]
    assert all(type(v) is int for r in rows for v in r if not isinstance(v, str) and v is not None)
    r = CliRunner().invoke(cli, ["--db", str(filled), "stats", "entities", "--format", "xlsx"])
    assert r.exit_code == 1 and "an xlsx export needs a file" in r.output


def test_dates_excel_cannot_show_stay_text(tmp_path):
    out = tmp_path / "d.xlsx"
    rows = [("1850-01-01", "0001-01-01T00:00:00Z"), ("1900-03-01", "spring"), (None, "")]
    xlsx.write_workbook(out, [xlsx.Sheet("s", ["published", "created"], lambda: rows)])
    _, got = _sheet(openpyxl.load_workbook(out), "s")
    assert got == [
        ["1850-01-01", "0001-01-01T00:00:00Z"],
        [datetime(1900, 3, 1), "spring"],
        [None, ""],  # an empty text is an empty string cell, None no cell
    ]
