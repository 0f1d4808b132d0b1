"""Getting articles in from the window: drop, paste, samples, summary, cancel."""

from __future__ import annotations

import shutil
import warnings

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reader.gui.dialogs.imports import summary_text
from reader.gui.resources import sample_files
from reader.gui.workers import ImportWorker, paths_job, start_in_thread
from reader.model import ImportOutcome, ImportStatus, ImportSummary

from ..conftest import SEED

HTML = (
    "<html><head><title>Pasted page</title></head><body><article>"
    "<h1>Port strike ends after talks</h1>"
    "<p>Dock workers in the invented port of Lowbay returned to work on Monday "
    "after a week-long strike, the union said. The agreement raises wages by four "
    "percent and limits night shifts.</p>"
    "<p>Both sides called the talks difficult but fair.</p>"
    "</article></body></html>"
)


def drop(window, paths):
    """A drag entering the window, then the drop (Qt delivers a drop to the drag's target)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # the only constructor PySide6 offers is marked deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(50, 50),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def test_drop_files_imports_them_in_the_background(qtbot, window, tmp_path):
    good = tmp_path / SEED.name
    shutil.copy(SEED, good)
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    with qtbot.waitSignal(window.imports.summaryShown, timeout=10000) as shown:
        event = drop(window, [good, bad])
    assert event.isAccepted()
    box = shown.args[0]
    assert box.text() == "1 imported, 0 already in the library, 1 failed."
    assert "empty.txt" in box.informativeText()
    assert window.library.count_articles() == 1
    assert window.model.rowCount() == 1
    assert window.stack.currentWidget() is window.splitter
    assert window.view.article.title == "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS"
    assert window.pane.source.itemData(1) == "SeaPRwire"
    box.close()
    # the same file again is a duplicate, not a second article
    with qtbot.waitSignal(window.imports.summaryShown, timeout=10000) as shown:
        drop(window, [good])
    assert shown.args[0].text() == "0 imported, 1 already in the library, 0 failed."
    assert window.library.count_articles() == 1


def test_a_drop_without_files_is_refused(window):
    mime = QMimeData()
    mime.setText("just text")
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.setAccepted(False)
    QApplication.sendEvent(window, event)
    assert not event.isAccepted() and not window.imports.busy


def test_paste_html_opens_the_new_article(qtbot, window):
    mime = QMimeData()
    mime.setHtml(HTML)
    mime.setText("Port strike ends after talks")
    QApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(window.imports.finished, timeout=10000) as done:
        window.actions_by_id["paste_article"].trigger()
    (outcome,) = done.args[0].outcomes
    assert outcome.status == ImportStatus.IMPORTED
    assert window.view.article.id == outcome.article_id
    assert window.view.article.title == "Pasted page"  # the importer prefers <title>
    assert "four percent" in window.view.article.text
    assert window.count_label.text() == "1 article"


def test_paste_plain_text(qtbot, window):
    QApplication.clipboard().setText(SEED.read_text(encoding="utf-8"))
    with qtbot.waitSignal(window.imports.finished, timeout=10000):
        window.files.paste_article()
    assert window.view.article.source == "SeaPRwire"
    assert window.library.count_articles() == 1


def test_samples_from_the_welcome_panel(qtbot, window):
    files = sample_files()
    assert [f.name for f in files] == [
        "sample-ar-book-fair.md",
        "sample-en-harbour-council.md",
        "sample-ja-rail-timetable.md",
        "seaprwire-id-2025-02-27-lavrov.txt",
    ]
    with qtbot.waitSignal(window.imports.summaryShown, timeout=15000) as shown:
        window.welcome.samples_button.click()
    assert shown.args[0].text() == "4 imported, 0 already in the library, 0 failed."
    assert sorted(v for v, _ in window.library.languages()) == ["ar", "en", "id", "ja"]
    arabic = next(a for a in window.library.list_articles() if a.language == "ar")
    assert any(b.rtl for b in window.library.blocks(arabic.id))


def test_cancelling_stops_after_the_current_file(qtbot, db_path, tmp_path, lib):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.md").write_text(f"# Title {i}\n\nBody {i}.\n", encoding="utf-8")
    worker = ImportWorker(db_path, paths_job([folder]))
    # direct: cancelled in the worker's thread right after the first file
    worker.progress.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(worker.finished, timeout=10000) as done:
        thread = start_in_thread(worker, None)
    thread.wait(5000)
    assert done.args[0].imported == 1
    assert lib.count_articles() == 1


def test_summary_lists_failures_with_reasons():
    summary = ImportSummary(
        [
            ImportOutcome("a.txt", ImportStatus.IMPORTED, 1),
            ImportOutcome("b.txt", ImportStatus.DUPLICATE, 1),
            ImportOutcome("<c>.txt", ImportStatus.FAILED, reason="no text found"),
        ]
    )
    headline, details = summary_text(summary, cancelled=True)
    assert headline == "1 imported, 1 already in the library, 1 failed (cancelled)."
    assert details == "• <c>.txt: no text found"  # plain text, as the box shows it


def test_summary_box_shows_no_markup(qtbot, tmp_path):
    from reader.gui.dialogs.imports import show_summary

    failures = [
        ImportOutcome(f"f{i}.html", ImportStatus.FAILED, reason="no text") for i in range(22)
    ]
    box = show_summary(None, ImportSummary(failures))
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    lines = box.informativeText().splitlines()
    assert lines[:2] == ["• f0.html: no text", "• f1.html: no text"]
    assert lines[-1] == "…and 2 more." and len(lines) == 21
    assert "<" not in box.informativeText()


def test_an_import_waiting_for_another_program_says_so(qtbot, db_path, tmp_path, lib):
    import sqlite3
    import time

    folder = tmp_path / "two"
    folder.mkdir()
    for i in range(2):
        (folder / f"{i}.md").write_text(f"# Title {i}\n\nBody {i}.\n", encoding="utf-8")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program's write, for three seconds
    worker = ImportWorker(db_path, paths_job([folder]))
    texts = []
    worker.progress.connect(
        lambda done, total, text: texts.append(text), Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(worker.finished, timeout=20000) as done:
        thread = start_in_thread(worker, None)
        time.sleep(3)
        other.execute("ROLLBACK")
    other.close()
    thread.wait(5000)
    assert done.args[0].imported == 2
    waits = [t for t in texts if t.startswith("waiting for another program…")]
    assert waits and waits[0].endswith("Reader waits up to 120 s)")
    assert texts[-2:] == ["0.md", "1.md"]
