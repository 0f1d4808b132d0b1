"""A full disk is a known condition: one line that says so and where, the import
summary still printed, nothing partial left (on a small tmpfs that really fills)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.library import Library
from reader.model import ParsedArticle

from .conftest import ROOT
from .mounts import fill, small_tmpfs


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def _one_disk_full_line(out: subprocess.CompletedProcess, where: Path) -> str:
    assert out.returncode == 1, (out.stdout, out.stderr)
    last = out.stderr.splitlines()[-1]
    assert last.startswith("Error: the disk is full: no space left to write "), out.stderr
    assert str(where) in last
    assert "unexpected" not in out.stderr and "Traceback" not in out.stderr
    return last


def _page(folder: Path, n: int) -> Path:
    words = " ".join(f"w{n}x{i}" for i in range(9000))  # ~80 KB of distinct words
    path = folder / f"page{n:02}.txt"
    path.write_text(f"Page number {n}\n\n{words}\n", encoding="utf-8")
    return path


def test_import_onto_a_full_disk_prints_the_summary_and_one_line(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pages = [_page(inbox, n) for n in range(12)]
    with small_tmpfs(tmp_path / "small", "4m") as folder:
        db = folder / "library.db"
        Library(db).close()
        filler = fill(folder, leave=900_000)
        out = _run("--db", str(db), "import", *map(str, pages))
        line = _one_disk_full_line(out, db)
        assert line.endswith("; this change was not stored")
        stored = [ln for ln in out.stdout.splitlines() if ": article " in ln]
        summary = out.stdout.splitlines()[-1]
        assert 0 < len(stored) < len(pages)
        not_tried = len(pages) - len(stored) - 1
        assert summary == f"imported {len(stored)}, duplicates 0, failed 1, not tried {not_tried}"
        failed = [ln for ln in out.stderr.splitlines() if ln.startswith(str(inbox))]
        assert failed == [f"{pages[len(stored)]}: {line.removeprefix('Error: ')}"]
        filler.unlink()
        left = {p.name for p in folder.iterdir()}
        assert left <= {"library.db", "library.db-wal", "library.db-shm"}, left
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY id")]
        conn.close()
        assert titles == [f"Page number {n}" for n in range(len(stored))]


def _library_with_big_articles(db: Path) -> None:
    with Library(db) as lib:
        for n in range(4):
            words = " ".join(f"v{n}y{i}" for i in range(9000))
            article_id = lib.add_article(ParsedArticle(title=f"Big {n}", markdown=words))[1]
            lib.annotate(article_id, "highlight", 0, 10)


def test_export_and_backup_onto_a_full_disk_leave_nothing(tmp_path):
    db = tmp_path / "library.db"
    _library_with_big_articles(db)
    with small_tmpfs(tmp_path / "small", "1m") as folder:
        filler = fill(folder, leave=40_000)
        cases = [
            ("export", "articles", "--format", "jsonl", "-o", str(folder / "a.jsonl")),
            ("export", "articles", "--format", "csv", "-o", str(folder / "a.csv")),
            ("export", "annotations", "--format", "markdown", "-o", str(folder / "md")),
            ("export", "project", "--format", "qdpx", "-o", str(folder / "p.qdpx")),
            ("backup", str(folder / "copy.db")),
        ]
        for args in cases:
            out = _run("--db", str(db), *args)
            where = Path(args[-1])
            line = _one_disk_full_line(out, where)
            what = "no backup was written" if args[0] == "backup" else "nothing was written there"
            assert line.endswith(what), line
            assert out.stderr.count("\n") == 1
            assert sorted(p.name for p in folder.iterdir()) == ["filler"], args
        filler.unlink()
    assert _run("--db", str(db), "check").stdout.strip() == "ok"


def test_parts_left_by_a_killed_backup_are_removed_by_the_next(tmp_path):
    db = tmp_path / "library.db"
    _library_with_big_articles(db)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = [
        tmp_path / f".copy.db.{dead}.part",
        tmp_path / f".copy.db.{dead}.part-journal",
        tmp_path / f".library.db.v3-20260101T000000Z.bak.{dead}.part",
    ]
    alive = tmp_path / f".copy.db.{os.getpid()}.part"  # a backup still being written
    for p in [*stale, alive]:
        p.write_bytes(b"half a backup")
    out = _run("--db", str(db), "backup", str(tmp_path / "copy.db"))
    assert out.returncode == 0, out.stderr
    assert [p for p in stale[:2] if p.exists()] == [] and alive.exists()
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert stale[2].exists()  # not a part of this backup: left to its own next run


def test_parts_left_by_a_killed_migration_backup_are_removed_by_the_next(tmp_path):
    import sqlite_utils

    from reader.store import schema

    db = tmp_path / "old.db"
    old = sqlite_utils.Database(db)
    with old.atomic():
        schema.MIGRATIONS[0](old)
        old.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        old.execute("PRAGMA user_version = 1")
    old.close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = tmp_path / f".old.db.v1-20260101T000000Z.bak.{dead}.part"
    stale.write_bytes(b"half a backup")
    Library(db).close()
    assert not stale.exists()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and names[0] == "old.db" and names[1].startswith("old.db.v1-")


def test_a_migration_whose_backup_does_not_fit_leaves_nothing(tmp_path):
    import sqlite_utils

    from reader.store import schema

    with small_tmpfs(tmp_path / "small", "2m") as folder:
        db = folder / "old.db"
        old = sqlite_utils.Database(db)
        with old.atomic():
            schema.MIGRATIONS[0](old)
            old.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            old.execute("PRAGMA user_version = 1")
            old["articles"].insert_all(
                {
                    "title": f"Old {i}",
                    "markdown": "x" * 3000,
                    "text": "x" * 3000,
                    "blocks": "[]",
                    "content_hash": str(i),
                }
                for i in range(120)
            )
        old.close()
        filler = fill(folder, leave=60_000)
        out = _run("--db", str(db), "list")
        line = _one_disk_full_line(out, folder / "old.db.v1-")
        assert line.endswith("; no backup was written")
        assert sorted(p.name for p in folder.iterdir()) == ["filler", "old.db"]
        filler.unlink()
        conn = sqlite3.connect(db)  # not migrated without its backup, nothing lost
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 120
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
