"""Text from articles, files and users is never rendered as HTML (issue 13, item 8).

Every item model's DisplayRole and ToolTipRole, every label, chart text, tooltip
helper and message box of the main, Entities and Statistics windows is walked with
names, titles and notes that look like HTML; each must show exactly as written.
"""

from __future__ import annotations

import html
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChartView, QXYSeries
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor, QTextDocument
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyledItemDelegate,
    QWidget,
)

from reader.gui import plain as plain_module
from reader.gui.plain import chart_text, menu_text, plain
from reader.gui.widgets.suggestion_panel import Suggestion
from reader.model import EntityCandidate, ParsedArticle, QuoteCandidate

MARK = "PROBE"
# Each looks like HTML to Qt; `file:///nonexistent` keeps a wrongly rendered <img> harmless.
HOSTILE = [
    f'<img src="file:///nonexistent/reader-probe.png"> {MARK}1',
    f'<b>bold</b> & <a href="file:///etc/passwd">{MARK}2</a>',
    f"&lt;entity&gt; {MARK}3",
    f"<i>{MARK}4</i>\nsecond line",
]
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def shown(text: str) -> str:
    """What a widget that guesses the format (a tooltip, an AutoText label) shows."""
    if not QtGui.mightBeRichText(text):
        return text
    assert "<img" not in text.lower(), text  # an image Qt would load
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def assert_verbatim(text: str, where: str) -> None:
    """Every hostile string that `text` carries shows as written (line breaks aside)."""
    seen = " ".join(shown(text).split())
    for h in HOSTILE:
        marker = MARK + h.split(MARK)[1][0]
        if marker in text or marker in seen:
            assert " ".join(h.split()) in seen, (where, text, seen)


@pytest.fixture
def hostile(lib):
    """An article, annotations, entities and labels named with HTML-looking strings."""
    body = "\n\n".join(f"Paragraph {i} says “words number {i} here” today." for i in range(4))
    ids = {}
    _, ids["article"] = lib.add_article(
        ParsedArticle(
            title=HOSTILE[0],
            markdown=body + "\n",
            source=HOSTILE[1],
            author=HOSTILE[2],
            language="en",
            published="2025-03-01",
        )
    )
    text = lib.article(ids["article"]).text
    entities = []
    for i, name in enumerate(HOSTILE):
        entities.append(
            lib.create_entity(name, "PERSON", aliases=[f"alias {name}"], note=HOSTILE[-1 - i]).id
        )
    for i, entity_id in enumerate(entities):
        start = text.index(f"words number {i}")
        end = start + len(f"words number {i} here")
        lib.annotate(ids["article"], "quote", start, end, note=HOSTILE[i], speaker_id=entity_id)
        p = text.index(f"Paragraph {i}")
        lib.annotate(ids["article"], "entity", p, p + 9, label=HOSTILE[i], entity_id=entity_id)
    ids["entities"] = entities
    return ids


def item_models(widget: QWidget):
    for view in widget.findChildren(QAbstractItemView):
        # headers paint their text plain; their tooltips are checked through headerData
        if view.model() is not None and not isinstance(view, QHeaderView):
            yield view, view.model()


