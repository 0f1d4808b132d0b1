"""Schema v3: annotation counts kept by triggers, migrated from v2 with data."""

from __future__ import annotations

import sqlite_utils

from reader.library import Library
from reader.model import ParsedArticle
from reader.store import schema
from reader.store.schema import APPLICATION_ID, SCHEMA_VERSION


def _article(lib: Library, title: str) -> int:
    body = f"{title} said the talks in Istanbul would resume next week.\n"
    return lib.add_article(ParsedArticle(title=title, markdown=body))[1]


def _counts(lib: Library) -> dict[int, int]:
    return {s.id: s.annotation_count for s in lib.list_articles(0, 100, "id", False)}


def test_counts_follow_every_change():
    with Library(None, annotator="t") as lib:
        a, b = _article(lib, "Alpha"), _article(lib, "Beta")
        assert _counts(lib) == {a: 0, b: 0}
        first = lib.annotate(a, "highlight", 0, 5)
        lib.annotate(a, "quote", 6, 10)
        lib.annotate(b, "highlight", 0, 4)
        assert _counts(lib) == {a: 2, b: 1}
        lib.delete_annotation(first.id)
        assert _counts(lib) == {a: 1, b: 1}
        lib.undo()  # the deleted annotation comes back
        assert _counts(lib) == {a: 2, b: 1}
        lib.delete_article(b)
        assert _counts(lib) == {a: 2}
        c = _article(lib, "Gamma")
        assert _counts(lib) == {a: 2, c: 0}
        ordered = [s.id for s in lib.list_articles(0, 10, "annotation_count", True)]
        assert ordered == [a, c]
        ordered = [s.id for s in lib.list_articles(0, 10, "annotation_count", False)]
        assert ordered == [c, a]


def test_migration_from_version_2_counts_existing_annotations(tmp_path):
    path = tmp_path / "v2.db"
    db = sqlite_utils.Database(path)
    with db.atomic():
        for migration in schema.MIGRATIONS[:2]:
            migration(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 2")
    for i, title in enumerate(("One", "Two", "Three"), start=1):
        db["articles"].insert(
            {
                "id": i,
                "title": title,
                "markdown": f"{title} body\n",
                "text": f"{title} body",
                "blocks": "[]",
                "content_hash": str(i) * 64,
            }
        )
    rows = [(1, 0, 3), (1, 4, 8), (1, 0, 8), (3, 0, 5)]
    db["annotations"].insert_all(
        {"article_id": art, "kind": "highlight", "start": s, "end": e, "exact": "x"}
        for art, s, e in rows
    )
    db.close()
    with Library(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        assert _counts(lib) == {1: 3, 2: 0, 3: 1}
        assert [s.id for s in lib.list_articles(0, 10, "annotation_count", True)] == [1, 3, 2]
        lib.annotate(2, "highlight", 0, 3)
        assert _counts(lib) == {1: 3, 2: 1, 3: 1}
    assert list(tmp_path.glob("v2.db.v2-*.bak")), "a backup is written before the upgrade"


def test_search_pages_agree_whichever_plan(monkeypatch):
    """A page of search results is the same whether the matches or the index lead."""
    from reader.model import Scope
    from reader.store import articles

    with Library(None, annotator="t") as lib:
        ids = [_article(lib, f"Talks {i}") for i in range(6)]
        other = lib.add_article(ParsedArticle(title="Weather", markdown="Rain today.\n"))[1]
        lib.annotate(ids[2], "highlight", 0, 5)
        lib.annotate(ids[2], "highlight", 6, 10)
        lib.annotate(ids[4], "highlight", 0, 5)
        scope = Scope(query="istanbul", prefix=True)
        pages = {}
        for few in (1000, 2):
            monkeypatch.setattr(articles, "FEW_MATCHES", few)
            pages[few] = [
                [s.id for s in lib.list_articles(0, 4, order, desc, scope)]
                for order, desc in (("imported_at", True), ("annotation_count", True))
            ]
        assert pages[1000] == pages[2]
        assert pages[2][0] == [ids[5], ids[4], ids[3], ids[2]]
        assert pages[2][1] == [ids[2], ids[4], ids[5], ids[3]]
        assert lib.count_articles(scope) == 6
        assert other not in pages[2][0]


def test_a_remembered_count_goes_with_any_change(tmp_path):
    """The list asks whether a search it just counted has many matches from that count;
    a write of this connection or another's commit makes it count again."""
    from reader.model import Scope

    path = tmp_path / "library.db"
    scope = Scope(query="istanbul", prefix=True)
    with Library(path, annotator="t") as lib:
        for i in range(6):
            _article(lib, f"Talks {i}")
        table = lib._store.articles
        assert lib.count_articles(scope) == 6
        assert table._matches_at_least(scope, 6) and not table._matches_at_least(scope, 7)
        _article(lib, "Talks 6")  # this connection
        assert table._matches_at_least(scope, 7)
        assert lib.count_articles(scope) == 7
        with Library(path, annotator="u") as other:  # another connection commits
            _article(other, "Talks 7")
        assert table._matches_at_least(scope, 8)
        assert lib.count_articles(scope) == 8
