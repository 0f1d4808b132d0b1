"""Article → Edit Metadata… (Ctrl+I): the fields prefilled, one undoable edit through
`Library.edit_article`, the marks untouched; an error keeps the dialog open as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.gui.dialogs.metadata_dialog import MetadataDialog
from reader.gui.models.library_model import TITLE
from reader.model import ParsedArticle

HEADLINE = "Vláda schválila rozpočet na příští rok"
BODY = f"{HEADLINE}\n\nMinistr financí Zbyněk Stanjura řekl, že schodek klesne."


def site_named(lib) -> int:  # noqa: ANN001
    """A page imported with its site's name as the title, one mark on it."""
    _, article_id = lib.add_article(
        ParsedArticle(
            title="Aktuálně.cz",
            markdown=BODY,
            source="aktualne.cz",
            language="cs",
            published="2025-03-01",
            url="https://zpravy.aktualne.cz/ekonomika/rozpocet/",
        )
    )
    text = lib.article(article_id).text
    start = text.index("Zbyněk Stanjura")
    lib.annotate(article_id, "entity", start, start + len("Zbyněk Stanjura"), label="PERSON")
    return article_id


def open_dialog(qtbot, window, article_id: int) -> MetadataDialog:  # noqa: ANN001
    window.pane.select_article(article_id)
    assert window.view.article.id == article_id
    action = window.actions_by_id["edit_metadata"]
    assert action.shortcuts()[0].toString() == "Ctrl+I"
    assert action.isEnabled()
    action.trigger()
    dialog = window.articles.metadata_dialog
    assert isinstance(dialog, MetadataDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_fix_a_site_name_title_then_undo(qtbot, lib, make_window):
    article_id = site_named(lib)
    marks = [(a.id, a.start, a.end, a.label) for a in lib.annotations(article_id)]
    window = make_window()
    dialog = open_dialog(qtbot, window, article_id)
    assert dialog.values() == {
        "title": "Aktuálně.cz",
        "subtitle": "",
        "author": "",
        "source": "aktualne.cz",
        "published": "2025-03-01",
        "language": "cs",
        "url": "https://zpravy.aktualne.cz/ekonomika/rozpocet/",
    }
    dialog.edits["title"].setText(HEADLINE)
    dialog.edits["author"].setText("ČTK")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.articles.metadata_dialog is None)

    article = lib.article(article_id)
    assert (article.title, article.author, article.source) == (HEADLINE, "ČTK", "aktualne.cz")
    assert [(a.id, a.start, a.end, a.label) for a in lib.annotations(article_id)] == marks
    assert lib.undo_name == "Edit title, author of “Aktuálně.cz”"
    assert window.view.article.title == HEADLINE  # the header is drawn again
    assert window.view.document().firstBlock().text() == HEADLINE
    assert window.model.index(window.model.row_of(article_id), TITLE).data() == HEADLINE
    assert window.actions_by_id["undo"].text() == "&Undo Edit title, author of “Aktuálně.cz”"

    window.actions_by_id["undo"].trigger()  # one step undoes both fields
    article = lib.article(article_id)
    assert (article.title, article.author) == ("Aktuálně.cz", None)
    assert [(a.id, a.start, a.end, a.label) for a in lib.annotations(article_id)] == marks
    assert window.view.document().firstBlock().text() == "Aktuálně.cz"
    assert window.model.index(window.model.row_of(article_id), TITLE).data() == "Aktuálně.cz"


def test_an_invalid_value_keeps_the_dialog_open_as_typed(qtbot, lib, make_window):
    article_id = site_named(lib)
    window = make_window()
    dialog = open_dialog(qtbot, window, article_id)
    dialog.edits["title"].setText(HEADLINE)
    dialog.edits["published"].setText("yesterday")
    dialog.accept()
    box = dialog.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert box.text() == (
        "published 'yesterday' is not an ISO 8601 date (2025-02-27 or 2025-02-27T09:30:00+07:00)"
    )
    box.accept()
    assert dialog.isVisible() and window.articles.metadata_dialog is dialog
    assert dialog.edits["title"].text() == HEADLINE  # what the user typed is kept
    assert dialog.edits["published"].text() == "yesterday"
    assert lib.article(article_id).title == "Aktuálně.cz"  # nothing was written
    assert lib.undo_name != "Edit title, published of “Aktuálně.cz”"

    dialog.edits["published"].setText("2025-03-02")
    dialog.accept()
    assert not dialog.isVisible()
    assert (lib.article(article_id).title, lib.article(article_id).published) == (
        HEADLINE,
        "2025-03-02",
    )


def test_nothing_changed_closes_without_writing(qtbot, lib, make_window):
    article_id = site_named(lib)
    window = make_window()
    before = lib.undo_name
    dialog = open_dialog(qtbot, window, article_id)
    dialog.accept()
    assert not dialog.isVisible()
    assert lib.undo_name == before


def test_a_cleared_field_and_the_read_only_library(qtbot, lib, make_window):
    article_id = site_named(lib)
    window = make_window()
    dialog = open_dialog(qtbot, window, article_id)
    dialog.edits["url"].clear()
    dialog.accept()
    assert lib.article(article_id).url is None
    window.set_writable(False)
    assert not window.actions_by_id["edit_metadata"].isEnabled()
