"""The issue's "Done when" flow, keyboard only, on the sample press release."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.gui.main_window import MainWindow
from reader.library import Library
from tests.conftest import SEED

NAME = "Sergey Lavrov"
QUOTE = "“cepat dan efektif kita dapat bergerak maju,”"
NOTE = "Lavrov sets the pace"


def open_seed(window: MainWindow, article_id: int) -> None:
    window.pane.select_article(article_id)
    assert window.view.article is not None and window.view.article.id == article_id
    window.view.setFocus()


def press(qtbot, window: MainWindow, key: Qt.Key | str, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.view, key, modifiers)


def test_done_when_flow(qtbot, db_path, settings):
    with Library(db_path) as lib:
        outcome = lib.import_file(SEED)
        article_id = outcome.article_id
        text = lib.article(article_id).text

        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitActive(window):
            window.activateWindow()
        open_seed(window, article_id)
        view = window.view

        # tag Sergey Lavrov as PERSON with the key 1
        start = text.index(NAME)
        view.select_range(start, start + len(NAME))
        press(qtbot, window, Qt.Key.Key_1)
        marks = lib.annotations(article_id)
        assert [(a.kind, a.label, a.start, a.end, a.exact) for a in marks] == [
            ("entity", "PERSON", start, start + len(NAME), NAME)
        ]

        # mark the quote with Q
        q = text.index(QUOTE)
        view.select_range(q, q + len(QUOTE))
        press(qtbot, window, Qt.Key.Key_Q)
        quote = next(a for a in lib.annotations(article_id) if a.kind == "quote")
        assert (quote.label, quote.start, quote.end, quote.exact) == (
            "QUOTE",
            q,
            q + len(QUOTE),
            QUOTE,
        )

        # the attribution form asks who said it: Esc keeps the quote as it is
        form = window.review.form
        assert form.isVisible() and form.speaker.hasFocus()
        qtbot.keyClick(form.speaker, Qt.Key.Key_Escape)
        assert not form.isVisible() and view.hasFocus()

        # N on it, a note, Enter
        press(qtbot, window, Qt.Key.Key_N)
        dialog = window.annotate.note_dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.keyClicks(dialog.editor, NOTE)
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
        assert lib.annotation(quote.id).note == NOTE
        assert window.actions_by_id["undo"].text().startswith("&Undo Edit note: ")

        # undo (the note goes), undo (the quote goes), redo twice: all back
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert lib.annotation(quote.id).note is None
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert [a.kind for a in lib.annotations(article_id)] == ["entity"]
        assert len(view.marks()) == 1
        assert window.actions_by_id["redo"].text().startswith("&Redo Add quote: ")
        shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        press(qtbot, window, Qt.Key.Key_Z, shift_ctrl)
        press(qtbot, window, Qt.Key.Key_Z, shift_ctrl)
        assert lib.annotation(quote.id).note == NOTE
        assert not window.actions_by_id["redo"].isEnabled()
        window.close()

    # quit, reopen: all of it is there
    with Library(db_path) as lib:
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.view.article is not None and window.view.article.id == article_id
        drawn = {(s, e) for s, e, _ in window.view.marks()}
        # the quote holds no entity: its range is drawn whole; the name too
        assert (start, start + len(NAME)) in drawn
        assert (q, q + len(QUOTE)) in drawn
        model = window.side.model
        rows = [
            (model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 2).data())
            for r in range(model.rowCount())
        ]
        assert rows == [("PERSON", NAME, ""), ("QUOTE", QUOTE, NOTE)]
        window.close()
