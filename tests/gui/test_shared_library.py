"""The window and other programs on one library: nothing the window writes is lost."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt

from reader.gui.main_window import MainWindow
from reader.library import Library

from ..conftest import ROOT


def _reader(db, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, (args, out.stdout, out.stderr)
    return out


def test_window_import_then_terminal_then_a_mark_reaches_other_programs(
    qtbot, db_path, settings, tmp_path
):
    first = tmp_path / "first.txt"
    first.write_text("From the window\n\nGrace Hopper opened the session.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("From the terminal\n\nA second page arrived.\n", encoding="utf-8")
    with Library(db_path) as lib:
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitActive(window):
            window.activateWindow()
        # 1. the window imports through its worker (a second Library in this process)
        with qtbot.waitSignal(window.imports.summaryShown, timeout=20000) as shown:
            assert window.imports.import_paths([first])
        shown.args[0].close()
        article_id = lib.list_articles()[0].id
        # 2. another program imports into the same file
        _reader(db_path, "import", str(second))
        # 3. a mark made in the window
        window.refresh()
        window.pane.select_article(article_id)
        view = window.view
        assert view.article is not None and view.article.id == article_id
        text = view.article.text
        start = text.index("Grace Hopper")
        with qtbot.waitActive(window):
            window.activateWindow()
        view.setFocus()
        view.select_range(start, start + len("Grace Hopper"))
        qtbot.keyClick(view, Qt.Key.Key_1)
        assert [a.exact for a in lib.annotations(article_id)] == ["Grace Hopper"]
        # 4. before the window quits, another program sees the mark
        out = _reader(db_path, "annotations", str(article_id))
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert [(r["kind"], r["start"], r["text"]) for r in rows] == [
            ("entity", start, "Grace Hopper")
        ]
        listed = _reader(db_path, "list").stdout
        assert "From the window" in listed and "From the terminal" in listed
        window.close()
    # 5. after: the file is intact and holds everything
    assert _reader(db_path, "check").stdout.strip() == "ok"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT exact FROM annotations").fetchall() == [("Grace Hopper",)]
