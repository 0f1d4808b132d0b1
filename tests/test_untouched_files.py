"""Writes that cannot hurt what they did not mean to touch: exports never replace the
library, refusing a file leaves it (and its -wal/-shm) byte for byte as it was, a
library in a read-only folder shows its newest committed state."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ExportFailed, LibraryError
from reader.library import Library
from reader.model import ParsedArticle
from reader.store.schema import SCHEMA_VERSION

from .conftest import ROOT
from .mounts import small_tmpfs

# (command, format): every export format of the CLI.
EXPORTS = [
    ("articles", "jsonl"),
    ("articles", "csv"),
    ("articles", "xlsx"),
    ("annotations", "csv"),
    ("annotations", "xlsx"),
    ("annotations", "jsonl"),
    ("annotations", "w3c"),
    ("annotations", "doccano"),
    ("annotations", "markdown"),
]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _small_library(path: Path, n: int = 3) -> None:
    with Library(path) as lib:
        for i in range(n):
            article_id = lib.add_article(
                ParsedArticle(title=f"Kept {i}", markdown=f"Linus Pauling spoke {i}.")
            )[1]
            lib.annotate(article_id, "entity", 0, 13, label="PERSON")


def test_no_export_can_overwrite_the_library_or_its_files(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    db = folder / "library.db"
    _small_library(db)
    for command, fmt in EXPORTS:
        for target in ("library.db", str(db), "library.db-wal", "library.db-shm", "./library.db"):
            out = _run(
                ["--db", "library.db", "export", command, "--format", fmt, "-o", target], folder
            )
            assert out.returncode == 1, (command, fmt, target, out.stderr)
            assert out.stderr.count("\n") == 1 and "Reader has open" in out.stderr, out.stderr
            assert "unexpected" not in out.stderr
    for args in (["project"], ["codebook"]):  # REFI-QDA project and codebook
        for target in ("library.db", "library.db-wal"):
            out = _run(["--db", "library.db", "export", *args, "-o", target], folder)
            assert out.returncode == 1 and "Reader has open" in out.stderr, out.stderr
    # reading the library as an input would drop the locks: refused before opening
    for command in ("import-annotations", "import-project", "import"):
        for source in ("library.db", "./library.db"):
            out = _run(["--db", "library.db", command, source], folder)
            assert out.returncode == 1, (command, out.stderr)
            assert "is a library file Reader has open" in out.stderr, out.stderr
            assert "unexpected" not in out.stderr
    out = _run(["--db", "library.db", "list"], folder)
    assert out.returncode == 0 and out.stdout.count("Kept") == 3
    assert _run(["--db", "library.db", "check"], folder).stdout.strip() == "ok"
    assert sorted(p.name for p in folder.iterdir()) == ["library.db"]


def test_backup_onto_the_wal_and_restore_from_it_are_refused(tmp_path):
    db = tmp_path / "library.db"
    _small_library(db)
    with Library(db) as lib:
        for name in ("library.db-wal", "library.db-shm", "library.db"):
            with pytest.raises(LibraryError, match="another file"):
                lib.backup(tmp_path / name)
            with pytest.raises(LibraryError, match="another file"):
                lib.restore(tmp_path / name)
        assert lib.count_articles() == 3 and lib.check() == "ok"


def test_an_export_onto_a_file_being_restored_is_refused(tmp_path):
    db = tmp_path / "library.db"
    backup = tmp_path / "backup.db"
    _small_library(db)
    with Library(db) as lib:
        lib.backup(backup)
        before = backup.read_bytes()
        with Library(backup, readonly=True):  # what restore holds while it reads
            with pytest.raises(ExportFailed, match="Reader has open"):
                lib.export_articles("jsonl", backup)
            with pytest.raises(ExportFailed, match="Reader has open"):
                lib.export_annotations("csv", backup)
    assert backup.read_bytes() == before


LEAVE_WAL = """
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
for statement in sys.argv[2:]:
    c.execute(statement)
    c.commit()
