from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ReaderError


@pytest.fixture
def tagged(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    lavrov = lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"]).entity_id
    return lib, article_id, lavrov


def test_summaries_count_mentions_articles_quotes(tagged):
    lib, article_id, lavrov = tagged
    text = lib.article(article_id).text
    q = text.index("masalah sistemik")
    quote = lib.annotate(
        article_id,
        "quote",
        q,
        q + len("masalah sistemik"),
        speaker_id=lavrov,
        cue="menurut",
        quote_type="direct",
    )
    biden = lib.tag_entity("Joe Biden", "PERSON", ["Biden"]).entity_id
    rows = [(s.entity.name, s.mentions, s.articles, s.quotes) for s in lib.entity_summaries()]
    assert rows == [("Sergey Lavrov", 5, 1, 1), ("Joe Biden", 2, 1, 0)]
    assert [s.entity.id for s in lib.entity_summaries("PERSON")] == [lavrov, biden]
    assert lib.entity_summaries("ORG") == []
    mentions = lib.mentions(lavrov)
    assert [(m.role, m.text) for m in mentions] == [
        ("mention", "Sergey Lavrov"),
        ("mention", "Lavrov"),
        ("speaker", "masalah sistemik"),
        ("mention", "Lavrov"),
        ("mention", "Lavrov"),
        ("mention", "Lavrov"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert {m.annotation_id for m in mentions if m.role == "speaker"} == {quote.id}


def test_merge_keeps_all_links_and_undoes(tagged):
    lib, article_id, lavrov = tagged
    dup = lib.create_entity("S. Lavrov", "PERSON", wikidata="https://www.wikidata.org/wiki/Q7390")
    text = lib.article(article_id).text
    s = text.index("diplomat itu")
    mention = lib.annotate(article_id, "entity", s, s + 12, "PERSON", entity_id=dup.id)
    q = text.index("membersihkan warisan")
    quote = lib.annotate(article_id, "quote", q, q + 20, speaker_id=dup.id)
    merged = lib.merge_entities(lavrov, dup.id)
    assert merged.aliases == ["Lavrov", "S. Lavrov"]
    assert merged.wikidata == "Q7390"
    assert lib.annotation(mention.id).entity_id == lavrov
    assert lib.annotation(quote.id).speaker_id == lavrov
    assert [e.name for e in lib.entities()] == ["Sergey Lavrov"]
    assert lib.entity_summaries()[0].mentions == 6
    lib.undo()
    assert lib.entity(dup.id).name == "S. Lavrov"
    assert lib.annotation(mention.id).entity_id == dup.id
    assert lib.annotation(quote.id).speaker_id == dup.id
    assert lib.entity(lavrov).aliases == ["Lavrov"]
    lib.redo()
    assert lib.annotation(quote.id).speaker_id == lavrov


def test_rename_aliases_and_checks(tagged):
    lib, _, lavrov = tagged
    e = lib.update_entity(
        lavrov, name="Sergei Lavrov", aliases=["Lavrov", "Lavrov", " S. V. Lavrov "]
    )
    # the old name stays as an alias (issue 14, bug 6)
    assert (e.name, e.aliases) == ("Sergei Lavrov", ["Lavrov", "S. V. Lavrov", "Sergey Lavrov"])
    lib.create_entity("Joe Biden", "PERSON")
    with pytest.raises(ReaderError, match="merge"):
        lib.update_entity(lavrov, name="Joe Biden")
    with pytest.raises(ReaderError, match="Wikidata"):
        lib.update_entity(lavrov, wikidata="lavrov")
    with pytest.raises(ReaderError, match="unknown entity type"):
        lib.create_entity("X", "ANIMAL")
    with pytest.raises(ReaderError, match="itself"):
        lib.merge_entities(lavrov, lavrov)


def test_delete_entity_unlinks(tagged):
    lib, article_id, lavrov = tagged
    lib.delete_entity(lavrov)
    assert lib.entities() == []
    assert len(lib.annotations(article_id)) == 5
    assert {a.entity_id for a in lib.annotations(article_id)} == {None}
    lib.undo()
    assert {a.entity_id for a in lib.annotations(article_id)} == {lavrov}


def test_cli_entities(db_path, seed_path):
    runner = CliRunner()
    base = ["--db", str(db_path)]
    runner.invoke(cli, [*base, "import", str(seed_path)])
    runner.invoke(
        cli, [*base, "tag", "--entity", "Sergey Lavrov", "--alias", "Lavrov", "--type", "PERSON"]
    )
    runner.invoke(cli, [*base, "tag", "--entity", "Lavrov S.", "--type", "PERSON"])
    r = runner.invoke(cli, [*base, "entities", "list"])
    assert r.output.splitlines()[0] == (
        "    1  Sergey Lavrov (PERSON)  aka Lavrov  [5 mentions, 1 articles, 0 quotes]"
    )
    r = runner.invoke(cli, [*base, "entities", "alias", "1", "Sergei Lavrov"])
    assert r.output == "Lavrov\nSergei Lavrov\n"
    r = runner.invoke(cli, [*base, "entities", "merge", "1", "2"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, [*base, "entities", "list", "--json"])
    (row,) = [json.loads(line) for line in r.output.splitlines()]
    assert row["aliases"] == ["Lavrov", "Sergei Lavrov", "Lavrov S."]
    r = runner.invoke(cli, [*base, "entities", "merge", "1", "9"])
    assert r.exit_code == 1 and r.output == "Error: no entity with id 9\n"


def test_manual_entity_mark_links_to_registry(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    text = lib.article(article_id).text
    lavrov = lib.create_entity("Sergey Lavrov", "PERSON", aliases=["Lavrov"])
    s = text.index("Lavrov menyampaikan")
    by_alias = lib.annotate(article_id, "entity", s, s + 6, "PERSON")
    assert by_alias.entity_id == lavrov.id
    s = text.index("Lynne Tracy")
    new = lib.annotate(article_id, "entity", s, s + 11, "PERSON")
    tracy = lib.entity(new.entity_id)
    assert (tracy.name, tracy.type) == ("Lynne Tracy", "PERSON")
    # The same form with another type is another entity.
    other = lib.annotate(article_id, "entity", s, s + 11, "ORG")
    assert other.entity_id not in (tracy.id, lavrov.id)
    lib.undo()
    lib.undo()
    assert [e.name for e in lib.entities()] == ["Sergey Lavrov"]
