"""Starting the window: `reader` with no command calls `run(db_path)`."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.errors import ReaderError
from reader.gui.settings import APPLICATION, ORGANIZATION


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one if there is one), named and with Reader's icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reader")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from reader.gui.resources import app_icon

    app.setWindowIcon(app_icon())
    if QApplication.platformName() == "offscreen" and not getattr(app, "_reader_clip", False):
        # Qt's offscreen clipboard crashes at exit while it still holds our QMimeData
        # (screenshots and tests run offscreen); a real clipboard keeps it.
        app.aboutToQuit.connect(clear_offscreen_clipboard)
        app._reader_clip = True
    return app


def clear_offscreen_clipboard() -> None:
    """Empty the clipboard of the offscreen platform (see make_app)."""
    if QApplication.platformName() == "offscreen":
        QApplication.clipboard().clear()


def _excepthook(kind, value, tb) -> None:  # noqa: ANN001
    """An unexpected error in a slot: one line in a dialog, never a traceback."""
    if os.environ.get("READER_DEBUG"):
        sys.__excepthook__(kind, value, tb)
    message = (
        str(value) if isinstance(value, ReaderError) else f"Unexpected {kind.__name__}: {value}"
    )
    from reader.gui.errors import show_error

    show_error(QApplication.activeWindow(), message)


def run(db_path: str | os.PathLike | None = None) -> int:
    """Open the main window on the library at `db_path`; returns the exit code.

    A library that cannot be opened (not a library, damaged, newer) is reported in
    the one error dialog, or, when there is no display, raised as a ReaderError
    (the CLI prints it as one line); the exit code is 1 and nothing is changed.
    """
    from reader.gui.errors import show_error
    from reader.gui.main_window import MainWindow
    from reader.gui.platform_check import check_platform
    from reader.library import Library

    path = Path(db_path) if db_path else None
    try:
        check_platform()
    except ReaderError:
        if path is not None and path.exists():
            # The library's own problem says more than "no display": report it first.
            Library(path).close()
        raise
    app = make_app()
    from reader.gui.settings import Settings

    settings = Settings()
    try:
        library = Library(path, annotator=settings.annotator())
    except ReaderError as e:
        show_error(None, f"Cannot open the library: {e}", wait=True)
        return 1
    sys.excepthook = _excepthook
    library.tag_in_second_process()  # the window suggests for article after article
    window = MainWindow(library, settings)
    window.show()
    # Ctrl+C in the terminal closes the window properly (saving its state): Python only
    # sees the signal when it runs, so a timer lets it run now and then.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(300)
    try:
        return app.exec()
    finally:
        library.close()
