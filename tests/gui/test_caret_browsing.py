"""Keyboard-only coding: caret browsing in the article (F7, on by default), Shift+arrows
and Ctrl+Shift+arrows select, then Q / 1–9 / H / N as with a mouse selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from .test_annotate_window import NAME, seeded  # noqa: F401 - a fixture

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def put_caret(window, offset: int) -> None:  # noqa: ANN001
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.positions.offset_to_doc(offset))
    window.view.setTextCursor(cursor)


def test_caret_browsing_is_on_and_ctrl_shift_arrows_select_words(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    action = window.actions_by_id["toggle_caret_browsing"]
    assert action.isChecked() and window.view.caret_browsing()
    assert action.shortcut().toString() == "F7" and action in window.actions()
    start = text.index(NAME)
    put_caret(window, start)
    assert window.view.selection_range() is None
    qtbot.keyClick(window.view, Qt.Key.Key_Right, CTRL_SHIFT)
    qtbot.keyClick(window.view, Qt.Key.Key_Right, CTRL_SHIFT)
    assert window.view.selection_range() == (start, start + len(NAME))
    assert window.actions_by_id["annotate_tag_1"].isEnabled()
    assert window.annotate.toolbar.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    marks = [(a.kind, a.label, a.start, a.exact) for a in lib.annotations(article_id)]
    assert marks == [("entity", "PERSON", start, NAME)]


def test_shift_arrows_select_characters_then_h_and_q(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    at = text.index("Istanbul")
    put_caret(window, at)
    for _ in range(len("Istanbul")):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)
    assert window.view.selection_range() == (at, at + 8)
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    # the caret goes on from there: Shift+Left takes back characters
    quote = "“masalah sistemik”"
    q = text.index(quote)
    put_caret(window, q + len(quote) - 1)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # moves the caret, selects nothing
    assert window.view.selection_range() is None
    for _ in range(len(quote) + 1):
        qtbot.keyClick(window.view, Qt.Key.Key_Left, SHIFT)
    assert window.view.selection_range() == (q - 1, q + len(quote))
    qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)  # one back
    assert window.view.selection_range() == (q, q + len(quote))
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)
    got = sorted((a.kind, a.exact) for a in lib.annotations(article_id))
    assert got == [("highlight", "Istanbul"), ("quote", quote)]


def test_f7_turns_it_off_and_the_choice_is_remembered(qtbot, seeded, settings, make_window):  # noqa: F811
    window, _, text = seeded
    window.actions_by_id["toggle_caret_browsing"].trigger()
    assert not window.view.caret_browsing() and not settings.caret_browsing()
    put_caret(window, text.index(NAME))
    qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)
    assert window.view.selection_range() is None  # the arrow keys scroll instead
    assert window.statusBar().currentMessage().startswith("Caret browsing off")
    window.close()
    again = make_window()
    assert not again.view.caret_browsing()
    assert not again.actions_by_id["toggle_caret_browsing"].isChecked()
    again.actions_by_id["toggle_caret_browsing"].trigger()
    assert again.view.caret_browsing() and settings.caret_browsing()
