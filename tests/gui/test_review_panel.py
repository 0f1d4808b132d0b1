"""The side panel: copy the selected marks as CSV or Markdown; attribute a quote later."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import SEED


def _marked(window, lib):
    article_id = lib.import_file(SEED).article_id
    text = lib.article(article_id).text
    quote = "masalah sistemik"
    q = text.index(quote)
    lib.annotate(article_id, "quote", q, q + len(quote), note="a claim")
    n = text.index("Lynne Tracy")
    lib.annotate(article_id, "entity", n, n + len("Lynne Tracy"), label="PERSON")
    d = text.index("Doha")
    lib.annotate(article_id, "entity", d, d + 4, label="LOCATION")
    window.refresh()  # imported behind the window's back: the list, not the welcome page
    window.articles.open_article(article_id)
    return article_id


def _select_rows(window, rows):
    table = window.side.annotations.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows:
        table.selectionModel().select(window.side.annotations.proxy.index(r, 0), flags)


def test_copy_selected_rows_as_csv_with_ctrl_c(window, lib, qtbot):
    _marked(window, lib)
    # rows in text order: Doha, masalah sistemik, Lynne Tracy
    _select_rows(window, [1, 2])
    table = window.side.annotations.table
    with qtbot.waitActive(window):
        window.activateWindow()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["kind"], r["label"], r["text"], r["note"]) for r in rows] == [
        ("quote", "QUOTE", "masalah sistemik", "a claim"),
        ("entity", "PERSON", "Lynne Tracy", ""),
    ]
    assert QApplication.clipboard().mimeData().data("text/csv").data().decode() == text


def test_copy_selected_row_as_markdown_from_the_menu(window, lib, qtbot):
    _marked(window, lib)
    _select_rows(window, [1])
    menu = window.panel_menu.menu()
    copy = next(a for a in menu.actions() if a.text() == "Copy as &Markdown")
    assert copy.isEnabled()
    copy.trigger()
    text = QApplication.clipboard().text()
    assert text.startswith("## Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS\n")
    assert "> masalah sistemik" in text and "a claim" in text
    assert "Lynne Tracy" not in text and "Doha" not in text
    attribute = next(a for a in menu.actions() if a.text() == "&Attribute…")
    assert attribute.isEnabled()  # one quote selected


def test_attribute_a_quote_later_from_the_panel(window, lib, qtbot):
    article_id = _marked(window, lib)
    _select_rows(window, [1])
    with qtbot.waitActive(window):
        window.activateWindow()
    window.panel_menu.attribute.trigger()
    form = window.review.form
    qtbot.waitUntil(form.isVisible)
    assert form.speaker.hasFocus() and form.speaker.text() == ""
    form.speaker.setText("Maria Zakharova")
    qtbot.keyClick(form.speaker, Qt.Key.Key_Return)
    (quote,) = [a for a in lib.annotations(article_id) if a.kind == "quote"]
    assert lib.entity(quote.speaker_id).name == "Maria Zakharova"
    assert quote.speaker_start is None  # not the guessed speaker: no span in the text
    assert window.side.model.index(1, 0).data() == "QUOTE · Maria Zakharova"
