"""The Statistics window on the sample press article annotated by hand."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from reader.gui.stats.charts import nice_step, values_of
from reader.gui.stats.heatmap import top_entities
from reader.gui.stats.view import fill_months, month_range
from tests.conftest import ROOT, SEED

HARBOUR = ROOT / "resources" / "samples" / "sample-en-harbour-council.md"
LAVROV_QUOTES = [
    "cepat dan efektif kita dapat bergerak maju,",
    "masalah sistemik",
    "membersihkan warisan",
]


def quote(lib, article_id, inner, speaker_id):
    text = lib.article(article_id).text
    s = text.index(inner)
    return lib.annotate(article_id, "quote", s, s + len(inner), speaker_id=speaker_id)


@pytest.fixture
def annotated(lib):
    """The Lavrov article (3 quotes by Lavrov, 1 by Zakharova) and the harbour article."""
    press = lib.import_file(SEED).article_id
    harbour = lib.import_file(HARBOUR).article_id
    lavrov = lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"]).entity_id
    zakharova = lib.tag_entity("Maria Zakharova", "PERSON").entity_id
    lib.tag_entity("Doha", "LOCATION")
    lib.tag_entity("Istanbul", "LOCATION")
    lib.tag_entity("Ines Kalvo", "PERSON")
    for inner in LAVROV_QUOTES:
        quote(lib, press, inner, lavrov)
    quote(lib, press, "kandidat tetapi belum menerima persetujuan Washington", zakharova)
    lib.ids = {"press": press, "harbour": harbour, "lavrov": lavrov, "zakharova": zakharova}
    return lib


def open_statistics(qtbot, window):
    """View → Statistics, then wait for the first count (made on a worker thread)."""
    window.actions_by_id["show_statistics"].trigger()
    view = window.views.statistics
    # a bool: waitUntil takes a None as "no assertion failed"
    done = lambda: view.result is not None and "cooccurrence" in view.result.tables  # noqa: E731
    qtbot.waitUntil(done, timeout=10000)
    return view


@pytest.fixture
def stats(qtbot, annotated, window):
    return open_statistics(qtbot, window)


def listed(window) -> list[int]:
    model = window.model
    return sorted(model.summary(row).id for row in range(model.rowCount()))


def test_lavrov_is_the_top_speaker(stats, annotated):
    lavrov = annotated.ids["lavrov"]
    assert [(r[0], r[1], r[3], r[4]) for r in stats.speaker_rows] == [
        (lavrov, "Sergey Lavrov", 3, 1),
        (annotated.ids["zakharova"], "Maria Zakharova", 1, 1),
    ]
    assert values_of(stats.speaker_set) == [3.0, 1.0]
    axis = stats.speakers.chart_view.chart().axes(Qt.Orientation.Vertical)[0]
    assert axis.categories() == ["Maria Zakharova", "Sergey Lavrov"]  # drawn bottom-up
    assert not stats.speakers.is_empty()
    assert stats.scope_label.text() == "2 articles — the whole library"


def test_entity_chart_equals_the_statistic(stats, annotated):
    rows = annotated.statistic("entities").rows
    text = annotated.article(annotated.ids["press"]).text
    lavrov_mentions = len(re.findall(r"(?<!\w)(?:Sergey Lavrov|Lavrov)(?!\w)", text))
    assert rows[0][1:4] == ("Sergey Lavrov", "PERSON", lavrov_mentions)
    assert values_of(stats.entity_set) == [float(r[3]) for r in rows]
    assert [r[1] for r in stats.entity_rows] == [r[1] for r in rows]
    stats.entity_type.setCurrentText("LOCATION")
    places = [r for r in rows if r[2] == "LOCATION"]
    assert {r[1] for r in places} == {"Doha", "Istanbul"}
    assert values_of(stats.entity_set) == [float(r[3]) for r in places]
    assert stats.entity_table().rows == places


def test_clicking_a_speaker_bar_lists_the_articles_quoting_them(qtbot, stats, window, annotated):
    assert listed(window) == sorted([annotated.ids["press"], annotated.ids["harbour"]])
    bar = len(stats.speaker_rows) - 1  # bar sets run bottom-up: the top bar is the last
    stats.speaker_set.clicked.emit(bar)
    assert listed(window) == [annotated.ids["press"]]
    assert window.pane.chip.isVisible()
    assert window.pane.chip.text() == "Quoted: Sergey Lavrov  ✕"
    assert window.pane.scope().entity_ids == (annotated.ids["lavrov"],)
    qtbot.mouseClick(window.pane.chip, Qt.MouseButton.LeftButton)
    assert not window.pane.chip.isVisible()
    assert len(listed(window)) == 2


def test_entity_month_and_pair_clicks(stats, window, annotated):
    kalvo = next(i for i, r in enumerate(reversed(stats.entity_rows)) if r[1] == "Ines Kalvo")
    stats.entity_set.clicked.emit(kalvo)
    assert listed(window) == [annotated.ids["harbour"]]
    assert window.pane.filter_label() == "Named: Ines Kalvo"

    assert stats.months == ["2025-02", "2025-03"]
    assert [values_of(s, top_down=False) for s in stats.timeline_sets] == [[1, 1], [4, 0]]
    stats.timeline_sets[0].clicked.emit(1)
    assert listed(window) == [annotated.ids["harbour"]]
    assert window.pane.filter_label() == "Published: 2025-03"

    heatmap = stats.cooccurrence.heatmap
    names = [n for _, n in heatmap.entities]
    i, j = names.index("Sergey Lavrov"), names.index("Doha")
    stats.tabs.setCurrentWidget(stats.cooccurrence)
    at = heatmap.cell_center(i, j)
    heatmap.cellClicked.emit(heatmap.entities[i][0], heatmap.entities[j][0])
    assert listed(window) == [annotated.ids["press"]]
    assert window.pane.filter_label() == "Together: Sergey Lavrov + Doha"
    assert heatmap.cell_at(at.x(), at.y()) == (i, j)
    assert "1 article together" in heatmap.describe(i, j)


def test_heatmap_cell_click_by_mouse(qtbot, stats, window, annotated):
    stats.tabs.setCurrentWidget(stats.cooccurrence)
    heatmap = stats.cooccurrence.heatmap
    qtbot.waitExposed(heatmap)
    names = [n for _, n in heatmap.entities]
    i, j = names.index("Maria Zakharova"), names.index("Istanbul")
    with qtbot.waitSignal(heatmap.cellClicked) as signal:
        qtbot.mouseClick(
            heatmap, Qt.MouseButton.LeftButton, pos=heatmap.cell_center(i, j).toPoint()
        )
    assert set(signal.args) == {annotated.ids["zakharova"], heatmap.entities[j][0]}
    assert listed(window) == [annotated.ids["press"]]
    # a diagonal cell selects nothing
    qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=heatmap.cell_center(i, i).toPoint())
    assert heatmap.cell_at(*heatmap.cell_center(i, i).toTuple()) is None
    assert listed(window) == [annotated.ids["press"]]


def test_exports(tmp_path, stats, annotated):
    out = tmp_path / "out"
    out.mkdir()
    panel = stats.speakers
    panel.export("png", out / "speakers.png")
    panel.export("svg", out / "speakers.svg")
    panel.export("csv", out / "speakers.csv")
    image = QImage(str(out / "speakers.png"))
    assert not image.isNull() and image.width() > 0 and image.height() > 0
    root = ET.parse(out / "speakers.svg").getroot()
    assert root.tag.endswith("svg")
    assert any("Sergey Lavrov" in (t.text or "") for t in root.iter() if t.tag.endswith("text"))
    with open(out / "speakers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    table = annotated.statistic("speakers")
    assert rows == [list(table.columns), *[[str(v) for v in r] for r in table.rows]]
    panel.export("xlsx", out / "speakers.xlsx")
    sheet = openpyxl.load_workbook(out / "speakers.xlsx").worksheets[0]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        list(table.columns),
        *[list(r) for r in table.rows],
    ]
    assert panel.export_buttons["xlsx"].toolTip() == "Save data as Excel"
    heat = stats.cooccurrence.panel
    heat.export("png", out / "heat.png")
    heat.export("csv", out / "heat.csv")
    assert QImage(str(out / "heat.png")).width() > 0
    with open(out / "heat.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.reader(f))) == len(annotated.statistic("cooccurrence").rows) + 1
    assert sorted(p.name for p in out.iterdir()) == [
        "heat.csv",
        "heat.png",
        "speakers.csv",
        "speakers.png",
        "speakers.svg",
        "speakers.xlsx",
    ]  # no temporary files left behind


def test_empty_states_say_what_to_do(qtbot, lib, window):
    lib.import_file(HARBOUR)
    window.model.refresh()
    view = open_statistics(qtbot, window)
    assert view.speakers.is_empty()
    assert "give them a speaker" in view.speakers.empty.text()
    assert view.entities.is_empty() and "tag people" in view.entities.empty.text()
    assert not view.timeline.is_empty()
    assert not view.speakers.export_buttons["png"].isEnabled()


def test_counts_follow_the_library_search(qtbot, stats, window, annotated):
    with qtbot.waitSignal(stats.updated, timeout=10000):
        window.pane.search.setText("ferry")
        window.pane.apply_filters()
    assert stats.result.articles == 1
    assert stats.speakers.is_empty()
    assert stats.scope_label.text() == "1 article — search “ferry”"
    # a chart filter narrows the list, not the statistics
    with qtbot.waitSignal(stats.updated, timeout=10000):
        window.pane.search.setText("")
        window.pane.apply_filters()
    stats.speaker_set.clicked.emit(0)
    assert stats.result.articles == 2


def test_helpers():
    assert month_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert month_range("2025-12") == ("2025-12-01", "2025-12-31")
    assert fill_months([("2024-11", 2, 1), ("2025-02", 1, 0)]) == [
        ("2024-11", 2, 1),
        ("2024-12", 0, 0),
        ("2025-01", 0, 0),
        ("2025-02", 1, 0),
    ]
    assert fill_months([]) == []
    assert [nice_step(m) for m in (1, 3, 9, 12, 47, 130, 4000)] == [1, 1, 2, 5, 10, 50, 1000]
    rows = [(1, "A", 2, "B", 5, 0.5, 1.0), (1, "A", 3, "C", 1, 0.1, 0.2)]
    assert top_entities(rows, 2) == [(1, "A"), (2, "B")]


def test_hover_shows_the_count(qtbot, stats):
    from PySide6.QtWidgets import QToolTip

    top = len(stats.speaker_rows) - 1
    stats.speaker_set.hovered.emit(True, top)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == "Sergey Lavrov: 3 quotes in 1 article"
    stats.speaker_set.hovered.emit(False, top)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_a_count_overtaken_by_a_newer_one_is_dropped(stats):
    import dataclasses

    before = stats.result
    stats._finished((stats._generation - 1, dataclasses.replace(before, articles=99)))
    assert stats.result is before
    stats._finished((stats._generation, dataclasses.replace(before, articles=99)))
    assert stats.result.articles == 99 and stats.scope_label.text().startswith("99 articles")


def test_pairs_come_last(stats):
    import dataclasses

    full = stats.result
    first = {k: v for k, v in full.tables.items() if k != "cooccurrence"}
    stats._finished((stats._generation, dataclasses.replace(full, tables=first)))
    assert stats.cooccurrence.panel.is_empty()
    assert stats.cooccurrence.model.rowCount() == 0
    assert stats.status.text() == "Counting pairs…"
    assert not stats.speakers.is_empty()
    stats._finished((stats._generation, full))
    assert stats.cooccurrence.model.rowCount() == len(full.tables["cooccurrence"].rows) > 0
    assert stats.status.text() == ""


def test_a_long_timeline_is_drawn_as_lines(qtbot, lib, window):
    from PySide6.QtCharts import QLineSeries

    from reader.gui.stats.charts import month_at
    from reader.model import ParsedArticle

    months = [f"{2021 + i // 12}-{1 + i % 12:02}" for i in range(0, 48, 2)]  # every other month
    lib.add_articles(
        ParsedArticle(title=f"T{i}", markdown=f"Text {i}.", published=f"{m}-15")
        for i, m in enumerate(months)
    )
    window.model.refresh()
    view = open_statistics(qtbot, window)
    assert view.months[0] == "2021-01" and view.months[-1] == "2024-11" and len(view.months) == 47
    lines = [s for s in view.timeline.chart_view.chart().series() if isinstance(s, QLineSeries)]
    assert [s.name() for s in lines] == ["Articles", "Quotes"]
    assert [int(p.y()) for p in lines[0].points()] == [1 - i % 2 for i in range(47)]
    assert [month_at(p.x()) for p in lines[0].points()] == view.months
    point = lines[0].points()[8]  # 2021-09
    lines[0].clicked.emit(point)
    assert window.pane.filter_label() == "Published: 2021-09"
    assert [window.model.summary(r).title for r in range(window.model.rowCount())] == ["T4"]
