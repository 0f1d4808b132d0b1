"""File → Export…, Export Articles… and the Copy as CSV / Markdown actions."""

from __future__ import annotations

import csv
import io
import json
import threading

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.exporters.copy_text import annotations_to_csv_text, annotations_to_markdown_text
from reader.exporting import ExportsService
from reader.model import ExportOptions, Scope

from ..export_data import add_articles, annotate_all


@pytest.fixture
def ids(lib):
    ids = add_articles(lib)
    annotate_all(lib, ids)
    return ids


@pytest.fixture
def dialog(window, ids):
    window.articles.open_article(ids[3])
    window.actions_by_id["export_annotations"].trigger()
    dialog = window.tasks.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_dialog_counts_what_each_scope_and_table_writes(window, lib, ids, dialog):
    assert dialog.scope_name() == "library"
    everything = lib.count_export("csv", Scope())
    assert dialog.count.text() == f"{everything} annotations will be written."
    dialog.set_scope("article")
    assert dialog.scope() == Scope(article_ids=(ids[3],))
    mine = lib.count_export("csv", Scope(article_ids=(ids[3],)))
    assert 0 < mine < everything
    assert dialog.count.text() == f"{mine} annotations will be written."
    # The workbook comes first for spreadsheet users; it holds every table.
    assert dialog.fmt() == "xlsx" and dialog.format.currentIndex() == 0
    assert not dialog.table.isEnabled()
    assert dialog.destination.text().endswith("annotations.xlsx")
    choose(dialog.format, "csv")
    choose(dialog.table, "quotes")
    assert dialog.count.text() == "1 quote will be written."
    choose(dialog.format, "doccano")
    assert not dialog.table.isEnabled() and not dialog.excel.isEnabled()
    assert dialog.count.text() == "1 article will be written."
    assert dialog.options() == ExportOptions()
    choose(dialog.format, "conll")
    assert dialog.count.text() == "1 article will be written."
    assert dialog.destination.text().endswith(".conll")


def test_destination_suffix_follows_the_format(dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "mine.csv"))
    choose(dialog.format, "w3c")
    assert dialog.destination.text() == str(tmp_path / "mine.jsonld")
    choose(dialog.format, "markdown")
    assert dialog.destination.text() == str(tmp_path / "mine")
    choose(dialog.format, "jsonl")
    assert dialog.destination.text() == str(tmp_path / "mine.jsonl")
    export = [b for b in dialog.buttons.buttons() if b.text() == "Export"][0]
    assert export.isEnabled()
    dialog.destination.setText("  ")
    assert not export.isEnabled()


def test_search_scope_is_the_library_panes(window, lib, ids, qtbot):
    window.pane.search.setText("Genf")
    window.pane.apply_filters()
    window.actions_by_id["export_annotations"].trigger()
    dialog = window.tasks.dialog
    dialog.set_scope("search")
    assert dialog.scope() == window.pane.scope() == Scope(query="Genf", prefix=True)
    assert "“Genf”" in dialog.scope_buttons.checkedButton().text()
    n = lib.count_export("csv", window.pane.scope())
    assert n == len(list(lib.annotation_rows(Scope(article_ids=(ids[0],))))) > 0
    assert dialog.count.text() == f"{n} annotations will be written."


def test_export_runs_in_the_background_and_ends_with_a_summary(
    window, lib, ids, dialog, qtbot, tmp_path
):
    out = tmp_path / "out.csv"
    choose(dialog.format, "csv")
    dialog.set_scope("article")
    dialog.excel.setChecked(True)
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        dialog.accept()
    box = shown.args[0]
    n = lib.count_export("csv", Scope(article_ids=(ids[3],)))
    assert box.text() == f"Exported {n} annotations to {out}."
    assert [b.text() for b in box.buttons() if b.text() == "Show in Folder"]
    expected = tmp_path / "expected.csv"
    lib.export_annotations("csv", expected, Scope(article_ids=(ids[3],)), ExportOptions(excel=True))
    assert out.read_bytes() == expected.read_bytes()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    box.close()


def test_xlsx_export_from_the_dialog(window, lib, ids, dialog, qtbot, tmp_path):
    out = tmp_path / "out.xlsx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        dialog.accept()
    n = lib.count_export("xlsx", Scope())
    assert shown.args[0].text() == f"Exported {n} annotations to {out}."
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["annotations", "quotes", "entities", "mentions", "articles"]
    assert book["annotations"].max_row == n + 1


