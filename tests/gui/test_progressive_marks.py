"""Opening an article with many marks: the first screen's marks at once, the rest (and
the side panel) one event-loop tick later."""

from __future__ import annotations

from reader.gui.annotate.controller import EAGER_MARKS
from reader.model import ParsedArticle


def _many_marks(lib, n: int) -> int:
    words = " ".join(f"word{i:04}" for i in range(n))
    article_id = lib.add_article(ParsedArticle(title="Many", markdown=words))[1]
    text = lib.article(article_id).text
    with lib.undo_group("marks"):
        for i in range(n):
            start = text.index(f"word{i:04}")
            lib.annotate(article_id, "highlight", start, start + 8)
    return article_id


def test_first_screen_first_then_every_mark_and_row(window, lib, qtbot):
    n = EAGER_MARKS + 200
    article_id = _many_marks(lib, n)
    window.articles.open_article(article_id)
    first, last = window.view.visible_range()
    drawn = window.view.marks()
    # only what the screen shows (and not nothing): every drawn range is on screen
    assert 0 < len(drawn) < n
    assert all(start < last and end > first for start, end, _ in drawn)
    assert window.side.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.side.model.rowCount() == n)
    assert len(window.view.marks()) == n
    assert window.annotate.annotations[-1].exact == f"word{n - 1:04}"


def test_few_marks_are_drawn_at_once(window, lib):
    article_id = _many_marks(lib, 20)
    window.articles.open_article(article_id)
    assert len(window.view.marks()) == 20
    assert window.side.model.rowCount() == 20


def test_only_the_first_screen_is_read_before_the_tick(window, lib, qtbot):
    n = EAGER_MARKS + 200
    article_id = _many_marks(lib, n)
    window.articles.open_article(article_id)
    first, last = window.view.visible_range()
    # read through the index for what the screen shows, not all n and then filtered
    shown = window.annotate.annotations
    every = lib.annotations(article_id)
    assert shown == [a for a in every if a.start < last and a.end > first]
    assert 0 < len(shown) < n
    qtbot.waitUntil(lambda: len(window.annotate.annotations) == n)
    assert window.annotate.annotations == every


def test_selecting_a_mark_before_the_tick_still_brings_the_rest(window, lib, qtbot):
    n = EAGER_MARKS + 200
    article_id = _many_marks(lib, n)
    window.articles.open_article(article_id)
    mark = window.annotate.annotations[0]
    window.annotate.select_mark(mark.id)  # redraws the first screen's marks
    qtbot.waitUntil(lambda: window.side.model.rowCount() == n)
    assert len(window.annotate.annotations) == n
    assert window.annotate.selected == mark.id
    assert window.annotate.panel.current_annotation().id == mark.id
