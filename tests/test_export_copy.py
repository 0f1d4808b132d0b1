"""Copy as CSV / Markdown: the text the side panel and the Edit menu put on the clipboard."""

from __future__ import annotations

import csv
import io

import pytest

from reader.exporters.annotations_csv import ANNOTATION_HEADER
from reader.exporters.copy_text import (
    annotations_to_csv_text,
    annotations_to_markdown_text,
    annotations_to_text,
    markdown_to_html,
)
from reader.library import Library
from reader.model import ExportOptions, Scope

from .export_data import add_articles, annotate_all


@pytest.fixture
def filled(db_path):
    with Library(db_path, annotator="ana") as lib:
        ids = add_articles(lib)
        annotate_all(lib, ids)
        yield lib, ids


def test_csv_text_equals_the_csv_export(filled, tmp_path):
    lib, ids = filled
    scope = Scope(article_ids=(ids[3],))
    text = annotations_to_csv_text(lib.annotation_rows(scope))
    out = tmp_path / "a.csv"
    lib.export_annotations("csv", out, scope, ExportOptions())
    assert text == out.read_bytes().decode("utf-8")  # same columns, quoting and safety
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(ANNOTATION_HEADER)
    article = lib.article(ids[3]).text
    cells = {r["text"]: r for r in rows}
    # formula-like cells are neutralised; the offsets still point at the real text
    assert "'=SUM(A1:A9)" in cells and "'-20 degrees" in cells
    row = cells["'=SUM(A1:A9)"]
    assert article[int(row["start"]) : int(row["end"])] == "=SUM(A1:A9)"
    assert cells["'-20 degrees"]["note"] == "'=1+1"
    assert text.endswith("\r\n")


def test_csv_text_raw_and_other_tables(filled):
    lib, ids = filled
    scope = Scope(article_ids=(ids[3],))
    raw = annotations_to_csv_text(lib.annotation_rows(scope), raw=True)
    texts = [r["text"] for r in csv.DictReader(io.StringIO(raw, newline=""))]
    assert "=SUM(A1:A9)" in texts and "-20 degrees" in texts
    quotes = list(lib.annotation_rows(scope, "quotes"))
    header = next(csv.reader(io.StringIO(annotations_to_csv_text(quotes))))
    assert header == list(quotes[0])


def test_nothing_to_copy_is_empty():
    assert annotations_to_csv_text([]) == ""
    assert annotations_to_markdown_text([]) == ""


def test_markdown_text_groups_by_article(filled):
    lib, ids = filled
    rows = list(lib.annotation_rows(Scope(article_ids=(ids[0], ids[1]))))
    text = annotations_to_markdown_text(rows)
    assert text.count("\n## ") + text.startswith("## ") == 2
    assert text.startswith("## Ministerin 👩🏽‍⚖️ in Genf\n\n*Agentur · 2025-03-01")
    assert "<https://example.org/genf>" in text
    assert "> „Wir sind bereit 🚀, wirklich 🇺🇦“" in text
    assert "**Note:** emoji inside, flag at the end" in text
    # a note with a newline stays inside its mark; a multi-line quote stays quoted
    assert '> **Note:** a "note", with comma\n> and a newline' in text
    second = text.index("## Combining marks: q̃ and नमस्ते")
    assert text.index("> नमस्ते दुनिया") > second
    assert annotations_to_text(rows, "markdown") == text
    assert annotations_to_text(rows, "csv") == annotations_to_csv_text(rows)
    with pytest.raises(ValueError):
        annotations_to_text(rows, "pdf")


def test_markdown_entity_names_and_html(filled):
    lib, ids = filled
    rows = list(lib.annotation_rows(Scope(article_ids=(ids[0],), kinds=("entity",))))
    text = annotations_to_markdown_text(rows)
    assert "> Sergey Lavrov" in text and "Entity: Sergey Lavrov (PERSON)" in text
    html = markdown_to_html("> <script>alert(1)</script> **bold**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>bold</strong>" in html
