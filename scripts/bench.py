#!/usr/bin/env python3
"""Reader at scale against SQLite itself: one command, one table, every figure measured now.

    .venv/bin/python scripts/bench.py [--articles N] [--json FILE] [--quick] [--smoke] [--keep DIR]
                                      [--only SECTION,…]
    .venv/bin/python scripts/bench.py --curve [--keep DIR] [--sizes 10000,100000,1000000]

Generates N articles (default 100,000; --quick 10,000) with scripts/make_corpus.py and
10 annotations per article (at most 1,000,000), then measures, each row against a baseline
run in the same process tree on the same data:

- import: `reader import` (a subprocess, the real CLI path) on a sample of generated
  files vs `sqlite-utils insert` of the same parsed rows into the same table, with the
  same FTS5 index (the storage floor);
- search: `Library.search` and the library list's search (count + first page) vs the
  raw FTS5 `MATCH` through sqlite3;
- window: start to painted list and peak RSS at N and at 0 articles (scripts/bench_gui.py);
- open: a 10,000-word article with 2,000 annotations vs the same size with none;
- annotate: `Library.annotate` (one committed annotation) vs a raw INSERT + COMMIT;
- export: `reader export annotations --format csv` vs `sqlite3 -csv` of the same join;
- startup: `reader --version` and `reader list` vs the bare interpreter.

--smoke (200 articles unless --articles) runs every row on tiny data in seconds; the test
suite runs it so that this script cannot rot. Exit status 1 when a target is missed
(never with --smoke, whose figures are too small to judge). A section that breaks is
a missed row saying why; the others still run.

--curve runs the rows whose cost can grow with the library (import, search, open,
export, statistics) at 10,000, 100,000 and 1,000,000 articles, each size in its own
process and folder (DIR/N with --keep, reused next time: the largest takes long to
build), and prints each figure at each size with its growth per tenfold size.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_export  # noqa: E402
import bench_gui  # noqa: E402
import make_corpus  # noqa: E402

PY = sys.executable
READER = [PY, "-m", "reader"]
OPEN_WORDS = 10_000
OPEN_ANNOTATIONS = 2_000
# Realistic queries: names, common words, a phrase, places in other scripts, rare words.
QUERIES = [
    "Lavrov",
    "Zakharova",
    "minister",
    "parliament budget",
    '"energy prices"',
    "sanctions",
    "Istanbul",
    "Москва",
    "الرياض",
    "Bundestag",
    "xylophone",
    "quokka",
]


@dataclass
class Row:
    name: str
    unit: str
    reader: float
    baseline: float | None
    target: str
    passed: bool
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.reader / self.baseline


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def wall(cmd: list[str], **kw) -> float:  # noqa: ANN003
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - t


# Linux carries a parent's peak RSS into a child it spawns (vfork + exec), so a child's
# ru_maxrss would include this process's. A small trampoline process in between
# spawns the measured command and reports that command's own peak; "{now}" in the
# arguments becomes the time of the spawn (for start-up measurements).
TRAMPOLINE = """
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
cmd = [a.replace("{now}", repr(time.time())) for a in cmd]
t = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as f:
    f.write(f"{os.waitstatus_to_exitcode(status)} {time.perf_counter() - t} {usage.ru_maxrss}")
"""


def measured(cmd: list[str], stdout: Path | None = None) -> tuple[float, float, str]:
    """Wall time (s), peak RSS (MB) and standard output of one command, in a clean child."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as f:
        out = open(stdout, "wb") if stdout else subprocess.PIPE  # noqa: SIM115
        proc = subprocess.run(
            [PY, "-c", TRAMPOLINE, f.name, *cmd], stdout=out, stderr=subprocess.PIPE
        )
        if stdout:
            out.close()
        code, seconds, kib = f.read().split()
    if proc.returncode or int(code):
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.decode(errors='replace')[-2000:]}")
    text = proc.stdout.decode() if not stdout else ""
    return float(seconds), int(kib) / 1024, text


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- import ----------------------------------------------------------------------------------


