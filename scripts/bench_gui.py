#!/usr/bin/env python3
"""Benchmark of the window: start-up time and memory against the library's size.

    .venv/bin/python scripts/bench_gui.py [--quick] [--n N] [--runs R]

Builds an empty library and one of N generated articles (default 100,000; 10,000
with --quick), then starts the window on each in a fresh subprocess (offscreen)
and measures the time from process start to the first painted library list, the
peak resident memory, and the time to open and paint the longest article.
Targets are ratios against the empty library measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_START_RATIO = 1.3
TARGET_RSS_MB = 300
TARGET_OPEN_MS = 100

VOCABULARY = (
    "minister talks harbour council budget election strike agreement report police "
    "court ruling energy prices inflation ferry railway union wages summit embassy "
    "spokesman statement sanctions trade exports farmers drought water hospital school "
    "teachers protest parliament vote coalition opposition mayor city region border"
)
WORDS = VOCABULARY.split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generated(n: int, seed: int = 7):
    """The longest article first (id 1), then `n - 1` short ones from a few bodies."""
    from reader.model import ParsedArticle

    rng = random.Random(seed)
    parts = []
    for i in range(400):
        if i % 40 == 0:
            parts.append(f"## Part {i // 40 + 1} 📰")
        if i % 25 == 7:
            parts.append("\n".join(f"- {_sentence(rng, 8)}" for _ in range(4)))
        elif i % 30 == 11:
            parts.append("> " + _sentence(rng, 30))
        else:
            parts.append(" ".join(_sentence(rng, 12) for _ in range(4)) + " 中文 مرحبا 😀")
    yield ParsedArticle(
        title="The longest article",
        markdown="\n\n".join(parts),
        source="Bench Wire",
        language="en",
        published="2025-01-01",
    )
    bodies = [
        "\n\n".join(" ".join(_sentence(rng, 12) for _ in range(3)) for _ in range(4))
        for _ in range(40)
    ]
    for i in range(1, n):
        yield ParsedArticle(
            title=f"{_sentence(rng, 6)[:-1]} #{i}",
            markdown=bodies[i % len(bodies)],
            source=f"Source {i % 50}",
            language=("en", "fr", "de", "id", "ar")[i % 5],
            published=f"20{10 + i % 15}-{1 + i % 12:02}-{1 + i % 28:02}",
        )


def build(path: Path, n: int) -> float:
    from reader.library import Library

    start = time.perf_counter()
    with Library(path) as library:
        if n:
            library.add_articles(generated(n))
    return time.perf_counter() - start


# -- child: one start of the window -------------------------------------------------------


def child(db: str, started: float, open_id: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
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
        result: dict[str, float] = {}

        class FirstPaint(QObject):
            def eventFilter(self, obj, event):  # noqa: ANN001, N802
                if event.type() == QEvent.Type.Paint and "painted" not in result:
                    result["painted"] = time.time()
                    QTimer.singleShot(0, app.quit)
                return False

        target = window.pane.table.viewport() if library.count_articles() else window.welcome
        spy = FirstPaint()
        target.installEventFilter(spy)
        window.show()
        app.exec()
        result["start_s"] = result["painted"] - started
        if open_id:
            t = time.perf_counter()
            window.open_article(open_id)
            window.view.viewport().repaint()
            result["open_ms"] = (time.perf_counter() - t) * 1000
            result["open_chars"] = len(window.view.article.text)
        if open_id:
            from PySide6.QtCore import Qt

            from reader.gui.models.library_model import COLUMNS
            from reader.model import Scope

            model = window.model
            for column, (header, _, _) in enumerate(COLUMNS):
                t = time.perf_counter()
                model.sort(column, Qt.SortOrder.DescendingOrder)
                result[f"sort {header}"] = (time.perf_counter() - t) * 1000
            model.clear_sort()
            for query in ("minister", "harbour council", "xylophone"):
                t = time.perf_counter()
                model.set_scope(Scope(query=query, prefix=True))
                result[f"search '{query}' ({model.total:,} hits)"] = (
                    time.perf_counter() - t
                ) * 1000
        result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        window.close()
        library.close()
        QApplication.processEvents()


def measure(db: Path, open_id: int) -> dict[str, float]:
    started = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(started), str(open_id)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 articles, 2 runs")
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), int(args.child[2]))
        return 0
    n = args.n or (10_000 if args.quick else 100_000)
    runs = args.runs or (2 if args.quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty.db", Path(tmp) / "full.db"
        build(empty, 0)
        seconds = build(full, n)
        size_mb = full.stat().st_size / 2**20
        print(f"built {n:,} articles in {seconds:.1f} s ({size_mb:.0f} MB)")
        rows = {}
        for name, db, open_id in (("empty", empty, 0), (f"{n:,}", full, 1)):
            samples = [measure(db, open_id) for _ in range(runs)]
            rows[name] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
    base, big = rows["empty"], rows[f"{n:,}"]
    ratio = big["start_s"] / base["start_s"]
    print(f"\nmedian of {runs} runs, offscreen, {os.cpu_count()} CPUs")
    print(f"{'library':>10} {'start→painted':>14} {'peak RSS':>9} {'open longest':>13}")
    for name, r in rows.items():
        open_text = f"{r['open_ms']:.0f} ms" if "open_ms" in r else "-"
        print(f"{name:>10} {r['start_s'] * 1000:>11.0f} ms {r['rss_mb']:>6.0f} MB {open_text:>13}")
    extra = {k: v for k, v in big.items() if k.startswith(("sort", "search"))}
    if extra:
        print(f"\nlist operations on {n:,} articles (UI thread, ms):")
        for key, value in extra.items():
            print(f"  {key:<40} {value:6.0f}")
    checks = [
        (f"start ratio {ratio:.2f}× (target ≤ {TARGET_START_RATIO}×)", ratio <= TARGET_START_RATIO),
        (
            f"peak RSS {big['rss_mb']:.0f} MB (target < {TARGET_RSS_MB} MB)",
            big["rss_mb"] < TARGET_RSS_MB,
        ),
        (
            f"open longest article ({int(big['open_chars']):,} chars) {big['open_ms']:.0f} ms "
            f"(target < {TARGET_OPEN_MS} ms)",
            big["open_ms"] < TARGET_OPEN_MS,
        ),
    ]
    print()
    for text, ok in checks:
        print(("ok    " if ok else "MISS  ") + text)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
