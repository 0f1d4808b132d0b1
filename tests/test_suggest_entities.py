"""Entity candidates: registry matches with aliases, capitalised name sequences, labels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.model import KnownEntity
from reader.text.names import suggest_entities
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    with Library(None) as lib:
        outcome = lib.import_file(SEED)
        return lib.article(outcome.article_id).text


SEED_ENTITIES = {
    "Sergey Lavrov": "PERSON",
    "Lynne Tracy": "PERSON",
    "Anatoly Antonov": "PERSON",
    "Aleksandr Darchiev": "PERSON",
    "Maria Zakharova": "PERSON",
    "Barack Obama": "PERSON",
    "Joe Biden": "PERSON",
    "RIA Novosti": "ORG",
    "Istanbul": "LOCATION",
    "Doha": "LOCATION",
    "Qatar": "LOCATION",
    "Riyadh": "LOCATION",
}


def test_seed_entities_with_labels(seed_text):
    cands = suggest_entities(seed_text)
    labels = {c.text: c.label for c in cands}
    for name, label in SEED_ENTITIES.items():
        assert labels.get(name) == label, name
    for c in cands:
        assert seed_text[c.start : c.end] == c.text
        assert c.source == "pattern"
    # The longest name wins: no `Sergey` or a title glued to the name.
    assert "Sergey" not in labels
    assert "Menteri Luar Negeri Rusia Sergey Lavrov" not in labels
    assert labels["Kementerian Luar Negeri Rusia"] == "ORG"
    assert labels["Departemen Amerika Utara"] == "ORG"  # `-nya` is not part of the name
    # A lone surname at a sentence start is a person because the name recurs.
    lavrov = [c for c in cands if c.text == "Lavrov"]
    assert len(lavrov) == 4 and {c.label for c in lavrov} == {"PERSON"}
    first = next(c for c in cands if c.text == "Sergey Lavrov")
    before = "kata Menteri Luar Negeri Rusia "
    assert seed_text[first.start - len(before) : first.start] == before


def test_sentence_initial_word_is_not_a_name():
    text = "Kedua negara sepakat. Perkembangan ini terjadi di Jakarta."
    assert [(c.text, c.label) for c in suggest_entities(text)] == [("Jakarta", "LOCATION")]


def test_labels_from_context():
    text = (
        "He met President Joe Biden and Mr Smith at the Ministry of Defence in Lisbon "
        "on Monday, 27 February 2025, before the Olympic Games."
    )
    got = [(c.text, c.label) for c in suggest_entities(text)]
    assert got == [
        ("Joe Biden", "PERSON"),
        ("Smith", "PERSON"),
        ("Ministry of Defence", "ORG"),
        ("Lisbon", "LOCATION"),
        ("Monday", "DATE"),
        ("27 February 2025", "DATE"),
        ("Olympic Games", "EVENT"),
    ]


def test_place_after_preposition():
    text = "Pertemuan akan diadakan di Bogor dan kemudian di Cianjur."
    got = [(c.text, c.label) for c in suggest_entities(text)]
    assert got == [("Bogor", "LOCATION"), ("Cianjur", "LOCATION")]


def test_registry_matches_name_and_aliases():
    known = [
        KnownEntity("Sergey Lavrov", "PERSON", ("Lavrov", "Sergei Lavrov"), id=7),
        KnownEntity("Amerika Serikat", "LOCATION", ("AS",), id=9),
    ]
    text = "Sergei Lavrov spoke. LAVROV and lavrov agreed, as did AS; as for us, nothing."
    cands = suggest_entities(text, known)
    reg = [(c.text, c.entity, c.entity_id) for c in cands if c.source == "registry"]
    assert reg == [
        ("Sergei Lavrov", "Sergey Lavrov", 7),
        ("LAVROV", "Sergey Lavrov", 7),
        ("lavrov", "Sergey Lavrov", 7),
        ("AS", "Amerika Serikat", 9),
    ]
    for c in cands:
        assert text[c.start : c.end] == c.text


def test_longest_candidate_wins_over_a_shorter_registry_match():
    known = [KnownEntity("Lavrov", "PERSON")]
    text = "Kata Menteri Luar Negeri Rusia Sergey Lavrov kemarin, dan Lavrov pergi."
    got = [(c.text, c.label, c.source) for c in suggest_entities(text, known)]
    assert got == [("Sergey Lavrov", "PERSON", "pattern"), ("Lavrov", "PERSON", "registry")]


def test_registry_label_applies_to_pattern_names():
    known = [KnownEntity("Gadjah Mada", "ORG")]
    text = "Dia belajar di kampus Gadjah Mada kemarin."
    (c,) = suggest_entities(text, known)
    assert (c.text, c.label, c.source) == ("Gadjah Mada", "ORG", "registry")


def test_non_latin_scripts():
    known = [KnownEntity("東京", "LOCATION")]
    assert [
        (c.text, c.start) for c in suggest_entities("彼は東京に行く。東京は大きい。", known)
    ] == [
        ("東京", 2),
        ("東京", 8),
    ]
    assert suggest_entities("彼は東京に行く。") == []
    assert suggest_entities("قال الوزير إن المحادثات كانت بناءة.") == []
    got = [(c.text, c.label) for c in suggest_entities("Вчера сказал Сергей Лавров в Москве.")]
    assert got == [("Сергей Лавров", "PERSON"), ("Москве", "LOCATION")]


_ALPHABET = st.sampled_from(list("ab AB Z.,:-’'\n")) | st.characters()


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_candidates_are_slices_and_never_overlap(text):
    known = [KnownEntity("Ab", "PERSON", ("AB Z",)), KnownEntity("東京", "LOCATION")]
    cands = suggest_entities(text, known)
    end = -1
    for c in cands:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.start >= end
        end = c.end
        assert c.label in {"PERSON", "ORG", "LOCATION", "EVENT", "DATE", "MISC"}
