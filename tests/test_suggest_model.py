"""Entity suggestions with the shipped models: one test per error kind of issue 18.

Every sentence here is written for the test (no corpus text).
"""

from __future__ import annotations

from importlib.resources import files

import pytest

from reader.model import KnownEntity
from reader.text.entities import suggest
from reader.text.ner_model import shipped_model


def found(text: str, known=()) -> dict[str, tuple[str, str]]:
    return {c.text: (c.label, c.source) for c in suggest(text, known)}


def labels(text: str) -> dict[str, str]:
    return {c.text: c.label for c in suggest(text)}


def test_the_models_ship_small():
    for lang in ("id", "en"):
        res = files("reader.text").joinpath(f"data/ner-{lang}.crfsuite")
        assert res.is_file() and 100_000 < len(res.read_bytes()) < 20_000_000
        model = shipped_model(lang)
        assert model is not None and {"PERSON", "ORG", "LOCATION"} <= set(model.labels)


def test_a_name_without_title_or_cue_is_a_person_not_misc():
    got = labels("Peter Mandelson met Olaf Berger at the trade summit in Vienna last week.")
    assert got["Peter Mandelson"] == "PERSON"
    assert got["Vienna"] == "LOCATION"


@pytest.mark.parametrize("prep", ["ke", "dari"])
def test_a_name_after_ke_or_dari_is_a_person(prep):
    text = f"Surat undangan itu dikirim {prep} Surya Paloh pada pagi hari oleh panitia."
    assert labels(text)["Surya Paloh"] == "PERSON"


def test_a_byline_is_a_person():
    text = "By Richard Finn\n\nThe central bank left its interest rates unchanged on Wednesday."
    assert labels(text)["Richard Finn"] == "PERSON"


def test_a_sports_line_up_is_people():
    text = (
        "The coach named the team for the final on Sunday. The starting line-up was "
        "Jordan Pike, Sam Ortiz, Lee Hanley and Chris Novak."
    )
    got = labels(text)
    for name in ("Jordan Pike", "Sam Ortiz", "Lee Hanley", "Chris Novak"):
        assert got.get(name) == "PERSON", (name, got)


def test_a_title_is_not_glued_to_the_name():
    got = labels("Mensesneg Hatta Rajasa tiba di Jakarta bersama rombongan dari istana.")
    assert got["Hatta Rajasa"] == "PERSON" and "Mensesneg Hatta Rajasa" not in got
    got = labels("He spoke with Secretary of State Antony Blinken and the press.")
    assert "State Antony Blinken" not in got and got.get("Antony Blinken") == "PERSON"


def test_a_name_and_a_day_are_not_merged():
    got = found("Officials said exports to Greece Thursday rose by a fifth.")
    assert got["Greece"] == ("LOCATION", "model")
    assert got["Thursday"] == ("DATE", "rule")
    assert "Greece Thursday" not in got


def test_an_all_capital_dateline_is_a_place():
    got = labels("BERLIN 2024-05-03 The German government approved the budget on Friday.")
    assert got.get("BERLIN") == "LOCATION"


def test_month_abbreviations_are_not_names():
    got = labels("The report was published on Jan. 5 and revised in Feb. by the ministry.")
    assert not {"Jan", "Jan.", "Feb", "Feb."} & set(got)


def test_table_cells_are_not_names():
    text = (
        "The company reported its results on Monday.\n\n"
        "Revenue\t120\t135\nProfit\t12\t15\nTotal\t132\t150"
    )
    got = labels(text)
    assert not {"Revenue", "Profit", "Total"} & set(got)


def test_registry_names_come_first_and_are_sure():
    known = [KnownEntity("Olaf Berger", "PERSON", ("Berger",), 7)]
    cands = suggest("Olaf Berger met Peter Mandelson in the city. Later Berger flew home.", known)
    by_text = {c.text: c for c in cands}
    assert by_text["Olaf Berger"].source == "registry"
    assert by_text["Berger"].source == "registry" and by_text["Berger"].confidence == 1.0
    assert by_text["Peter Mandelson"].source == "model"
    assert 0.0 < by_text["Peter Mandelson"].confidence <= 1.0


def test_a_surname_alone_is_the_person_named_before():
    text = "The minister Sergei Volkov arrived late.\n\nVolkov then left without a word."
    got = {(c.text, c.start) for c in suggest(text) if c.label == "PERSON"}
    assert ("Sergei Volkov", 13) in got and ("Volkov", 42) in got


def test_other_languages_keep_the_rules():
    cands = suggest("Der Außenminister Sergej Lawrow traf sich in Berlin mit Kollegen.")
    assert cands and {c.source for c in cands} <= {"pattern", "registry"}


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("The server speaks HTTP/1.1 to its clients.", "HTTP"),
        ("Follow @Uber_Sydney for the updates on the service.", "Uber"),
    ],
)
def test_model_mentions_respect_word_boundaries(text, inside):
    assert inside not in {c.text for c in suggest(text)}
