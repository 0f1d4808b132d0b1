"""SIGKILL at random moments: the library stays consistent and nothing is half written."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

from reader.library import Library

KILLS = 20


def _reader(*args: str) -> list[str]:
    return [sys.executable, "-m", "reader", *args]


def _make_corpus(folder, n=40):
    folder.mkdir()
    for i in range(n):
        body = "\n\n".join(
            f"Paragraph {j} of article {i}: Lavrov said “quote {i}-{j}” in Doha." for j in range(30)
        )
        (folder / f"a{i:03}.txt").write_text(f"Title number {i}\n\n{body}\n", encoding="utf-8")


def _check_consistent(db_path):
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        for title, text, blocks in conn.execute("SELECT title, text, blocks FROM articles"):
            n = int(title.split()[-1])
            assert text.count("\n\n") == 29 and text.endswith(f"quote {n}-29” in Doha.")
            assert json.loads(blocks)[-1]["end"] == len(text)
        dupes = conn.execute(
            "SELECT count(*) - count(DISTINCT content_hash) FROM articles"
        ).fetchone()[0]
        assert dupes == 0
    finally:
        conn.close()


def _kill_after(cmd, delay):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_import_killed_twenty_times(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus)
    db = tmp_path / "library.db"
    start = time.perf_counter()
    subprocess.run(
        _reader("--db", str(tmp_path / "timing.db"), "import", str(corpus)),
        check=True,
        capture_output=True,
    )
    full = time.perf_counter() - start
    rng = random.Random(20)
    for _ in range(KILLS):
        _kill_after(_reader("--db", str(db), "import", str(corpus)), rng.uniform(0.05, full))
        if db.exists():
            _check_consistent(db)
    done = subprocess.run(
        _reader("--db", str(db), "import", str(corpus)), capture_output=True, text=True
    )
    assert done.returncode == 0
    _check_consistent(db)
    with Library(db) as lib:
        titles = sorted(s.title for s in lib.list_articles(limit=1000))
    assert titles == sorted(f"Title number {i}" for i in range(40))


ANNOTATE = """
import sys
from reader.library import Library
lib = Library(sys.argv[1])
ids = [s.id for s in lib.list_articles(limit=100)]
i = 0
while True:
    article_id = ids[i % len(ids)]
    lib.annotate(article_id, "quote", 0, 5 + i % 20, note=str(i))
    lib.tag_entity("Doha", "LOCATION") if i % 25 == 0 else None
    i += 1
"""


def test_annotation_writes_killed(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, n=10)
    db = tmp_path / "library.db"
    subprocess.run(_reader("--db", str(db), "import", str(corpus)), check=True, capture_output=True)
    rng = random.Random(5)
    for _ in range(8):
        _kill_after([sys.executable, "-c", ANNOTATE, str(db)], rng.uniform(0.4, 1.2))
        _check_consistent(db)
        with Library(db) as lib:
            for s in lib.list_articles(limit=100):
                assert all(a.status == "ok" for a in lib.annotations(s.id))


def test_export_killed_never_leaves_half_file(tmp_path):
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, n=40)
    db = tmp_path / "library.db"
    subprocess.run(_reader("--db", str(db), "import", str(corpus)), check=True, capture_output=True)
    out = tmp_path / "out.jsonl"
    rng = random.Random(3)
    for _ in range(6):
        if out.exists():
            out.unlink()
        _kill_after(
            _reader("--db", str(db), "export", "articles", "-o", str(out)), rng.uniform(0.1, 0.6)
        )
        if out.exists():
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(rows) == 40