def bench_import(folder: Path, gen: make_corpus.Generator, n: int) -> list[Row]:
    files = folder / "import-files"
    shutil.rmtree(files, ignore_errors=True)
    for old in [*folder.glob("import.db*"), *folder.glob("floor.db*")]:
        old.unlink()  # a kept folder's earlier run would make every article a duplicate
    make_corpus.write_files(gen, n, files)
    db = folder / "import.db"
    seconds = wall([*READER, "--db", str(db), "import", "--recursive", "--quiet", str(files)])
    with sqlite3.connect(db) as conn:
        imported = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        # The rows exactly as Reader stored them: already parsed, for the storage floor.
        cur = conn.execute("SELECT * FROM articles ORDER BY id")
        names = [d[0] for d in cur.description]
        rows_path = folder / "rows.jsonl"
        with rows_path.open("w", encoding="utf-8") as out:
            for r in cur:
                row = {k: v for k, v in zip(names, r, strict=True) if k != "id"}
                if isinstance(row.get("original"), bytes):
                    row["original"] = {
                        "$base64": True,
                        "encoded": base64.b64encode(row["original"]).decode(),
                    }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    # The same table, indexes, FTS5 table and triggers: an empty Reader library.
    base_db = folder / "floor.db"
    from reader.library import Library

    Library(base_db).close()
    sqlite_utils = shutil.which("sqlite-utils", path=str(Path(PY).parent)) or "sqlite-utils"
    base_s = wall([sqlite_utils, "insert", str(base_db), "articles", str(rows_path), "--nl"])
    with sqlite3.connect(base_db) as conn:
        floor_rows = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    ours, floor = imported / seconds, floor_rows / base_s
    ratio = ours / floor
    return [
        Row(
            f"import ({imported:,} files, reader import)",
            "articles/s",
            ours,
            floor,
            "≥ 0.3× sqlite-utils insert",  # issue 22's target
            ratio >= 0.3,
            f"{seconds:.1f} s vs {base_s:.1f} s",
        )
    ]


# -- search ---------------------------------------------------------------------------------


def bench_search(db: Path, repeat: int) -> list[Row]:
    from reader.library import Library
    from reader.model import Scope
    from reader.store.search import fts_candidates

    lib = Library(db, readonly=True)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    raw_search = (
        "SELECT rowid, snippet(articles_fts, -1, '[', ']', '…', 12), bm25(articles_fts) "
        "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
    )
    raw_count = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    raw_page = (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 200"
    )
    times: dict[str, list[float]] = {"search": [], "raw": [], "list": [], "raw list": []}
    hits = {}
    for q in QUERIES:
        fts = fts_candidates(q)[0]
        # Warm the page caches for both sides alike: the list reads its 200 articles' rows,
        # which neither search reads, and the first read of them from disk (50-100 ms
        # on this machine) would be one sample in ten, most of the p95.
        lib.search(q)
        lib.list_articles(0, 200, "imported_at", True, Scope(query=q, prefix=True))
        raw.execute(raw_search, [fts]).fetchall()
        hits[q] = raw.execute(raw_count, [fts]).fetchone()[0]
        raw.execute(raw_page, [fts]).fetchall()
        for _ in range(repeat):
            t = time.perf_counter()
            lib.search(q)
            times["search"].append(time.perf_counter() - t)
            t = time.perf_counter()
            raw.execute(raw_search, [fts]).fetchall()
            times["raw"].append(time.perf_counter() - t)
            t = time.perf_counter()
            scope = Scope(query=q, prefix=True)
            lib.count_articles(scope)
            lib.list_articles(0, 200, "imported_at", True, scope)
            times["list"].append(time.perf_counter() - t)
            t = time.perf_counter()
            raw.execute(raw_count, [fts]).fetchone()
            raw.execute(raw_page, [fts]).fetchall()
            times["raw list"].append(time.perf_counter() - t)
    lib.close()
    raw.close()
    rows = []
    worst = max(hits.values()) if hits else 0
    for name, ours, base in (
        ("search (Library.search, top 20 + snippets)", "search", "raw"),
        ("list search (count + first 200 rows)", "list", "raw list"),
    ):
        p50, p95 = pct(times[ours], 50) * 1000, pct(times[ours], 95) * 1000
        b50, b95 = pct(times[base], 50) * 1000, pct(times[base], 95) * 1000
        rows.append(
            Row(
                f"{name} p95",
                "ms",
                p95,
                b95,
                "≤ 2× raw FTS5, < 50 ms",
                p95 <= 2 * b95 and p95 < 50,
                f"p50 {p50:.1f} vs {b50:.1f} ms; {len(QUERIES)} queries × {repeat}, "
                f"up to {worst:,} hits",
            )
        )
    return rows


