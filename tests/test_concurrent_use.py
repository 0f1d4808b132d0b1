"""Many programs on one library at once, the way the window and a terminal really meet.

SQLite's locks are POSIX advisory locks: they belong to the process, and closing any
file descriptor of the database file in that process drops all of them. A process that
holds a `Library` (the window) and opens and closes further `Library` objects on the
same file (its workers) must never do that, or another program that closes its
connection believes it is the last user, checkpoints and deletes the WAL, and the
window's next writes are lost or damage the file.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.library import Library
from reader.model import ParsedArticle

from .conftest import ROOT

ROUNDS = 4

COUNT_SCRIPT = """
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(json.dumps({
    "check": c.execute("PRAGMA integrity_check").fetchone()[0],
    "articles": c.execute("SELECT count(*) FROM articles").fetchone()[0],
    "annotations": c.execute("SELECT count(*) FROM annotations").fetchone()[0],
    "titles": sorted(r[0] for r in c.execute("SELECT title FROM articles")),
    "notes": sorted(r[0] for r in c.execute("SELECT note FROM annotations WHERE note IS NOT NULL")),
}))
c.close()
"""


def _reader(db, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, (args, out.stdout, out.stderr)
    return out


def _fresh_view(db) -> dict:
    """What a plain sqlite3 program that opens the file now sees."""
    out = subprocess.run(
        [sys.executable, "-c", COUNT_SCRIPT, str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _in_worker_thread(job) -> None:
    """Run `job` on a thread, as the window's workers do, and wait for it."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as e:  # reported on the test's thread
            errors.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not errors, errors


def test_window_workers_and_other_programs_share_one_library(tmp_path):
    db = tmp_path / "library.db"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    titles: list[str] = []
    notes: list[str] = []
    with Library(db) as window:  # the window's connection, open for the whole test
        first = window.add_article(ParsedArticle(title="Opening", markdown="Ada Byron wrote."))[1]
        titles.append("Opening")
        for n in range(ROUNDS):
            # 1. a worker of the window: its own Library on the same file, then closed
            def worker_import(n: int = n) -> None:
                with Library(db) as worker:
                    worker.add_article(
                        ParsedArticle(title=f"Worker {n}", markdown=f"Worker text {n}.")
                    )
                with Library(db, readonly=True) as stats:  # the Statistics worker
                    stats.count_articles()

            _in_worker_thread(worker_import)
            titles.append(f"Worker {n}")
            # 2. other programs: an import, a tag run, a list, an export
            page = inbox / f"page{n}.txt"
            page.write_text(f"Terminal {n}\n\nAda Byron spoke in round {n}.\n", encoding="utf-8")
            _reader(db, "import", str(page))
            titles.append(f"Terminal {n}")
            _reader(db, "tag", "--entity", "Ada Byron", "--type", "PERSON")
            listed = _reader(db, "list").stdout
            assert f"Worker {n}" in listed and f"Terminal {n}" in listed
            _reader(db, "export", "articles", "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"))
            # 3. the window writes after all of that (a mark, acknowledged)
            note = f"window mark {n}"
            window.annotate(first, "highlight", 0, 3, note=note)
            notes.append(note)
            window.add_article(ParsedArticle(title=f"Window {n}", markdown=f"Window {n}."))
            titles.append(f"Window {n}")
            # 4. a plain sqlite3 reader in a fresh process sees every acknowledged write
            seen = _fresh_view(db)
            assert seen["check"] == "ok", (n, seen["check"])
            assert seen["titles"] == sorted(titles), n
            assert seen["articles"] == len(titles)
            assert seen["notes"] == sorted(notes), n
            # every "Ada Byron" mention is tagged exactly once, plus the window's marks
            assert seen["annotations"] == (n + 2) + len(notes), n
    seen = _fresh_view(db)
    assert seen["check"] == "ok"
    assert seen["articles"] == 1 + 3 * ROUNDS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_importing_the_open_library_file_never_reads_it(tmp_path):
    """`reader import` given the library itself (or its -wal/-shm): refused without
    opening the file, so the process keeps its locks and its next write is kept."""
    db = tmp_path / "library.db"
    with Library(db) as window:
        window.add_article(ParsedArticle(title="First", markdown="One."))
        names = [db, tmp_path / "library.db-wal", tmp_path / "library.db-shm"]
        summary = window.import_paths(names)
        assert [o.status.value for o in summary.outcomes] == ["failed"] * 3
        assert {o.reason for o in summary.outcomes} == {
            "is a library file Reader has open (or its -wal/-shm); it cannot be imported"
        }
        assert "Reader has open" in (window.import_file(tmp_path / "library.db-wal").reason or "")
        _reader(db, "list")  # another program opens and closes the library
        window.add_article(ParsedArticle(title="Second", markdown="Two."))
        seen = _fresh_view(db)
    assert seen["check"] == "ok"
    assert seen["titles"] == ["First", "Second"]


