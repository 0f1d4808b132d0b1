"""Statistics against a small hand-counted library."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ReaderError
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

ARTICLES = [
    # title, source, published, paragraphs
    ("A1", "Wire", "2025-01-10", ["Lavrov met Biden in Doha. “We agree,” Lavrov said."]),
    ("A2", "Wire", "2025-02-03", ["Biden spoke. “No deal,” said Biden. Lavrov left Doha."]),
    ("A3", "Daily", "2025-02-20", ["Lavrov: “Talks go on.” Zakharova added “Soon.”"]),
    ("A4", "Daily", None, ["Nothing to see here."]),
]


def _quote(lib, article_id, inner, speaker_id):
    text = lib.article(article_id).text
    s = text.index(inner)
    return lib.annotate(article_id, "quote", s, s + len(inner), speaker_id=speaker_id)


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "library.db"
    lib = Library(path, annotator="ana")
    ids = []
    for title, source, published, paras in ARTICLES:
        _, article_id = lib.add_article(
            ParsedArticle(
                title=title,
                markdown=paragraphs_to_markdown(paras),
                source=source,
                published=published,
                language="en",
            )
        )
        ids.append(article_id)
    lavrov = lib.tag_entity("Lavrov", "PERSON").entity_id  # A1×2, A2×1, A3×1
    biden = lib.tag_entity("Biden", "PERSON").entity_id  # A1×1, A2×2
    doha = lib.tag_entity("Doha", "LOCATION").entity_id  # A1, A2
    zakharova = lib.create_entity("Zakharova", "PERSON").id  # quoted only
    _quote(lib, ids[0], "We agree,", lavrov)
    _quote(lib, ids[1], "No deal,", biden)
    _quote(lib, ids[2], "Talks go on.", lavrov)
    _quote(lib, ids[2], "Soon.", zakharova)
    lib.annotator = "ben"
    lib.annotate(ids[3], "highlight", 0, 7)
    lib.ids = dict(
        zip(["lavrov", "biden", "doha", "zakharova"], [lavrov, biden, doha, zakharova], strict=True)
    )
    yield lib
    lib.close()


def test_speakers(lib):
    assert lib.statistic("speakers").rows == [
        (lib.ids["lavrov"], "Lavrov", "PERSON", 2, 2),
        (lib.ids["biden"], "Biden", "PERSON", 1, 1),
        (lib.ids["zakharova"], "Zakharova", "PERSON", 1, 1),
    ]


def test_entities(lib):
    rows = [(r[1], r[2], r[3], r[4]) for r in lib.statistic("entities").rows]
    assert rows == [
        ("Lavrov", "PERSON", 4, 3),
        ("Biden", "PERSON", 3, 2),
        ("Doha", "LOCATION", 2, 2),
    ]


def test_labels_and_annotators(lib):
    assert lib.statistic("labels").rows == [
        ("entity", "PERSON", 7, 3),
        ("quote", "QUOTE", 4, 3),
        ("entity", "LOCATION", 2, 2),
        ("highlight", "important", 1, 1),
    ]
    assert lib.statistic("annotators").rows == [("ana", 13, 3), ("ben", 1, 1)]


def test_sources_languages_timeline(lib):
    assert lib.statistic("sources").rows == [("Daily", 2, 4, 2), ("Wire", 2, 10, 2)]
    assert lib.statistic("languages").rows == [("en", 4, 14, 4)]
    assert lib.statistic("timeline").rows == [("2025-01", 1, 1), ("2025-02", 2, 3)]


def test_speakers_by_source(lib):
    rows = [(r[1], r[2], r[3]) for r in lib.statistic("speakers-by-source").rows]
    assert rows == [
        ("Biden", "Wire", 1),
        ("Lavrov", "Daily", 1),
        ("Lavrov", "Wire", 1),
        ("Zakharova", "Daily", 1),
    ]


def test_cooccurrence(lib):
    rows = {(r[1], r[3]): r[4:] for r in lib.statistic("cooccurrence").rows}
    # Lavrov in A1 A2 A3, Biden A1 A2, Doha A1 A2, Zakharova A3; 3 articles with entities.
    assert rows[("Lavrov", "Biden")] == (
        2,
        round(2 / 3, 4),
        round(__import__("math").log2(2 * 3 / (3 * 2)), 4),
    )
    assert rows[("Biden", "Doha")] == (2, 1.0, round(__import__("math").log2(2 * 3 / (2 * 2)), 4))
    assert rows[("Lavrov", "Zakharova")][0] == 1
    assert len(rows) == 4


def test_scope(lib):
    wire = Scope(sources=("Wire",))
    assert [r[1:4] for r in lib.statistic("speakers", wire).rows] == [
        ("Biden", "PERSON", 1),
        ("Lavrov", "PERSON", 1),
    ]
    since = Scope(since="2025-02-01")
    assert [r[3] for r in lib.statistic("speakers", since).rows] == [1, 1, 1]
    assert lib.statistic("timeline", Scope(query="Zakharova")).rows == [("2025-02", 1, 2)]
    assert lib.statistic("labels", Scope(labels=("LOCATION",))).rows == [
        ("entity", "LOCATION", 2, 2)
    ]


def test_unknown_statistic(lib):
    with pytest.raises(ReaderError, match="unknown statistic"):
        lib.statistic("nope")


def test_cli_matches_core(lib):
    r = CliRunner().invoke(cli, ["--db", str(lib.path), "stats", "entities", "--format", "json"])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert [(d["entity"], d["mentions"]) for d in rows] == [
        (row[1], row[3]) for row in lib.statistic("entities").rows
    ]
    r = CliRunner().invoke(cli, ["--db", str(lib.path), "stats", "speakers", "--source", "Daily"])
    assert r.output.splitlines()[2].split()[1:4] == ["Lavrov", "PERSON", "1"]


def test_per_source_language_and_month_counts_follow_a_coder_filter():
    """A coder filter counts only that coder's marks and quotes, not only their articles."""
    with Library(None, annotator="ana") as lib:
        _, a = lib.add_article(
            ParsedArticle(
                title="Both coded",
                markdown=paragraphs_to_markdown(["“We agree,” Lavrov said. “Soon,” he added."]),
                source="Wire",
                published="2025-03-01",
                language="en",
            )
        )
        _quote(lib, a, "We agree,", None)
        _quote(lib, a, "Soon,", None)
        lib.annotator = "ben"
        _quote(lib, a, "We agree,", None)
        ben = Scope(annotators=("ben",))
        assert lib.statistic("sources").rows == [("Wire", 1, 3, 3)]
        assert lib.statistic("sources", ben).rows == [("Wire", 1, 1, 1)]
        assert lib.statistic("languages", ben).rows == [("en", 1, 1, 1)]
        assert lib.statistic("timeline", ben).rows == [("2025-03", 1, 1)]
        assert lib.statistic("timeline", Scope(annotators=("ana",))).rows == [("2025-03", 1, 2)]
