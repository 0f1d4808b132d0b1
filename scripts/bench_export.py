#!/usr/bin/env python3
"""Benchmark: `reader export annotations --format csv` against `sqlite3 -csv` on the same rows.

Builds a library of 1,000,000 annotations (2,000 articles × 500; `--quick`:
100,000) in a temporary folder, then times both exports as child processes and
reads each child's peak memory (ru_maxrss). Targets: ≤ 2× the baseline's time,
< 200 MB peak. The baseline is the sqlite3 command-line shell when installed,
else Python's sqlite3 module writing rows with the csv module.

    .venv/bin/python scripts/bench_export.py [--quick] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402
from reader.model import ParsedArticle  # noqa: E402
from reader.store.exports import (  # noqa: E402
    _JOIN,
    ANNOTATION_COLUMNS,
    bulk_insert_annotations,
)
from reader.text.anchoring import context  # noqa: E402
from reader.text.canonical import paragraphs_to_markdown  # noqa: E402
from reader.timestamps import utc_now  # noqa: E402

WORDS = (  # noqa: SIM905
    "minister said talks would resume next week in Istanbul according to officials the "
    "embassy statement Lavrov Rubio sanctions pipeline ceasefire negotiations 🚀 café "
    '王毅 لافروف délégation согласно data, "quoted"'
).split()
RARE = ["-20", "=SUM(A1)", "@press"]  # formula-like words: about 1 word in 200
KINDS = ("highlight", "entity", "quote")
LABELS = {"highlight": "important", "entity": "PERSON", "quote": "QUOTE"}
COLUMNS = (
    "article_id",
    "kind",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "note",
    "annotator",
    "created",
    "modified",
    "status",
    "origin",
    "entity_id",
)


def build(db: Path, articles: int, per_article: int) -> int:
    rng = random.Random(7)
    now = utc_now()
    with Library(db, annotator="bench") as lib:
        store = lib._store
        entity_ids = [
            store.entities.insert({"name": f"Person {i}", "type": "PERSON", "aliases": []})
            for i in range(50)
        ]
        texts: list[tuple[int, str]] = []
        for n in range(articles):
            paragraphs = [
                " ".join(rng.choice(RARE if rng.random() < 0.005 else WORDS) for _ in range(60))
                + "."
                for _ in range(12)
            ]
            parsed = ParsedArticle(
                title=f"Article {n}: talks resume",
                markdown=paragraphs_to_markdown(paragraphs),
                source=rng.choice(["Agency", "Wire", "@press"]),
                published=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                language="en",
                url=f"https://example.org/{n}",
            )
            article_id = lib.add_article(parsed)[1]
            texts.append((article_id, lib.article(article_id).text))

        def rows():
            for article_id, text in texts:
                spans = [m.span() for m in re.finditer(r"\S+(?: \S+){0,4}", text)]
                for i in range(per_article):
                    start, end = spans[i % len(spans)]
                    kind = KINDS[i % 3]
                    prefix, suffix = context(text, start, end)
                    note = rng.choice([None] * 6 + ["check this", 'said "yes", twice', "=1+1"])
                    yield (
                        article_id,
                        kind,
                        LABELS[kind],
                        start,
                        end,
                        text[start:end],
                        prefix,
                        suffix,
                        note,
                        "bench",
                        now,
                        now,
                        "ok",
                        "manual",
                        rng.choice(entity_ids) if kind == "entity" else None,
                    )

        return bulk_insert_annotations(store.db, COLUMNS, rows())


def run_child(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one child process."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def baseline_sql() -> str:
    select = ", ".join(f"{expr} AS [{name}]" for name, expr in ANNOTATION_COLUMNS)
    return f'SELECT {select} {_JOIN} ORDER BY n.article_id, n.start, n."end" DESC, n.id'


PY_BASELINE = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
cur = conn.execute(sys.argv[2])
with open(sys.argv[3], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow([d[0] for d in cur.description])
    w.writerows(cur)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 annotations")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best is kept)")
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        print(f"{build(args.build_only, 200 if args.quick else 2000, 500):,}")
        return
    articles = 200 if args.quick else 2000
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"bench-{articles}.db"
    if not db.exists():
        t0 = time.perf_counter()
        # In a child: a forked child's ru_maxrss starts at its parent's, so the parent stays small.
        quick = ["--quick"] if args.quick else []
        cmd = [sys.executable, __file__, *quick, "--build-only", str(db)]
        count = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
        print(f"built {count} annotations in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    reader = [sys.executable, "-m", "reader", "--db", str(db), "export", "annotations"]
    ours_csv, base_csv = folder / "reader.csv", folder / "baseline.csv"
    sqlite = shutil.which("sqlite3")
    if sqlite:
        base_cmd = [sqlite, "-readonly", "-csv", "-header", str(db), baseline_sql()]
        base_name, base_out = "sqlite3 -csv", base_csv
    else:
        base_cmd = [sys.executable, "-c", PY_BASELINE, str(db), baseline_sql(), str(base_csv)]
        base_name, base_out = "python sqlite3+csv", None
    ours = min(
        run_child([*reader, "--format", "csv", "-o", str(ours_csv)]) for _ in range(args.repeat)
    )
    raw = min(
        run_child([*reader, "--format", "csv", "--raw", "-o", str(ours_csv)])
        for _ in range(args.repeat)
    )
    base = min(run_child(base_cmd, base_out) for _ in range(args.repeat))
    with open(ours_csv, "rb") as f:
        rows = sum(1 for _ in f)  # lines; cells may hold newlines, so this is an upper bound
    print(f"{'':24} {'time (s)':>9} {'peak MB':>8} {'file MB':>8}")
    size = ours_csv.stat().st_size / 1e6
    for name, (secs, peak) in (("reader csv", ours), ("reader csv --raw", raw), (base_name, base)):
        print(f"{name:24} {secs:9.2f} {peak:8.1f} {size:8.1f}  {secs / base[0]:.2f}×")
    print(
        f"ratio reader/baseline: {ours[0] / base[0]:.2f}× (--raw {raw[0] / base[0]:.2f}×); "
        "targets ≤ 2× and peak < 200 MB"
    )
    print(f"lines in reader.csv: {rows:,}   library: {db}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
