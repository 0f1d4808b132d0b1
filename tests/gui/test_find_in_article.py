"""Find in the article (Ctrl+F in the article view): every match framed, F3 / Shift+F3
and Enter / Shift+Enter step with wrap, "3 of 12", Esc closes with the match selected;
Ctrl+F elsewhere is still the library search. And the terms of a library search shown
in the article opened from it."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from reader.gui.views import find_layer
from tests.conftest import ROOT, SEED

SAMPLES = ROOT / "resources" / "samples"


def open_seed(qtbot, window):  # noqa: ANN001, ANN201
    """The first article open, the article view focused in the active window (keys
    reach the window's shortcuts only then)."""
    window.pane.select_row(0)
    assert window.view.article is not None
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    return window.view.article


def press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(widget, key, modifiers)


def test_ctrl_f_in_the_article_opens_the_find_bar_elsewhere_the_search(qtbot, lib, make_window):
    lib.import_file(SEED)
    window = make_window()
    open_seed(qtbot, window)
    bar = window.finder.bar
    press(qtbot, window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible()
    assert QApplication.focusWidget() is bar.field
    assert bar.geometry().bottom() <= window.view.rect().bottom()
    assert bar.field.text() == "" and bar.count.text() == ""

    window.pane.table.setFocus()
    qtbot.waitUntil(window.pane.table.hasFocus)
    press(qtbot, window.pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pane.search  # the library search keeps it


def test_matches_count_step_and_wrap(qtbot, lib, make_window):
    lib.import_file(SEED)
    window = make_window()
    article = open_seed(qtbot, window)
    expected = [m.span() for m in re.finditer("(?i)lavrov", article.text)]
    assert len(expected) >= 3
    window.finder.find_in_article()
    bar = window.finder.bar
    qtbot.keyClicks(bar.field, "LAVROV")
    assert window.view.found() == expected
    assert window.view.current_found() == 0
    assert bar.count.text() == f"1 of {len(expected)}"

    f3 = QKeySequence(QKeySequence.StandardKey.FindNext)[0]
    press(qtbot, bar.field, f3.key(), f3.keyboardModifiers())
    assert bar.count.text() == f"2 of {len(expected)}"
    press(qtbot, bar.field, Qt.Key.Key_Return)
    assert window.view.current_found() == 2
    press(qtbot, bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_found() == 0
    press(qtbot, bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # wraps back
    assert bar.count.text() == f"{len(expected)} of {len(expected)}"
    window.actions_by_id["find_next"].trigger()  # and forward again
    assert bar.count.text() == f"1 of {len(expected)}"

    bar.field.setText("no such words here")
    assert window.view.found() == [] and bar.count.text() == "No matches"
    bar.field.clear()
    assert bar.count.text() == ""


def test_esc_closes_and_leaves_the_match_selected(qtbot, lib, make_window):
    lib.import_file(SEED)
    window = make_window()
    article = open_seed(qtbot, window)
    window.finder.find_in_article()
    bar = window.finder.bar
    qtbot.keyClicks(bar.field, "kedutaan")
    first, second = [m.start() for m in re.finditer("kedutaan", article.text)][:2]
    assert window.view.found()[0] == (first, first + 8)
    press(qtbot, bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.view.found() == []
    assert window.view.selection_range() == (first, first + 8)
    assert window.view.textCursor().selectedText() == "kedutaan"
    assert QApplication.focusWidget() is window.view
    assert window.actions_by_id["annotate_quote"].isEnabled()  # Q marks it now

    # F3 with the bar closed opens it on the selection and goes to the next match
    window.actions_by_id["find_next"].trigger()
    assert bar.isVisible() and bar.field.text() == "kedutaan"
    assert window.view.found()[window.view.current_found()] == (second, second + 8)
    press(qtbot, bar.field, Qt.Key.Key_Escape)
    assert window.view.selection_range() == (second, second + 8)
    window.actions_by_id["find_previous"].trigger()  # Shift+F3: the one before
    assert window.view.found()[window.view.current_found()] == (first, first + 8)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    press(qtbot, window.view, Qt.Key.Key_Escape)  # Esc in the article closes it too
    assert not bar.isVisible() and window.view.selection_range() == (first, first + 8)


def test_matches_are_a_layer_over_the_marks(qtbot, lib, make_window):
    article_id = lib.import_file(SEED).article_id
    text = lib.article(article_id).text
    start = text.index("Sergey Lavrov")
    lib.annotate(article_id, "entity", start, start + 13, label="PERSON")
    lib.annotate(article_id, "highlight", start - 10, start + 20, label="important")
    window = make_window()
    open_seed(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.extraSelections()) >= 3)

    def drawn():  # noqa: ANN202
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color())
            for s in window.view.extraSelections()
        ]

    marks = drawn()
    window.view.scroll_to(start)
    before = window.view.viewport().grab().toImage()
    window.finder.find_in_article()
    window.finder.bar.field.setText("sergey lavrov")
    assert window.view.found() == [(start, start + 13)]
    assert drawn() == marks  # the marks' selections (and colours) are untouched

    # the frame is painted over the text where the match is
    positions = window.view.positions
    doc = window.view.document()
    (rect,) = find_layer.range_rects(
        doc, positions.offset_to_doc(start), positions.offset_to_doc(start + 13)
    )
    scroll = QPointF(0, -window.view.verticalScrollBar().value())
    box = rect.translated(scroll).toRect()
    after = window.view.viewport().grab().toImage()
    ratio = window.view.viewport().devicePixelRatioF()
    y = int(box.center().y() * ratio)
    changed = [
        x
        for x in range(int(box.left() * ratio) - 3, int(box.right() * ratio) + 3)
        if before.pixelColor(x, y) != after.pixelColor(x, y)
    ]
    assert changed, "the current match is drawn"
    # the frame's left edge carries the find colour, over the highlight's yellow
    x = int((box.left() - 1.5) * ratio)

    def off_orange(c) -> int:  # noqa: ANN001
        orange = find_layer.FIND.getRgb()[:3]
        return sum(abs(a - b) for a, b in zip(c.getRgb()[:3], orange, strict=True))

    assert off_orange(after.pixelColor(x, y)) < off_orange(before.pixelColor(x, y)) - 60


def test_cjk_with_an_astral_character_and_arabic(qtbot, lib, make_window):
    ja = lib.import_file(SAMPLES / "sample-ja-rail-timetable.md").article_id
    ar = lib.import_file(SAMPLES / "sample-ar-book-fair.md").article_id
    window = make_window()
    finder, view = window.finder, window.view

    window.pane.select_article(ja)
    text = view.article.text
    expected = [m.span() for m in re.finditer("六本", text)]
    assert len(expected) == 2 and text.index("🚆") < expected[1][0]  # after a non-BMP char
    finder.find_in_article()
    finder.bar.field.setText("六本")
    assert view.found() == expected
    finder.step(+1)
    assert finder.bar.count.text() == "2 of 2"
    finder.close()
    assert view.selection_range() == expected[1]
    assert view.textCursor().selectedText() == "六本"  # Qt's positions, through positions.py

    window.pane.select_article(ar)
    text = view.article.text
    expected = [m.span() for m in re.finditer("المعرض", text)]
    assert len(expected) == 3
    finder.find_in_article()
    finder.bar.field.setText("المعرض")
    assert view.found() == expected
    assert finder.bar.count.text() == "1 of 3"
    finder.step(-1)
    finder.close()
    assert view.textCursor().selectedText() == "المعرض"
    assert view.selection_range() == expected[2]


def test_the_open_find_bar_follows_the_article(qtbot, lib, make_window):
    lib.import_file(SEED)
    harbour = lib.import_file(SAMPLES / "sample-en-harbour-council.md").article_id
    window = make_window()
    window.pane.select_article(harbour)
    window.finder.find_in_article()
    window.finder.bar.field.setText("council")
    text = window.view.article.text
    assert window.view.found() == [m.span() for m in re.finditer("(?i)council", text)]
    window.pane.move(+1)  # the seed article: no council in it
    assert window.view.article.id != harbour
    assert window.view.found() == [] and window.finder.bar.count.text() == "No matches"


def test_an_article_opened_from_a_search_shows_its_terms(qtbot, lib, make_window):
    lib.import_file(SEED)
    harbour = lib.import_file(SAMPLES / "sample-en-harbour-council.md").article_id
    window = make_window()
    window.pane.search.setText("ferry timet")  # as typed: the last word a prefix
    window.pane.apply_filters()
    assert window.model.rowCount() == 1
    window.pane.select_row(0)
    assert window.view.article.id == harbour
    text = window.view.article.text
    expected = sorted(
        [m.span() for m in re.finditer(r"(?i)\bferry\b", text)]
        + [m.span() for m in re.finditer(r"(?i)\btimet", text)]
    )
    assert expected and window.view.search_terms() == expected
    window.pane.search.clear()
    window.pane.apply_filters()
    assert window.view.search_terms() == []
    window.pane.notes.setChecked(True)  # a search of the notes frames nothing
    window.pane.search.setText("ferry")
    window.pane.apply_filters()
    assert window.view.search_terms() == []
