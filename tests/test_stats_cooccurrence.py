"""Co-occurrence counts pairs with numpy (reader/store/cooccurrence.py); the ranking must be
that of counting every pair in Python, on a random library."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.store.exports import bulk_insert_annotations


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    rng = random.Random(5)
    lib = Library(tmp_path_factory.mktemp("cooc") / "library.db")
    lib.add_articles(
        ParsedArticle(title=f"T{i}", markdown=f"Text {i}.", source=f"S{i % 2}") for i in range(300)
    )
    ids = sorted(a.id for a in lib.list_articles(limit=1000))
    entities = [lib.create_entity(f"E{i:02}", "PERSON").id for i in range(40)]
    rows = []
    for article in ids:
        for _ in range(rng.randint(0, 6)):
            e = entities[min(int(rng.paretovariate(1.0)) - 1, 39)]
            if rng.random() < 0.7:
                rows.append((article, "entity", "PERSON", 0, 4, "Text", e, None))
            else:
                rows.append((article, "quote", "QUOTE", 0, 4, "Text", None, e))
    columns = ("article_id", "kind", "label", "start", "end", "exact", "entity_id", "speaker_id")
    bulk_insert_annotations(lib._store.db, columns, iter(rows))
    lib.brute = rows
    lib.source_of = {a: f"S{i % 2}" for i, a in enumerate(ids)}
    yield lib
    lib.close()


def brute_force(lib, limit: int, source: str | None = None) -> list[tuple]:
    """Every pair counted, ranked like the statistic: articles, then names."""
    by_article: dict[int, set[int]] = {}
    for article, _, _, _, _, _, entity_id, speaker_id in lib.brute:
        if source is None or lib.source_of[article] == source:
            by_article.setdefault(article, set()).add(entity_id or speaker_id)
    single = Counter(e for es in by_article.values() for e in es)
    pairs = Counter(p for es in by_article.values() for p in itertools.combinations(sorted(es), 2))
    name = {e.id: e.name for e in lib.entities()}
    n = len(by_article)
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], name[kv[0][0]], name[kv[0][1]]))
    return [
        (a, name[a], b, name[b], both,
         round(both / (single[a] + single[b] - both), 4),
         round(math.log2(both * n / (single[a] * single[b])), 4))
        for (a, b), both in ranked[:limit]
    ]  # fmt: skip


@pytest.mark.parametrize("limit", [1, 10, 60, 5000])
def test_same_ranking_as_counting_every_pair(lib, limit):
    got = lib._store.stats.cooccurrence(Scope(), limit=limit)
    assert got == brute_force(lib, limit)
    assert len(got) == min(limit, len(brute_force(lib, 10**6)))


def test_within_a_scope(lib):
    got = lib._store.stats.cooccurrence(Scope(sources=("S1",)), limit=25)
    assert got == brute_force(lib, 25, source="S1")
    assert lib.statistic("cooccurrence", Scope(sources=("S1",))).rows[:25] == got


def test_within_kinds_every_pair_of_a_crowded_article(tmp_path):
    """Twelve entities in one article (twelve passes of the row comparison), one pair
    elsewhere, an article with one entity, and a kind filter that leaves a quote out."""
    with Library(tmp_path / "library.db") as lib:
        lib.add_articles(ParsedArticle(title=f"T{i}", markdown=f"Text {i}.") for i in range(3))
        a, b, c = sorted(x.id for x in lib.list_articles(limit=10))
        es = [lib.create_entity(f"N{i:02}", "PERSON").id for i in range(12)]
        rows = [(a, "entity", "PERSON", 0, 4, "Text", e, None) for e in reversed(es)]
        rows += [(b, "entity", "PERSON", 0, 4, "Text", es[3], None)]
        rows += [(b, "quote", "QUOTE", 0, 4, "Text", None, es[0])]
        rows += [(c, "entity", "PERSON", 0, 4, "Text", es[5], None)]
        columns = ("article_id", "kind", "label", "start", "end", "exact", "entity_id",
                   "speaker_id")  # fmt: skip
        bulk_insert_annotations(lib._store.db, columns, iter(rows))
        got = lib._store.stats.cooccurrence(Scope(), limit=3)
        # N00-N03 in a and b (2 articles); every other pair in a alone, ranked by names.
        j03 = round(2 / (2 + 2 - 2), 4)
        assert got == [
            (es[0], "N00", es[3], "N03", 2, j03, round(math.log2(2 * 3 / (2 * 2)), 4)),
            (es[0], "N00", es[1], "N01", 1, 0.5, round(math.log2(1 * 3 / (2 * 1)), 4)),
            (es[0], "N00", es[2], "N02", 1, 0.5, round(math.log2(1 * 3 / (2 * 1)), 4)),
        ]
        assert len(lib._store.stats.cooccurrence(Scope(), limit=500)) == 66
        entity_only = lib._store.stats.cooccurrence(Scope(kinds=("entity",)), limit=500)
        assert len(entity_only) == 66
        assert entity_only[0][:5] == (es[0], "N00", es[1], "N01", 1)
        assert lib._store.stats.cooccurrence(Scope(article_ids=(c,)), limit=5) == []


def test_labels_and_entities_added_up_as_one_query_did(tmp_path):
    """Labels are counted per stored label and added up (schema 16): a kind with both no
    label and '' shows one '' row, two labels under one parent count a shared article
    once; unlinked entity marks count by their text beside the linked ones."""
    with Library(tmp_path / "library.db") as lib:
        lib.add_articles(ParsedArticle(title=f"T{i}", markdown=f"Text {i}.") for i in range(3))
        a, b, c = sorted(x.id for x in lib.list_articles(limit=10))
        e = lib.create_entity("Nadia", "PERSON").id
        rows = [
            (a, "highlight", None, None), (b, "highlight", "", None), (b, "highlight", "", None),
            (a, "entity", "PERSON", e), (b, "entity", "PERSON", e), (c, "entity", "ORG", None),
            (c, "entity", "ORG", None), (a, "entity", "LOC", None), (a, "entity", "PERSON", e),
        ]  # fmt: skip
        columns = ("article_id", "kind", "label", "entity_id", "start", "end", "exact")
        bulk_insert_annotations(
            lib._store.db, columns, iter((*r, 0, 4, "Text") for r in rows)
        )  # fmt: skip
        stats = lib._store.stats
        assert stats.labels(Scope()) == [
            ("entity", "PERSON", 3, 2),
            ("highlight", "", 3, 2),
            ("entity", "ORG", 2, 1),
            ("entity", "LOC", 1, 1),
        ]
        assert stats.labels(Scope(), {"ORG": "PERSON", "LOC": "PERSON"}) == [
            ("entity", "PERSON", 6, 3),
            ("highlight", "", 3, 2),
        ]
        assert stats.labels(Scope(article_ids=(a,)), {"LOC": "PERSON"}) == [
            ("entity", "PERSON", 3, 1),
            ("highlight", "", 1, 1),
        ]
        assert stats.entities(Scope()) == [
            (e, "Nadia", "PERSON", 3, 2),
            (None, "Text", "ORG", 2, 1),
            (None, "Text", "LOC", 1, 1),
        ]
