"""Selections in the article snap to whole words by default (INCEpTION, doccano):
with the mouse the selection itself grows to the words; from the keyboard the mark
does. Preferences → "Selections snap to whole words" turns it off (remembered)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .test_annotate_preferences import open_preferences
from .test_annotate_window import point_of, seeded  # noqa: F401 - a fixture
from .test_caret_browsing import SHIFT, put_caret

NAME = "Sergey Lavrov"


def marks(lib, article_id):  # noqa: ANN001, ANN201
    return [(a.kind, a.label, a.start, a.end, a.exact) for a in lib.annotations(article_id)]


def test_a_mouse_selection_grows_to_whole_words(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    start = text.index(NAME)
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 2))
    qtbot.mouseMove(viewport, point_of(window, start + 9))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 9))
    qtbot.waitUntil(lambda: window.view.selection_range() == (start, start + 13))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert marks(lib, article_id) == [("entity", "PERSON", start, start + 13, NAME)]


def test_a_keyboard_selection_marks_whole_words(qtbot, seeded, lib):  # noqa: F811
    window, article_id, text = seeded
    start = text.index("Istanbul")
    put_caret(window, start + 2)
    for _ in range(4):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)
    assert window.view.selection_range() == (start + 2, start + 6)  # the caret's own
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert marks(lib, article_id) == [("entity", "LOCATION", start, start + 8, "Istanbul")]
    # punctuation at the edges is left out: "Doha, " → Doha
    doha = text.index("Doha, Qatar")
    window.view.select_range(doha - 1, doha + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    assert [m for m in marks(lib, article_id) if m[0] == "highlight"] == [
        ("highlight", "important", doha, doha + 4, "Doha")
    ]


def test_the_preference_turns_snapping_off_and_is_remembered(
    qtbot,
    seeded,  # noqa: F811
    lib,
    settings,
    make_window,
):
    window, article_id, text = seeded
    assert settings.snap_to_words() is True
    dialog = open_preferences(window)
    box = dialog.snap
    assert box.objectName() == "snapToWordsPreference" and box.isChecked()
    box.setChecked(False)
    dialog.reject()
    assert settings.snap_to_words() is False and window.annotate.snap_words is False
    start = text.index(NAME)
    window.view.select_range(start + 2, start + 9)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert marks(lib, article_id) == [("entity", "PERSON", start + 2, start + 9, "rgey La")]
    # a mouse selection is left as it is too
    put_caret(window, 0)  # (a press inside the selection would start dragging it)
    window.annotate.select_mark(None)  # (a press on its edge would drag the mark's end)
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 2))
    qtbot.mouseMove(viewport, point_of(window, start + 9))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start + 9))
    qtbot.wait(20)
    assert window.view.selection_range() == (start + 3, start + 9)  # as the mouse went
    window.close()
    again = make_window()
    assert again.annotate.snap_words is False
    assert open_preferences(again).snap.isChecked() is False
