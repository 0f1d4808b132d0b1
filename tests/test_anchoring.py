from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.anchoring import Anchor, OffsetMap, context, reanchor, trim

OLD = (
    "Lavrov said the talks in Istanbul would be quick.\n\n"
    "Later Lavrov left Doha for Istanbul, where the embassy staff waited.\n\n"
    "Biden had restricted the embassies."
)


def anchor_for(text: str, exact: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    end = start + len(exact)
    return Anchor(start, end, exact, *context(text, start, end))


def test_trim():
    assert trim("  ab c \n", 0, 8) == (2, 6)
    assert trim("   ", 0, 3) == (3, 3)
    assert trim("abc", -5, 99) == (0, 3)


def test_unchanged():
    a = anchor_for(OLD, "Doha")
    found = reanchor(a, OLD, OLD)
    assert (found.start, found.end, found.how) == (a.start, a.end, "same")


def test_insert_before_moves_it():
    new = "A new first paragraph.\n\n" + OLD
    a = anchor_for(OLD, "Lavrov", nth=1)
    found = reanchor(a, new, OLD)
    assert new[found.start : found.end] == "Lavrov"
    assert found.start == a.start + len("A new first paragraph.\n\n")
    assert found.how == "moved"


def test_delete_before_moves_it():
    new = OLD.replace("Lavrov said the talks in Istanbul would be quick.\n\n", "")
    a = anchor_for(OLD, "Istanbul", nth=1)
    found = reanchor(a, new, OLD)
    assert (found.start, found.end) == (new.index("Istanbul"), new.index("Istanbul") + 8)


def test_repeated_word_resolved_by_context():
    # Both "Istanbul" stay; the second one must be found, not the first.
    new = OLD.replace("Later", "Much later")
    a = anchor_for(OLD, "Istanbul", nth=1)
    found = reanchor(a, new, None)  # without the old text: context alone decides
    assert found.start == new.index("Istanbul", new.index("Doha"))


def test_moved_paragraph():
    paras = OLD.split("\n\n")
    new = "\n\n".join([paras[2], paras[0], paras[1]])
    a = anchor_for(OLD, "Biden")
    found = reanchor(a, new, OLD)
    assert (found.start, found.end) == (0, 5)


def test_small_edit_inside_is_fuzzy():
    exact = "the talks in Istanbul would be quick"
    a = anchor_for(OLD, exact)
    new = OLD.replace("would be quick", "would be very quick")
    found = reanchor(a, new, OLD)
    assert found.how == "fuzzy"
    assert found.exact == "the talks in Istanbul would be very quick"
    assert new[found.start : found.end] == found.exact


def test_removed_text_is_orphaned():
    a = anchor_for(OLD, "Biden had restricted the embassies.")
    new = OLD.replace("\n\nBiden had restricted the embassies.", "")
    assert reanchor(a, new, OLD) is None


def test_offset_map_identity_and_shift():
    m = OffsetMap("abc def ghi", "xx abc def ghi")
    assert [m.map(i) for i in (0, 4, 8)] == [3, 7, 11]


@settings(max_examples=150, deadline=None)
@given(
    st.text(min_size=1, max_size=60),
    st.text(max_size=20),
    st.text(max_size=20),
    st.data(),
)
def test_found_ranges_always_hold_their_text(middle, before, after, data):
    old = "Intro words. " + middle + " closing words."
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    a = Anchor(start, end, old[start:end], *context(old, start, end))
    new = before + old + after
    found = reanchor(a, new, old)
    assert found is not None  # the exact text is still there
    assert new[found.start : found.end] == found.exact == a.exact
