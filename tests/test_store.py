from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from reader.errors import LibraryError
from reader.library import Library
from reader.store.schema import APPLICATION_ID, SCHEMA_VERSION


def test_migrates_a_new_file(db_path):
    with Library(db_path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
    db = sqlite_utils.Database(db_path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "annotations", "entities", "labels", "articles_fts"} <= set(
        db.table_names()
    )
    fks = {(fk.column, fk.other_table) for fk in db["annotations"].foreign_keys}
    assert fks == {
        ("article_id", "articles"),
        ("entity_id", "entities"),
        ("speaker_id", "entities"),
    }
    assert db["articles"].detect_fts() == "articles_fts"


def test_migrates_an_empty_existing_file(db_path):
    db_path.touch()
    with Library(db_path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        assert lib.count_articles() == 0


def test_reopen_keeps_data(db_path, seed_path):
    with Library(db_path) as lib:
        article_id = lib.import_file(seed_path).article_id
    with Library(db_path) as lib:
        assert lib.article(article_id).author == "Daring"
        assert lib.schema_version == SCHEMA_VERSION


def test_foreign_file_left_untouched(tmp_path):
    p = tmp_path / "notes.db"
    p.write_bytes(b"this is not a database at all\n" * 10)
    before = p.read_bytes()
    with pytest.raises(LibraryError, match="not a Reader library"):
        Library(p)
    assert p.read_bytes() == before


def test_other_sqlite_database_left_untouched(tmp_path):
    p = tmp_path / "other.db"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(LibraryError, match="not a Reader library"):
        Library(p)
    assert p.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_newer_schema_refused(db_path):
    Library(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match=f"version {SCHEMA_VERSION + 5}.*\\({SCHEMA_VERSION}\\)"):
        Library(db_path)


def test_duplicate_adds_nothing(lib, seed_path):
    first = lib.import_file(seed_path)
    again = lib.import_file(seed_path)
    assert again.status == "duplicate" and again.article_id == first.article_id
    assert lib.count_articles() == 1


def test_failed_write_leaves_nothing(lib, seed_path, monkeypatch):
    from reader.store.articles import ArticleTable

    def boom(self, row):
        self.db["articles"].insert(row)
        raise RuntimeError("crash after insert")

    monkeypatch.setattr(ArticleTable, "insert", boom)
    with pytest.raises(RuntimeError):
        lib.import_file(seed_path)
    assert lib.count_articles() == 0
    assert lib.search("Lavrov") == []


def test_list_never_loads_text(lib, seed_path):
    lib.import_file(seed_path)
    (row,) = lib.list_articles()
    assert not hasattr(row, "text")
    assert (row.title, row.source, row.language, row.annotation_count) == (
        "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS",
        "SeaPRwire",
        "id",
        0,
    )


def test_migration_from_version_1_keeps_data(db_path, seed_path):
    """A library written at schema 1 is upgraded on open, its articles intact."""
    import sqlite_utils

    from reader.store import schema

    db = sqlite_utils.Database(db_path)
    with db.atomic():
        schema.MIGRATIONS[0](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
    db["articles"].insert(
        {
            "title": "Old",
            "markdown": "Old body\n",
            "text": "Old body",
            "blocks": "[]",
            "content_hash": "x" * 64,
        }
    )
    db.close()
    with Library(db_path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        assert lib.article(1).text == "Old body"
        assert [lb.name for lb in lib.labels("quote")] == ["QUOTE"]
        assert lib.search("Old")[0].title == "Old"
