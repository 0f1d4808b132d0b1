"""The library's own entity model: trained on its marks, saved inside it, used first."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown
from reader.text.ner_features import shape, words_of
from reader.text.ner_model import NerModel, detect_language
from reader.text.ner_train import marked_sentences, read_iob, to_iob2, train

# A codebook label Reader does not ship: ships, named in sentences written for the test.
SHIPS = ["Aurora Star", "Blue Heron", "Coral Queen", "Delta Dawn", "Emerald Bay"]
PORTS = ["Valmora", "Kestria", "Dunhollow", "Brisca", "Ostmark"]


def _article(n: int) -> str:
    ship, port = SHIPS[n % 5], PORTS[(n + 2) % 5]
    other = SHIPS[(n + 3) % 5]
    return (
        f"The vessel {ship} left {port} on a grey morning. Crew of the {other} waved as "
        f"the {ship} passed the harbour wall."
    )


def test_words_and_shapes():
    assert shape("Lavrov") == "Xx" and shape("U.S.") == "X.X." and shape("2025") == "d"
    (sent,) = words_of("Mr. Lavrov's U.S. visit-nya.")
    assert [w for _, _, w in sent] == ["Mr.", "Lavrov", "'s", "U.S.", "visit", "-nya", "."]
    assert sent[1][:2] == (4, 10)


def test_iob1_becomes_iob2_and_labels_are_renamed():
    assert to_iob2(["I-PER", "I-PER", "O", "I-LOC", "B-LOC"], {"PER": "PERSON"}) == [
        "B-PERSON",
        "I-PERSON",
        "O",
        "B-LOC",
        "B-LOC",
    ]
    (sent,) = read_iob(["Anis PROPN B-PER", "di ADP O", "Samarinda PROPN B-LOC", ""])
    assert sent == (["Anis", "di", "Samarinda"], ["B-PER", "O", "B-LOC"])


def test_marked_sentences_tag_the_words_of_the_marks():
    text = "The vessel Aurora Star left Valmora. Nothing here.\nThe Blue Heron sailed."
    sents = marked_sentences(text, [(11, 22, "SHIP"), (55, 65, "SHIP")])
    assert sents == [
        (
            ["The", "vessel", "Aurora", "Star", "left", "Valmora", "."],
            ["O", "O", "B-SHIP", "I-SHIP", "O", "O", "O"],
        ),
        (["The", "Blue", "Heron", "sailed", "."], ["O", "B-SHIP", "I-SHIP", "O", "O"]),
    ]


def test_language_of_a_text():
    assert detect_language("Menteri itu tiba di Jakarta dan bertemu dengan presiden.") == "id"
    assert detect_language("The minister arrived in Jakarta and met the president.") == "en"
    assert detect_language("Der Minister kam nach Berlin.") is None


def _library_with_marks(lib: Library, articles: int) -> list[int]:
    ids = []
    for n in range(articles):
        md = paragraphs_to_markdown([_article(n)])
        _, article_id = lib.add_article(ParsedArticle(title=f"t{n}", markdown=md))
        text = lib.article(article_id).text
        for ship in SHIPS:
            pos = text.find(ship)
            while pos >= 0:
                lib.annotate(article_id, "entity", pos, pos + len(ship), "SHIP")
                pos = text.find(ship, pos + 1)
        ids.append(article_id)
    return ids


def test_the_library_model_learns_a_label_reader_does_not_ship(tmp_path):
    with Library(tmp_path / "lib.db") as lib:
        _library_with_marks(lib, 12)
        assert lib.learner.stale()
        assert lib.learn_entities(background=False)
        assert not lib.learner.stale() and not lib.learn_entities(background=False)
        info = lib.learner.info()
        assert info["labels"] == ["SHIP"] and info["marks"] == 36
        md = paragraphs_to_markdown(
            ["The vessel Golden Gull left Kestria at noon. Crew of the Iron Tide waved."]
        )
        _, fresh = lib.add_article(ParsedArticle(title="new", markdown=md))
        found = {(c.text, c.label, c.source) for c in lib.suggest_entities(fresh)}
        # Ship names it never saw, in the registry neither.
        assert ("Golden Gull", "SHIP", "library") in found
        assert ("Iron Tide", "SHIP", "library") in found
    # Saved inside the library: a new session uses it without training.
    with Library(tmp_path / "lib.db") as lib:
        assert lib.learner.model() is not None and not lib.learner.stale()
        cands = [c for c in lib.suggest_entities(fresh) if c.source == "library"]
        assert {c.text for c in cands} >= {"Golden Gull", "Iron Tide"}
        assert all(0.0 < c.confidence <= 1.0 for c in cands)
        high = lib.suggest_entities(fresh, min_confidence=1.01)
        assert high == []


def test_cli_learn(db_path):
    with Library(db_path) as lib:
        _library_with_marks(lib, 8)
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db_path), "learn"])
    assert result.exit_code == 0 and result.output == "trained on 24 marks (SHIP)\n"
    result = runner.invoke(cli, ["--db", str(db_path), "learn"])
    assert result.output == "the model is up to date (or there are too few marks)\n"


def test_training_runs_in_the_background_and_is_saved_by_the_next_call(lib):
    ids = _library_with_marks(lib, 10)
    assert lib.learn_entities(background=True)
    assert not lib.learn_entities(background=True)  # one training at a time
    lib.learner.wait(60)
    assert not lib.learner.training and lib.learner.info()["marks"] == 30
    # A new mark makes the model stale again.
    article_id = ids[0]
    text = lib.article(article_id).text
    pos = text.find("grey")
    lib.annotate(article_id, "entity", pos, pos + 4, "MISC")
    assert lib.learner.stale()


def test_few_marks_train_nothing(lib):
    _library_with_marks(lib, 2)
    assert not lib.learner.stale() and not lib.learn_entities(background=False)
    assert lib.learner.model() is None


def test_a_tiny_model_tags_what_it_was_taught(tmp_path):
    sents = [
        (
            ["Ships", "like", "Aurora", "Star", "sail", "."],
            ["O", "O", "B-SHIP", "I-SHIP", "O", "O"],
        ),
        (["The", "Blue", "Heron", "docked", "."], ["O", "B-SHIP", "I-SHIP", "O", "O"]),
    ] * 5
    path = tmp_path / "m.crfsuite"
    info = train(sents, path, max_iterations=30)
    assert info["iterations"] == 30 and path.stat().st_size > 0
    model = NerModel(path)
    assert model.labels == ["SHIP"]
    tags = [t for t, _ in model.tag(["The", "Aurora", "Star", "docked", "."])]
    assert tags == ["O", "B-SHIP", "I-SHIP", "O", "O"]


def test_cli_suggest_min_confidence(db_path):
    runner = CliRunner()
    with Library(db_path) as lib:
        md = paragraphs_to_markdown(
            [
                "The mayor of Valmora, Lena Hoff, met Peter Mandelson in Athens on Monday. "
                'She went on "Morning Joe" afterwards. “We will rebuild every school,” '
                "said Lena Hoff."
            ]
        )
        _, article_id = lib.add_article(ParsedArticle(title="t", markdown=md))

    def rows(*args: str) -> list[dict]:
        result = runner.invoke(cli, ["--db", str(db_path), "suggest", *args, str(article_id)])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    quotes = rows("quotes")
    assert [(q["text"], q["confidence"]) for q in quotes] == [
        ("Morning Joe", 0.2),
        ("We will rebuild every school,", 0.95),
    ]
    assert quotes[1]["speaker"] == "Lena Hoff" and quotes[1]["speaker_confidence"] == 0.9
    assert [q["text"] for q in rows("quotes", "--min-confidence", "0.5")] == [
        "We will rebuild every school,"
    ]
    entities = rows("entities")
    assert {"text", "label", "source", "confidence"} <= set(entities[0])
    sure = rows("entities", "--min-confidence", "0.85")
    assert sure and all(e["confidence"] >= 0.85 for e in sure)
    assert len(sure) < len(entities) or all(e["confidence"] >= 0.85 for e in entities)
    athens = next(e for e in entities if e["text"] == "Athens")
    assert athens["label"] == "LOCATION" and athens["source"] in ("model", "rule")


@pytest.mark.parametrize("bad", ["-0.1", "1.5", "x"])
def test_cli_min_confidence_out_of_range(db_path, bad):
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "suggest", "entities", "1", "--min-confidence", bad]
    )
    assert result.exit_code != 0 and "Traceback" not in result.output
