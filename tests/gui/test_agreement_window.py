"""View → Agreement…: the annotators' agreement on the listed articles, computed on a
worker thread, stale after a change, an article opened by a double-click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

WORDS = "aa bb cc dd ee ff gg hh ii jj"  # token i at 3i


@pytest.fixture
def coded(lib):
    """Two articles; alice and bob mark PERSON and LOCATION (as tests/test_agreement.py)."""
    ids = [
        lib.add_article(ParsedArticle(t, paragraphs_to_markdown([WORDS])))[1]
        for t in ("First", "Second")
    ]
    for who, article, start, end, label in (
        ("alice", ids[0], 0, 5, "PERSON"),
        ("alice", ids[1], 27, 29, "LOCATION"),
        ("bob", ids[0], 0, 2, "PERSON"),
        ("bob", ids[0], 15, 17, "PERSON"),
        ("bob", ids[1], 27, 29, "LOCATION"),
    ):
        lib.annotator = who
        lib.annotate(article, "entity", start, end, label=label)
    lib.annotator = "alice"
    lib.ids = ids
    return lib


def open_agreement(qtbot, window):
    window.actions_by_id["show_agreement"].trigger()
    tool = window.views.agreement
    qtbot.waitUntil(lambda: tool.report is not None or bool(tool.message), timeout=10000)
    return tool


def test_the_window_shows_the_tables(qtbot, coded, window):
    assert window.actions_by_id["show_agreement"].shortcut().toString() == "Ctrl+Shift+I"
    tool = open_agreement(qtbot, window)
    assert tool.isVisible() and tool.windowTitle() == "Agreement — Reader"
    assert tool.summary.text() == (
        "alice, bob — 2 articles coded by all, 20 tokens; κ is Cohen's κ"
    )
    assert sorted(tool.annotator_boxes) == ["alice", "bob"]
    assert tool.labels_table.texts() == [
        ["All marks", "2", "3", "0.646", "0.623", "0.632", "0.400", "0.800"],
        ["entity: LOCATION", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000"],
        ["entity: PERSON", "1", "2", "0.553", "0.444", "0.458", "0.000", "0.667"],
    ]
    assert tool.pairs_table.texts()[0] == [
        "alice / bob", "All marks", "2 / 3", "1", "0.400", "0.800", "0.623",
    ]  # fmt: skip
    assert tool.speakers_table.texts() == [["alice / bob", "0", "0", "0", "—"]]
    assert [row[:3] for row in tool.articles_table.texts()] == [
        ["First", "2", "20.0%"],
        ["Second", "0", "0.0%"],
    ]


def test_the_list_filtered_by_one_coder_still_offers_every_coder(qtbot, coded, window):
    from reader.model import Scope

    tool = open_agreement(qtbot, window)
    tool.set_scope(Scope(annotators=("bob",)))
    tool.compute_now()
    assert sorted(tool.annotator_boxes) == ["alice", "bob"]
    assert tool.report.annotators == ("alice", "bob")


def test_a_label_and_a_kind_narrow_it(qtbot, coded, window):
    tool = open_agreement(qtbot, window)
    tool.kind.setCurrentText("entity")
    assert tool.label.findText("PERSON") > 0 and tool.label.findText("QUOTE") < 0
    tool.report = None
    tool.label.setCurrentText("PERSON")
    qtbot.waitUntil(lambda: tool.report is not None, timeout=10000)
    assert [r[0] for r in tool.labels_table.texts()] == ["All marks", "entity: PERSON"]
    assert tool.report.kinds == ("entity",)


def test_double_click_opens_the_article(qtbot, coded, window):
    tool = open_agreement(qtbot, window)
    first = coded.ids[0]
    table = tool.articles_table
    rect = table.visualItemRect(table.item(0, 0))
    # an item view takes a double-click on the item its first press chose
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.article is not None and window.view.article.id == first


def test_a_change_makes_it_compute_again(qtbot, coded, window):
    tool = open_agreement(qtbot, window)
    before = tool.report
    coded.annotator = "bob"
    coded.annotate(coded.ids[0], "entity", 3, 5, label="PERSON")  # bob now marks bb too
    assert tool.status.text() == "Out of date — computing again…"
    qtbot.waitUntil(lambda: tool.report is not before and tool.report is not None, timeout=10000)
    person = next(r for r in tool.report.labels if r.label == "PERSON")
    assert person.marks == (1, 3)


def test_one_annotator_is_said_in_one_line(qtbot, lib, window):
    article = lib.add_article(ParsedArticle("Only", paragraphs_to_markdown([WORDS])))[1]
    lib.annotator = "alice"
    lib.annotate(article, "entity", 0, 2, label="PERSON")
    tool = open_agreement(qtbot, window)
    assert tool.report is None
    assert tool.summary.text() == "No agreement to show"
    assert tool.status.text() == "Agreement needs two or more annotators (here: alice)."
    assert tool.labels_table.rowCount() == 0
