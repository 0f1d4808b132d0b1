"""Entity suggestions start and end on word boundaries (they align to tokens)."""

from __future__ import annotations

import pytest

from reader.model import KnownEntity
from reader.text.boundaries import on_word_boundaries
from reader.text.names import suggest_entities

KNOWN = [
    KnownEntity("Uber", "ORG", (), 1),
    KnownEntity("HTTP", "MISC", (), 2),
    KnownEntity("ENCODE", "MISC", (), 3),
    KnownEntity("Oct", "DATE", (), 4),
]


@pytest.mark.parametrize(
    "text, inside",
    [
        ("The server speaks HTTP/1.1 to its clients.", "HTTP"),
        ("You should call URI_ENCODE on the value.", "ENCODE"),
        ("Follow @Uber_Sydney for the updates.", "Uber"),
        ("The vote was held on Oct. 5 last year.", "Oct"),
        ("Visit www.Uber.com for the terms.", "Uber"),
    ],
)
def test_no_suggestion_inside_a_word(text, inside):
    for known in (KNOWN, ()):
        cands = suggest_entities(text, known)
        assert inside not in [c.text for c in cands], (text, known)
        for c in cands:
            assert on_word_boundaries(text, c.start, c.end), c


def test_whole_words_are_still_offered():
    text = "Uber said so. Later HTTP was blamed, and ENCODE too (Oct)."
    found = {(c.text, c.start, c.end) for c in suggest_entities(text, KNOWN)}
    assert {("Uber", 0, 4), ("HTTP", 20, 24), ("ENCODE", 41, 47), ("Oct", 53, 56)} <= found


def test_boundary_rule():
    text = "A lone Uber’s car, Rusia-AS talks, HTTP/2 and 東京タワー."
    assert on_word_boundaries(text, 7, 11)  # a possessive ending is its own token
    assert on_word_boundaries(text, 19, 24)  # a hyphen splits
    assert not on_word_boundaries(text, 35, 39)
    assert on_word_boundaries(text, 46, 48)  # no word boundaries in Japanese
    assert not on_word_boundaries(text, 3, 3)
