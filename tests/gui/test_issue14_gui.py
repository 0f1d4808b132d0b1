"""Issue 14 in the window: every view follows the library's announcements (the Edit
menu, the Entities window, the Suggestions tab), and a controller works without a
MainWindow: a bare article view, panel and an in-memory Library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject

from reader.gui.actions import ActionStates, build_actions
from reader.gui.annotate.controller import AnnotateController
from reader.gui.events import LibraryEvents
from reader.gui.views.article_view import ArticleView
from reader.gui.widgets.side_panel import SidePanel
from reader.library import Library
from reader.model import Changes, ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

TEXT = [
    "Sergey Lavrov met Antony Blinken in Riyadh on Tuesday.",
    "“We agreed on a plan,” Lavrov said in Istanbul.",
]


@pytest.fixture
def opened(window, lib):
    _, article_id = lib.add_article(ParsedArticle("Talks", paragraphs_to_markdown(TEXT)))
    window.model.refresh()
    assert window.articles.open_article(article_id)
    return window, article_id


def _select(window, word):
    text = window.view.article.text
    start = text.index(word)
    window.view.select_range(start, start + len(word))


def _names(entities_window):
    proxy = entities_window.proxy
    return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))


# -- bug 2: the Edit menu follows an edit made in the Entities window ----------------------


def test_a_merge_in_the_entities_window_sets_the_undo_text(opened, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window, _ = opened
    for word in ("Sergey Lavrov", "Antony Blinken"):
        _select(window, word)
        window.actions_by_id["annotate_tag_1"].trigger()
    assert window.actions_by_id["undo"].text() == "&Undo Tag PERSON: Antony Blinken"
    window.views.show_entities()
    w = window.views.entities_window
    w.table.selectAll()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Sergey Lavrov (PERSON)", True))
    w.merge()
    assert window.actions_by_id["undo"].text() == "&Undo Merge into Sergey Lavrov (PERSON)"
    window.actions_by_id["undo"].trigger()
    assert window.actions_by_id["undo"].text() == "&Undo Tag PERSON: Antony Blinken"
    assert window.actions_by_id["redo"].text() == "&Redo Merge into Sergey Lavrov (PERSON)"
    assert _names(w) == ["Antony Blinken", "Sergey Lavrov"]  # the window followed the undo


# -- bug 3: the open Entities window lists a place tagged in the article --------------------


def test_the_open_entities_window_lists_a_new_tag(opened):
    window, _ = opened
    window.views.show_entities()
    w = window.views.entities_window
    assert _names(w) == []
    _select(window, "Riyadh")
    window.actions_by_id["annotate_tag_3"].trigger()  # LOCATION
    assert _names(w) == ["Riyadh"]
    w.hide()
    _select(window, "Istanbul")
    window.actions_by_id["annotate_tag_3"].trigger()
    assert w.stale  # hidden: marked stale, not reloaded
    window.views.show_entities()
    assert _names(w) == ["Istanbul", "Riyadh"] and not w.stale


def test_unused_entities_are_listed_and_deleted_in_bulk(opened, lib, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window, _ = opened
    lib.create_entity("Jakarta", "LOCATION")
    lib.create_entity("Medan", "LOCATION")
    _select(window, "Riyadh")
    window.actions_by_id["annotate_tag_3"].trigger()
    window.views.show_entities()
    w = window.views.entities_window
    assert _names(w) == ["Jakarta", "Medan", "Riyadh"]  # 0 mentions are listed too
    assert w.select_unused() == 2
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    w.delete()
    assert _names(w) == ["Riyadh"]
    assert window.actions_by_id["undo"].text() == "&Undo Delete 2 entities"


# -- bug 7: the Suggestions tab forgets deleted entities at once ---------------------------


def test_deleting_an_entity_updates_the_suggestions_tab(opened, lib, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window, _ = opened
    riyadh = lib.create_entity("Riyadh", "LOCATION")
    window.review.set_active(True)

    def from_registry():
        return [
            s.text
            for s in window.review.suggestions
            if s.kind == "entity" and s.candidate.source == "registry"
        ]

    assert from_registry() == ["Riyadh"]
    window.views.show_entities()
    w = window.views.entities_window
    w.select_entity(riyadh.id)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    w.delete()
    assert lib.find_entity("Riyadh", "LOCATION") is None
    assert from_registry() == []  # at once, without an annotation change


# -- the list and the view follow writes made anywhere ----------------------------------------


def test_the_list_and_the_view_follow_a_write_made_elsewhere(opened, lib):
    window, article_id = opened
    row = window.model.row_of(article_id)
    lib.edit_article(article_id, title="Talks in Riyadh", source="Kantor Berita")
    assert window.model.summary(row).title == "Talks in Riyadh"
    assert window.model.summary(row).source == "Kantor Berita"
    assert window.view.article.title == "Talks in Riyadh"
    assert ("Kantor Berita", 1) in lib.sources()
    lib.annotate(article_id, "highlight", 0, 6)
    assert window.model.summary(row).annotation_count == 1  # counted by SQL, re-read
    lib.set_starred(article_id)
    assert window.model.summary(row).starred and window.view.article.starred
    assert window.actions_by_id["toggle_star"].text() == "Un&star"
    lib.delete_article(article_id)
    assert window.model.row_of(article_id) is None and window.view.article is None


# -- a controller without a MainWindow -------------------------------------------------------


@pytest.fixture
def bare(qtbot):
    library = Library(None)  # in memory
    _, article_id = library.add_article(ParsedArticle("Talks", paragraphs_to_markdown(TEXT)))
    owner = QObject()
    events = LibraryEvents(library, owner)
    view = ArticleView()
    side = SidePanel()
    qtbot.addWidget(view)
    qtbot.addWidget(side)
    actions = build_actions(owner, lambda name: lambda *a: None)
    view.show_article(library.article(article_id), library.blocks(article_id))
    heard: list[tuple[Changes, object]] = []
    events.changed.connect(lambda c, i: heard.append((c, i)))
    messages: list[str] = []
    controller = AnnotateController(
        events,
        view,
        side.annotations,
        ActionStates(actions),
        lambda text, _ms: messages.append(text),
        owner,
    )
    controller.article_shown()
    yield library, article_id, view, side, controller, heard, messages
    library.close()


def test_a_controller_works_with_a_bare_view_and_panel(bare):
    library, article_id, view, side, controller, heard, messages = bare
    text = view.article.text
    start = text.index("Riyadh")
    view.select_range(start, start + len("Riyadh"))
    assert controller.actions["annotate_tag_3"].isEnabled()
    controller.tag(3)
    (mark,) = library.annotations(article_id)
    assert (mark.exact, mark.label) == ("Riyadh", "LOCATION")
    assert len(messages) == 1 and "Riyadh" in messages[0]
    assert side.model.rowCount() == 1 and controller.selected == mark.id
    assert controller.actions["delete_mark"].isEnabled()
    assert [i for _, i in heard] == [controller]  # announced once, naming who acted
    assert heard[0][0] == Changes(frozenset({article_id}), frozenset({mark.id}), entities=True)
    # a write made elsewhere (another view, the CLI's code path) reloads the marks too
    library.delete_annotation(mark.id)
    assert side.model.rowCount() == 0 and controller.annotations == []
    assert heard[-1][1] is None
    assert not controller.actions["delete_mark"].isEnabled()  # its mark is gone
    controller.undo()
    assert side.model.rowCount() == 1 and [a.id for a in controller.annotations] == [mark.id]


def test_a_failed_action_shows_one_dialog_and_announces_nothing(bare, qtbot):
    from PySide6.QtWidgets import QMessageBox

    library, article_id, view, side, controller, heard, _ = bare
    view.select_range(0, 5)
    library.delete_article(article_id)  # gone behind the view's back
    heard.clear()
    controller.create("highlight", None)
    boxes = [w for w in view.findChildren(QMessageBox) if w.objectName() == "errorBox"]
    assert len(boxes) == 1 and "no article" in boxes[0].text()
    assert heard == []
