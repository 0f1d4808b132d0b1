"""The main window on a temporary library: welcome, search, selection, state, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.gui.dialogs import imports as import_dialogs
from reader.gui.models.library_model import ArticleIdRole
from reader.gui.widgets.library_pane import SEARCH_DELAY_MS

from .conftest import add_articles


def test_empty_library_shows_the_welcome_panel(window):
    assert window.stack.currentWidget() is window.welcome
    assert window.count_label.text() == "0 articles"
    assert window.welcome.samples_button.text() == "Open sample articles"


def test_library_and_status_bar(lib, make_window):
    add_articles(lib, 12)
    window = make_window()
    assert window.stack.currentWidget() is window.splitter
    assert window.model.rowCount() == 12
    assert window.count_label.text() == "12 articles"
    assert window.side.title.text() == "Annotations"
    assert window.pane.source.count() == 4  # all + three sources
    assert window.pane.language.itemData(1) == "en"


def test_search_is_debounced_and_counts_matches(qtbot, lib, make_window):
    add_articles(lib, 12)
    window = make_window()
    window.views.focus_search()
    qtbot.keyClicks(window.pane.search, "harb")
    assert window.model.scope.query == ""  # not yet: the field waits for a pause
    qtbot.waitUntil(lambda: window.model.scope.query == "harb", timeout=SEARCH_DELAY_MS * 8)
    assert window.model.scope.prefix
    assert window.model.total == 6
    assert window.count_label.text() == "6 of 12 articles match"
    window.pane.search.setText('"(NEAR AND')  # nonsense is searched as words, no error
    window.pane.apply_filters()
    assert window.model.total == 0
    window.pane.search.clear()
    window.pane.language.setCurrentIndex(window.pane.language.findData("fr"))
    assert window.model.total == 3
    window.pane.annotated.setChecked(True)
    assert window.model.total == 0 and window.model.scope.has_annotations is True


def test_the_notes_scope_searches_the_notes_on_marks(lib, make_window):
    ids = add_articles(lib, 3)
    lib.annotate(ids[1], "highlight", 0, 4, note="Ask the Ministry about this")
    window = make_window()
    window.pane.search.setText("ministry")
    window.pane.apply_filters()
    assert window.model.total == 0  # no article's text says it
    window.pane.notes.setChecked(True)
    assert window.model.scope.notes is True
    assert window.model.total == 1 and window.model.summary(0).id == ids[1]


def test_selecting_a_row_opens_the_article_and_next_previous_move(lib, make_window):
    ids = add_articles(lib, 5)
    window = make_window()
    window.pane.select_row(0)
    assert window.view.article.id == ids[-1]  # newest first
    window.articles.next_article()
    assert window.view.article.id == ids[-2]
    window.articles.previous_article()
    assert window.view.article.id == ids[-1]
    assert "Body of article 4" in window.view.document().toPlainText()


def test_read_star_and_delete(monkeypatch, lib, make_window):
    ids = add_articles(lib, 3)
    window = make_window()
    window.pane.select_row(0)
    window.articles.toggle_read()
    window.articles.toggle_star()
    assert lib.article(ids[-1]).read and lib.article(ids[-1]).starred
    assert window.model.index(0, 5).data() == "✓"
    assert window.actions_by_id["toggle_read"].text() == "Mark as &Unread"
    asked = []
    monkeypatch.setattr(import_dialogs, "confirm", lambda *a: asked.append(a[2]) or False)
    window.articles.delete_article()
    assert lib.count_articles() == 3  # cancelled
    monkeypatch.setattr(import_dialogs, "confirm", lambda *a: True)
    window.articles.delete_article()
    assert lib.count_articles() == 2
    assert "Article 0002" in asked[0]
    assert window.model.rowCount() == 2
    assert window.view.article.id == ids[-2]  # the next row is opened
    assert window.count_label.text() == "2 articles"


def test_state_is_remembered(qtbot, lib, make_window, settings):
    ids = add_articles(lib, 3)
    window = make_window()
    window.pane.select_row(1)
    window.views.zoom_in()
    window.views.zoom_in()
    size = window.view.point_size()
    window.splitter.setSizes([300, 500, 0])
    window.views.set_theme("dark")
    window.close()
    assert settings.last_article() == ids[1]
    assert settings.theme() == "dark"
    again = make_window()
    assert again.view.article.id == ids[1]
    assert again.pane.current_article_id() == ids[1]
    assert again.view.point_size() == size
    assert again.splitter.sizes()[2] == 0
    assert not again.actions_by_id["toggle_side_panel"].isChecked()
    assert again.theme_actions["dark"].isChecked()
    window_role = QPalette.ColorRole.Window
    assert QApplication.palette().color(window_role).lightness() < 100
    again.views.set_theme("light")
    assert QApplication.palette().color(window_role).lightness() > 200


def test_sorting_by_header_click_keeps_the_open_article(qtbot, lib, make_window):
    ids = add_articles(lib, 4)
    window = make_window()
    window.pane.select_row(0)
    header = window.pane.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    first = window.model.index(0, 0)
    assert first.data() == "Article 0000"
    assert window.pane.current_article_id() == ids[-1]
    assert window.pane.table.currentIndex().data(ArticleIdRole) == ids[-1]


def test_zoom_changes_the_reading_size_only(lib, make_window):
    add_articles(lib, 1)
    window = make_window()
    window.pane.select_row(0)
    base = window.view.point_size()
    window.views.zoom_in()
    assert window.view.point_size() == base + 1
    window.views.zoom_out()
    window.views.zoom_out()
    assert window.view.point_size() == base - 1
    window.views.zoom_reset()
    assert window.view.point_size() == window.view.default_point_size()


def test_delete_key_works_in_the_list_only(qtbot, monkeypatch, lib, make_window):
    add_articles(lib, 2)
    window = make_window()
    window.activateWindow()
    window.pane.select_row(0)
    asked = []
    monkeypatch.setattr(import_dialogs, "confirm", lambda *a: asked.append(a) or False)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert asked == []  # kept free for the annotation tools
    window.pane.table.setFocus()
    qtbot.waitUntil(window.pane.table.hasFocus)
    qtbot.keyClick(window.pane.table, Qt.Key.Key_Delete)
    assert len(asked) == 1


def test_settings_live_in_the_test_folder(settings, _tmp_settings):
    assert settings.q.fileName().startswith(str(_tmp_settings))


def test_side_panel_can_be_hidden_and_shown(lib, make_window):
    add_articles(lib, 1)
    window = make_window()
    action = window.actions_by_id["toggle_side_panel"]
    assert action.isChecked() and window.splitter.sizes()[2] > 0
    action.setChecked(False)
    assert window.splitter.sizes()[2] == 0
    action.setChecked(True)
    assert window.splitter.sizes()[2] > 0