def walk_model(view, model, where: str) -> int:
    """Check every cell; returns how many cells carried a hostile string."""
    carried = 0
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model (QListWidget's) keeps columnCount private: one column
        columns = 1
    for column in range(columns):
        delegate = view.itemDelegateForColumn(column) or view.itemDelegate()
        # Qt's own delegates (also those of combo boxes) draw DisplayRole as plain text;
        # none of ours paints anything itself
        if not type(delegate).__module__.startswith("PySide6"):
            assert isinstance(delegate, QStyledItemDelegate), where
            assert type(delegate).paint is QStyledItemDelegate.paint, (where, type(delegate))
        for role in ROLES:
            header = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(header, str):
                assert_verbatim(header, f"{where} header")
        for row in range(model.rowCount(QModelIndex())):
            index = model.index(row, column)
            display = index.data(Qt.ItemDataRole.DisplayRole)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(display, str) and MARK in display:
                carried += 1
                assert "&lt;" not in display or "&amp;lt;" not in display, (where, display)
            if isinstance(tip, str):
                carried += MARK in tip
                assert_verbatim(tip, f"{where} tooltip {row},{column}")
    return carried


def walk_labels(widget: QWidget, where: str) -> int:
    carried = 0
    for label in widget.findChildren(QLabel):
        text = label.text()
        if MARK in text:
            carried += 1
            if label.textFormat() != Qt.TextFormat.PlainText:
                assert_verbatim(text, f"{where} label {label.objectName()}")
    return carried


def chart_strings(widget: QWidget) -> list[str]:
    out = []
    for view in widget.findChildren(QChartView):
        chart = view.chart()
        out.append(chart.title())
        for axis in chart.axes():
            out.append(axis.titleText())
            if isinstance(axis, QBarCategoryAxis):
                out.extend(axis.categories())
        for series in chart.series():
            out.append(series.name())
            if isinstance(series, QAbstractBarSeries):
                out.extend(s.label() for s in series.barSets())
            elif isinstance(series, QXYSeries):
                pass
    return [s for s in out if s]


def open_statistics(qtbot, window):
    window.actions_by_id["show_statistics"].trigger()
    view = window.views.statistics
    done = lambda: view.result is not None and "cooccurrence" in view.result.tables  # noqa: E731
    qtbot.waitUntil(done, timeout=20000)
    return view


def test_every_model_label_and_chart_shows_hostile_text_as_written(
    qtbot, lib, hostile, make_window
):
    window = make_window()
    window.articles.open_article(hostile["article"])
    window.views.show_entities()
    entities = window.views.entities_window
    entities.select_entity(hostile["entities"][0])
    stats = open_statistics(qtbot, window)
    window.side.suggestions.model.set_rows(
        [
            Suggestion(
                "quote",
                "QUOTE",
                QuoteCandidate(0, 4, HOSTILE[0], 0, 5, ((0, 4),), speaker=HOSTILE[2]),
            ),
            Suggestion(
                "entity",
                "PERSON",
                EntityCandidate(HOSTILE[1], 0, 4, "PERSON", "registry", HOSTILE[3], 1),
            ),
        ],
        {},
    )

    carried = 0
    for where, widget in (("main", window), ("entities", entities), ("statistics", stats)):
        for view, model in item_models(widget):
            carried += walk_model(view, model, f"{where}/{type(model).__name__}")
        carried += walk_labels(widget, where)
    assert carried >= 20  # the walk really met the hostile strings

    texts = chart_strings(stats)
    hostile_texts = [t for t in texts if MARK in t]
    assert len(hostile_texts) >= 4, texts
    for t in hostile_texts:
        # Qt Charts render HTML: each must be escaped text that reads as a hostile name
        unescaped = html.unescape(t)
        assert t == chart_text(unescaped), t
        assert any(unescaped.rstrip("…") in " ".join(h.split()) for h in HOSTILE), t


def test_tooltip_helpers_show_text_as_written(qtbot, lib, hostile, make_window, monkeypatch):
    shown_tips: list[str] = []
    monkeypatch.setattr(
        plain_module.QToolTip, "showText", lambda pos, text, *a: shown_tips.append(text)
    )
    window = make_window()
    window.articles.open_article(hostile["article"])
    stats = open_statistics(qtbot, window)
    for h in HOSTILE:
        stats.speakers.tip(h)
    heatmap = stats.cooccurrence.heatmap
    assert len(heatmap.entities) >= 2
    for i in range(len(heatmap.entities)):
        for j in range(len(heatmap.entities)):
            centre = heatmap.cell_center(i, j)
            event = QMouseEvent(
                QEvent.Type.MouseMove,
                centre,
                QPointF(heatmap.mapToGlobal(centre.toPoint())),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            heatmap.mouseMoveEvent(event)
    assert len(shown_tips) >= len(HOSTILE) + 4
    for tip in shown_tips:
        assert_verbatim(tip, "tooltip")
    assert sum(MARK in shown(t) for t in shown_tips) >= len(HOSTILE) + 4

    # the marks in the article view: hovering each character of each mark
    text = lib.article(hostile["article"]).text
    tips = set()
    for i in range(4):
        offset = text.index(f"words number {i}") + 2
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(window.view.positions.offset_to_doc(offset))
        left = window.view.cursorRect(cursor)
        cursor.setPosition(window.view.positions.offset_to_doc(offset + 1))
        right = window.view.cursorRect(cursor)
        point = QPoint((left.x() + right.x()) // 2, left.center().y())
        tips.add(window.annotate.tooltip_at(point))
    tips.discard("")
    assert len(tips) >= 3
    for tip in tips:
        assert_verbatim(tip, "mark tooltip")


def test_dialogs_show_names_as_written(qtbot, lib, hostile, make_window, monkeypatch):
    from reader.gui.errors import show_error

    window = make_window()
    box = show_error(window, f"cannot read {HOSTILE[0]}")
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()

    asked: list[QMessageBox] = []

    def fake_exec(self):
        asked.append(self)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window.views.show_entities()
    entities = window.views.entities_window
    entities.select_entity(hostile["entities"][1])
    entities.delete()
    assert len(asked) == 1 and HOSTILE[1] in asked[0].text()
    assert asked[0].textFormat() == Qt.TextFormat.PlainText
    assert lib.entity(hostile["entities"][1]).name == " ".join(HOSTILE[1].split())


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_keeps_text_verbatim(text):
    assert " ".join(shown(plain(text)).split()) == " ".join(text.split())
    assert plain("no markup here") == "no markup here"
    assert plain(None) is None
    assert menu_text("R&D") == "R&&D"
    doc = QTextDocument()
    doc.setHtml(chart_text(text))
    assert doc.toPlainText() == text.replace("\n", " ")


def test_a_dev_zero_image_title_does_not_abort_the_window(tmp_path):
    """The issue's case: the title's tooltip shows, the window lives on."""
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import Qt, QPoint
        from PySide6.QtWidgets import QApplication, QToolTip
        from reader.library import Library
        from reader.model import ParsedArticle
        from reader.gui.main_window import MainWindow
        from reader.gui.settings import Settings

        app = QApplication([])
        lib = Library(sys.argv[1])
        lib.add_article(ParsedArticle(title='<img src="file:///dev/zero">', markdown="Body.\\n"))
        window = MainWindow(lib, Settings())
        window.show()
        index = window.model.index(0, 0)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        QToolTip.showText(QPoint(10, 10), tip, window)
        for _ in range(20):
            app.processEvents()
        print("alive", QToolTip.isVisible())
        window.close()
        lib.close()
        """
    )
    env_home = tmp_path / "home"
    env_home.mkdir()
    r = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "lib.db")],
        capture_output=True,
        timeout=60,
        env={
            **__import__("os").environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(env_home),
            "XDG_CONFIG_HOME": str(env_home / "config"),
        },
    )
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    assert r.stdout.decode().startswith("alive")
