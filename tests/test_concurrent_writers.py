"""Writers that meet: real `reader` processes started at once on one library.

Another connection holds the write lock while the processes start, so that each of
them has read the library before any of them can write: the race the issue names is
then certain rather than a matter of timing.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

HOLD = 3.0  # seconds the lock is held while the processes start and read


def _reader(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--db", str(db), *args]


@contextlib.contextmanager
def _write_lock(db: Path):
    """Another program's write transaction, held until the block ends."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def _run_together(commands: list[list[str]], hold: float = HOLD, env=None) -> list:
    """Start every command while the library is locked, release it, wait for all."""
    db = Path(commands[0][commands[0].index("--db") + 1])
    with _write_lock(db):
        procs = [
            subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for c in commands
        ]
        time.sleep(hold)
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append((p.returncode, out, err))
    return results


def _library(db: Path, articles: int = 30) -> None:
    with Library(db) as lib:
        for i in range(articles):
            md = paragraphs_to_markdown(
                [
                    f"Report {i}: Sergey Lavrov met Retno Marsudi in Jakarta.",
                    f"Later Lavrov said the talks went well (item {i}).",
                ]
            )
            lib.add_article(ParsedArticle(title=f"Talks {i}", markdown=md))


def _entity_marks(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            'SELECT article_id, start, "end", entity_id FROM annotations '
            "WHERE kind = 'entity' ORDER BY 1, 2, 3, 4"
        ).fetchall()
    finally:
        conn.close()


def test_two_tag_runs_with_a_new_entity(tmp_path):
    db = tmp_path / "library.db"
    _library(db)
    tag = ["tag", "--entity", "Sergey Lavrov", "--type", "PERSON", "--alias", "Lavrov"]
    results = _run_together([_reader(db, *tag), _reader(db, *tag)])
    for code, _out, err in results:
        assert code == 0, err
        assert "UNIQUE" not in err and "unexpected" not in err
    outs = sorted(out for _, out, _ in results)
    assert outs == [
        "tagged 0 mentions of Sergey Lavrov (PERSON) in 0 articles; 60 already tagged\n",
        "tagged 60 mentions of Sergey Lavrov (PERSON) in 30 articles; 0 already tagged\n",
    ]
    marks = _entity_marks(db)
    assert len(marks) == 60 == len(set(marks))
    with Library(db) as lib:
        assert [(e.name, e.aliases) for e in lib.entities()] == [("Sergey Lavrov", ["Lavrov"])]


def test_two_tag_runs_with_an_existing_entity(tmp_path):
    db = tmp_path / "library.db"
    _library(db)
    with Library(db) as lib:
        lib.create_entity("Retno Marsudi", "PERSON", ["Marsudi"])
    tag = ["tag", "--entity", "Retno Marsudi", "--type", "PERSON"]
    results = _run_together([_reader(db, *tag) for _ in range(3)])
    assert [code for code, _, _ in results] == [0, 0, 0], [err for _, _, err in results]
    marks = _entity_marks(db)
    assert len(marks) == 30
    assert sorted({m[0] for m in marks}) == list(range(1, 31))


def _annotation_files(tmp_path: Path) -> list[Path]:
    """Two jsonl exports (articles 1-2 and 3-5) whose marks use labels the receiving
    library lacks."""
    source = tmp_path / "source.db"
    _library(source, articles=5)
    files = []
    with Library(source) as lib:
        lib.add_label("claim", "highlight", "#ff0000")
        lib.add_label("MINISTER", "entity", "#00ff00")
        for article_id in range(1, 6):
            text = lib.article(article_id).text
            start = text.index("the talks")
            lib.annotate(article_id, "highlight", start, start + 9, "claim")
            start = text.index("Retno Marsudi")
            lib.annotate(article_id, "entity", start, start + 13, "MINISTER")
        for n, ids in enumerate(((1, 2), (3, 4, 5))):
            out = tmp_path / f"marks{n}.jsonl"
            lib.export_annotations("jsonl", out, Scope(article_ids=ids))
            files.append(out)
    return files