# -- annotate ---------------------------------------------------------------------------------


def bench_annotate(db: Path, count: int) -> list[Row]:
    from reader.library import Library
    from reader.timestamps import utc_now

    rng = random.Random(3)
    lib = Library(db, annotator="bench")
    ids = [r[0] for r in lib._store.db.execute("SELECT id FROM articles ORDER BY id")]
    picks = [rng.choice(ids) for _ in range(count)]
    before = lib._store.db.execute("SELECT max(id) FROM annotations").fetchone()[0] or 0
    ours = []
    for article_id in picks:
        t = time.perf_counter()
        a = lib.annotate(article_id, "highlight", 0, 20, note="bench")
        ours.append(time.perf_counter() - t)
    lib.close()
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("PRAGMA synchronous = NORMAL")
    now = utc_now()
    base = []
    sql = (
        'INSERT INTO annotations (article_id, kind, label, start, "end", exact, prefix, suffix, '
        "note, annotator, created, modified, status, origin) "
        "VALUES (?, 'highlight', 'important', 0, 20, ?, '', '', 'bench', 'bench', ?, ?, 'ok', "
        "'manual')"
    )
    for article_id in picks:
        t = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute(sql, [article_id, a.exact, now, now])
        raw.execute("COMMIT")
        base.append(time.perf_counter() - t)
    raw.execute("DELETE FROM annotations WHERE id > ?", [before])
    raw.close()
    p95, b95 = pct(ours, 95) * 1000, pct(base, 95) * 1000
    return [
        Row(
            "annotate (one committed annotation) p95",
            "ms",
            p95,
            b95,
            "< 10 ms",
            p95 < 10,
            f"p50 {pct(ours, 50) * 1000:.2f} ms; {count} on random articles",
        )
    ]


# -- window and article view -------------------------------------------------------------------


def bench_window(folder: Path, db: Path, n: int, runs: int) -> list[Row]:
    empty = folder / "empty.db"
    from reader.library import Library

    Library(empty).close()

    def once(path: Path) -> dict[str, float]:
        cmd = [PY, bench_gui.__file__, "--child", str(path), "{now}", "0"]
        return json.loads(measured(cmd)[2].strip().splitlines()[-1])

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    samples = {
        name: [once(path) for _ in range(runs)] for name, path in (("empty", empty), ("full", db))
    }
    med = {
        k: {m: statistics.median(s[m] for s in v) for m in ("start_s", "rss_mb")}
        for k, v in samples.items()
    }
    start, start0 = med["full"]["start_s"], med["empty"]["start_s"]
    rss, rss0 = med["full"]["rss_mb"], med["empty"]["rss_mb"]
    return [
        Row(
            f"window start → painted list ({n:,} vs 0 articles)",
            "s",
            start,
            start0,
            "≤ 1.3×",
            start / start0 <= 1.3,
            f"median of {runs}",
        ),
        Row(
            f"window peak RSS ({n:,} vs 0 articles)",
            "MB",
            rss,
            rss0,
            "< 300 MB",
            rss < 300,
        ),
    ]


def long_articles(
    db: Path, gen: make_corpus.Generator, n: int, words: int, marks: int
) -> tuple[int, int]:
    """Two articles of `words` words; the first gets `marks` annotations. Their ids."""
    from reader.library import Library

    with Library(db, annotator="bench") as lib:
        ids = []
        for i in (n + 1, n + 2):
            doc = gen.doc(i, words=words)
            ids.append(lib.add_article(make_corpus.parsed(doc))[1])
        make_corpus.add_annotations(lib, marks, [ids[0]])
    return ids[0], ids[1]


def settled_marks(app, window) -> int:  # noqa: ANN001
    """How many marks the window holds once its event loop has run: an article with
    many opens with its first screen's marks (what the timing paints), the rest and the
    side panel follow one event-loop tick later."""
    for _ in range(100):
        app.processEvents()
        if window.side.model.rowCount():
            break
    return len(window.annotate.annotations)