def test_qdpx_project_export_from_the_dialog(window, lib, ids, dialog, qtbot, tmp_path):
    import zipfile

    choose(dialog.format, "qdpx")
    assert dialog.destination.text().endswith(".qdpx")
    out = tmp_path / "work.qdpx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        dialog.accept()
    n = lib.count_export("qdpx", Scope())
    assert shown.args[0].text() == (
        f"Exported {n} annotations to {out}.\n4 articles as text sources."
    )
    with zipfile.ZipFile(out) as z:
        assert "project.qde" in z.namelist() and len(z.namelist()) == 5


def test_markdown_folder_export(window, lib, ids, dialog, qtbot, tmp_path):
    choose(dialog.format, "markdown")
    dialog.destination.setText(str(tmp_path / "notes"))
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        dialog.accept()
    assert shown.args[0].text() == f"Exported 4 articles to {tmp_path / 'notes'}."
    assert len(list((tmp_path / "notes").glob("*.md"))) == 4


def test_cancelled_export_leaves_nothing(window, lib, ids, qtbot, tmp_path, monkeypatch):
    gate = threading.Event()
    real = ExportsService.count_export  # what export_annotations calls to count

    def held(self, *args, **kw):  # the worker waits here until the test has cancelled
        if threading.current_thread() is not threading.main_thread():
            gate.wait(5)
        return real(self, *args, **kw)

    monkeypatch.setattr(ExportsService, "count_export", held)
    monkeypatch.setattr("reader.exporters.CHUNK", 1)  # check for cancellation on every row
    from reader.gui.dialogs.export_dialog import ExportRequest

    out = tmp_path / "never.jsonl"
    request = ExportRequest("jsonl", out, Scope(), ExportOptions())
    assert window.tasks.export(request)
    with qtbot.waitSignal(window.tasks.ended, timeout=10000) as ended:
        window.tasks.cancel("export")
        gate.set()
    assert ended.args == ["export", "cancelled"]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("library.db")] == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"


def test_export_error_goes_to_the_error_dialog(window, ids, qtbot, tmp_path):
    from reader.gui.dialogs.export_dialog import ExportRequest

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    request = ExportRequest("markdown", blocker, Scope(), ExportOptions())
    with qtbot.waitSignal(window.tasks.ended, timeout=10000) as ended:
        window.tasks.export(request)
    assert ended.args == ["export", "failed"]
    box = window.findChild(QMessageBox, "errorBox")
    assert box.text() == f"{blocker}: exists and is not a folder"
    assert blocker.read_text(encoding="utf-8") == "x"


def test_export_articles_from_the_menu(window, lib, ids, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "articles"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)")
    )
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        window.actions_by_id["export_articles"].trigger()
    out = tmp_path / "articles.csv"
    assert shown.args[0].text() == f"Exported 4 articles to {out}."
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["id"]) for r in rows] == ids
    assert rows[2]["text"] == lib.article(ids[2]).text
    # JSON Lines by its suffix
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "a.jsonl"), "")
    )
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000):
        window.actions_by_id["export_articles"].trigger()
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == [lib.article(i).title for i in ids]
    # An Excel workbook by the chosen filter
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(tmp_path / "book"), "Excel workbook (*.xlsx)"),
    )
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        window.actions_by_id["export_articles"].trigger()
    assert shown.args[0].text() == f"Exported 4 articles to {tmp_path / 'book.xlsx'}."
    sheet = openpyxl.load_workbook(tmp_path / "book.xlsx")["articles"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ids


def test_copy_the_articles_annotations(window, lib, ids):
    clipboard = QApplication.clipboard()
    window.articles.open_article(ids[3])
    rows = list(lib.annotation_rows(Scope(article_ids=(ids[3],))))
    window.actions_by_id["copy_annotations_csv"].trigger()
    assert clipboard.text() == annotations_to_csv_text(rows)
    assert list(csv.DictReader(io.StringIO(clipboard.text(), newline="")))[0]["article_id"] == str(
        ids[3]
    )
    assert window.statusBar().currentMessage() == f"Copied {len(rows)} annotations as CSV."
    window.actions_by_id["copy_annotations_markdown"].trigger()
    assert clipboard.text() == annotations_to_markdown_text(rows)
    html = clipboard.mimeData().html()
    assert "<blockquote>" in html and "=SUM(A1:A9)" in html


def test_copy_with_nothing_to_copy(window, lib, ids):
    from reader.model import ParsedArticle

    _, bare = lib.add_article(ParsedArticle(title="Bare", markdown="No marks here."))
    QApplication.clipboard().setText("before")
    window.articles.open_article(bare)
    assert window.files.copy_annotations_csv() == 0
    assert QApplication.clipboard().text() == "before"
    assert window.statusBar().currentMessage() == "This article has no annotations to copy."
