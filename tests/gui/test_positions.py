"""The mapping between Qt document positions and code-point offsets (pure, no Qt)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.gui.positions import PositionMap, segments_for, utf16_len
from reader.text.blocks import Block

EMOJI = "😀"  # U+1F600: two UTF-16 units
E_ACUTE = "e\u0301"  # e + combining acute: two code points, two units


def test_utf16_len_counts_surrogate_pairs():
    assert utf16_len("abc") == 3
    assert utf16_len(EMOJI) == 2
    assert utf16_len(E_ACUTE) == 2
    assert utf16_len("中文") == 2
    assert utf16_len("a😀b👍🏽") == 1 + 2 + 1 + 2 + 2


def test_emoji_shift_positions_by_one_unit_each():
    text = f"A{EMOJI}B{EMOJI}{EMOJI}C"
    pm = PositionMap(text, [(0, len(text))], base=10)
    assert [pm.offset_to_doc(i) for i in range(len(text) + 1)] == [10, 11, 13, 14, 16, 18, 19]
    assert [pm.doc_to_offset(p) for p in range(10, 20)] == [0, 1, 1, 2, 3, 3, 4, 4, 5, 6]
    assert pm.doc_end == 19


def test_separators_between_blocks_take_one_position():
    text = "Title\n\nSecond para\nitem"
    blocks = [
        Block("heading", 0, 5, level=1),
        Block("paragraph", 7, 18),
        Block("list_item", 19, 23, list_depth=1),
    ]
    pm = PositionMap(text, segments_for(text, blocks), base=3)
    assert pm.offset_to_doc(0) == 3
    assert pm.offset_to_doc(5) == 8  # end of the heading
    assert pm.offset_to_doc(6) == 9  # inside the separator: start of the next block
    assert pm.offset_to_doc(7) == 9
    assert pm.offset_to_doc(18) == 20
    assert pm.offset_to_doc(19) == 21
    assert pm.offset_to_doc(23) == 25 == pm.doc_end
    assert pm.doc_to_offset(8) == 5
    assert pm.doc_to_offset(9) == 7
    assert pm.doc_to_offset(21) == 19
    assert pm.doc_to_offset(0) == 0  # in the title above the body
    assert pm.doc_to_offset(99) == 23
    assert pm.doc_length() == 22


def test_combining_marks_cjk_and_rtl_are_one_position_per_code_point():
    text = f"caf{E_ACUTE} 東京 مرحبا"
    pm = PositionMap(text, [(0, len(text))])
    for i in range(len(text) + 1):
        assert pm.offset_to_doc(i) == i
        assert pm.doc_to_offset(i) == i


def test_position_inside_a_surrogate_pair_rounds_down():
    text = f"x{EMOJI}y"
    pm = PositionMap(text, [(0, 3)])
    assert pm.doc_to_offset(2) == 1  # between the two halves of the emoji
    assert pm.doc_to_offset(3) == 2


def test_empty_text_and_no_blocks():
    assert PositionMap("", []).doc_to_offset(5) == 0
    assert PositionMap("", [], base=4).offset_to_doc(3) == 4
    assert segments_for("a\n\nb", []) == [(0, 4)]


texts = st.text(
    alphabet=st.sampled_from(list("ab ظع中") + [EMOJI, "\u0301", "🏽", "\n"]), max_size=40
)


@given(texts)
def test_round_trip_every_offset_and_every_unit(text):
    # one block per line, the way a canonical text is split
    ranges, start = [], 0
    for line in text.split("\n"):
        ranges.append((start, start + len(line)))
        start += len(line) + 1
    pm = PositionMap(text, ranges, base=2)
    for i in range(len(text) + 1):
        assert pm.doc_to_offset(pm.offset_to_doc(i)) == i
    document = "\u2029".join(text[s:e] for s, e in ranges)  # what Qt holds
    units = document.encode("utf-16-le")
    assert pm.doc_length() == len(units) // 2
    for s, e in ranges:
        a, b = pm.offset_to_doc(s) - 2, pm.offset_to_doc(e) - 2
        assert units[2 * a : 2 * b].decode("utf-16-le") == text[s:e]
