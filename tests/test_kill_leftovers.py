"""SIGKILL at random moments: no hidden part files beside an export, no orphaned
parse workers after an import."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import Library
from reader.model import ParsedArticle
from reader.store.exports import bulk_insert_annotations
from reader.text.canonical import paragraphs_to_markdown

SENTENCE = "Retno Marsudi met Sergey Lavrov in Jakarta, and both spoke to the press."


def _reader(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--db", str(db), *args]


def _library(db: Path, articles: int = 40, per_article: int = 400) -> None:
    with Library(db) as lib:
        for i in range(articles):
            md = paragraphs_to_markdown([f"Article {i}."] + [SENTENCE] * 40)
            lib.add_article(ParsedArticle(title=f"Talks {i}", markdown=md))
        text = lib.article(1).text
        start = text.index("Retno Marsudi")
        rows = (
            (a, "highlight", "important", start, start + 13, "Retno Marsudi", "ok", "manual")
            for a in range(1, articles + 1)
            for _ in range(per_article)
        )
        columns = ("article_id", "kind", "label", "start", "end", "exact", "status", "origin")
        bulk_insert_annotations(lib._store.db, columns, rows)


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


EXPORTS = {
    "csv": ["export", "annotations", "--format", "csv", "-o"],
    "jsonl": ["export", "annotations", "--format", "jsonl", "-o"],
    "w3c": ["export", "annotations", "--format", "w3c", "-o"],
    "doccano": ["export", "annotations", "--format", "doccano", "-o"],
    "articles": ["export", "articles", "--format", "csv", "-o"],
    "xlsx": ["export", "annotations", "--format", "xlsx", "-o"],
    "qdpx": ["export", "project", "-o"],
}
# Written through a path (xlsxwriter): in a private folder beside the destination,
# which a killed process leaves and the next export to the same place removes.
CLEANED_NEXT_TIME = {"xlsx"}


def test_killed_export_leaves_no_part_file(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    db = folder / "library.db"
    _library(db, per_article=250)
    library_files = {"library.db", "library.db-wal", "library.db-shm"}
    rng = random.Random(13)
    for fmt, args in EXPORTS.items():
        out = folder / f"out.{fmt}"
        command = _reader(db, *args, str(out))
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        full = time.perf_counter() - started
        complete = out.read_bytes()
        for _ in range(2):
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, full))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if fmt in CLEANED_NEXT_TIME:
                subprocess.run(command, check=True, capture_output=True)
            assert _leftovers(folder, library_files) == [out.name], fmt
            if fmt in ("csv", "articles"):  # no time stamp inside: the earlier file, whole
                assert out.read_bytes() == complete
        out.unlink()


def test_parts_left_by_a_killed_process_are_cleaned_by_the_next_export(tmp_path):
    db = tmp_path / "library.db"
    _library(db, articles=2, per_article=3)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = [
        tmp_path / f".out.csv.{pid}.a1b2c3d4.part",  # a killed export of this version
        tmp_path / ".out.csv.k2j_x9q0.part",  # an older version's, an hour old
    ]
    for p in stale:
        p.write_text("half", encoding="utf-8")
    old = time.time() - 2 * 3600
    os.utime(stale[1], (old, old))
    alive = tmp_path / f".out.csv.{os.getpid()}.0badf00d.part"  # being written now
    alive.write_text("busy", encoding="utf-8")
    folder_part = tmp_path / f".notes.{pid}.zz00zz00.part"  # a killed markdown export
    folder_part.mkdir()
    (folder_part / "00001-talks-0.md").write_text("half", encoding="utf-8")
    other = tmp_path / ".other.csv.12345678.part"  # not ours: another destination's
    other.write_text("x", encoding="utf-8")
    os.utime(other, (old, old))
    for args in (
        EXPORTS["csv"] + [str(tmp_path / "out.csv")],
        ["export", "annotations", "--format", "markdown", "-o", str(tmp_path / "notes")],
    ):
        subprocess.run(_reader(db, *args), check=True, capture_output=True)
    names = {p.name for p in tmp_path.iterdir()}
    assert not any(p.name in names for p in stale + [folder_part])
    assert {alive.name, other.name, "out.csv", "notes"} <= names


def test_killed_markdown_export_leaves_nothing_after_the_next(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    db = folder / "library.db"
    _library(db, articles=150, per_article=2)
    library_files = {"library.db", "library.db-wal", "library.db-shm"}
    out = folder / "notes"
    command = _reader(db, "export", "annotations", "--format", "markdown", "-o", str(out))
    rng = random.Random(5)
    for _ in range(3):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not list(folder.glob(".notes.*.part")) and proc.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))  # killed while it writes the folder
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        subprocess.run(command, check=True, capture_output=True)
        assert _leftovers(folder, library_files) == ["notes"]
        assert len(list(out.iterdir())) == 150


def _children(pid: int) -> set[int]:
    """Processes descended from `pid` (Linux /proc): the workers are the fork server's
    children, it and the resource tracker the import's."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    level = {pid}
    while level:
        level = {p for p, parent in parents.items() if parent in level} - found
        found |= level
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="parallel parsing needs two cores; the check reads Linux /proc",
)
def test_killed_import_leaves_no_worker_running(tmp_path):
    import reader.importing

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(reader.importing.PARALLEL_FROM + 60):
        body = "\n\n".join(f"Paragraph {j} of article {i}: {SENTENCE}" for j in range(20))
        (corpus / f"a{i:03}.txt").write_text(f"Title {i}\n\n{body}\n", encoding="utf-8")
    rng = random.Random(7)
    for round_ in range(3):
        db = tmp_path / f"library{round_}.db"
        proc = subprocess.Popen(
            _reader(db, "import", "-q", str(corpus)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seen: set[int] = set()
        deadline = time.monotonic() + 60
        while len(seen) < 3 and proc.poll() is None:  # two workers, the tracker (and server)
            assert time.monotonic() < deadline
            seen |= _children(proc.pid)
            time.sleep(0.01)
        end = time.monotonic() + rng.uniform(0, 0.5)
        while time.monotonic() < end:
            seen |= _children(proc.pid)
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert len(seen) >= 3
        deadline = time.monotonic() + 10
        while any(_running(p) for p in seen) and time.monotonic() < deadline:
            time.sleep(0.05)
        orphans = [p for p in seen if _running(p)]
        for p in orphans:  # never leave them running, even when the test fails
            os.kill(p, signal.SIGKILL)
        assert orphans == []
