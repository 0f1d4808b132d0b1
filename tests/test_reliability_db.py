"""Foreign, damaged, read-only and newer libraries; backups and restore."""

from __future__ import annotations

import os
import sqlite3

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import LibraryError
from reader.library import Library


@pytest.fixture
def filled(db_path, seed_path):
    with Library(db_path) as lib:
        article_id = lib.import_file(seed_path).article_id
        lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"])
    return article_id


def _corrupt(path, page_numbers=(2, 3, 4)):
    size = os.path.getsize(path)
    page = 4096
    with open(path, "r+b") as f:
        for n in page_numbers:
            if (n - 1) * page < size:
                f.seek((n - 1) * page)
                f.write(b"\xde\xad\xbe\xef" * (page // 4))


def test_damaged_file_detected_on_open(db_path, filled):
    # Put everything in the main file (no WAL left) and break some pages.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _corrupt(db_path)
    with pytest.raises(LibraryError, match=r"damaged.*reader restore"):
        Library(db_path)
    r = CliRunner().invoke(cli, ["--db", str(db_path), "list"])
    assert r.exit_code == 1 and len(r.output.splitlines()) == 1
    assert "damaged" in r.output and "Traceback" not in r.output


def test_explicit_read_only(db_path, filled):
    before = db_path.read_bytes()
    with Library(db_path, readonly=True) as lib:
        assert lib.readonly
        assert lib.count_articles() == 1
        assert len(lib.annotations(filled)) == 5
        with pytest.raises(LibraryError, match="read-only"):
            lib.annotate(filled, "quote", 0, 5)
        with pytest.raises(LibraryError, match="read-only"):
            lib.set_read(filled)
        with pytest.raises(LibraryError, match="read-only"):
            lib.tag_entity("Joe Biden", "PERSON")
    assert db_path.read_bytes() == before


def test_unwritable_file_opens_read_only(db_path, filled, monkeypatch):
    # Tests may run as root, who can write anything: simulate the permission check.
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with Library(db_path) as lib:
        assert lib.readonly
        with pytest.raises(LibraryError, match="read-only"):
            lib.delete_article(filled)


def test_backup_and_restore(db_path, filled, tmp_path):
    backup = tmp_path / "copy.db"
    with Library(db_path) as lib:
        lib.backup(backup)
        lib.delete_article(filled)
        assert lib.count_articles() == 0
        safety = lib.restore(backup)
        assert lib.count_articles() == 1
        assert len(lib.annotations(filled)) == 5
    assert safety.exists()
    with Library(safety) as old:
        assert old.count_articles() == 0


def test_backup_while_another_connection_writes(db_path, filled, tmp_path):
    with Library(db_path) as writer, Library(db_path) as other:
        writer.annotate(filled, "quote", 0, 8)
        other.backup(tmp_path / "b.db")
    with Library(tmp_path / "b.db") as copy:
        assert len(copy.annotations(filled)) == 6
        assert copy.check() == "ok"


def test_restore_refuses_damaged_or_foreign(db_path, filled, tmp_path):
    foreign = tmp_path / "foreign.db"
    foreign.write_text("not a database")
    with Library(db_path) as lib:
        with pytest.raises(LibraryError, match="not a Reader library"):
            lib.restore(foreign)
        assert lib.count_articles() == 1


def test_cli_backup_restore_check(db_path, filled, tmp_path):
    runner = CliRunner()
    base = ["--db", str(db_path)]
    r = runner.invoke(cli, [*base, "backup", str(tmp_path / "b.db")])
    assert r.exit_code == 0 and r.output == f"backed up to {tmp_path / 'b.db'}\n"
    r = runner.invoke(cli, [*base, "check"])
    assert r.output == "ok\n"
    r = runner.invoke(cli, [*base, "restore", str(tmp_path / "b.db")])
    assert r.exit_code == 0 and r.output.startswith(f"restored from {tmp_path / 'b.db'}")
    r = runner.invoke(cli, [*base, "backup", str(db_path)])
    assert r.exit_code == 1


def test_backup_before_migration(db_path):
    import sqlite_utils

    from reader.store import schema

    db = sqlite_utils.Database(db_path)
    with db.atomic():
        schema.MIGRATIONS[0](db)
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
    db.close()
    Library(db_path).close()
    backups = list(db_path.parent.glob("library.db.v1-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
