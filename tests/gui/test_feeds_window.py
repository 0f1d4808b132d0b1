"""The Feeds section, Update All (in the background) and the feed commands, against a
server the test starts on 127.0.0.1."""

from __future__ import annotations

import pytest

import reader.gui.events as events_module
from reader.gui.dialogs.help import shortcut_rows
from reader.gui.models.library_model import TITLE, ArticleIdRole
from tests.feed_server import FeedServer, body
from tests.test_feeds import RSS10, RSS20


@pytest.fixture
def server():
    s = FeedServer().start()
    yield s
    s.stop()


def titles(window) -> list[str]:
    model = window.model
    return sorted(model.index(r, TITLE).data() for r in range(model.rowCount()))


def wait_update(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: len(window.feeds.finished) == count, timeout=20000)
    qtbot.waitUntil(lambda: not window.tasks.busy("feeds"), timeout=5000)


def test_feeds_section_filters_the_list(qtbot, lib, server, make_window):
    server.routes["/rss20"] = body(RSS20)
    server.routes["/rdf"] = body(RSS10)
    port = lib.add_feed(server.url("/rss20"), name="Port")
    lib.add_feed(server.url("/rdf"), name="RDF")
    lib.update_feeds()
    window = make_window()
    section = window.feeds.section
    assert section.isVisible() and section.names() == ["All articles", "Port (2)", "RDF (1)"]
    assert titles(window) == ["Ferry timetable changes", "Lighthouse repainted", "Storm warning"]
    assert not window.actions_by_id["rename_feed"].isEnabled()
    section.choose(port.id)
    assert titles(window) == ["Ferry timetable changes", "Storm warning"]
    assert window.pane.scope().feed_ids == (port.id,)
    assert window.actions_by_id["rename_feed"].isEnabled()
    assert window.count_label.text() == "2 of 3 articles match"
    # reading one lowers its feed's unread count
    first = window.model.index(0, TITLE).data(ArticleIdRole)
    lib.set_read(first)
    assert section.names()[1] == "Port (1)"
    section.choose(None)
    assert len(titles(window)) == 3 and window.pane.scope().feed_ids == ()


