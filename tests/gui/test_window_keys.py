"""Keys between the parts of the window: the search field to the list, closing the tool
windows, and Delete in the marks panel's editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from reader.gui.models.annotation_model import LABEL, NOTE
from reader.gui.models.library_model import ArticleIdRole

from .conftest import add_articles


def active(qtbot, window):  # noqa: ANN001, ANN201
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_down_or_enter_in_the_search_field_goes_to_the_first_result(qtbot, lib, make_window):
    add_articles(lib, 12)
    window = active(qtbot, make_window())
    window.views.focus_search()
    qtbot.keyClicks(window.pane.search, "harbours")
    qtbot.keyClick(window.pane.search, Qt.Key.Key_Down)  # no waiting for the pause
    assert window.model.scope.query == "harbours" and window.model.total == 6
    assert window.pane.table.hasFocus()
    first = window.model.index(0, 0).data(ArticleIdRole)
    assert window.pane.table.currentIndex().row() == 0
    assert window.view.article is not None and window.view.article.id == first
    qtbot.keyClick(window.pane.table, Qt.Key.Key_Down)  # on down the list from there
    assert window.pane.table.currentIndex().row() == 1

    window.views.focus_search()
    window.pane.search.setText("railways")
    qtbot.keyClick(window.pane.search, Qt.Key.Key_Return)
    assert window.model.scope.query == "railways"
    assert window.pane.table.hasFocus() and window.pane.table.currentIndex().row() == 0
    assert "railways" in lib.article(window.view.article.id).text


def test_escape_and_ctrl_w_close_the_tool_windows(qtbot, lib, make_window):
    add_articles(lib, 3)
    window = make_window()
    for show, attr in (
        ("show_entities", "entities_window"),
        ("show_statistics", "statistics"),
        ("show_agreement", "agreement"),
        ("show_codebook", "codebook"),
    ):
        for key, mods in (
            (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        ):
            getattr(window.views, show)()
            tool = getattr(window.views, attr)
            active(qtbot, tool)
            assert tool.isVisible()
            focus = QApplication.focusWidget() or tool
            qtbot.keyClick(focus, key, mods)
            assert not tool.isVisible(), (attr, key)
    assert window.isVisible()


def test_escape_in_an_open_list_closes_the_list_not_the_window(qtbot, lib, make_window):
    add_articles(lib, 1)
    lib.create_entity("Harbour Board", "ORG")
    window = make_window()
    window.views.show_entities()
    tool = active(qtbot, window.views.entities_window)
    combo = tool.type_filter
    combo.setFocus()
    combo.showPopup()
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert tool.isVisible()  # the list closed instead
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert not tool.isVisible()


def _panel_with_marks(qtbot, lib, make_window):  # noqa: ANN001, ANN202
    article = add_articles(lib, 1)[0]
    lib.annotate(article, "entity", 0, 4, label="PERSON")
    lib.annotate(article, "highlight", 5, 7, label="important", note="a short note")
    window = active(qtbot, make_window())
    window.pane.select_article(article)
    return window, article


def test_delete_in_the_label_editor_deletes_the_mark(qtbot, lib, make_window):
    window, article = _panel_with_marks(qtbot, lib, make_window)
    panel = window.side.annotations
    table = panel.table
    index = panel.proxy.index(0, LABEL)
    table.setFocus()
    table.setCurrentIndex(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))  # the editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert [(a.kind, a.label) for a in lib.annotations(article)] == [("highlight", "important")]


def test_delete_in_the_note_editor_deletes_the_mark_unless_text_is_selected(
    qtbot, lib, make_window
):
    window, article = _panel_with_marks(qtbot, lib, make_window)
    panel = window.side.annotations
    table = panel.table
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, NOTE).data())
    index = panel.proxy.index(row, NOTE)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "a short note"
    editor.setSelection(0, 2)  # "a "
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.text() == "short note"  # the selected text went, the mark stays
    assert len(lib.annotations(article)) == 2
    editor.deselect()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert [(a.kind, a.label) for a in lib.annotations(article)] == [("entity", "PERSON")]
