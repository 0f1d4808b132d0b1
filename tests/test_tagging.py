from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ReaderError
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

LAVROV_OFFSETS = [(144, 157), (160, 166)]


def test_tag_every_lavrov_mention(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    text = lib.article(article_id).text
    report = lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"])
    assert (report.mentions, report.articles, report.already) == (5, 1, 0)
    marks = lib.annotations(article_id)
    assert [a.exact for a in marks] == ["Sergey Lavrov"] + ["Lavrov"] * 4
    assert [(a.start, a.end) for a in marks[:2]] == LAVROV_OFFSETS
    assert all(text[a.start : a.end] == a.exact for a in marks)
    entity = lib.entity(report.entity_id)
    assert (entity.name, entity.type, entity.aliases) == ("Sergey Lavrov", "PERSON", ["Lavrov"])
    assert {a.entity_id for a in marks} == {entity.id}
    again = lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"])
    assert (again.mentions, again.already) == (0, 5)
    lib.undo()  # the second run wrote nothing, so this undoes the first
    assert lib.annotations(article_id) == [] and lib.entities() == []


def test_word_boundaries_and_case(lib):
    md = paragraphs_to_markdown(["Lavrov met Lavrova; lavrov and LavrovX and Lavrov."])
    lib.add_article(ParsedArticle(title="t", markdown=md))
    report = lib.tag_entity("Lavrov", "PERSON")
    assert report.mentions == 2


def test_dry_run_writes_nothing(lib, seed_path):
    lib.import_file(seed_path)
    report = lib.tag_entity("Joe Biden", "PERSON", ["Biden"], dry_run=True)
    assert (report.mentions, report.dry_run, report.entity_id) == (2, True, None)
    assert lib.count_annotations() == 0 and lib.entities() == []


def test_query_scope(lib, seed_path):
    lib.import_file(seed_path)
    lib.add_article(ParsedArticle(title="Other", markdown="Lavrov spoke in Geneva.\n"))
    report = lib.tag_entity("Lavrov", "PERSON", scope=Scope(query="Geneva"))
    assert (report.mentions, report.articles) == (1, 1)


def test_unknown_type(lib):
    with pytest.raises(ReaderError, match="unknown entity type 'FOO'"):
        lib.tag_entity("X", "FOO")


def test_cli_tag_and_annotations(db_path, seed_path):
    runner = CliRunner()
    base = ["--db", str(db_path)]
    runner.invoke(cli, [*base, "import", str(seed_path)])
    r = runner.invoke(
        cli, [*base, "tag", "--entity", "Sergey Lavrov", "--alias", "Lavrov", "--type", "PERSON"]
    )
    assert r.exit_code == 0
    assert r.output == (
        "tagged 5 mentions of Sergey Lavrov (PERSON) in 1 articles; 0 already tagged\n"
    )
    r = runner.invoke(cli, [*base, "annotations", "1"])
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert len(rows) == 5
    assert list(rows[0])[:10] == [
        "id",
        "article_id",
        "kind",
        "label",
        "start",
        "end",
        "text",
        "note",
        "prefix",
        "suffix",
    ]
    assert [(r["start"], r["end"], r["text"]) for r in rows[:2]] == [
        (144, 157, "Sergey Lavrov"),
        (160, 166, "Lavrov"),
    ]
    r = runner.invoke(cli, [*base, "annotations", "7"])
    assert r.exit_code == 1 and r.output == "Error: no article with id 7\n"
