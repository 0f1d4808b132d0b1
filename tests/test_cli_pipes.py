"""Command-line output into a pipe whose reader has gone (`reader list | head`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.library import Library

from .conftest import ROOT


@pytest.fixture
def filled_db(db_path, seed_path):
    with Library(db_path) as lib:
        lib.import_paths([seed_path])
    return db_path


def _run_into_closed_pipe(db_path, *args: str) -> subprocess.CompletedProcess:
    """Run `reader ARGS` with stdout a real pipe whose read end is already closed."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db_path), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--json"),
        ("show", "1"),
        ("search", "Lavrov"),
        ("export", "articles", "--format", "jsonl"),
        ("export", "articles", "--format", "csv"),
        ("--help",),
    ],
)
def test_closed_pipe_ends_quietly(filled_db, args):
    out = _run_into_closed_pipe(filled_db, *args)
    assert out.stderr == ""
    assert out.returncode == 1  # click's code for a closed pipe; never a traceback


def test_help_names_every_suffix_import_accepts():
    from click.testing import CliRunner

    from reader.cli import cli
    from reader.importers import supported_suffixes

    top = CliRunner().invoke(cli, ["--help"]).output.splitlines()
    (at,) = [i for i, x in enumerate(top) if x.strip().startswith("import ")]
    entry = top[at]  # with its wrapped continuation lines (indented, no command name)
    for more in top[at + 1 :]:
        if not more.startswith(" " * 8):
            break
        entry += " " + more.strip()
    for suffix in supported_suffixes():
        assert f" {suffix} " in entry + " ", suffix
    own = CliRunner().invoke(cli, ["import", "--help"]).output
    assert "HTML" in own
    for suffix in supported_suffixes():
        assert suffix in own


def test_list_prints_every_date_in_one_format(db_path, tmp_path):
    from click.testing import CliRunner

    from reader.cli import cli

    with Library(db_path) as lib:
        for i, published in enumerate(["2021-11-01T09:52:50+02:00", "2025-02-27", None]):
            page = tmp_path / f"a{i}.html"
            when = f'<meta property="article:published_time" content="{published}">'
            page.write_text(
                f"<html><head><title>Story {i}</title>{when if published else ''}</head>"
                f"<body><article><h1>Story {i}</h1><p>{'Words here. ' * 30}</p>"
                "</article></body></html>",
                encoding="utf-8",
            )
            lib.import_paths([page])
    out = CliRunner().invoke(cli, ["--db", str(db_path), "list", "--sort", "id"]).output
    assert out.splitlines() == [
        "     3  Story 2  (en)",
        "     2  Story 1  (2025-02-27 · en)",
        "     1  Story 0  (2021-11-01 · en)",
    ]
