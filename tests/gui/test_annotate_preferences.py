"""Edit → Preferences: the annotator's name and the labels, saved as they change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from reader.gui.dialogs.preferences import COLOUR, NAME, SHORTCUT
from tests.conftest import SEED


def open_preferences(window):
    window.actions_by_id["preferences"].trigger()
    dialog = window.commands.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def row_of(dialog, name):
    return next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, NAME).text() == name
    )


def test_annotator_name_is_remembered_and_written_on_marks(qtbot, lib, settings, make_window):
    article_id = lib.import_file(SEED).article_id
    window = make_window()
    dialog = open_preferences(window)
    assert dialog.annotator.text() == settings.annotator()
    dialog.annotator.setText("Ana Analyst")
    dialog.reject()  # closing keeps what was typed
    assert settings.annotator() == "Ana Analyst" and lib.annotator == "Ana Analyst"
    window.articles.open_article(article_id)
    window.view.select_range(0, 8)
    window.annotate.highlight()
    assert lib.annotations(article_id)[0].annotator == "Ana Analyst"
    # a new window (next start) uses it too
    lib.annotator = "someone else"
    make_window()
    assert lib.annotator == "Ana Analyst"


def test_labels_are_renamed_recoloured_rekeyed_and_added(qtbot, lib, make_window):
    article_id = lib.import_file(SEED).article_id
    window = make_window()
    window.articles.open_article(article_id)
    text = window.view.article.text
    start = text.index("Qatar")
    window.view.select_range(start, start + 5)
    window.annotate.tag(3)
    dialog = open_preferences(window)
    assert dialog.table.item(0, NAME).text() == "PERSON"

    # rename LOCATION: the mark follows, the key 3 and the panel show the new name
    row = row_of(dialog, "LOCATION")
    dialog.table.item(row, NAME).setText("PLACE")
    assert [lb.name for lb in lib.labels("entity")][2] == "PLACE"
    assert lib.annotations(article_id)[0].label == "PLACE"
    assert window.actions_by_id["annotate_tag_3"].text() == "PLACE"
    assert window.side.model.index(0, 0).data() == "PLACE"

    # a colour (the colour dialog replaced by a fixed choice)
    dialog.pick_colour = lambda initial, parent: QColor("#123456")
    row = row_of(dialog, "PLACE")
    dialog.choose_colour(row)
    assert next(lb for lb in lib.labels() if lb.name == "PLACE").colour == "#123456"
    assert dialog.table.item(row, COLOUR).text() == "#123456"
    assert window.view.marks()[0][2].underlineColor().name() == "#123456"

    # PERSON moves to 9; 1 is free
    dialog.table.item(row_of(dialog, "PERSON"), SHORTCUT).setText("9")
    assert window.actions_by_id["annotate_tag_9"].text() == "PERSON"
    dialog.table.item(row_of(dialog, "MISC"), SHORTCUT).setText("x")  # not a digit: refused
    assert next(lb for lb in lib.labels() if lb.name == "MISC").shortcut == "6"
    error = dialog.findChild(QMessageBox, "errorBox")
    assert error.text() == "An entity label's shortcut is one digit, 1 to 9."

    # a new entity label gets the first free key (1) and a colour
    dialog.new_name.setText("WEAPON")
    dialog.new_kind.setCurrentText("entity")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    new = next(lb for lb in lib.labels("entity") if lb.name == "WEAPON")
    assert new.colour.startswith("#") and dialog.new_name.text() == ""
    assert window.actions_by_id["annotate_tag_1"].text() == "WEAPON"
    assert not window.actions_by_id["annotate_tag_7"].isVisible()
