"""The selection toolbar: above the selection unless that hides marked text, within the
article column at 1024×700 (buttons wrap, never cut), gone once a command ran."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCursor

from .test_annotate_window import NAME, seeded, select  # noqa: F401 - a fixture


def line_rects(window, start: int, end: int) -> tuple[QRect, QRect]:  # noqa: ANN001
    to_doc = window.view.positions.offset_to_doc
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(to_doc(start))
    first = window.view.cursorRect(cursor)
    cursor.setPosition(to_doc(end))
    return first, window.view.cursorRect(cursor)


def test_above_the_selection_unless_the_line_above_is_marked(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    start, end = select(window, text, "Joe Biden")
    toolbar = window.annotate.toolbar
    first, last = line_rects(window, start, end)
    assert toolbar.isVisible()
    assert toolbar.geometry().bottom() < first.top()  # above, nothing marked there
    window.view.select_range(0, 0)
    # everything before the name marked: the bar goes below, over no mark
    lib.annotate(article_id, "highlight", 0, start - 1, label="important")
    window.annotate.load()
    select(window, text, "Joe Biden")
    assert toolbar.isVisible()
    assert toolbar.geometry().top() > last.bottom()
    assert not window.annotate._covers_marks(toolbar.geometry())


def test_the_bar_fits_the_article_column_at_1024(qtbot, seeded):  # noqa: F811
    window, _, text = seeded
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    select(window, text, "Joe Biden")
    toolbar = window.annotate.toolbar
    viewport = window.view.viewport().rect()
    assert toolbar.isVisible()
    assert viewport.contains(toolbar.geometry())
    shown = [b for b in toolbar.buttons if b.isVisible()]
    names = [b.defaultAction().text() for b in shown]
    assert names[-3:] == ["MISC", "&Highlight", "&Note…"]
    for button in shown:  # every label whole ("MISC", not "M")
        assert button.width() >= button.sizeHint().width(), button.text()
        assert toolbar.rect().contains(button.geometry()), button.text()
    # narrower than the bar: it wraps onto more rows instead of being cut
    rows = toolbar.rows()
    assert rows == 2  # nine buttons do not fit in one row of the 1024-pixel column
    window.view.setFixedWidth(280)
    qtbot.waitUntil(lambda: window.view.viewport().width() < 280)
    select(window, text, "Barack Obama")
    assert toolbar.rows() > rows
    assert window.view.viewport().rect().contains(toolbar.geometry())
    for button in shown:
        assert button.width() >= button.sizeHint().width(), button.text()


def test_the_bar_goes_after_a_command_until_the_selection_changes(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    toolbar = window.annotate.toolbar
    select(window, text, NAME)
    assert toolbar.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert [a.label for a in lib.annotations(article_id)] == ["PERSON"]
    assert not toolbar.isVisible()  # not left on screen, greyed out
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().value() + 1)
    assert not toolbar.isVisible()  # scrolling does not bring it back
    select(window, text, "Joe Biden")
    assert toolbar.isVisible()  # a new selection does
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    assert not toolbar.isVisible()
    select(window, text, "Barack Obama")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    assert not toolbar.isVisible()
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)
    select(window, text, "Maria Zakharova")
    assert toolbar.isVisible()
    button = next(b for b in toolbar.buttons if b.defaultAction().text() == "&Note…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not toolbar.isVisible()
    window.annotate.note_dialog.reject()
