"""Issue 14's bugs in the core (no Qt): undo after deleting an article, one speaker rule,
entities made by a mark go with their last mark, a rename keeps the old name."""

from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

FIRST = ["Sergey Lavrov spoke in Riyadh.", "“We agreed on a plan,” Lavrov said di Riyadh."]
SECOND = ["The Rusia desk wrote di Jakarta.", "Rusia answered on Monday."]


@pytest.fixture
def two(lib):
    _, a = lib.add_article(ParsedArticle("First", paragraphs_to_markdown(FIRST)))
    _, b = lib.add_article(ParsedArticle("Second", paragraphs_to_markdown(SECOND)))
    return lib, a, b


def _span(lib, article_id, word, nth=0):
    text = lib.article(article_id).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


# -- bug 1: undo after deleting the article ---------------------------------------------


def test_deleting_an_article_drops_its_undo_entries_and_keeps_the_others(two):
    lib, a, b = two
    kept = lib.annotate(b, "highlight", *_span(lib, b, "Jakarta"))
    lib.annotate(a, "highlight", *_span(lib, a, "Riyadh"))
    lib.annotate(a, "quote", *_span(lib, a, "We agreed on a plan"))
    lib.delete_article(a)
    assert lib.undo_name == "Highlight: Jakarta"  # the mark on the article still there
    changes = lib.undo()
    assert changes is not None and changes.articles == {b}
    assert lib.annotations(b) == []
    assert lib.undo_name is None
    assert lib.redo() is not None and [x.id for x in lib.annotations(b)] == [kept.id]


def test_a_failed_undo_says_why_and_leaves_the_earlier_steps_reachable(two):
    lib, a, b = two
    lib.annotate(b, "highlight", *_span(lib, b, "Jakarta"))
    broken = lib.annotate(a, "highlight", *_span(lib, a, "Riyadh"))
    lib._store.db["annotations"].delete(broken.id)  # gone behind the library's back
    with pytest.raises(ReaderError) as e:
        lib.undo()
    assert str(e.value).startswith("cannot undo Highlight: Riyadh: ")
    assert str(e.value) != "cannot undo Highlight: Riyadh: "  # a reason is given
    assert lib.undo_name == "Highlight: Jakarta"  # the one on the other article
    assert lib.undo() is not None and lib.annotations(b) == []


# -- bug 4: one speaker rule ---------------------------------------------------------------


def test_the_speaker_rule_is_the_same_for_the_form_and_for_suggestions(two):
    lib, a, _ = two
    lavrov = lib.create_entity("Sergey Lavrov", "PERSON", aliases=["Pak Lavrov"])
    org = lib.create_entity("Kementerian Luar Negeri", "ORG")
    assert lib.resolve_speaker("sergey  lavrov") == lavrov.id
    assert lib.resolve_speaker("PAK LAVROV") == lavrov.id
    assert lib.resolve_speaker("kementerian luar negeri") == org.id
    (candidate,) = lib.suggest_quotes(a)
    made = lib.accept_quote(a, candidate, speaker="sergey lavrov")  # Shift+Enter's form
    assert {m.speaker_id for m in made} == {lavrov.id}
    assert [e.name for e in lib.entities() if e.type == "PERSON"] == ["Sergey Lavrov"]


def test_an_unknown_speaker_becomes_one_person_in_the_same_undo_step(two):
    lib, a, _ = two
    quote = lib.annotate(a, "quote", *_span(lib, a, "We agreed on a plan"))
    with lib.undo_group("Attribute quote"):
        lib.update_annotation(quote.id, speaker_id=lib.resolve_speaker("Maria Zakharova"))
    assert [e.name for e in lib.entities()] == ["Maria Zakharova"]
    lib.undo()
    assert lib.entities() == [] and lib.annotation(quote.id).speaker_id is None


# -- bug 5: an entity made by a mistaken mark goes with it -----------------------------------


