"""The README's pandas example (docs/examples/pandas_offsets.py) runs on a real export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library
from reader.model import ParsedArticle

from .export_data import add_articles, annotate_all

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "pandas_offsets.py"
README = Path(__file__).parent.parent / "README.md"


def _export(db_path, tmp_path):
    marks, articles = tmp_path / "annotations.csv", tmp_path / "articles.csv"
    for args in (
        ["export", "annotations", "--raw", "-o", str(marks)],
        ["export", "articles", "--format", "csv", "--raw", "-o", str(articles)],
    ):
        r = CliRunner().invoke(cli, ["--db", str(db_path), *args])
        assert r.exit_code == 0, r.output
    return marks, articles


def test_example_checks_every_row(db_path, tmp_path):
    with Library(db_path) as lib:
        ids = add_articles(lib)
        annotate_all(lib, ids)
        _, aid = lib.add_article(
            ParsedArticle(title="NA", markdown="Then null met None and NA at 00123.")
        )
        for name in ("null", "None", "NA"):
            lib.tag_entity(name, "PERSON")
        n = sum(1 for _ in lib.annotation_rows())
    marks, articles = _export(db_path, tmp_path)
    r = subprocess.run(
        [sys.executable, str(EXAMPLE), str(marks), str(articles)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{n} annotations match their article text\n"
    # What the README warns about: pandas' defaults turn these names into NaN.
    default = pd.read_csv(marks)
    kept = pd.read_csv(marks, keep_default_na=False, dtype=str)
    assert {"null", "None", "NA"} <= set(kept.entity_name)
    assert not {"null", "None", "NA"} & set(default.entity_name.dropna())


def test_example_finds_a_wrong_offset(db_path, tmp_path):
    with Library(db_path) as lib:
        add_articles(lib)
        lib.annotate(1, "highlight", 0, 3)
    marks, articles = _export(db_path, tmp_path)
    text = marks.read_text(encoding="utf-8").replace(",0,3,", ",1,4,")
    marks.write_text(text, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(EXAMPLE), str(marks), str(articles)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "1 rows differ" in r.stderr


def test_readme_shows_the_example_and_no_broken_snippet():
    readme = README.read_text(encoding="utf-8")
    assert "str.slice(start, end)" not in readme
    assert "keep_default_na=False" in readme
    assert "docs/examples/pandas_offsets.py" in readme
