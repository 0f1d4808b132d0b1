"""A selected mark's ends move a whole word at a time: Alt+Right / Alt+Left its end,
Alt+Shift+Left / Alt+Shift+Right its start; each move is one undo step that keeps the
label and the note."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .test_annotate_window import point_of, rows, seeded  # noqa: F401 - a fixture

ALT = Qt.KeyboardModifier.AltModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def test_alt_arrows_move_the_selected_marks_ends_by_words(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    start = text.index("Sergey Lavrov")  # "...Luar Negeri Rusia Sergey Lavrov.\n\nLavrov..."
    mark = lib.annotate(article_id, "entity", start + 7, start + 13, "PERSON", note="minister")
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, start + 9)
    )
    assert window.annotate.selected == mark.id
    window.view.setFocus()
    for spec in ("mark_end_later", "mark_start_earlier"):
        assert window.actions_by_id[spec].isEnabled()

    def span() -> tuple[int, int, str]:
        a = lib.annotation(mark.id)
        return (a.start, a.end, a.exact)

    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT_SHIFT)  # start one word earlier
    assert span() == (start, start + 13, "Sergey Lavrov")
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT)  # end one word later
    assert span() == (start, start + 22, "Sergey Lavrov.\n\nLavrov")
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT)  # and back
    assert span() == (start, start + 13, "Sergey Lavrov")
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT_SHIFT)  # start one word later
    assert span() == (start + 7, start + 13, "Lavrov")
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT)  # no word would be left
    assert span() == (start + 7, start + 13, "Lavrov")
    assert window.statusBar().currentMessage() == (
        "The mark's end cannot move: no word would be left."
    )
    kept = lib.annotation(mark.id)
    assert (kept.label, kept.note, kept.entity_id) == ("PERSON", "minister", mark.entity_id)
    assert window.annotate.selected == mark.id  # still the selected mark
    assert window.actions_by_id["undo"].text() == "&Undo Resize PERSON: Lavrov"
    window.actions_by_id["undo"].trigger()
    assert span() == (start, start + 13, "Sergey Lavrov")
    assert window.statusBar().currentMessage() == "Undid Resize PERSON: Lavrov"
    assert [r[1] for r in rows(window)] == ["Sergey Lavrov"]


def test_without_a_selected_mark_the_keys_do_nothing(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    lib.annotate(article_id, "highlight", 10, 20)
    assert window.annotate.selected is None
    assert not window.actions_by_id["mark_end_later"].isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT)
    assert [(a.start, a.end) for a in lib.annotations(article_id)] == [(10, 20)]


def edge_point(window, offset: int):  # noqa: ANN001, ANN201
    """Viewport point on the caret line at code point `offset` (a mark's edge)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.positions.offset_to_doc(offset))
    rect = window.view.cursorRect(cursor)
    return QPoint(rect.x(), rect.center().y())


def test_dragging_a_selected_marks_end_with_the_mouse(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    mark = lib.annotate(article_id, "entity", start, start + 6, "PERSON", note="minister")
    viewport = window.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 2))
    assert window.annotate.selected == mark.id
    dragger = window.commands.edges
    assert dragger.edge_at(edge_point(window, start + 6)) == "end"
    assert dragger.edge_at(edge_point(window, start)) == "start"
    assert dragger.edge_at(point_of(window, start + 3)) is None
    # the end, dragged into the middle of "Lavrov": it lands on the word's end
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=edge_point(window, start + 6))
    qtbot.mouseMove(viewport, point_of(window, start + 9))
    assert window.view.selection_range() == (start, start + 13)  # the preview
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 9))
    a = lib.annotation(mark.id)
    assert (a.start, a.end, a.exact, a.label, a.note) == (
        start,
        start + 13,
        "Sergey Lavrov",
        "PERSON",
        "minister",
    )
    assert window.actions_by_id["undo"].text() == "&Undo Resize PERSON: Sergey Lavrov"
    # the start, dragged past the end: nothing changes
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=edge_point(window, start))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 20))
    assert (lib.annotation(mark.id).start, lib.annotation(mark.id).end) == (start, start + 13)
    window.actions_by_id["undo"].trigger()
    assert lib.annotation(mark.id).exact == "Sergey"
