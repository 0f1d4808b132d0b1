"""Whole words in code points (reader/text/words.py): snapping a selection and stepping a
mark's ends, on the seed article and in Cyrillic, Arabic, CJK, combining marks, emoji."""

from __future__ import annotations

import pytest

from reader.text.words import (
    next_word_end,
    previous_word_end,
    previous_word_start,
    snap,
    step_end,
    step_start,
    word_at,
)
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
LAVROV = SEED_TEXT.index("Sergey Lavrov")  # "...Luar Negeri Rusia Sergey Lavrov.\n\nLavrov..."


def test_the_seed_offsets_these_tests_use():
    assert LAVROV == 335
    assert SEED_TEXT[329:358] == "Rusia Sergey Lavrov.\n\nLavrov "


@pytest.mark.parametrize(
    ("start", "end", "expected", "text"),
    [
        (337, 345, (335, 348), "Sergey Lavrov"),  # "rgey Lav": both ends cut in a word
        (334, 349, (335, 348), "Sergey Lavrov"),  # the space before, the full stop after
        (335, 348, (335, 348), "Sergey Lavrov"),  # already whole
        (292, 298, (289, 302), "masing-masing"),  # Indonesian reduplication: two words
        (658, 666, (659, 668), "cepat dan"),  # “cepat d → the quotation mark left out
        (346, 353, (342, 357), "Lavrov.\n\nLavrov"),  # across a paragraph break
    ],
)
def test_a_selection_in_the_seed_article_snaps_to_whole_words(start, end, expected, text):
    assert snap(SEED_TEXT, start, end) == expected
    assert SEED_TEXT[slice(*expected)] == text


def test_a_quote_selected_with_its_quotation_marks_keeps_them():
    quote = "“cepat dan efektif kita dapat bergerak maju,”"
    start = SEED_TEXT.index(quote)
    assert start == 658
    assert snap(SEED_TEXT, 657, 658 + len(quote) + 1) == (658, 658 + len(quote))
    assert snap(SEED_TEXT, 658, 690) == (659, 696)  # no closing mark: “ left out
    assert SEED_TEXT[659:696] == "cepat dan efektif kita dapat bergerak"
    assert snap("He said «da» twice", 7, 12) == (8, 12)
    assert snap("He said 「はい」 twice", 7, 13) == (8, 12)


def test_a_selection_without_a_word_only_loses_its_spaces():
    assert snap("a — b", 1, 4) == (2, 3)
    assert snap("a   b", 1, 4) == (4, 4)  # only spaces: empty, nothing to mark
    assert snap("x", 0, 0) == (0, 0)


def test_each_ideograph_and_kana_is_a_word():
    text = "東京都に行った。"
    assert [word_at(text, i) for i in range(len(text))] == [
        (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), None
    ]  # fmt: skip
    assert snap(text, 1, 3) == (1, 3)  # 京都: nothing to extend
    assert snap(text, 5, 8) == (5, 7)  # った。 → った
    assert snap("2025年に", 1, 5) == (0, 5)  # the digits are one word, 年 another


def test_combining_marks_stay_with_their_letter():
    text = "Москва́ сегодня"  # а + U+0301
    assert len("Москва́") == 7
    assert word_at(text, 6) == (0, 7)  # the accent
    assert snap(text, 2, 6) == (0, 7)  # a selection ending before the accent takes it
    cafe = "cafe\u0301 noir"
    assert snap(cafe, 0, 4) == (0, 5)


def test_arabic_words_with_their_vowel_marks():
    text = "قال لافروف، إنّ الاجتماع"
    assert snap(text, 5, 9) == (4, 10) and text[4:10] == "لافروف"
    assert snap(text, 4, 11) == (4, 10)  # the Arabic comma left out
    assert word_at(text, 14) == (12, 15) and text[12:15] == "إنّ"  # shadda U+0651


def test_emoji_are_never_split():
    text = "hi 👨\u200d👩\u200d👧 there 🇮🇩!"
    assert word_at(text, 4) == (3, 8)  # inside the family's joiners
    assert snap(text, 4, 6) == (3, 8)
    assert snap(text, 2, 15) == (3, 14)
    assert snap(text, 15, 16) == (15, 17)  # half a flag: the whole flag
    assert snap("ok 👍🏽 yes", 3, 4) == (3, 5)  # with its skin tone


def test_stepping_a_mark_end_and_start_by_words():
    t = SEED_TEXT
    assert step_end(t, 335, 348, +1) == (335, 357)  # + "Lavrov" after the paragraph break
    assert step_end(t, 335, 348, -1) == (335, 341)  # "Sergey"
    assert step_end(t, 335, 341, -1) is None  # no word would be left
    assert step_start(t, 335, 348, -1) == (329, 348)  # "Rusia Sergey Lavrov"
    assert step_start(t, 335, 348, +1) == (342, 348)  # "Lavrov"
    assert step_start(t, 342, 348, +1) is None
    assert step_end(t, 0, len(t), +1) is None  # the end of the text
    assert step_start(t, 0, 8, -1) is None


def test_a_cut_word_end_steps_to_the_word_edges():
    text = "alpha beta gamma"
    assert next_word_end(text, 7) == 10  # inside "beta": its end
    assert previous_word_end(text, 7) == 5  # before "beta": the end of "alpha"
    assert previous_word_start(text, 7) == 6
    assert step_end("東京都", 0, 1, +1) == (0, 2)  # one ideograph at a time