def open_child(db: str, with_marks: int, without: int, runs: int) -> None:
    """In a subprocess: open both long articles alternately, print the timings as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        from reader.gui.app import make_app
        from reader.gui.main_window import MainWindow
        from reader.gui.settings import Settings
        from reader.library import Library

        app = make_app(["reader"])
        library = Library(db)
        window = MainWindow(library, Settings())
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        result: dict[str, list[float]] = {"marks": [], "plain": []}
        for _ in range(runs):
            for key, article_id in (("plain", without), ("marks", with_marks)):
                t = time.perf_counter()
                window.articles.open_article(article_id, remember=False)
                window.view.viewport().repaint()
                result[key].append(time.perf_counter() - t)
        out = {k: statistics.median(v) for k, v in result.items()}
        out["count"] = settled_marks(app, window)  # the marks article was opened last
        print(json.dumps(out))
        window.close()
        library.close()
        QApplication.processEvents()


def bench_open(db: Path, ids: tuple[int, int], runs: int, words: int) -> list[Row]:
    out = subprocess.run(
        [PY, __file__, "--open-child", str(db), str(ids[0]), str(ids[1]), str(runs)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode:
        raise SystemExit(f"open-article child failed:\n{out.stderr}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    ours, base = r["marks"] * 1000, r["plain"] * 1000
    return [
        Row(
            f"open a {words:,}-word article, {int(r['count']):,} marks vs none",
            "ms",
            ours,
            base,
            "< 200 ms, ≤ 2×",  # issue 22: at most twice the same article without marks
            ours < 200 and ours <= 2 * base,
            f"median of {runs}, painted",
        )
    ]


# -- export and start-up ---------------------------------------------------------------------------


def bench_exports(folder: Path, db: Path, repeat: int) -> list[Row]:
    ours_csv, base_csv = folder / "reader.csv", folder / "baseline.csv"
    cmd = [
        *READER,
        "--db",
        str(db),
        "export",
        "annotations",
        "--format",
        "csv",
        "-o",
        str(ours_csv),
    ]
    sqlite = shutil.which("sqlite3")
    if sqlite:
        base_cmd = [sqlite, "-readonly", "-csv", "-header", str(db), bench_export.baseline_sql()]
        base_out = base_csv
    else:
        base_cmd = [
            PY,
            "-c",
            bench_export.PY_BASELINE,
            str(db),
            bench_export.baseline_sql(),
            str(base_csv),
        ]
        base_out = None
    ours = min(measured(cmd)[:2] for _ in range(repeat))
    base = min(measured(base_cmd, base_out)[:2] for _ in range(repeat))
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    ours_csv.unlink(missing_ok=True)
    base_csv.unlink(missing_ok=True)
    return [
        Row(
            f"export {count:,} annotations to CSV vs sqlite3 -csv",
            "s",
            ours[0],
            base[0],
            "≤ 2×",
            ours[0] <= 2 * base[0],
            f"best of {repeat}",
        ),
        Row(
            "export peak RSS",
            "MB",
            ours[1],
            base[1],
            "< 200 MB",
            ours[1] < 200,
        ),
    ]


def bench_startup(db: Path, repeat: int) -> list[Row]:
    floor = min(wall([PY, "-c", "import sqlite3"]) for _ in range(repeat))
    version = min(wall([*READER, "--version"]) for _ in range(repeat))
    listing = min(wall([*READER, "--db", str(db), "list"]) for _ in range(repeat))
    return [
        Row(
            "startup: reader --version",
            "s",
            version,
            floor,
            "< 0.3 s",
            version < 0.3,
            f"best of {repeat}; baseline: bare python",
        ),
        Row(
            "startup: reader list",
            "s",
            listing,
            floor,
            "< 0.5 s",
            listing < 0.5,
            f"best of {repeat}; baseline: bare python",
        ),
    ]


# -- report ----------------------------------------------------------------------------------------


def bench_statistics(db: Path, repeat: int) -> list[Row]:
    """Every statistic of the Statistics view over the whole library (target < 1 s),
    against one scan of the annotations in the same run."""
    from bench_stats import best

    from reader.library import Library
    from reader.statistics import STATISTICS

    out = []
    with Library(db) as lib:
        conn = lib._store.db
        scan = best(
            lambda: conn.execute("SELECT kind, count(*) FROM annotations GROUP BY kind").fetchall(),
            repeat,
        )
        for name in STATISTICS:
            t = best(lambda name=name: lib.statistic(name), repeat)
            out.append(
                Row(
                    f"statistic: {name}",
                    "s",
                    t,
                    scan,
                    "< 1 s",
                    t < 1.0,
                    f"best of {repeat}; baseline: one scan of the annotations",
                )  # fmt: skip
            )
    return out


def table(rows: list[Row]) -> str:
    head = f"{'measure':58} {'Reader':>10} {'baseline':>10} {'ratio':>7}  {'target':26} result"
    lines = [head, "-" * len(head)]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "-"
        base = f"{r.baseline:,.3g}" if r.baseline is not None else "-"
        lines.append(
            f"{r.name:58} {r.reader:>10,.3g} {base:>10} {ratio:>7}  {r.target:26} "
            f"{'ok' if r.passed else 'MISS'}  {r.unit}; {r.note}".rstrip("; ")
        )
    return "\n".join(lines)


SECTIONS = ("import", "search", "annotate", "window", "open", "export", "startup", "statistics")
# The rows the scale curve follows: the ones whose cost could grow with the library.
CURVE_SECTIONS = ("import", "search", "open", "export", "statistics")
CURVE_SIZES = (10_000, 100_000, 1_000_000)


def failed_row(section: str, error: BaseException) -> Row:
    """A section that broke is a missed row saying why; the other sections still run."""
    reason = " ".join(str(error).split())[-300:] or type(error).__name__
    return Row(f"{section}: did not run", "-", float("nan"), None, "runs", False, reason)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="library size (default 100,000)")
    parser.add_argument("--annotations", type=int, help="default 10 per article, ≤ 1,000,000")
    parser.add_argument("--import-sample", type=int, help="files imported (default ≤ 5,000)")
    parser.add_argument("--json", type=Path, help="write the rows here too")
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--smoke", action="store_true", help="tiny run of every row")
    parser.add_argument("--keep", type=Path, help="work (and reuse the library) in this folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--only", help=f"comma-separated sections to run (of {', '.join(SECTIONS)})"
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="run the main rows at 10,000, 100,000 and 1,000,000 articles (with --keep DIR: "
        "each size's library is kept in DIR/N and reused) and print how each grows",
    )
    parser.add_argument("--sizes", help="with --curve: other sizes, comma-separated")
    parser.add_argument("--open-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--build-child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_child:
        db, n, m, words, marks, seed = args.build_child
        gen = make_corpus.Generator(int(seed))
        make_corpus.build_library(Path(db), gen, int(n), max(0, int(m) - int(marks)))
        print(json.dumps(long_articles(Path(db), gen, int(n), int(words), int(marks))))
        return 0
    if args.open_child:
        db, a, b, runs = args.open_child
        open_child(db, int(a), int(b), int(runs))
        return 0
    if args.curve:
        return bench_curve(args)
    only = set(SECTIONS if not args.only else args.only.split(","))
    if unknown := only - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    n = args.articles or (200 if args.smoke else 10_000 if args.quick else 100_000)
    annotations = args.annotations if args.annotations is not None else min(10 * n, 1_000_000)
    sample = args.import_sample or (min(n, 50) if args.smoke else min(n, 5_000))
    open_words, open_marks = (1_000, 200) if args.smoke else (OPEN_WORDS, OPEN_ANNOTATIONS)
    gen = make_corpus.Generator(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reader-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"library-{n}-{annotations}.db"
    started = time.perf_counter()
    rows: list[Row] = []
    smoke = args.smoke

    def build() -> tuple[int, int]:
        done = folder / "long-ids.json"  # written last: the library is complete
        if not done.exists():
            log(f"building the library: {n:,} articles, {annotations:,} annotations")
            for p in folder.glob(db.name + "*"):
                p.unlink()
            t = time.perf_counter()
            # In a child: this process stays small (see TRAMPOLINE).
            cmd = [PY, __file__, "--build-child", str(db), str(n), str(annotations)]
            cmd += [str(open_words), str(open_marks), str(args.seed)]
            ids = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            done.write_text(json.dumps(ids))
            log(f"  built in {time.perf_counter() - t:.0f} s ({db.stat().st_size / 2**20:.0f} MB)")
        else:
            from reader.library import Library

            # Kept from an earlier Reader: upgraded once, as opening it in the window would.
            t = time.perf_counter()
            Library(db).close()
            if time.perf_counter() - t > 1:
                log(f"  upgraded in {time.perf_counter() - t:.0f} s")
        return tuple(json.loads(done.read_text()))

    sections: dict[str, Callable[[], list[Row]]] = {
        "search": lambda: bench_search(db, 2 if smoke else 10),
        "annotate": lambda: bench_annotate(db, 20 if smoke else 200),
        "window": lambda: bench_window(folder, db, n, 1 if smoke else 3),
        "open": lambda: bench_open(db, ids, 1 if smoke else 3, open_words),
        "export": lambda: bench_exports(folder, db, 1 if smoke else 2),
        "startup": lambda: bench_startup(db, 2 if smoke else 5),
        "statistics": lambda: bench_statistics(db, 1 if smoke else 2),
    }
    try:
        if "import" in only:
            log(f"import: {sample:,} generated files")
            rows += run_section("import", lambda: bench_import(folder, gen, sample))
        ids: tuple[int, int] = (0, 0)
        if only - {"import"}:
            ids = build()
        for name in SECTIONS[1:]:
            if name in only:
                log(name)
                rows += run_section(name, sections[name])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.perf_counter() - started
    machine = (
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\nReader at {n:,} articles, {annotations:,} annotations "
        f"({machine}; load {load:.1f}; {elapsed:.0f} s)\n"
    )
    print(table(rows))
    if args.json:
        payload = {
            "articles": n,
            "annotations": annotations,
            "machine": machine,
            "load": load,
            "seconds": round(elapsed, 1),
            "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    missed = [r for r in rows if not r.passed]
    return 0 if args.smoke or not missed else 1


def run_section(name: str, section: Callable[[], list[Row]]) -> list[Row]:
    try:
        return section()
    except (Exception, SystemExit) as e:  # one broken row must not hide the others
        log(f"  {name} failed: {e}")
        return [failed_row(name, e)]


# -- the scale curve ----------------------------------------------------------------------------


def bench_curve(args: argparse.Namespace) -> int:
    """Each size in its own run of this script (its own process and folder), then one
    table: every row's figure at each size and its growth per tenfold size."""
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else list(CURVE_SIZES)
    base = args.keep or Path(tempfile.mkdtemp(prefix="reader-curve-"))
    results: dict[int, dict[str, Row]] = {}
    for n in sizes:
        folder = base / str(n)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / "rows.json"
        cmd = [PY, __file__, "--articles", str(n), "--keep", str(folder), "--json", str(out)]
        cmd += ["--only", ",".join(CURVE_SECTIONS), "--seed", str(args.seed)]
        if args.import_sample:
            cmd += ["--import-sample", str(args.import_sample)]
        if args.smoke:
            cmd.append("--smoke")
        log(f"curve: {n:,} articles")
        subprocess.run(cmd, check=False, stdout=sys.stderr)  # its own table: a log here
        if out.exists():
            data = json.loads(out.read_text())
            fields = ("name", "unit", "reader", "baseline", "target", "passed", "note")
            results[n] = {r["name"]: Row(**{k: r[k] for k in fields}) for r in data["rows"]}
        else:
            results[n] = {}
    print(curve_table(sizes, results))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


