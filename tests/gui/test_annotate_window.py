"""Annotating in the window: keys, hover, click, Delete, panel edits, menus, read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from reader.gui.actions import ACTIONS, key_sequences
from reader.gui.main_window import MainWindow
from reader.gui.models.annotation_model import LABEL, NOTE, TEXT
from reader.library import Library
from tests.conftest import SEED

NAME = "Sergey Lavrov"
QUOTE = "“cepat dan efektif kita dapat bergerak maju,”"


@pytest.fixture
def seeded(qtbot, lib, settings):
    """A focused window on the sample press release: (window, article id, text)."""
    article_id = lib.import_file(SEED).article_id
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.pane.select_article(article_id)
    window.view.setFocus()
    return window, article_id, window.view.article.text


def select(window: MainWindow, text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    window.view.select_range(start, start + len(needle))
    return start, start + len(needle)


def point_of(window: MainWindow, offset: int) -> QPoint:
    """Viewport point in the middle of the character at `offset`."""
    positions = window.view.positions
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(positions.offset_to_doc(offset))
    left = window.view.cursorRect(cursor)
    cursor.setPosition(positions.offset_to_doc(offset + 1))
    right = window.view.cursorRect(cursor)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


def rows(window: MainWindow) -> list[tuple[str, str, str]]:
    model = window.side.model
    return [
        tuple(model.index(r, c).data() for c in (LABEL, TEXT, NOTE))
        for r in range(model.rowCount())
    ]


def test_article_keys_do_not_collide_with_window_shortcuts():
    def keys(scope):
        return {
            k.toString(QKeySequence.SequenceFormat.PortableText): spec.id
            for spec in ACTIONS
            if spec.scope == scope
            for k in key_sequences(spec)
        }

    window_keys, article_keys = keys("window"), keys("article")
    resize = {"Alt+Left", "Alt+Right", "Alt+Shift+Left", "Alt+Shift+Right"}
    assert set(article_keys) == {"Q", "H", "L", "N", "Del", *"123456789", *resize}
    assert not set(article_keys) & set(window_keys)
    assert window_keys["Ctrl+Z"] == "undo" and window_keys["Ctrl+Shift+Z"] == "redo"


def test_article_actions_live_on_the_view_only(seeded):
    window, _, _ = seeded
    quote = window.actions_by_id["annotate_quote"]
    assert quote.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert quote in window.view.actions() and quote not in window.actions()
    # the entity keys are named after the labels, in position order
    names = [window.actions_by_id[f"annotate_tag_{n}"].text() for n in range(1, 7)]
    assert names == ["PERSON", "ORG", "LOCATION", "EVENT", "DATE", "MISC"]
    assert not window.actions_by_id["annotate_tag_7"].isVisible()


def test_keys_make_each_kind_and_span_paragraphs(qtbot, seeded, lib):
    window, article_id, text = seeded
    assert not window.actions_by_id["annotate_quote"].isEnabled()  # nothing selected yet
    select(window, text, "Istanbul")
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    select(window, text, "Doha, Qatar")
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    # across a paragraph break, with spaces around: trimmed, one mark
    start = text.index("Sergey Lavrov.") + len("Sergey ")
    end = text.index("Lavrov menyampaikan") + len("Lavrov")
    window.view.select_range(start - 1, end + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)  # no attribution
    got = [(a.kind, a.label, a.exact) for a in lib.annotations(article_id)]
    assert got == [  # text order
        ("quote", "QUOTE", "Lavrov.\n\nLavrov"),
        ("highlight", "important", "Doha, Qatar"),
        ("entity", "LOCATION", "Istanbul"),
    ]
    assert window.view.marks()[0][:2] == (start, end)
    assert window.model.summary(window.model.row_of(article_id)).annotation_count == 3
    assert window.side.annotations.counts.text() == "3 marks: LOCATION 1 · QUOTE 1 · important 1"


def test_hover_shows_label_and_note(qtbot, seeded, lib):
    window, article_id, text = seeded
    start, _ = select(window, text, QUOTE)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)  # no attribution
    quote = lib.annotations(article_id)[0]
    lib.update_annotation(quote.id, note="pace of talks")
    window.annotate.load()
    pos = point_of(window, start + 3)
    viewport = window.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    expected = f"QUOTE: {QUOTE} — pace of talks"
    assert window.annotate.tooltip_at(pos) == expected
    assert QToolTip.text() == expected


def test_click_selects_the_row_and_delete_removes_the_mark(qtbot, seeded, lib):
    window, article_id, text = seeded
    q_start, _ = select(window, text, QUOTE)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)  # no attribution
    select(window, text, "Lavrov", nth=1)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    person = next(a for a in lib.annotations(article_id) if a.kind == "entity")
    # click inside the name: its row becomes current, its mark the selected one
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, person.start + 2)
    )
    assert window.annotate.selected == person.id
    assert window.side.annotations.current_annotation().id == person.id
    # click in the quote
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, q_start + 5)
    )
    quote_id = window.annotate.selected
    assert lib.annotation(quote_id).kind == "quote"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [a.id for a in lib.annotations(article_id)] == [person.id]
    assert window.actions_by_id["undo"].text().startswith("&Undo Delete QUOTE: “cepat dan")
    assert rows(window) == [("PERSON", "Lavrov", "")]
    window.actions_by_id["undo"].trigger()
    assert len(lib.annotations(article_id)) == 2 and len(rows(window)) == 2


def test_panel_edits_label_and_note_in_place(qtbot, seeded, lib):
    window, article_id, text = seeded
    select(window, text, "Doha")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    model = window.side.model
    assert model.setData(model.index(0, LABEL), "LOCATION")
    assert model.setData(model.index(0, NOTE), "  capital of Qatar ")
    qtbot.waitUntil(lambda: rows(window) == [("LOCATION", "Doha", "capital of Qatar")])
    mark = lib.annotations(article_id)[0]
    assert (mark.label, mark.note) == ("LOCATION", "capital of Qatar")
    assert window.actions_by_id["undo"].text() == "&Undo Edit note: Doha"
    # the label editor offers the labels of the row's kind, in order
    table = window.side.annotations.table
    index = window.side.annotations.proxy.index(0, LABEL)
    editor = window.side.annotations.delegate.createEditor(table, None, index)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "PERSON",
        "ORG",
        "LOCATION",
        "EVENT",
        "DATE",
        "MISC",
    ]


def test_filter_jump_and_orphans(qtbot, seeded, lib):
    window, article_id, text = seeded
    select(window, text, NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    q = select(window, text, QUOTE)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)  # no attribution
    panel = window.side.annotations
    panel.set_kind("quote")
    assert [a.exact for a in panel.visible_rows()] == [QUOTE]
    panel.set_kind(None)
    assert len(panel.visible_rows()) == 2
    # Enter on a row jumps: the span is selected in the view
    window.view.select_range(0, 1)
    panel.select_annotation(lib.annotations(article_id)[1].id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.view.selection_range() == q
    # an orphaned mark is listed (with its text and the marker), not drawn
    person = lib.annotations(article_id)[0]
    lib.update_annotation(person.id, status="orphaned")
    window.annotate.load()
    assert rows(window)[0] == ("PERSON · orphaned", NAME, "")
    assert [(s, e) for s, e, _ in window.view.marks()] == [q]
    assert "(1 orphaned)" in panel.counts.text()


def test_note_on_new_text_makes_a_highlight_with_the_note(qtbot, seeded, lib):
    window, article_id, text = seeded
    select(window, text, "masalah sistemik")
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.annotate.note_dialog
    qtbot.keyClicks(dialog.editor, "systemic problems")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.editor, "second line")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
    [mark] = lib.annotations(article_id)
    assert (mark.kind, mark.label, mark.exact, mark.note) == (
        "highlight",
        "important",
        "masalah sistemik",
        "systemic problems\nsecond line",
    )
    assert lib.undo_name == "Highlight: masalah sistemik"  # one step: highlight and note
    # Escape makes nothing
    select(window, text, "Washington")
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    qtbot.keyClick(window.annotate.note_dialog.editor, Qt.Key.Key_Escape)
    assert len(lib.annotations(article_id)) == 1


def test_toolbar_and_context_menu_offer_the_same_actions(qtbot, seeded, lib):
    window, article_id, text = seeded
    select(window, text, "Joe Biden")
    toolbar = window.annotate.toolbar
    assert toolbar.isVisible()
    texts = [b.defaultAction().text() for b in toolbar.buttons if b.isVisible()]
    assert texts[:3] == ["&Quote", "PERSON", "ORG"] and texts[-2:] == ["&Highlight", "&Note…"]
    person = next(b for b in toolbar.buttons if b.defaultAction().text() == "PERSON")
    qtbot.mouseClick(person, Qt.MouseButton.LeftButton)
    assert [(a.label, a.exact) for a in lib.annotations(article_id)] == [("PERSON", "Joe Biden")]
    menu = window.annotate.context_menu(point_of(window, text.index("Joe")))
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert {"&Quote", "PERSON", "&Highlight", "&Note…", "&Delete Mark"} <= set(labels)
    window.view.select_range(0, 0)
    assert not toolbar.isVisible()


def test_undo_of_another_article_shows_that_article(qtbot, seeded, lib):
    window, article_id, text = seeded
    select(window, text, NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    other = lib.import_text("Another article\n\nNothing to see here.").article_id
    window.model.refresh()
    window.articles.open_article(other)
    assert window.view.article.id == other
    window.actions_by_id["undo"].trigger()
    assert window.view.article.id == article_id
    assert lib.annotations(article_id) == [] and window.view.marks() == []
    assert window.statusBar().currentMessage() == "Undid Tag PERSON: Sergey Lavrov"


def test_read_only_library_disables_annotating(qtbot, db_path, settings):
    with Library(db_path) as lib:
        article_id = lib.import_file(SEED).article_id
    with Library(db_path, readonly=True) as lib:
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        window.articles.open_article(article_id)
        window.view.select_range(10, 20)
        for name in ("annotate_quote", "annotate_tag_1", "annotate_highlight", "annotate_note"):
            assert not window.actions_by_id[name].isEnabled(), name
        assert not window.actions_by_id["undo"].isEnabled()
        assert window.readonly_label.isVisible()
        assert window.statusBar().currentMessage() == "The library is read-only: annotating is off."
        assert not window.side.model.editable
        assert not window.annotate.toolbar.isVisible()
        window.close()


def test_one_mark_is_one_mark_and_the_column_says_marks(qtbot, seeded, lib):
    from reader.gui.models.library_model import NOTES

    window, article_id, text = seeded
    assert window.model.headerData(NOTES, Qt.Orientation.Horizontal) == "Marks"
    select(window, text, NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert len(lib.annotations(article_id)) == 1
    assert window.side.annotations.counts.text() == "1 mark: PERSON 1"