def test_two_annotation_imports_at_once(tmp_path):
    files = _annotation_files(tmp_path)
    db = tmp_path / "library.db"
    _library(db, articles=5)
    commands = [_reader(db, "import-annotations", str(f)) for f in files + files]
    results = _run_together(commands)
    for code, _out, err in results:
        assert code == 0, err
    added = sorted(int(re.search(r"imported (\d+)", out)[1]) for _, out, _ in results)
    dupes = sorted(int(re.search(r"duplicates (\d+)", out)[1]) for _, out, _ in results)
    assert (added, dupes) == ([0, 0, 4, 6], [0, 0, 4, 6])
    with Library(db) as lib:
        assert [(lb.name, lb.kind) for lb in lib.labels() if lb.name in ("claim", "MINISTER")] == [
            ("MINISTER", "entity"),
            ("claim", "highlight"),
        ]
        assert lib.count_annotations() == 10
        assert [(e.name, e.type) for e in lib.entities()] == [("Retno Marsudi", "MINISTER")]


def test_accept_all_from_two_programs(tmp_path):
    db = tmp_path / "library.db"
    _library(db, articles=1)
    with Library(db) as window:
        stale = window.suggest_entities(1)  # shown in a window, not accepted yet
        expected = len(stale)
        assert expected >= 2
        accept = ["suggest", "entities", "1", "--accept"]
        results = _run_together([_reader(db, *accept) for _ in range(2)])
        assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
        outs = sorted(out for _, out, _ in results)
        assert outs == ["accepted 0 entities\n", f"accepted {expected} entities\n"]
        # The window accepts what it still shows, after the command line did.
        with window.undo_group("Accept all entities"):
            made = [window.accept_entity(1, c) for c in stale]
        assert len({a.id for a in made}) == expected
    marks = _entity_marks(db)
    assert len(marks) == expected == len({m[:3] for m in marks})


def _html_library(tmp_path: Path, articles: int = 12) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(articles):
        paragraphs = "".join(
            f"<p>Paragraph {j}: Sergey Lavrov met Retno Marsudi in Jakarta, said Lavrov.</p>"
            for j in range(8)
        )
        (folder / f"p{i}.html").write_text(
            f"<html><head><title>Talks {i}</title></head><body><article><h1>Talks {i}</h1>"
            f"{paragraphs}</article></body></html>",
            encoding="utf-8",
        )
    db = tmp_path / "library.db"
    with Library(db) as lib:
        assert lib.import_paths([folder]).line().startswith(f"imported {articles},")
    return db


def _rewrite_texts(conn: sqlite3.Connection, prefix: str) -> None:
    """What a re-extraction does to the texts: every offset after the start moves."""
    conn.execute("UPDATE articles SET text = ? || text, markdown = ? || markdown", [prefix] * 2)


def _stale_marks(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            'SELECT n.id, n.exact, substr(a.text, n.start + 1, n."end" - n.start) '
            "FROM annotations n JOIN articles a ON a.id = n.article_id "
            "WHERE n.status = 'ok' AND substr(a.text, n.start + 1, n.\"end\" - n.start) "
            "IS NOT n.exact"
        ).fetchall()
    finally:
        conn.close()


