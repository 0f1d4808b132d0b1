"""At 1024×700 the article keeps a readable width: the list and the panel give way, and
a saved layout that would crush the article is not restored."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QSplitter

from reader.gui.widgets.reading_splitter import default_sizes, fit_sizes
from tests.conftest import SEED

from .conftest import add_articles


def test_fit_takes_from_the_list_then_the_panel_down_to_their_minimums():
    # article 80 wide, wants 500: the list gives 380 (down to 220), the panel 40
    assert fit_sizes([600, 80, 240], 380, 500, 220, 200) == [220, 500, 200]
    # plenty of room: nothing moves
    assert fit_sizes([300, 640, 240], 380, 500, 220, 200) == [300, 640, 240]
    # a hidden panel stays hidden; the list alone gives what it can
    assert fit_sizes([400, 300, 0], 380, 500, 220, 200) == [220, 480, 0]
    # the total never changes
    assert sum(fit_sizes([500, 10, 514], 380, 500, 220, 200)) == 1024
    assert default_sizes(1600, 380, 500) == [560, 720, 320]
    assert default_sizes(1024, 380, 500) == [319, 500, 205]  # the list gave 39 pixels


def widths(window):  # noqa: ANN001, ANN201
    QApplication.processEvents()
    return window.splitter.sizes()


def test_at_1024_by_700_the_article_is_readable(qtbot, lib, make_window):
    article = lib.import_file(SEED).article_id
    add_articles(lib, 5)
    window = make_window()
    window.resize(1024, 700)
    window.pane.select_article(article)
    qtbot.waitUntil(lambda: window.width() == 1024)
    pane, view, panel = widths(window)
    assert panel > 0  # the panel is still shown
    assert view >= window.view.wished_width() > window.view.minimumSizeHint().width()
    # about 40 characters at the least: a line, not a letter a line
    assert (
        window.view.minimumSizeHint().width() >= 40 * window.view.fontMetrics().averageCharWidth()
    )
    assert pane >= window.pane.minimumSizeHint().width() and pane < 400
    # wider and back: the list gives way again, the article keeps its width
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: widths(window)[1] > 700)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert widths(window)[1] >= window.view.wished_width()


def test_a_saved_layout_that_crushes_the_article_is_not_restored(qtbot, lib, settings, make_window):
    add_articles(lib, 3)
    crushed = QSplitter()
    for _ in range(3):
        crushed.addWidget(type(crushed)())
    crushed.setSizes([600, 80, 200])  # what a 1024-pixel window saved before the fix
    settings.set_splitter(crushed.saveState())
    window = make_window()
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert widths(window)[1] >= window.view.wished_width()
    # a layout that leaves the article its minimum is restored as saved
    assert window.splitter.crushes([600, 80, 200])
    assert not window.splitter.crushes([420, window.view.minimumSizeHint().width(), 300])


def test_dragging_cannot_collapse_the_article(qtbot, lib, make_window):
    add_articles(lib, 3)
    window = make_window()
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert not window.splitter.isCollapsible(1)
    window.splitter.moveSplitter(1000, 2)  # drag the panel's edge over the article
    window.splitter.moveSplitter(0, 1)
    assert widths(window)[1] >= window.view.minimumSizeHint().width()
