"""Rejecting a suggestion (Library.reject_suggestion): stored, so it stays rejected
after a restart; undoable like any write ("Reject suggestion PERSON: Sergey Lavrov");
announced as Changes.rejections (no Qt)."""

from __future__ import annotations

import pytest

from reader.errors import NotFound, ReaderError
from reader.library import Library
from reader.model import Changes, Rejection
from reader.store.schema import SCHEMA_VERSION
from tests.conftest import SEED


@pytest.fixture
def seeded(lib):
    article_id = lib.import_file(SEED).article_id
    return lib, article_id, lib.article(article_id).text


def spans(candidates) -> list[tuple[int, int, str]]:  # noqa: ANN001
    return [(c.start, c.end, c.text) for c in candidates]


def test_a_rejected_entity_is_no_longer_suggested_even_after_a_restart(seeded, db_path):
    lib, article_id, text = seeded
    start = text.index("Sergey Lavrov")
    assert (start, start + 13, "Sergey Lavrov") in spans(lib.suggest_entities(article_id))
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    rejection = lib.reject_suggestion(article_id, "entity", start, start + 13, "PERSON")
    assert rejection == Rejection(
        rejection.id, article_id, "entity", "PERSON", start, start + 13, "Sergey Lavrov",
        rejection.created,
    )  # fmt: skip
    assert heard == [Changes(rejections=frozenset({article_id}))]
    assert lib.undo_name == "Reject suggestion PERSON: Sergey Lavrov"
    assert (start, start + 13, "Sergey Lavrov") not in spans(lib.suggest_entities(article_id))
    # the other Lavrov (a word later) is still suggested
    assert (start + 16, start + 22, "Lavrov") in spans(lib.suggest_entities(article_id))
    lib.close()
    with Library(db_path) as again:
        assert again.schema_version == SCHEMA_VERSION
        assert again.rejections(article_id) == [rejection]
        found = spans(again.suggest_entities(article_id))
        assert (start, start + 13, "Sergey Lavrov") not in found


def test_undo_brings_the_suggestion_back_and_redo_rejects_it_again(seeded):
    lib, article_id, text = seeded
    quote = lib.suggest_quotes(article_id)[0]
    assert quote.text.startswith("cepat dan efektif")
    lib.reject_suggestion(article_id, "quote", quote.start, quote.end, "QUOTE")
    assert lib.suggest_quotes(article_id)[0].start != quote.start
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    assert lib.undo() == Changes(rejections=frozenset({article_id}))
    assert lib.suggest_quotes(article_id)[0] == quote
    assert lib.rejections(article_id) == []
    lib.redo()
    assert [(r.kind, r.start, r.end) for r in lib.rejections(article_id)] == [
        ("quote", quote.start, quote.end)
    ]
    assert heard == [Changes(rejections=frozenset({article_id}))] * 2


def test_accept_all_leaves_rejected_suggestions_out(seeded):
    lib, article_id, text = seeded
    first = lib.suggest_entities(article_id)[0]
    lib.reject_suggestion(article_id, "entity", first.start, first.end, first.label)
    total = len(lib.suggest_entities(article_id))
    assert lib.accept_all(article_id, "entities") == total
    marked = {(a.start, a.end) for a in lib.annotations(article_id)}
    assert (first.start, first.end) not in marked


def test_rejecting_twice_writes_nothing_and_bad_input_is_refused(seeded):
    lib, article_id, text = seeded
    one = lib.reject_suggestion(article_id, "entity", 29, 34, "LOCATION")
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    assert lib.reject_suggestion(article_id, "entity", 29, 34, "LOCATION") == one
    assert heard == [] and len(lib.rejections(article_id)) == 1
    with pytest.raises(ReaderError, match="unknown suggestion kind 'highlight'"):
        lib.reject_suggestion(article_id, "highlight", 29, 34)
    with pytest.raises(ReaderError, match="not a stretch of the article"):
        lib.reject_suggestion(article_id, "entity", 34, 29)
    with pytest.raises(NotFound):
        lib.reject_suggestion(article_id + 5, "entity", 0, 3)


def test_a_rejection_goes_with_its_article_and_lapses_when_the_text_changes(seeded):
    lib, article_id, text = seeded
    lib.reject_suggestion(article_id, "entity", 29, 34, "LOCATION")
    lib._store.db["articles"].update(article_id, {"text": "X" * 40 + text[40:]})
    assert lib.rejections(article_id) == []  # "Rusia" is no longer at 29–34
    lib.delete_article(article_id)
    rows = lib._store.db.execute("SELECT count(*) FROM rejections").fetchone()[0]
    assert rows == 0
