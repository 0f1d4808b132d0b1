"""A plain search's pages read from the full-text index (reader/store/search_pages.py)
are the pages that sorting every match gives, whatever the import times."""

from __future__ import annotations

import itertools

import pytest

from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.store import search_pages

# Articles 1..8; those with the word "talks" match. Repeats change bm25, so that ranks
# differ, and equal texts but for the number tie, so that ties go by id.
BODIES = [
    "talks talks in Istanbul 1",
    "weather only 2",
    "talks in Istanbul 3",
    "talks in Istanbul 4",
    "talks talks talks 5",
    "weather again 6",
    "talks in Istanbul 7",
    "talks in Istanbul 8",
]
MATCHES = [1, 3, 4, 5, 7, 8]


@pytest.fixture
def lib():
    with Library(None, annotator="t") as lib:
        for i, body in enumerate(BODIES, start=1):
            assert lib.add_article(ParsedArticle(title=f"A{i}", markdown=body + "\n"))[1] == i
        lib.annotate(4, "highlight", 0, 5)
        yield lib


def _imported(lib: Library, times: dict[int, str | None]) -> None:
    for article_id, at in times.items():
        lib._store.db.execute("UPDATE articles SET imported_at = ? WHERE id = ?", [at, article_id])


def _expected(lib: Library, descending: bool) -> list[int]:
    """Every match sorted by import time, ties by id, NULL first ascending (SQLite's)."""
    rows = lib._store.db.execute("SELECT id, imported_at FROM articles").fetchall()
    rows = [r for r in rows if r[0] in MATCHES]
    rows.sort(key=lambda r: (r[1] is not None, r[1] or "", r[0]), reverse=descending)
    return [r[0] for r in rows]


def _page(lib: Library, offset: int, limit: int, order: str, descending: bool) -> list[int]:
    scope = Scope(query="talks", prefix=True)
    return [s.id for s in lib.list_articles(offset, limit, order, descending, scope)]


ORDERED = {f"2026-01-01T00:00:0{i}Z": i for i in range(1, 9)}
TIMES = {
    "in id order": {i: at for at, i in ORDERED.items()},
    "all at once": dict.fromkeys(range(1, 9), "2026-01-01T00:00:00Z"),
    "an old article imported last": {**{i: at for at, i in ORDERED.items()}, 1: "2027-01-01"},
    "a new article imported first": {**{i: at for at, i in ORDERED.items()}, 8: "2025-01-01"},
    "one without a time": {**{i: at for at, i in ORDERED.items()}, 7: None},
    "shuffled": dict(zip(range(1, 9), ["5", "1", "8", "2", "7", "3", "6", "4"], strict=True)),
}


@pytest.mark.parametrize("times", TIMES.values(), ids=TIMES.keys())
@pytest.mark.parametrize("descending", [True, False])
def test_import_order_pages_are_those_of_sorting_every_match(lib, times, descending):
    _imported(lib, times)
    expected = _expected(lib, descending)
    for offset, limit in ((0, 2), (0, 3), (2, 2), (1, 4), (4, 10), (0, 100), (6, 5)):
        got = _page(lib, offset, limit, "imported_at", descending)
        assert got == expected[offset : offset + limit], (offset, limit)


def test_import_order_in_id_order_is_read_from_the_index(lib, monkeypatch):
    """The index's page is used when it is the right one, and refused when not."""
    _imported(lib, TIMES["in id order"])
    used = []
    real = search_pages.by_import
    monkeypatch.setattr(search_pages, "by_import", lambda *a: used.append(real(*a)) or used[-1])
    assert _page(lib, 0, 2, "imported_at", True) == [8, 7]
    assert [r[0] for r in used[-1]] == [8, 7]
    monkeypatch.setattr(search_pages, "WALK", 1)  # too many newer articles to look at
    assert _page(lib, 0, 2, "imported_at", True) == [8, 7]
    assert used[-1] is None
    monkeypatch.setattr(search_pages, "WALK", 50_000)
    _imported(lib, {1: "2027-01-01"})  # the oldest article now the newest import
    assert _page(lib, 0, 2, "imported_at", True) == [1, 8]
    assert used[-1] is None