HOLD_A_SNAPSHOT = """
import json, pathlib, sys, time
import sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
db.execute("BEGIN")
first = db["articles"].count
pathlib.Path(sys.argv[2]).touch()  # the snapshot is taken: the others may write now
go = pathlib.Path(sys.argv[3])
deadline = time.monotonic() + 60
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.05)
second = db["articles"].count  # still the snapshot: a read transaction is repeatable
db.execute("COMMIT")
third = db["articles"].count
print(json.dumps([first, second, third]))
db.close()
"""


def _wait_for(path, proc) -> None:
    for _ in range(1200):
        if path.exists() or proc.poll() is not None:
            return
        time.sleep(0.05)


def test_reader_the_cli_sqlite_utils_and_datasette_share_one_library(tmp_path):
    """The window's connection writes while sqlite-utils holds a read snapshot,
    `reader import` writes, and sqlite-utils' CLI and Datasette read: no write fails,
    every reader sees a consistent state, the file stays intact."""
    bin_dir = Path(sys.executable).parent
    datasette = bin_dir / "datasette"
    if not datasette.exists():
        pytest.skip("datasette is not installed (pip install -e '.[test]')")
    db = tmp_path / "library.db"
    ready, go = tmp_path / "ready", tmp_path / "go"
    page = tmp_path / "page.txt"
    page.write_text("From the terminal\n\nA page imported by the CLI.\n", encoding="utf-8")
    with Library(db) as window:
        for i in range(3):
            window.add_article(ParsedArticle(title=f"Window {i}", markdown=f"Text {i}."))
        _in_worker_thread(lambda: Library(db, readonly=True).close())  # Statistics opened
        reader = subprocess.Popen(
            [sys.executable, "-c", HOLD_A_SNAPSHOT, str(db), str(ready), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(ready, reader)
            assert ready.exists(), reader.communicate()
            window.add_article(ParsedArticle(title="Window 3", markdown="Text 3."))
            _reader(db, "import", str(page))
            go.touch()
            out, err = reader.communicate(timeout=120)
        finally:
            if reader.poll() is None:
                reader.kill()
        assert reader.returncode == 0, err
        assert json.loads(out) == [3, 3, 5]
        counted = subprocess.run(
            [str(bin_dir / "sqlite-utils"), "query", str(db), "select count(*) as n from articles"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert counted.returncode == 0, counted.stderr
        assert json.loads(counted.stdout) == [{"n": 5}]
        served = subprocess.run(
            [
                str(datasette),
                str(db),
                "--get",
                "/library.json?sql=select+title+from+articles+order+by+id&_shape=array",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert served.returncode == 0, served.stderr
        assert [r["title"] for r in json.loads(served.stdout)] == [
            "Window 0",
            "Window 1",
            "Window 2",
            "Window 3",
            "From the terminal",
        ]
        window.add_article(ParsedArticle(title="Window 4", markdown="Text 4."))
        seen = _fresh_view(db)
    assert seen["check"] == "ok" and seen["articles"] == 6