def curve_table(sizes: list[int], results: dict[int, dict[str, Row]]) -> str:
    """Rows by name (sizes in the name are normalised away) against the sizes."""

    def key(name: str) -> str:
        return re.sub(r"\d[\d,]*", "N", name)

    names: list[str] = []
    by_key: dict[int, dict[str, Row]] = {}
    for n in sizes:
        by_key[n] = {}
        for name, row in results.get(n, {}).items():
            k = key(name)
            by_key[n][k] = row
            if k not in names:
                names.append(k)
    head = f"{'measure':58} " + " ".join(f"{n:>12,}" for n in sizes) + "   growth per 10×"
    lines = [head, "-" * len(head)]
    for k in names:
        cells, values = [], []
        for n in sizes:
            row = by_key[n].get(k)
            value = row.reader if row is not None else float("nan")
            values.append(value)
            cells.append(f"{value:>12,.4g}")
        growth = []
        for (n1, v1), (n2, v2) in zip(
            zip(sizes, values, strict=True), zip(sizes[1:], values[1:], strict=True), strict=False
        ):
            if v1 and v1 == v1 and v2 == v2 and n2 > n1:
                per10 = (v2 / v1) ** (1 / math.log10(n2 / n1))
                growth.append(f"{per10:.2f}×")
        unit = next((by_key[n][k].unit for n in sizes if k in by_key[n]), "")
        lines.append(
            f"{(k + ' (' + unit + ')')[:58]:58} " + " ".join(cells) + "   " + " ".join(growth)
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