def test_tag_while_another_program_rewrites_the_texts(tmp_path):
    """The texts change after `reader tag` started and before it could write."""
    db = _html_library(tmp_path, articles=6)
    tag = subprocess.Popen(
        _reader(db, "tag", "--entity", "Retno Marsudi", "--type", "PERSON"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with _write_lock(db) as conn:
        time.sleep(HOLD)  # tag has started and waits for the lock
        _rewrite_texts(conn, "Update: a longer introduction comes first now.\n\n")
        conn.execute("COMMIT")
        conn.execute("BEGIN")
    out, err = tag.communicate(timeout=60)
    assert tag.returncode == 0, err
    assert out.startswith("tagged 48 mentions")
    assert _stale_marks(db) == []
    _tag_and_reextract_at_once(tmp_path)


def _tag_and_reextract_at_once(tmp_path):
    """Real `reader tag` and `reader reextract` processes meet, round after round, each
    on a fresh copy of a library whose texts re-extraction will change."""
    (tmp_path / "again").mkdir()
    template = _html_library(tmp_path / "again", articles=4)
    conn = sqlite3.connect(template, isolation_level=None)
    _rewrite_texts(conn, "An earlier extraction kept this line.\n\n")
    conn.close()
    for n, name in enumerate(["Retno Marsudi", "Sergey Lavrov"]):
        db = tmp_path / f"round{n}.db"
        shutil.copy(template, db)
        results = _run_together(
            [_reader(db, "reextract"), _reader(db, "tag", "--entity", name, "--type", "PERSON")],
            hold=1.5,
        )
        assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
        assert results[0][1].endswith("updated 4, unchanged 0, not changed 0\n")
        assert results[1][1].startswith("tagged 32 mentions")
        assert _stale_marks(db) == []
        with Library(db) as lib:
            marks = [a for i in range(1, 5) for a in lib.annotations(i)]
            assert len(marks) == 32 and {a.status for a in marks} == {"ok"}
            assert {a.exact for a in marks} == {name}


def test_export_never_says_ok_for_a_mark_whose_text_moved(tmp_path):
    db = tmp_path / "library.db"
    _library(db, articles=2)
    with Library(db) as lib:
        start = lib.article(1).text.index("Retno Marsudi")
        kept = lib.annotate(2, "highlight", start, start + 13)
        moved = lib.annotate(1, "highlight", start, start + 13)
    conn = sqlite3.connect(db, isolation_level=None)  # another program edits article 1
    _rewrite_texts_of(conn, 1, "Breaking. ")
    conn.close()
    with Library(db) as lib:
        for fmt in ("jsonl", "csv"):
            out = tmp_path / f"marks.{fmt}"
            lib.export_annotations(fmt, out)
            lines = out.read_text(encoding="utf-8").splitlines()
            if fmt == "jsonl":
                status = {r["id"]: r["status"] for r in map(json.loads, lines)}
            else:
                rows = list(csv.DictReader(lines))
                status = {int(r["annotation_id"]): r["status"] for r in rows}
            assert status == {kept.id: "ok", moved.id: "orphaned"}
        quotes = list(lib.annotation_rows(table="annotations"))
        assert [(r["annotation_id"], r["status"]) for r in quotes] == [
            (moved.id, "orphaned"),
            (kept.id, "ok"),
        ]


def _rewrite_texts_of(conn: sqlite3.Connection, article_id: int, prefix: str) -> None:
    conn.execute(
        "UPDATE articles SET text = ? || text, markdown = ? || markdown WHERE id = ?",
        [prefix, prefix, article_id],
    )


def _files(folder: Path, n: int = 3) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"f{i}.txt").write_text(f"Title {i}\n\nBody {i}: {i} words here.\n", "utf-8")
    return [f"f{i}.txt" for i in range(n)]


def test_an_import_waits_for_another_programs_long_write(tmp_path):
    """Longer than SQLite's busy timeout (10 s): the import waits and says so."""
    db = tmp_path / "library.db"
    Library(db).close()
    _files(tmp_path / "in")
    with _write_lock(db):
        proc = subprocess.Popen(
            _reader(db, "import", str(tmp_path / "in")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(15)  # the case: longer than the busy timeout, with startup
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.endswith("imported 3, duplicates 0, failed 0\n")
    assert err.startswith("waiting for another program… it is writing to the library (")
    assert "Reader waits up to 120 s)\n" in err
    with Library(db) as lib:
        assert lib.count_articles() == 3


def test_an_import_gives_up_after_the_stated_limit(tmp_path):
    db = tmp_path / "library.db"
    Library(db).close()
    names = _files(tmp_path / "in")
    env = dict(os.environ, READER_LOCK_WAIT="2")
    with _write_lock(db):
        r = subprocess.run(
            _reader(db, "import", str(tmp_path / "in")), capture_output=True, text=True, env=env
        )
    assert r.returncode == 1
    assert r.stdout == "imported 0, duplicates 0, failed 3\n"
    lines = r.stderr.splitlines()
    assert lines[0].startswith("waiting for another program… it is writing to the library (")
    reason = (
        ": not imported: another program kept the library locked for writing for more than "
        "2 s (the longest Reader waits); nothing was written — try again when it is done"
    )
    assert lines[-3:] == [str(tmp_path / "in" / n) + reason for n in names]
    with Library(db) as lib:
        assert lib.count_articles() == 0
