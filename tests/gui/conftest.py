from __future__ import annotations

import os

import pytest

# Tests never open a real window (scripts/test sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402


@pytest.fixture(autouse=True)
def _tmp_settings(tmp_path_factory):
    """QSettings in a temporary folder: tests never read or write the user's settings."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def _keep_palette(qapp):
    """The window sets the application's palette (theme); put it back after each test."""
    from PySide6.QtGui import QPalette

    palette = QPalette(qapp.palette())
    yield
    qapp.setPalette(palette)


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):
    """Qt's offscreen clipboard crashes the process at exit while it holds a QMimeData
    that Reader put there; the application clears it on quit, tests after each test."""
    yield
    from reader.gui.app import clear_offscreen_clipboard

    clear_offscreen_clipboard()


@pytest.fixture
def settings():
    from reader.gui.settings import Settings

    return Settings()


@pytest.fixture
def make_window(qtbot, lib, settings):
    """Build a main window on the test library (a fresh one on each call, same settings)."""
    from reader.gui.main_window import MainWindow

    def make():
        window = MainWindow(lib, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


def add_articles(lib, n: int, **fields) -> list[int]:
    """`n` small articles titled "Article 0000"... (bulk path: fast)."""
    from reader.model import ParsedArticle

    before = {a.id for a in lib.list_articles(limit=10**6)}
    lib.add_articles(
        ParsedArticle(
            title=f"Article {i:04}",
            markdown=f"Body of article {i} about {'harbours' if i % 2 else 'railways'}.",
            source=f"Source {i % 3}",
            language="en" if i % 4 else "fr",
            published=f"2024-01-{1 + i % 28:02}",
            **fields,
        )
        for i in range(n)
    )
    return sorted({a.id for a in lib.list_articles(limit=10**6)} - before)
