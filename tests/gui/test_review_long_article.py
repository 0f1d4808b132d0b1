"""Reviewing a long article in the window: its model mentions come from the second
process (reader/text/tagging.py), and the window shows the same suggestions as when
all is tagged in this process (texts written here)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from reader.gui.main_window import MainWindow
from reader.text import tagging
from tests.test_tagging_process import _long_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def long_article(qtbot, lib, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.delenv("READER_TAGGING_PROCESS", raising=False)
    tagging.shutdown()
    path = tmp_path / "panjang.txt"
    path.write_text("Berita panjang\n\n" + _long_text(tagging.MIN_CHARS + 4_000), encoding="utf-8")
    article_id = lib.import_file(path).article_id
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.pane.select_article(article_id)
    window.view.setFocus()
    yield window, article_id
    lib.tag_in_second_process(False)
    tagging.shutdown()


def _shown(window) -> list[tuple]:
    return [(s.kind, s.label, s.start, s.end) for s in window.review.suggestions]


def test_review_of_a_long_article_uses_the_worker_and_shows_the_same(long_article, lib, qtbot):
    window, article_id = long_article
    review = window.review
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL_SHIFT)
    assert review.active
    in_process = _shown(window)
    assert len([s for s in in_process if s[0] == "entity"]) > 20
    assert tagging.worker_pid() is None  # the window did not ask for the worker here
    lib.tag_in_second_process(True)
    assert tagging.wait_ready(120)
    before = tagging.counts["worker"]
    lib._suggestions._candidates_cache = None  # ask again, as after a change
    review.recompute()
    assert tagging.counts["worker"] == before + 1
    assert _shown(window) == in_process