def test_rank_and_id_pages_and_hits_are_those_of_the_join(lib):
    db = lib._store.db
    ranked = [
        r[0]
        for r in db.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH '\"talks\"*' ORDER BY bm25(articles_fts), a.id"
        )
    ]
    assert ranked[:2] == [5, 1] and ranked[2:] == [3, 4, 7, 8]  # ties by id
    for offset, limit in ((0, 2), (1, 3), (0, 100), (5, 5)):
        assert _page(lib, offset, limit, "rank", False) == ranked[offset : offset + limit]
        assert _page(lib, offset, limit, "id", True) == MATCHES[::-1][offset : offset + limit]
        assert _page(lib, offset, limit, "id", False) == MATCHES[offset : offset + limit]
    counts = {
        s.id: s.annotation_count for s in lib.list_articles(0, 10, "rank", False, Scope("talks"))
    }
    assert counts == {1: 0, 3: 0, 4: 1, 5: 0, 7: 0, 8: 0}
    hits = lib.search("talks", limit=3, offset=1)
    assert [h.id for h in hits] == [1, 3, 4]
    assert hits[0].snippet == "[talks] [talks] in Istanbul 1"
    assert hits[0].title == "A1" and hits[0].rank < hits[1].rank == hits[2].rank


def test_an_index_row_without_its_article_leaves_the_join_to_decide(lib):
    """A page never shows an article the index has but the table lacks (a library another
    program changed): the page read from the index is refused and the join decides."""
    db = lib._store.db
    db.execute("DROP TRIGGER articles_ad")
    db.execute("DELETE FROM articles WHERE id = 8")
    assert _page(lib, 0, 2, "imported_at", True) == [7, 5]
    assert _page(lib, 0, 2, "id", True) == [7, 5]
    assert 8 not in _page(lib, 0, 10, "rank", False)
    assert 8 not in [h.id for h in lib.search("talks")]


def _traced(lib: Library, call):
    statements: list[str] = []
    conn = lib._store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        return call(), statements
    finally:
        conn.set_trace_callback(None)


@pytest.mark.parametrize("descending", [True, False])
def test_a_library_imported_in_order_pages_without_reading_import_times(lib, descending):
    """Imported one after another, as Reader imports: no disorder, and the pages by
    import time come from the index with no article's import time read."""
    assert search_pages.disorder(lib._store.db) == 0
    expected = _expected(lib, descending)
    for offset, limit in ((0, 2), (1, 4), (4, 10), (0, 100)):
        got, statements = _traced(lib, lambda: _page(lib, offset, limit, "imported_at", descending))  # noqa: B023
        assert got == expected[offset : offset + limit]
        assert not [s for s in statements if "imported_at" in s], statements


_HASHES = itertools.count()


def _insert(lib: Library, at: str | None, article_id: int | None = None) -> int:
    row = {"title": "T", "markdown": "talks\n", "text": "talks", "blocks": "[]"}
    row |= {"content_hash": f"hash {next(_HASHES)}", "imported_at": at}
    if article_id is not None:
        row["id"] = article_id
    return lib._store.db["articles"].insert(row).last_pk


def test_the_disorder_mark_rises_when_an_article_comes_out_of_order(lib):
    db = lib._store.db
    newest = db.execute("SELECT max(imported_at) FROM articles").fetchone()[0]
    assert _insert(lib, "2099-01-01T00:00:00Z") == 9  # newer, next id: in order
    assert _insert(lib, "2099-01-01T00:00:00Z") == 10  # the same time: in order
    assert search_pages.disorder(db) == 0
    assert _insert(lib, newest) == 11  # older than the newest: out of order
    assert search_pages.disorder(db) == 11
    assert _insert(lib, "2100-01-01T00:00:00Z") == 12
    assert search_pages.disorder(db) == 11  # above the mark, order again
    assert _insert(lib, None) == 13  # no time
    assert search_pages.disorder(db) == 13
    assert _insert(lib, "2101-01-01T00:00:00Z") == 14
    db.execute("DELETE FROM articles WHERE id = 2")
    assert _insert(lib, "2102-01-01T00:00:00Z", article_id=2) == 2  # newest, lower id
    assert search_pages.disorder(db) == 14
    assert _insert(lib, "2103-01-01T00:00:00Z") == 15
    db.execute("UPDATE articles SET imported_at = '2104-01-01' WHERE id = 15")  # edited
    assert search_pages.disorder(db) == 15


@pytest.mark.parametrize("descending", [True, False])
def test_pages_below_and_above_the_mark_are_those_of_sorting_every_match(lib, descending):
    _insert(lib, "2027-01-01T00:00:00Z", article_id=20)
    _insert(lib, "2026-06-01T00:00:00Z", article_id=21)  # older than 20: the mark is 21
    for at in ("2028-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"):
        _insert(lib, at)
    assert search_pages.disorder(lib._store.db) == 21
    expected = [
        r[0]
        for r in lib._store.db.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH 'talks' ORDER BY a.imported_at {0}, a.id {0}".format(
                "DESC" if descending else "ASC"
            )
        )
    ]
    assert len(expected) == 11
    for offset, limit in ((0, 2), (0, 3), (2, 2), (1, 4), (3, 5), (0, 100), (9, 5)):
        got = _page(lib, offset, limit, "imported_at", descending)
        assert got == expected[offset : offset + limit], (offset, limit)