def test_update_all_runs_in_the_background_and_records_errors(qtbot, lib, server, window):
    server.routes["/rss20"] = body(RSS20)
    server.routes["/broken"] = body(b"<rss><channel>")
    # the welcome screen offers the ways in
    texts = [b.text() for b in window.welcome.buttons]
    assert texts == [
        "Import…",
        "Import from web address…",
        "Add a feed…",
        "Open sample articles",
    ]
    assert window.stack.currentWidget() is window.welcome
    lib.add_feed(server.url("/rss20"), name="Port")
    lib.add_feed(server.url("/broken"), name="Broken")
    window.feeds.reload()
    action = window.actions_by_id["update_feeds"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+U"
    action.trigger()
    assert window.tasks.busy("feeds") and window.feeds.cancel_button.isVisibleTo(window)
    wait_update(qtbot, window, 1)
    [reports] = window.feeds.finished
    assert [(r.feed, len(r.outcomes), r.error is not None) for r in reports] == [
        ("Broken", 0, True),
        ("Port", 2, False),
    ]
    assert window.feeds.section.names() == ["All articles", "⚠ Broken", "Port (2)"]
    assert titles(window) == ["Ferry timetable changes", "Storm warning"]
    assert window.stack.currentWidget() is window.splitter
    assert window.statusBar().currentMessage() == (
        "Feeds updated: 2 new articles; 1 failed (Broken: see the Feeds list)."
    )
    assert not window.feeds.cancel_button.isVisibleTo(window)
    tip = window.feeds.section.list.item(1).toolTip()
    assert "Last update failed: the feed is not well-formed XML" in tip


def test_add_rename_remove_from_the_window(qtbot, lib, server, window, monkeypatch):
    server.routes["/rdf"] = body(RSS10)
    assert window.feeds.add_feed_from(server.url("/rdf"), "Harbour")
    wait_update(qtbot, window, 1)
    section = window.feeds.section
    assert section.names() == ["All articles", "Harbour (1)"]
    assert section.current_feed_name() == "Harbour"
    assert titles(window) == ["Lighthouse repainted"]
    assert window.feeds.rename_feed_to("Lights")
    assert section.names() == ["All articles", "Lights (1)"]
    assert not window.feeds.remove_feed(ask=lambda *args: False)
    assert window.feeds.remove_feed(ask=lambda *args: True)
    assert lib.feeds() == [] and not section.isVisible()
    assert window.pane.scope().feed_ids == () and titles(window) == ["Lighthouse repainted"]
    # a refused address: the one error dialog, nothing added
    errors = []
    monkeypatch.setattr(events_module, "show_error", lambda parent, e: errors.append(str(e)))
    assert not window.feeds.add_feed_from("ftp://example.org/feed")
    assert errors == ["only http and https addresses are fetched, not ftp:"]


def test_update_on_start_preference_and_the_cheat_sheet(qtbot, lib, server, settings, make_window):
    server.routes["/rdf"] = body(RSS10)
    lib.add_feed(server.url("/rdf"), name="RDF")
    window = make_window()
    assert window.feeds.finished == [] and not window.tasks.busy("feeds")
    window.actions_by_id["update_feeds_on_start"].trigger()
    assert settings.update_feeds_on_start() is True
    window.close()
    again = make_window()
    assert again.actions_by_id["update_feeds_on_start"].isChecked()
    wait_update(qtbot, again, 1)
    assert titles(again) == ["Lighthouse repainted"]
    rows = shortcut_rows(again.actions_by_id)
    assert ("Anywhere in the window", "Ctrl+Shift+U", "Update All Feeds") in rows
    assert ("Anywhere in the window", "Ctrl+L", "Import from Web Address") in rows
    feeds_menu = next(
        a.menu() for a in again.menuBar().actions()[0].menu().actions() if a.text() == "&Feeds"
    )
    assert [a.text() for a in feeds_menu.actions() if a.text()] == [
        "&Add Feed…",
        "&Update All Feeds",
        "Update &This Feed",
        "&Rename Feed…",
        "Remo&ve Feed…",
        "Update Feeds on &Start",
    ]


def test_import_from_web_address(qtbot, lib, server, window):
    page = (
        b"<!doctype html><html><head><title>Pier opens</title></head><body><article>"
        b"<h1>Pier opens</h1><p>The new pier opens in the spring, the harbour master said."
        b"</p></article></body></html>"
    )
    server.routes["/pier"] = body(page, "text/html; charset=utf-8")
    assert window.feeds.import_url_from(server.url("/pier"))
    qtbot.waitUntil(lambda: lib.count_articles() == 1, timeout=20000)
    qtbot.waitUntil(lambda: not window.imports.busy, timeout=5000)
    [article] = lib.list_articles()
    assert (article.title, lib.article(article.id).url) == ("Pier opens", server.url("/pier"))


def test_import_files_dialog_lists_every_importer_suffix():
    from reader.gui.file_handlers import file_filter

    assert file_filter() == (
        "Articles (*.docx *.eml *.htm *.html *.markdown *.mbox *.md *.pdf *.text *.txt)"
        ";;All files (*)"
    )


def test_exports_and_statistics_say_a_feed_is_chosen():
    from reader.gui.dialogs.export_dialog import describe_scope
    from reader.gui.stats.view import describe
    from reader.model import Scope

    assert describe_scope(Scope(feed_ids=(3,))) == "the chosen feed"
    assert describe(Scope(feed_ids=(3,)), 4) == "4 articles — the chosen feed"


def test_dropping_a_link_fetches_the_page(qtbot, lib, server, window):
    from PySide6.QtCore import QMimeData, QUrl

    page = (
        b"<!doctype html><html><head><title>Quay reopens</title></head><body><article>"
        b"<h1>Quay reopens</h1><p>The quay reopened on Monday after the storm, the port said."
        b"</p></article></body></html>"
    )
    server.routes["/quay"] = body(page, "text/html; charset=utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl(server.url("/quay"))])
    assert window.files.accepts(mime)
    assert window.files.drop(mime)
    qtbot.waitUntil(lambda: lib.count_articles() == 1, timeout=20000)
    qtbot.waitUntil(lambda: not window.imports.busy, timeout=5000)
    assert [a.title for a in lib.list_articles()] == ["Quay reopens"]
    ftp = QMimeData()
    ftp.setUrls([QUrl("ftp://127.0.0.1/x.html")])
    assert not window.files.accepts(ftp)