os._exit(0)  # no close: the -wal and -shm stay, un-checkpointed
"""


def _leave_wal(path: Path, *statements: str) -> None:
    subprocess.run([sys.executable, "-c", LEAVE_WAL, str(path), *statements], check=True)
    assert (path.with_name(path.name + "-wal")).stat().st_size > 0


def _refused_untouched(path: Path, match: str) -> None:
    before = _snapshot(path.parent)
    assert {f"{path.name}-wal", f"{path.name}-shm"} <= set(before)
    with pytest.raises(LibraryError, match=match):
        Library(path)
    assert _snapshot(path.parent) == before
    out = _run(["--db", str(path), "list"], path.parent)
    assert out.returncode == 1 and match.split(".")[0] in out.stderr
    assert _snapshot(path.parent) == before


def test_refusing_a_foreign_wal_database_leaves_its_files_as_they_were(tmp_path):
    db = tmp_path / "other.db"
    _leave_wal(
        db,
        "CREATE TABLE notes (x)",
        *(f"INSERT INTO notes VALUES ({i})" for i in range(25)),
    )
    _refused_untouched(db, "not a Reader library")


def test_refusing_a_newer_library_with_a_wal_leaves_its_files_as_they_were(tmp_path):
    db = tmp_path / "library.db"
    _small_library(db)
    _leave_wal(
        db,
        "INSERT INTO labels (name, kind, colour) VALUES ('FUTURE', 'entity', '#000000')",
        f"PRAGMA user_version = {SCHEMA_VERSION + 1}",
    )
    _refused_untouched(db, "newer than this Reader")


def test_a_damaged_rollback_journal_library_is_reported_as_it_is(tmp_path):
    db = tmp_path / "library.db"
    with Library(db) as lib:
        lib.add_articles(
            ParsedArticle(title=f"Page {i}", markdown=f"Words of page {i}. " * 60)
            for i in range(60)
        )
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    size = db.stat().st_size
    assert size > 20 * 4096
    with open(db, "r+b") as f:  # no library is open in this process: safe to write
        for page in (2, 3, 4):
            f.seek((page - 1) * 4096)
            f.write(b"\xde\xad\xbe\xef" * 1024)
    before = _snapshot(tmp_path)
    assert before[db.name][18:20] == b"\x01\x01"  # rollback journal, not WAL
    with pytest.raises(LibraryError, match="damaged"):
        Library(db)
    assert _snapshot(tmp_path) == before


ADD_AND_DIE = """
import os, sys
from reader.library import Library
from reader.model import ParsedArticle
lib = Library(sys.argv[1])
for i in range(25):
    lib.add_article(ParsedArticle(title=f"Committed {i:02}", markdown=f"Text {i}."))
os._exit(0)  # committed, never checkpointed: all 25 are in the -wal
"""


@pytest.mark.parametrize("keep_shm", [True, False])
def test_a_library_in_a_read_only_folder_shows_what_its_wal_holds(tmp_path, keep_shm):
    with small_tmpfs(tmp_path / "ro") as folder:
        db = folder / "library.db"
        Library(db).close()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-c", ADD_AND_DIE, str(db)], check=True, env=env)
        wal = folder / "library.db-wal"
        assert wal.stat().st_size > 0
        if not keep_shm:
            (folder / "library.db-shm").unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        before = _snapshot(folder)
        out = _run(["--db", str(db), "list", "--limit", "100"], tmp_path)
        if keep_shm:
            assert out.returncode == 0, out.stderr
            assert sorted(line.split()[-1] for line in out.stdout.splitlines()) == [
                f"{i:02}" for i in range(25)
            ]
        else:  # SQLite cannot read a -wal there without its -shm: say so, clearly
            assert out.returncode == 1 and out.stdout == ""
            assert "latest changes are in library.db-wal" in out.stderr
            assert "read-only folder" in out.stderr and "unexpected" not in out.stderr
        assert _snapshot(folder) == before
