"""Review mode: suggestions drawn dashed, reviewed with the keyboard, accepted through
the library (undoable), attributed, and seen in the Entities window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from reader.gui.main_window import MainWindow
from reader.gui.views.marks import tooltip
from tests.conftest import SEED

PERSONS = (
    "Sergey Lavrov",
    "Lynne Tracy",
    "Anatoly Antonov",
    "Aleksandr Darchiev",
    "Maria Zakharova",
    "Barack Obama",
    "Joe Biden",
)
QUOTES = (
    "cepat dan efektif kita dapat bergerak maju,",
    "masalah sistemik",
    "tindakan melanggar hukum pemerintahan AS sebelumnya untuk menciptakan hambatan buatan",
    "membersihkan warisan",
)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def seeded(qtbot, lib, settings):
    article_id = lib.import_file(SEED).article_id
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.pane.select_article(article_id)
    window.view.setFocus()
    return window, article_id, window.view.article.text


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.view, k, modifiers)


def review_on(qtbot, window):
    key(qtbot, window, Qt.Key.Key_R, CTRL_SHIFT)
    assert window.review.active and window.side.tabs.currentWidget() is window.side.suggestions


def test_done_when_keyboard_review_attributes_every_quote_and_links_every_person(
    seeded, lib, qtbot
):
    window, article_id, text = seeded
    review_on(qtbot, window)
    review = window.review
    assert [s.text for s in review.suggestions if s.kind == "quote"] == list(QUOTES)
    key(qtbot, window, Qt.Key.Key_Tab)
    steps = 0
    while review.current is not None:
        s = review.current
        # the current suggestion is what the view selects
        assert window.view.selection_range() == (s.start, s.end)
        if s.kind == "quote" or s.label == "PERSON":
            key(qtbot, window, Qt.Key.Key_Return)
        else:
            key(qtbot, window, Qt.Key.Key_Delete)
        steps += 1
        assert steps < 200
    assert review.suggestions == []  # every one accepted or rejected

    marks = lib.annotations(article_id)
    quotes = [a for a in marks if a.kind == "quote"]
    lavrov = lib.find_entity("Sergey Lavrov", "PERSON")
    assert [q.exact for q in quotes] == list(QUOTES)
    assert all(q.speaker_id == lavrov.id and q.origin == "suggested" for q in quotes)
    assert [q.cue for q in quotes] == ["tambah", "menurut", "menurut", "menekankan"]
    persons = [a for a in marks if a.kind == "entity" and a.label == "PERSON"]
    linked = {lib.entity(a.entity_id).name for a in persons}
    assert linked == set(PERSONS)
    assert all(a.entity_id is not None for a in persons)
    lavrovs = [a for a in persons if a.exact == "Lavrov"]
    assert len(lavrovs) == text.count("Lavrov") - 1  # every one but inside "Sergey Lavrov"
    assert {a.entity_id for a in lavrovs} == {lavrov.id}
    assert not [a for a in marks if a.kind == "entity" and a.label != "PERSON"]  # rejected

    window.views.show_entities()
    entities = window.views.entities_window
    rows = [
        tuple(entities.proxy.index(r, c).data() for c in range(entities.proxy.columnCount()))
        for r in range(entities.proxy.rowCount())
    ]
    assert rows[0] == ("Sergey Lavrov", "PERSON", "Lavrov", 5, 1, 4, "")  # no attributes


def test_suggestions_are_dashed_and_real_marks_are_not(seeded, qtbot):
    window, _, text = seeded
    review_on(qtbot, window)
    dash = QTextCharFormat.UnderlineStyle.DashUnderline
    overlay = window.view.overlay()
    assert len(overlay) == len(window.review.suggestions) > 40
    fill = QTextCharFormat.Property.BackgroundBrush
    assert all(f.underlineStyle() == dash and not f.hasProperty(fill) for *_, f in overlay)
    key(qtbot, window, Qt.Key.Key_Tab)
    while window.review.current.label != "PERSON":
        key(qtbot, window, Qt.Key.Key_J)
    person = window.review.current
    key(qtbot, window, Qt.Key.Key_Return)
    real = [f for s, e, f in window.view.marks() if (s, e) == (person.start, person.end)]
    assert real and real[0].underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert real[0].hasProperty(QTextCharFormat.Property.BackgroundBrush)
    assert (person.start, person.end) not in {(s, e) for s, e, _ in window.view.overlay()}


def test_reject_hides_a_suggestion_stored_and_undo_brings_it_back(seeded, lib, qtbot, make_window):
    window, article_id, text = seeded
    review_on(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Tab)
    first = window.review.current
    assert (first.label, first.text) == ("LOCATION", "Rusia")
    before = len(window.review.suggestions)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert len(window.review.suggestions) == before - 1
    assert first.key not in {s.key for s in window.review.suggestions}
    assert window.review.current.start > first.start  # on to the next one
    assert lib.annotations(article_id) == []  # no mark made
    assert [(r.kind, r.label, r.exact) for r in lib.rejections(article_id)] == [
        ("entity", "LOCATION", "Rusia")
    ]
    key(qtbot, window, Qt.Key.Key_R, CTRL_SHIFT)  # off and on again: still hidden
    review_on(qtbot, window)
    assert first.key not in {s.key for s in window.review.suggestions}
    assert "1 rejected" in window.side.suggestions.counts.text()
    # another window on the library (a restart) does not suggest it either
    other = make_window()
    other.pane.select_article(article_id)
    other.review.set_active(True)
    assert first.key not in {s.key for s in other.review.suggestions}
    other.close()
    # Edit → Undo restores it
    assert window.actions_by_id["undo"].text() == "&Undo Reject suggestion LOCATION: Rusia"
    window.actions_by_id["undo"].trigger()
    assert first.key in {s.key for s in window.review.suggestions}
    assert len(window.review.suggestions) == before
    assert window.statusBar().currentMessage() == "Undid Reject suggestion LOCATION: Rusia"
    assert "rejected" not in window.side.suggestions.counts.text()


def test_undo_names_the_rejected_person(seeded, lib, qtbot):
    window, article_id, text = seeded
    review_on(qtbot, window)
    lavrov = next(s for s in window.review.suggestions if s.text == "Sergey Lavrov")
    window.review.set_current(lavrov)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert lavrov.key not in {s.key for s in window.review.suggestions}
    window.actions_by_id["undo"].trigger()
    assert window.statusBar().currentMessage() == "Undid Reject suggestion PERSON: Sergey Lavrov"
    assert lavrov.key in {s.key for s in window.review.suggestions}
    window.actions_by_id["redo"].trigger()
    assert lavrov.key not in {s.key for s in window.review.suggestions}


def test_accept_all_counts_and_undo_is_one_step(seeded, lib, qtbot):
    window, article_id, _ = seeded
    review_on(qtbot, window)
    panel = window.side.suggestions
    assert panel.accept_quotes.text() == "Accept all quotes (4)"
    n_entities = sum(1 for s in window.review.suggestions if s.kind == "entity")
    assert panel.accept_entities.text() == f"Accept all entities ({n_entities})"
    assert window.actions_by_id["accept_all_quotes"].text() == "Accept All Suggested Quotes (4)"
    panel.accept_quotes.click()
    assert len([a for a in lib.annotations(article_id) if a.kind == "quote"]) == 4
    assert panel.accept_quotes.text() == "Accept all quotes (0)"
    assert not panel.accept_quotes.isEnabled()
    assert window.actions_by_id["undo"].text() == "&Undo Accept all quotes"
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lib.annotations(article_id) == []
    assert panel.accept_quotes.text() == "Accept all quotes (4)"  # back in the list


def test_undo_of_one_accept(seeded, lib, qtbot):
    window, article_id, _ = seeded
    review_on(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_J)  # Sergey Lavrov
    assert window.review.current.text == "Sergey Lavrov"
    key(qtbot, window, Qt.Key.Key_Return)
    (made,) = lib.annotations(article_id)
    assert (made.exact, made.label, made.origin) == ("Sergey Lavrov", "PERSON", "suggested")
    assert "Sergey Lavrov" not in [s.text for s in window.review.suggestions]
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lib.annotations(article_id) == []
    assert "Sergey Lavrov" in [s.text for s in window.review.suggestions]


def test_digit_accepts_an_entity_as_that_label(seeded, lib, qtbot):
    window, article_id, _ = seeded
    review_on(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Tab)  # Rusia, suggested as LOCATION
    key(qtbot, window, Qt.Key.Key_2)  # ORG
    (made,) = lib.annotations(article_id)
    assert (made.exact, made.label) == ("Rusia", "ORG")


def test_shift_enter_attributes_a_suggested_quote_with_the_form(seeded, lib, qtbot):
    window, article_id, _ = seeded
    lib.create_entity("Maria Zakharova", "PERSON", ["Zakharova"])
    review_on(qtbot, window)
    review = window.review
    review.set_current(next(s for s in review.suggestions if s.kind == "quote"))
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    form = review.form
    assert form.isVisible() and form.speaker.hasFocus()
    assert (form.speaker.text(), form.cue.text(), form.type.currentText()) == (
        "Sergey Lavrov",
        "tambah",
        "direct",
    )
    # the completer offers the registry's names and aliases
    form.completer.setCompletionPrefix("zakh")
    found = {form.completer.completionModel().index(r, 0).data() for r in range(2)}
    assert found == {"Maria Zakharova", "Zakharova"}
    form.speaker.setText("Zakharova")
    form.type.setCurrentText("mixed")
    qtbot.keyClick(form.cue, Qt.Key.Key_Return)
    (quote,) = [a for a in lib.annotations(article_id) if a.kind == "quote"]
    assert quote.exact == QUOTES[0]
    assert lib.entity(quote.speaker_id).name == "Maria Zakharova"
    assert (quote.cue, quote.quote_type) == ("tambah", "mixed")
    assert not form.isVisible()


def test_q_asks_who_said_it_with_the_guess_prefilled(seeded, lib, qtbot):
    window, article_id, text = seeded
    start = text.index(QUOTES[2])
    window.view.select_range(start, start + len(QUOTES[2]))
    key(qtbot, window, Qt.Key.Key_Q)
    form = window.review.form
    assert form.isVisible()
    assert (form.speaker.text(), form.cue.text()) == ("Sergey Lavrov", "menurut")
    qtbot.keyClick(form.speaker, Qt.Key.Key_Return)
    (quote,) = lib.annotations(article_id)
    assert quote.origin == "manual"
    assert lib.entity(quote.speaker_id).name == "Sergey Lavrov"
    assert quote.cue == "menurut" and quote.quote_type == "direct"
    assert text[quote.speaker_start : quote.speaker_end] == "Lavrov"
    # the panel row and the tooltip say who said it
    assert window.side.model.index(0, 0).data() == "QUOTE · Sergey Lavrov"
    assert window.annotate.names == {quote.speaker_id: "Sergey Lavrov"}
    hover = tooltip(window.annotate.annotations, start + 3, window.annotate.names)
    assert hover == f"QUOTE: {QUOTES[2][:59]}… (Sergey Lavrov, menurut, direct)"


def test_esc_keeps_the_quote_without_attribution(seeded, lib, qtbot):
    window, article_id, text = seeded
    start = text.index(QUOTES[1])
    window.view.select_range(start, start + len(QUOTES[1]))
    key(qtbot, window, Qt.Key.Key_Q)
    qtbot.keyClick(window.review.form.speaker, Qt.Key.Key_Escape)
    (quote,) = lib.annotations(article_id)
    assert (quote.speaker_id, quote.cue) == (None, None)
    assert window.view.hasFocus()


def test_no_selection_toolbar_over_the_text_while_reviewing(seeded, qtbot):
    window, _, _ = seeded
    toolbar = window.annotate.toolbar
    review_on(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Tab)  # the first suggestion, selected in the view
    first = window.review.current
    assert window.view.selection_range() == (first.start, first.end)
    assert not toolbar.isVisible()
    key(qtbot, window, Qt.Key.Key_Tab)  # the next one: still no bar
    assert window.view.selection_range() != (first.start, first.end)
    assert not toolbar.isVisible()
    key(qtbot, window, Qt.Key.Key_R, CTRL_SHIFT)  # review off: a selection shows it again
    assert not window.review.active
    window.view.select_range(0, 6)
    window.annotate._place_toolbar()
    assert toolbar.isVisible()
