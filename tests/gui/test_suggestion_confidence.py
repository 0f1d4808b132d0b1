"""The review panel shows each suggestion's source and confidence, sorts and filters by
it; the threshold is a preference."""

from __future__ import annotations

from reader.gui.widgets.suggestion_panel import CONFIDENCE, SOURCE, SuggestionRole
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

TEXT = (
    "The mayor Lena Hoff met Peter Mandelson in Athens on Monday. She went on "
    '"Morning Joe" afterwards. “We will rebuild every school,” said Lena Hoff.'
)


def _window(make_window, lib, qtbot):
    _, article_id = lib.add_article(
        ParsedArticle(title="t", markdown=paragraphs_to_markdown([TEXT]))
    )
    window = make_window()
    window.pane.select_article(article_id)
    window.review.set_active(True)
    assert window.review.active
    return window


def _rows(panel):
    model = panel.model
    return [model.index(r, 0).data(SuggestionRole) for r in range(model.rowCount())]


def test_source_and_confidence_columns_sort_and_threshold(make_window, lib, qtbot, settings):
    settings.set_suggestion_threshold(0.0)
    window = _window(make_window, lib, qtbot)
    panel = window.side.suggestions
    rows = _rows(panel)
    texts = [s.text for s in rows]
    assert ("quote", "Morning Joe") in [(s.kind, s.text) for s in rows] and "Athens" in texts
    joe = next(r for r, s in enumerate(rows) if (s.kind, s.text) == ("quote", "Morning Joe"))
    assert panel.model.index(joe, SOURCE).data() == "rule"
    assert panel.model.index(joe, CONFIDENCE).data() == "20%"
    athens = next(r for r, s in enumerate(rows) if s.text == "Athens")
    assert panel.model.index(athens, SOURCE).data() in ("model", "rule")
    # By position first; then the least sure first.
    assert [s.start for s in rows] == sorted(s.start for s in rows)
    panel.sort.setCurrentIndex(2)
    ordered = _rows(panel)
    assert ordered[0].confidence <= 0.2
    assert [s.confidence for s in ordered] == sorted(s.confidence for s in ordered)
    panel.sort.setCurrentIndex(1)
    assert [s.confidence for s in _rows(panel)] == sorted(
        (s.confidence for s in ordered), reverse=True
    )
    # The threshold hides the unsure ones, from the review too, and is remembered.
    panel.threshold.setValue(0.5)
    assert ("quote", "Morning Joe") not in [(s.kind, s.text) for s in _rows(panel)]
    assert all(s.confidence >= 0.5 for s in window.review.suggestions)
    assert settings.suggestion_threshold() == 0.5


def test_threshold_in_preferences(make_window, lib, qtbot, settings):
    settings.set_suggestion_threshold(0.0)
    window = _window(make_window, lib, qtbot)
    window.actions_by_id["preferences"].trigger()
    dialog = window.commands.preferences_dialog
    assert dialog.threshold.value() == 0.0
    dialog.threshold.setValue(0.3)
    assert settings.suggestion_threshold() == 0.3
    assert window.side.suggestions.threshold.value() == 0.3
    assert ("quote", "Morning Joe") not in [(s.kind, s.text) for s in window.review.suggestions]
    dialog.close()
