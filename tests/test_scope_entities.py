"""Scope by entity: the articles that name or quote an entity (what a chart click selects)."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

ARTICLES = [
    ("A1", ["Lavrov met Biden in Doha. “We agree,” Lavrov said."]),
    ("A2", ["Biden spoke. “No deal,” said Biden."]),
    ("A3", ["“Talks go on,” an official said in Doha."]),
    ("A4", ["Nothing to see here."]),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("scope") / "library.db")
    ids = [
        lib.add_article(ParsedArticle(title=t, markdown=paragraphs_to_markdown(p)))[1]
        for t, p in ARTICLES
    ]
    lavrov = lib.tag_entity("Lavrov", "PERSON").entity_id  # named in A1
    biden = lib.tag_entity("Biden", "PERSON").entity_id  # named in A1, A2
    doha = lib.tag_entity("Doha", "LOCATION").entity_id  # named in A1, A3
    text = lib.article(ids[2]).text
    s = text.index("Talks go on,")
    lib.annotate(ids[2], "quote", s, s + len("Talks go on,"), speaker_id=lavrov)  # quoted in A3
    lib.ids = dict(zip(["a1", "a2", "a3", "a4"], ids, strict=True))
    lib.ents = {"lavrov": lavrov, "biden": biden, "doha": doha}
    yield lib
    lib.close()


def listed(lib, **fields) -> list[str]:
    scope = Scope(**fields)
    titles = sorted(a.title for a in lib.list_articles(limit=100, scope=scope))
    assert lib.count_articles(scope) == len(titles)
    return titles


def test_any_of_the_entities_named_or_quoted(lib):
    e = lib.ents
    assert listed(lib, entity_ids=(e["lavrov"],)) == ["A1", "A3"]
    assert listed(lib, entity_ids=(e["biden"],)) == ["A1", "A2"]
    assert listed(lib, entity_ids=(e["biden"], e["doha"])) == ["A1", "A2", "A3"]


def test_all_of_the_entities(lib):
    e = lib.ents
    assert listed(lib, entity_ids=(e["biden"], e["doha"]), all_entities=True) == ["A1"]
    assert listed(lib, entity_ids=(e["lavrov"], e["doha"]), all_entities=True) == ["A1", "A3"]
    assert listed(lib, entity_ids=(e["lavrov"], e["lavrov"]), all_entities=True) == ["A1", "A3"]
    assert listed(lib, entity_ids=(e["lavrov"], e["biden"], e["doha"]), all_entities=True) == ["A1"]


def test_role_narrows_to_quoted_or_named(lib):
    e = lib.ents
    assert listed(lib, entity_ids=(e["lavrov"],), entity_role="speaker") == ["A3"]
    assert listed(lib, entity_ids=(e["lavrov"],), entity_role="mention") == ["A1"]
    assert listed(lib, entity_ids=(e["biden"],), entity_role="speaker") == []
    with pytest.raises(ValueError):
        listed(lib, entity_ids=(e["biden"],), entity_role="author")


def test_combines_with_the_rest_of_the_scope(lib):
    e = lib.ents
    assert listed(lib, entity_ids=(e["doha"],), query="official") == ["A3"]
    assert listed(lib, entity_ids=(e["biden"],), article_ids=(lib.ids["a2"], lib.ids["a4"])) == [
        "A2"
    ]
    assert listed(lib, entity_ids=(9999,)) == []


def test_statistics_take_the_entity_scope(lib):
    e = lib.ents
    rows = lib.statistic("entities", Scope(entity_ids=(e["lavrov"],))).rows
    # the articles quoting or naming Lavrov are A1 (twice named) and A3; Doha is in both
    assert {r[1]: (r[3], r[4]) for r in rows} == {
        "Lavrov": (2, 1),
        "Biden": (1, 1),
        "Doha": (2, 2),
    }
