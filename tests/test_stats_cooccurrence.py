"""Co-occurrence counts pairs among the frequent entities first; the ranking must be that of
counting every pair (checked against a count in Python on a random library)."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.store import stats as stats_store
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


@pytest.mark.parametrize("first_entities", [2, 5, 100])
@pytest.mark.parametrize("limit", [1, 10, 60, 5000])
def test_same_ranking_as_counting_every_pair(lib, monkeypatch, first_entities, limit):
    monkeypatch.setattr(stats_store, "PAIR_ENTITIES", first_entities)
    got = lib._store.stats.cooccurrence(Scope(), limit=limit)
    assert got == brute_force(lib, limit)
    assert len(got) == min(limit, len(brute_force(lib, 10**6)))


def test_within_a_scope(lib, monkeypatch):
    monkeypatch.setattr(stats_store, "PAIR_ENTITIES", 3)
    got = lib._store.stats.cooccurrence(Scope(sources=("S1",)), limit=25)
    assert got == brute_force(lib, 25, source="S1")
    assert lib.statistic("cooccurrence", Scope(sources=("S1",))).rows[:25] == got
