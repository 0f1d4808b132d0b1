"""Library.resize_annotation: a mark's ends moved as one undoable edit that keeps its
label, entity, speaker and note (no Qt)."""

from __future__ import annotations

import pytest

from reader.errors import NotFound, ReaderError
from reader.model import Changes


@pytest.fixture
def seeded(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    return lib, article_id, lib.article(article_id).text


def test_a_mark_grows_and_keeps_label_entity_and_note(seeded):
    lib, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    mark = lib.annotate(article_id, "entity", start + 7, start + 13, "PERSON", note="minister")
    assert mark.exact == "Lavrov"
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    grown = lib.resize_annotation(mark.id, start, start + 13)
    assert (grown.start, grown.end, grown.exact) == (start, start + 13, "Sergey Lavrov")
    assert (grown.label, grown.note, grown.entity_id, grown.kind) == (
        "PERSON",
        "minister",
        mark.entity_id,
        "entity",
    )
    assert grown.prefix == text[start - 32 : start] and grown.suffix == text[start + 13 :][:32]
    assert heard == [Changes(frozenset({article_id}), frozenset({mark.id}))]
    assert lib.undo_name == "Resize PERSON: Sergey Lavrov"
    assert [a.id for a in lib.annotations(article_id)] == [mark.id]


def test_undo_and_redo_of_a_resize(seeded):
    lib, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    quote = lib.annotate(article_id, "quote", start, start + 13)
    lib.update_annotation(quote.id, speaker_id=lib.resolve_speaker("Sergey Lavrov"), cue="kata")
    lib.resize_annotation(quote.id, start + 7, start + 13)
    lib.undo()
    back = lib.annotation(quote.id)
    assert (back.start, back.end, back.exact) == (start, start + 13, "Sergey Lavrov")
    assert back.speaker_id is not None and back.cue == "kata"
    assert lib.undo_name.startswith("Edit")  # the resize was one step
    lib.redo()
    again = lib.annotation(quote.id)
    assert (again.start, again.end, again.exact, again.cue) == (
        start + 7,
        start + 13,
        "Lavrov",
        "kata",
    )


def test_whitespace_at_the_new_ends_is_trimmed(seeded):
    lib, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    mark = lib.annotate(article_id, "highlight", start, start + 6)
    moved = lib.resize_annotation(mark.id, start - 1, start + 14)
    assert (moved.start, moved.end) == (start, start + 14) and moved.exact == "Sergey Lavrov."


def test_the_same_range_writes_nothing(seeded):
    lib, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    mark = lib.annotate(article_id, "highlight", start, start + 6)
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    assert lib.resize_annotation(mark.id, start, start + 6).modified == mark.modified
    assert heard == [] and lib.undo_name == "Highlight: Sergey"


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 5), (5, 5), (7, 3), (0, 10**6)],
    ids=["negative", "empty", "reversed", "past"],
)
def test_bad_ranges_are_refused_and_change_nothing(seeded, start, end):
    lib, article_id, text = seeded
    mark = lib.annotate(article_id, "highlight", 10, 20)
    with pytest.raises(ReaderError, match="not a stretch of the article"):
        lib.resize_annotation(mark.id, start, end)
    assert lib.annotation(mark.id) == mark


def test_only_spaces_and_unknown_marks_are_refused(seeded):
    lib, article_id, text = seeded
    mark = lib.annotate(article_id, "highlight", 10, 20)
    gap = text.index("\n\n")
    with pytest.raises(ReaderError, match="only spaces"):
        lib.resize_annotation(mark.id, gap, gap + 2)
    with pytest.raises(NotFound):
        lib.resize_annotation(mark.id + 99, 0, 5)
