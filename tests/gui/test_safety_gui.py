"""Reliability in the window: read-only libraries, backup and restore, the background
check, libraries that cannot be opened, a second program writing, no network."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import warnings

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.gui.actions import ACTIONS, writing_actions
from reader.gui.main_window import MainWindow
from reader.gui.views.article_view import ArticleView
from reader.library import Library
from reader.model import ParsedArticle

from ..conftest import ROOT
from .conftest import add_articles

WRITES = {
    "import_files",
    "import_folder",
    "open_samples",
    "paste_article",
    "toggle_read",
    "toggle_star",
    "delete_article",
    "edit_metadata",
    "edit_attributes",
    "restore_backup",
    "merge_library",
    "undo",
    "redo",
    "annotate_quote",
    *(f"annotate_tag_{n}" for n in range(1, 10)),
    "annotate_highlight",
    "annotate_tag_with",
    "annotate_note",
    "delete_mark",
    *(f"mark_{end}_{way}" for end in ("start", "end") for way in ("earlier", "later")),
    "accept_all_quotes",
    "accept_all_entities",
    "import_url",
    "add_feed",
    "update_feeds",
    "update_feed",
    "rename_feed",
    "remove_feed",
}


def corrupt_pages(path, pages):
    with open(path, "r+b") as f:
        for n in pages:
            f.seek((n - 1) * 4096)
            f.write(b"\xde\xad\xbe\xef" * 1024)


def checkpoint(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def error_box(window):
    return window.findChild(QMessageBox, "errorBox")


# -- read-only ----------------------------------------------------------------------------


def test_read_only_library_disables_every_write(qtbot, db_path, seed_path, settings):
    with Library(db_path) as lib:
        article_id = lib.import_file(seed_path).article_id
    before = db_path.read_bytes()
    # a new writing action must be flagged in the table (review keys act on suggestions)
    assert writing_actions() - {s.id for s in ACTIONS if s.scope == "review"} == WRITES
    with Library(db_path, readonly=True) as lib:
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        window.articles.open_article(article_id)
        assert not window.writable
        assert window.windowTitle() == "Reader (read-only)"
        assert window.readonly_label.isVisible() and window.readonly_label.text() == "Read-only"
        for spec in ACTIONS:
            if spec.scope != "review":
                assert window.actions_by_id[spec.id].isEnabled() == (not spec.writes), spec.id
        assert not any(button.isEnabled() for button in window.welcome.buttons)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(seed_path))])
        with warnings.catch_warnings():  # PySide6's only constructor is marked deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            enter = QDragEnterEvent(
                QPoint(5, 5),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        enter.ignore()
        QApplication.sendEvent(window, enter)
        assert not enter.isAccepted()
        window.set_writable(True)  # the same switch turns them back on
        assert window.actions_by_id["toggle_read"].isEnabled()
        assert window.windowTitle() == "Reader" and not window.readonly_label.isVisible()
        window.close()
    assert db_path.read_bytes() == before


def test_writable_library_shows_no_indicator(window):
    assert window.writable and window.windowTitle() == "Reader"
    assert window.readonly_label.isHidden()
    assert window.actions_by_id["import_files"].isEnabled()
    assert not window.actions_by_id["toggle_read"].isEnabled()  # no article open


# -- backup and restore ---------------------------------------------------------------------


def test_backup_and_restore_from_the_window(window, lib, seed_path, qtbot, tmp_path, monkeypatch):
    article_id = lib.import_file(seed_path).article_id
    window.refresh()
    backup = tmp_path / "backups" / "copy.db"
    backup.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup), ""))
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        window.actions_by_id["backup_library"].trigger()
    assert shown.args[0].text() == f"Backed up the library to {backup}."
    with Library(backup) as copy:
        assert [a.id for a in copy.list_articles()] == [article_id]

    lib.delete_article(article_id)
    window.refresh()
    assert window.model.rowCount() == 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr("reader.gui.file_tasks.import_dialogs.confirm", lambda *a: True)
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=10000) as shown:
        window.actions_by_id["restore_backup"].trigger()
    assert shown.args[0].text().startswith(f"Restored the library from {backup}.")
    assert window.model.rowCount() == 1 and lib.count_articles() == 1
    assert window.count_label.text() == "1 article"
    safety = [p for p in lib.path.parent.iterdir() if ".before-restore-" in p.name]
    assert len(safety) == 1 and str(safety[0]) in shown.args[0].text()


def test_restore_asks_first_and_refuses_the_library_itself(window, lib, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(lib.path), ""))
    monkeypatch.setattr("reader.gui.file_tasks.import_dialogs.confirm", lambda *a: False)
    window.files.restore_backup()
    assert error_box(window) is None  # declined: nothing happened
    with qtbot.waitSignal(window.tasks.ended, timeout=10000) as ended:
        assert window.tasks.backup_to(lib.path)  # the worker refuses it
    assert ended.args == ["backup", "failed"]
    assert "cannot back up the library onto itself" in error_box(window).text()
    assert not window.tasks.restore_from(lib.path)


# -- the background integrity check ---------------------------------------------------------


@pytest.mark.parametrize("damaged", [False, True])
def test_large_library_is_checked_in_the_background(qtbot, db_path, settings, monkeypatch, damaged):
    with Library(db_path) as lib:
        add_articles(lib, 300)
    checkpoint(db_path)
    if damaged:
        conn = sqlite3.connect(db_path)
        page = conn.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = 'articles_fts_data'"
        ).fetchone()[0]
        conn.close()
        corrupt_pages(db_path, [page])  # search data: the list still loads
    # As if the file were large: opening skips quick_check and the window runs it.
    monkeypatch.setattr("reader.store.database.QUICK_CHECK_MAX_BYTES", 0)
    with Library(db_path) as lib:
        assert not lib.checked_on_open
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.tasks.ended, timeout=10000) as ended:
            window.show()
        assert ended.args == ["check", "done"]
        assert window.model.rowCount() > 0
        box = error_box(window)
        if damaged:
            assert box.text().startswith("The library file is damaged (")
            assert "File → Restore from Backup…" in box.text()
        else:
            assert box is None
            assert window.statusBar().currentMessage() == "Library checked: no damage found."
        window.close()


# -- libraries that cannot be opened ----------------------------------------------------------


def make_bad_library(kind, path, seed_path):
    if kind == "text":
        path.write_text("name,age\nann,3\n", encoding="utf-8")
    elif kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE birds (name TEXT)")
        conn.commit()
        conn.close()
    else:
        with Library(path) as lib:
            lib.import_file(seed_path)
        checkpoint(path)
        if kind == "newer":
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA user_version = 999")
            conn.close()
        else:
            corrupt_pages(path, [2, 3, 4])


EXPECTED = {
    "text": "not a Reader library (not an SQLite database); the file was left untouched",
    "foreign": "this SQLite database is not a Reader library; the file was left untouched",
    "newer": "this library has schema version 999, newer than this Reader supports",
    "damaged": "the library file is damaged",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_library_that_cannot_open_shows_one_error_and_exits_1(
    qapp, tmp_path, seed_path, monkeypatch, kind
):
    from reader.gui.app import run

    path = tmp_path / "notalibrary.db"
    make_bad_library(kind, path, seed_path)
    before = path.read_bytes()
    shown = []

    def exec_(box):
        shown.append((box.objectName(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert run(path) == 1
    assert len(shown) == 1
    name, text = shown[0]
    assert name == "errorBox" and "\n" not in text
    assert text.startswith(f"Cannot open the library: {path}: ")
    assert EXPECTED[kind] in text
    assert path.read_bytes() == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display check")
def test_no_display_gives_one_line_on_stderr(tmp_path):
    path = tmp_path / "notalibrary.db"
    path.write_bytes(b"%PDF-1.4 not a library")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"Error: {path}: not a Reader library (not an SQLite database); the file was left untouched"
    )
    assert path.read_bytes() == b"%PDF-1.4 not a library"


# -- two programs, one library ----------------------------------------------------------------


def test_refresh_shows_what_the_cli_imported(window, lib, db_path, seed_path):
    assert window.model.rowCount() == 0
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db_path), "import", str(seed_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert window.model.rowCount() == 0  # nothing moves under the reader's eyes...
    window.actions_by_id["refresh"].trigger()  # ...until F5
    assert window.model.rowCount() == 1
    assert window.stack.currentWidget() is window.splitter
    assert window.count_label.text() == "1 article"
    assert window.pane.source.itemData(1) == "SeaPRwire"
    assert "F5" in [k.toString() for k in window.actions_by_id["refresh"].shortcuts()]


def test_coming_back_to_the_window_refreshes_when_the_library_changed(
    window, lib, db_path, qapp, monkeypatch
):
    add_articles(lib, 2)
    window.refresh()
    calls = []
    real = window.model.refresh
    monkeypatch.setattr(window.model, "refresh", lambda: (calls.append(1), real()))
    active = Qt.ApplicationState.ApplicationActive
    qapp.applicationStateChanged.emit(active)
    assert calls == []  # the window's own connection wrote: nothing new to show
    with Library(db_path) as other:
        for i in range(3):
            other.add_article(ParsedArticle(title=f"Elsewhere {i}", markdown=f"Text {i}."))
    qapp.applicationStateChanged.emit(active)
    assert calls == [1] and window.model.rowCount() == 5
    qapp.applicationStateChanged.emit(active)
    assert calls == [1]


def test_refresh_follows_an_article_changed_or_deleted_elsewhere(window, lib, db_path):
    ids = add_articles(lib, 2)
    window.refresh()
    window.articles.open_article(ids[0])
    with Library(db_path) as other:
        other.set_starred(ids[0])
        other.delete_article(ids[1])
    assert window.refresh_if_changed()
    assert window.view.article.starred and window.actions_by_id["toggle_star"].text() == "Un&star"
    assert window.model.rowCount() == 1
    with Library(db_path) as other:
        other.delete_article(ids[0])
    window.refresh()
    assert window.view.article is None and window.model.rowCount() == 0


def test_a_briefly_locked_library_does_not_fail_a_window_write(window, lib, db_path):
    (article_id,) = add_articles(lib, 1)
    window.refresh()
    window.articles.open_article(article_id)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE articles SET starred = 1 WHERE id = ?", (article_id,))
    timer = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    timer.start()
    try:
        window.articles.toggle_read()  # waits for the other writer (busy timeout), then writes
    finally:
        timer.join()
        other.close()
    assert error_box(window) is None, error_box(window).text()
    assert lib.article(article_id).read and lib.article(article_id).starred


# -- privacy --------------------------------------------------------------------------------

PAGE = """<html><head><title>Tracking page</title>
<link rel="stylesheet" href="http://tracker.example/style.css">
<script src="https://tracker.example/t.js"></script></head>
<body><article><h1>Harbour news</h1>
<p>The harbour reopened on Monday, the port authority said in a statement.
<img src="http://tracker.example/pixel.gif" width="1" height="1"></p>
<iframe src="https://ads.example/frame"></iframe>
<p>Ships waited outside for two days. <a href="https://example.org/more">More</a>
<img src="https://images.example/photo.jpg" alt="A photo of ships"></p>
</article></body></html>"""


def test_the_article_view_never_touches_the_network(window, lib, monkeypatch, qapp):
    attempts: list[object] = []

    def refuse(sock, address, *a):
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    asked: list[str] = []
    real = ArticleView.loadResource

    def spy(view, kind, name):
        asked.append(name.toString())
        return real(view, kind, name)

    monkeypatch.setattr(ArticleView, "loadResource", spy)
    page = lib.import_html(PAGE, url="https://news.example/harbour").article_id
    _, raw = lib.add_article(
        ParsedArticle(
            title="Remote everything",
            markdown=(
                "Before ![pixel](http://tracker.example/p.png) after.\n\n"
                '<img src="https://tracker.example/i.png"> <iframe src="http://x.example/"></iframe>'
                '\n\n<link rel="stylesheet" href="http://tracker.example/s.css">\n\n'
                "[a link](https://example.org/x)"
            ),
        )
    )
    window.refresh()
    for article_id in (page, raw):
        assert window.articles.open_article(article_id)
        window.view.grab()  # lay out and paint: when images would be fetched
        qapp.processEvents()
    assert "harbour reopened" in lib.article(page).text
    assert attempts == []
    assert [a for a in asked if a.split(":")[0] in ("http", "https", "ftp", "file")] == []
    from PySide6.QtNetwork import QNetworkAccessManager

    assert window.findChildren(QNetworkAccessManager) == []
