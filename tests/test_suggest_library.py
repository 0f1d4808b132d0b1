"""Suggestions through the Library: filtered by what is marked, accepted as annotations."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reader.cli import cli
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

PERSONS = {
    "Sergey Lavrov",
    "Barack Obama",
    "Joe Biden",
    "Lynne Tracy",
    "Anatoly Antonov",
    "Aleksandr Darchiev",
    "Maria Zakharova",
}


def test_seed_review_to_the_end(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    quotes = lib.suggest_quotes(article_id)
    assert [q.text for q in quotes] == [
        "cepat dan efektif kita dapat bergerak maju,",
        "masalah sistemik",
        "tindakan melanggar hukum pemerintahan AS sebelumnya untuk menciptakan hambatan buatan",
        "membersihkan warisan",
    ]
    n_entities = len(lib.suggest_entities(article_id))
    assert lib.accept_all(article_id, "entities") == n_entities
    # The registry has learned the names: their other mentions are suggested now.
    again = lib.suggest_entities(article_id)
    assert again and {c.source for c in again} == {"registry"}
    lib.accept_all(article_id, "entities")
    assert lib.suggest_entities(article_id) == []
    assert lib.accept_all(article_id, "quotes") == 4
    assert lib.suggest_quotes(article_id) == []

    marks = lib.annotations(article_id)
    text = lib.article(article_id).text
    assert all(text[a.start : a.end] == a.exact and a.origin == "suggested" for a in marks)
    people = {lib.entity(a.entity_id).name for a in marks if a.label == "PERSON"}
    assert people >= PERSONS
    lavrov = lib.find_entity("Sergey Lavrov", "PERSON")
    assert "Lavrov" in lavrov.aliases
    lavrov_marks = [a for a in marks if a.kind == "entity" and a.exact == "Lavrov"]
    assert lavrov_marks and {a.entity_id for a in lavrov_marks} == {lavrov.id}
    quote_marks = [a for a in marks if a.kind == "quote"]
    assert [(a.speaker_id, a.quote_type) for a in quote_marks] == [(lavrov.id, "direct")] * 4
    assert [a.cue for a in quote_marks][:3] == ["tambah", "menurut", "menurut"]
    first = quote_marks[0]
    assert text[first.speaker_start : first.speaker_end] == "diplomat itu"
    assert lib.statistic("speakers").rows[0][1:4] == ("Sergey Lavrov", "PERSON", 4)

    assert lib.undo_name == "Accept all quotes"
    lib.undo()
    assert [a for a in lib.annotations(article_id) if a.kind == "quote"] == []
    lib.undo()
    lib.undo()
    assert lib.annotations(article_id) == [] and lib.entities() == []


def test_split_quote_is_one_quote(lib):
    md = paragraphs_to_markdown(
        ["“We will meet again,” said Minister Jane Smith, “and we will agree.” Then she left."]
    )
    _, article_id = lib.add_article(ParsedArticle(title="t", markdown=md))
    (q,) = lib.suggest_quotes(article_id)
    assert len(q.parts) == 2
    made = lib.accept_quote(article_id, q, speaker="Jane Smith", quote_type="mixed")
    assert [m.exact for m in made] == ["We will meet again,", "and we will agree."]
    assert {lib.annotation(m.id).group_id for m in made} == {made[0].id}
    assert lib.statistic("speakers").rows[0][1:4] == ("Jane Smith", "PERSON", 1)
    lib.undo()
    assert lib.annotations(article_id) == []


def test_cli_suggest(db_path, seed_path):
    runner = CliRunner()
    base = ["--db", str(db_path)]
    runner.invoke(cli, [*base, "import", str(seed_path)])
    r = runner.invoke(cli, [*base, "suggest", "quotes", "1"])
    first = json.loads(r.output.splitlines()[0])
    assert {k: first[k] for k in ("text", "speaker", "cue", "type")} == {
        "text": "cepat dan efektif kita dapat bergerak maju,",
        "speaker": "Sergey Lavrov",
        "cue": "tambah",
        "type": "direct",
    }
    assert first["speaker_mention"] == "diplomat itu"
    r = runner.invoke(cli, [*base, "suggest", "entities", "1"])
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {"text", "start", "end", "label"} <= set(rows[0])
    assert ("Maria Zakharova", "PERSON") in {(x["text"], x["label"]) for x in rows}
    r = runner.invoke(cli, [*base, "suggest", "quotes", "1", "--accept"])
    assert r.output == "accepted 4 quotes\n"
    r = runner.invoke(cli, [*base, "suggest", "quotes", "1"])
    assert r.output == ""
