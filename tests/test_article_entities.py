"""`article_entities` (schema 5) always equals what the annotations say."""

from __future__ import annotations

import random

from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown


def _expected(lib):
    rows = lib._store.db.execute(
        """SELECT article_id, entity_id, count(*) FROM (
             SELECT article_id, entity_id FROM annotations WHERE entity_id IS NOT NULL
             UNION ALL
             SELECT article_id, speaker_id FROM annotations WHERE speaker_id IS NOT NULL)
           GROUP BY 1, 2"""
    ).fetchall()
    return {(a, e): n for a, e, n in rows}


def _table(lib):
    rows = lib._store.db.execute("SELECT article_id, entity_id, annotations FROM article_entities")
    return {(a, e): n for a, e, n in rows}


def test_kept_by_triggers_through_every_kind_of_change(lib):
    rng = random.Random(4)
    ids = []
    for i in range(4):
        md = paragraphs_to_markdown([f"Lavrov met Biden and Tracy in Doha, story {i}."])
        ids.append(lib.add_article(ParsedArticle(title=f"T{i}", markdown=md))[1])
    lavrov = lib.tag_entity("Lavrov", "PERSON").entity_id
    biden = lib.tag_entity("Biden", "PERSON").entity_id
    tracy = lib.create_entity("Tracy", "PERSON").id
    assert _table(lib) == _expected(lib) and len(_table(lib)) == 8
    made = []
    for _ in range(30):
        article = rng.choice(ids)
        op = rng.random()
        if op < 0.4 or not made:
            a = lib.annotate(article, "quote", 0, 10, speaker_id=rng.choice([lavrov, tracy]))
            made.append(a.id)
        elif op < 0.6:
            lib.update_annotation(rng.choice(made), speaker_id=rng.choice([biden, None]))
        elif op < 0.75:
            lib.delete_annotation(made.pop(rng.randrange(len(made))))
        elif op < 0.9:
            lib.undo()
        else:
            lib.redo()
        assert _table(lib) == _expected(lib)
    lib.merge_entities(lavrov, tracy)
    assert _table(lib) == _expected(lib)
    lib.delete_entity(biden)
    assert _table(lib) == _expected(lib)
    lib.delete_article(ids[0])
    assert _table(lib) == _expected(lib)
    assert all(n > 0 for n in _table(lib).values())


def test_cooccurrence_same_with_and_without_the_table(lib):
    from reader.model import Scope

    for i, names in enumerate((["Lavrov", "Biden"], ["Lavrov", "Doha"], ["Biden", "Doha"])):
        md = paragraphs_to_markdown([" and ".join(names) + f" in story {i}."])
        lib.add_article(ParsedArticle(title=f"S{i}", markdown=md))
    for name, type_ in (("Lavrov", "PERSON"), ("Biden", "PERSON"), ("Doha", "LOCATION")):
        lib.tag_entity(name, type_)
    whole = lib.statistic("cooccurrence").rows
    # A label filter takes the path over the annotations themselves.
    every_label = Scope(labels=("PERSON", "LOCATION"))
    assert lib.statistic("cooccurrence", every_label).rows == whole
    assert lib.statistic("cooccurrence", Scope(query="story")).rows == whole
    assert [(r[1], r[3], r[4]) for r in whole] == [
        ("Biden", "Doha", 1),
        ("Lavrov", "Biden", 1),
        ("Lavrov", "Doha", 1),
    ]
