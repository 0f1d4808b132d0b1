"""How marks are drawn: merged formats where marks overlap or nest; label keys."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from reader.gui.annotate.labels import entity_keys, key_label
from reader.gui.views.marks import (
    ENTITY_ALPHA,
    QUOTE_ALPHA,
    label_colours,
    mark_formats,
    marks_at,
    tooltip,
)
from reader.model import Annotation, Label

LABELS = [
    Label(1, "PERSON", "entity", "#1f77b4", "1", 0),
    Label(2, "ORG", "entity", "#ff7f0e", "2", 1),
    Label(7, "QUOTE", "quote", "#f5d76e", "Q", 6),
    Label(8, "important", "highlight", "#ffe066", "H", 7),
]
COLOURS = label_colours(LABELS)


def mark(id_, kind, label, start, end, note=None, status="ok"):
    return Annotation(
        id_, 1, kind, start, end, "x" * (end - start), label, note=note, status=status
    )


def test_entity_inside_a_quote_shows_both():
    quote = mark(1, "quote", "QUOTE", 0, 20)
    person = mark(2, "entity", "PERSON", 5, 10)
    out = mark_formats([quote, person], COLOURS)
    assert [(s, e) for s, e, _ in out] == [(0, 5), (5, 10), (10, 20)]
    outside, inside, after = (f for _, _, f in out)
    assert outside is after  # one format object per set of marks
    assert outside.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert abs(outside.background().color().alphaF() - QUOTE_ALPHA) < 0.001
    assert outside.background().color().name() == "#f5d76e"
    # inside: the quote's tint and the person's underline in its colour, at once
    assert inside.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert inside.underlineColor().name() == "#1f77b4"
    expected_alpha = ENTITY_ALPHA + QUOTE_ALPHA * (1 - ENTITY_ALPHA)
    assert abs(inside.background().color().alphaF() - expected_alpha) < 0.01


def test_overlapping_backgrounds_are_blended_and_split():
    quote = mark(1, "quote", "QUOTE", 0, 10)
    high = mark(2, "highlight", "important", 6, 14)
    out = mark_formats([high, quote], COLOURS)
    assert [(s, e) for s, e, _ in out] == [(0, 6), (6, 10), (10, 14)]
    both = out[1][2].background().color()
    alone = out[2][2].background().color()
    assert both.alphaF() > alone.alphaF() > out[0][2].background().color().alphaF()


def test_nested_entities_underline_with_the_innermost_colour():
    org = mark(1, "entity", "ORG", 0, 30)
    person = mark(2, "entity", "PERSON", 10, 16)
    out = mark_formats([org, person], COLOURS)
    assert [(s, e, f.underlineColor().name()) for s, e, f in out] == [
        (0, 10, "#ff7f0e"),
        (10, 16, "#1f77b4"),
        (16, 30, "#ff7f0e"),
    ]


def test_orphans_are_not_drawn_and_adjacent_marks_stay_apart():
    a = mark(1, "entity", "PERSON", 0, 5)
    b = mark(2, "entity", "PERSON", 5, 9)
    gone = mark(3, "quote", "QUOTE", 2, 7, status="orphaned")
    out = mark_formats([a, b, gone], COLOURS)
    assert [(s, e) for s, e, _ in out] == [(0, 5), (5, 9)]


def test_the_selected_mark_is_drawn_stronger():
    person = mark(1, "entity", "PERSON", 0, 5)
    plain = mark_formats([person], COLOURS)[0][2].background().color().alphaF()
    chosen = mark_formats([person], COLOURS, selected=1, selection_colour=QColor("#2f6fdb"))
    assert chosen[0][2].background().color().alphaF() > plain


def test_tooltip_lists_marks_innermost_first_with_notes():
    quote = mark(1, "quote", "QUOTE", 0, 20, note="key claim")
    person = mark(2, "entity", "PERSON", 5, 10)
    assert [a.id for a in marks_at([quote, person], 6)] == [2, 1]
    assert tooltip([quote, person], 6) == ("PERSON: xxxxx\nQUOTE: xxxxxxxxxxxxxxxxxxxx — key claim")
    assert tooltip([quote, person], 20) == ""


def test_entity_keys_follow_shortcuts_then_position():
    labels = [
        Label(1, "PERSON", "entity", "#000", "1", 0),
        Label(2, "ORG", "entity", "#000", "3", 1),
        Label(3, "PLACE", "entity", "#000", None, 2),
        Label(4, "THING", "entity", "#000", "1", 3),  # 1 is taken: gets a free digit
    ]
    assert {n: lb.name for n, lb in entity_keys(labels).items()} == {
        1: "PERSON",
        2: "PLACE",
        3: "ORG",
        4: "THING",
    }
    assert key_label(LABELS, "highlight", "H").name == "important"
    assert key_label(LABELS, "quote", "Q").name == "QUOTE"
    assert key_label([], "quote", "Q") is None