def test_deleting_the_last_mark_of_an_entity_it_made_removes_the_entity(two):
    lib, a, b = two
    first = lib.annotate(b, "entity", *_span(lib, b, "di"), "LOCATION")
    second = lib.annotate(a, "entity", *_span(lib, a, "di"), "LOCATION")
    (di,) = lib.entities()
    assert first.entity_id == second.entity_id == di.id
    lib.delete_annotation(first.id)
    assert [e.name for e in lib.entities()] == ["di"]  # still marked in the other article
    lib.delete_annotation(second.id)
    assert lib.entities() == []
    assert all(c.text != "di" for c in lib.suggest_entities(b))  # no longer suggested
    lib.undo()  # one step brings back the mark and its entity
    assert [e.name for e in lib.entities()] == ["di"]
    assert lib.annotation(second.id).entity_id == di.id
    lib.redo()
    assert lib.entities() == []


@pytest.mark.parametrize(
    "edit",
    [
        {"aliases": ["di sana"]},
        {"wikidata": "Q252"},
        {"note": "checked"},
        {"name": "Di"},
    ],
)
def test_an_entity_the_user_edited_stays_when_its_last_mark_goes(two, edit):
    lib, _, b = two
    mark = lib.annotate(b, "entity", *_span(lib, b, "di"), "LOCATION")
    lib.update_entity(mark.entity_id, **edit)
    lib.delete_annotation(mark.id)
    assert [e.id for e in lib.entities()] == [mark.entity_id]


def test_an_entity_made_in_the_registry_or_still_quoted_stays(two):
    lib, a, b = two
    made = lib.create_entity("Jakarta", "LOCATION")
    mark = lib.annotate(b, "entity", *_span(lib, b, "Jakarta"), "LOCATION")
    assert mark.entity_id == made.id
    lib.delete_annotation(mark.id)
    person = lib.annotate(a, "entity", *_span(lib, a, "Sergey Lavrov"), "PERSON")
    quote = lib.annotate(a, "quote", *_span(lib, a, "We agreed on a plan"))
    lib.update_annotation(quote.id, speaker_id=person.entity_id)
    lib.delete_annotation(person.id)
    assert {e.name for e in lib.entities()} == {"Jakarta", "Sergey Lavrov"}
    lib.update_annotation(quote.id, speaker_id=None)  # its last use goes: so does it
    assert {e.name for e in lib.entities()} == {"Jakarta"}


def test_deleting_an_article_removes_the_entities_only_its_marks_made(two):
    lib, a, b = two
    lib.annotate(a, "entity", *_span(lib, a, "Riyadh"), "LOCATION")
    lib.annotate(a, "entity", *_span(lib, a, "Sergey Lavrov"), "PERSON")
    lib.annotate(b, "entity", *_span(lib, b, "Rusia"), "LOCATION")
    lib.annotate(a, "entity", *_span(lib, a, "di"), "MISC")
    lib.annotate(b, "entity", *_span(lib, b, "di"), "MISC")
    lib.delete_article(a)
    assert sorted(e.name for e in lib.entities()) == ["Rusia", "di"]


def test_bulk_delete_of_unused_entities_is_one_undo_step(two):
    lib, _, b = two
    for name in ("Jakarta", "Surabaya", "Medan"):
        lib.create_entity(name, "LOCATION")
    unused = [s.entity.id for s in lib.entity_summaries() if s.mentions == 0]
    assert len(unused) == 3
    assert lib.delete_entities(unused) == 3
    assert lib.entities() == [] and lib.undo_name == "Delete 3 entities"
    lib.undo()
    assert sorted(e.name for e in lib.entities()) == ["Jakarta", "Medan", "Surabaya"]


# -- bug 6: a rename keeps the old name ------------------------------------------------------


def test_a_rename_keeps_the_old_name_as_an_alias(two):
    lib, a, b = two
    rusia = lib.annotate(b, "entity", *_span(lib, b, "Rusia"), "LOCATION")
    renamed = lib.update_entity(rusia.entity_id, name="Federasi Rusia")
    assert renamed.aliases == ["Rusia"]
    later = lib.annotate(b, "entity", *_span(lib, b, "Rusia", 1), "LOCATION")
    assert later.entity_id == rusia.entity_id
    assert [e.name for e in lib.entities()] == ["Federasi Rusia"]
