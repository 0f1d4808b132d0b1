#!/usr/bin/env python3
"""Benchmark of the window: start-up time and memory against the library's size.

    .venv/bin/python scripts/bench_gui.py [--quick] [--n N] [--runs R]

Builds an empty library and one of N generated articles (default 100,000; 10,000
with --quick), then starts the window on each in a fresh subprocess (offscreen)
and measures the time from process start to the first painted library list, the
peak resident memory, and the time to open and paint the longest article.
Targets are ratios against the empty library measured in the same run.

Annotations: an article of 10,000 words with 2,000 marks (quotes, entities nested
in them, overlapping highlights) opens and paints against the same article without
marks (< 200 ms, within 3x); and making one mark through the window's path (select,
key handler, committed, marks and panel refreshed) in the library of N articles
(p95 < 10 ms).
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
TARGET_MARKED_MS = 200
TARGET_MARKED_RATIO = 3.0
TARGET_MARK_P95_MS = 10
MARKS = 2_000

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
            window.articles.open_article(open_id)
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


# -- annotations -------------------------------------------------------------------------


def long_article(words: int = 10_000, seed: int = 11):
    """An article of `words` words in paragraphs of about 80."""
    from reader.model import ParsedArticle

    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        sentences = [_sentence(rng, 10) for _ in range(8)]
        paragraphs.append(" ".join(sentences))
        count += 80
    return ParsedArticle(
        title="Ten thousand words",
        markdown="\n\n".join(paragraphs),
        source="Bench Wire",
        language="en",
        published="2025-01-02",
    )


def build_marked(path: Path) -> tuple[int, int]:
    """Two copies of a 10,000-word article, the first with MARKS marks; their ids."""
    import re

    from reader.library import Library
    from reader.model import ParsedArticle

    with Library(path) as library:
        article = long_article()
        library.add_articles(
            [article, ParsedArticle(**{**vars(article), "title": "Same, no marks"})]
        )
        marked, plain = (a.id for a in sorted(library.list_articles(), key=lambda a: a.id))
        text = library.article(marked).text
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        made, n = 0, 0
        step = max(1, (len(words) - 13) // (MARKS * 2 // 5))
        i = 0
        with library._store.atomic():  # one transaction: building, not what is measured
            while made < MARKS and i + 12 < len(words):
                # a quote of 10 words, a one-word entity in it, every other time a
                # highlight overlapping its end (so nested, overlapping and plain marks)
                library.annotate(marked, "quote", words[i][0], words[i + 9][1])
                library.annotate(marked, "entity", *words[i + 3], label="PERSON")
                made += 2
                if n % 2 and made < MARKS:
                    library.annotate(marked, "highlight", words[i + 8][0], words[i + 12][1])
                    made += 1
                i += step
                n += 1
        return marked, plain


def annot_child(db: str, marked: int, plain: int, runs: int) -> None:
    """Open the marked and unmarked articles in turn (`runs` each); make marks."""
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
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        result: dict[str, float] = {}
        if marked:
            times: dict[int, list[float]] = {marked: [], plain: []}
            settled: list[float] = []
            for _ in range(runs):
                for article_id in (plain, marked):
                    window.articles.open_article(0, quiet=True)  # nothing open: a real open next
                    window.view.show_article(None)
                    app.processEvents()
                    t = time.perf_counter()
                    window.articles.open_article(article_id)
                    window.view.viewport().repaint()
                    times[article_id].append((time.perf_counter() - t) * 1000)
                    if article_id == marked:
                        # the marks below the first screen and the side panel follow
                        # one tick later: until then the window does not answer input
                        app.processEvents()
                        window.repaint()
                        settled.append((time.perf_counter() - t) * 1000)
            result["marked_ms"] = statistics.median(times[marked])
            result["plain_ms"] = statistics.median(times[plain])
            result["settled_ms"] = statistics.median(settled)
            result["marks"] = len(window.annotate.annotations)
            result["ranges"] = len(window.view.marks())
            result["rows"] = window.side.model.rowCount()
        else:
            # make marks on a short article through the window's path, in a big library
            article_id = 2
            window.articles.open_article(article_id)
            text = window.view.article.text
            import re

            words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
            samples = []
            for i in range(runs):
                start, end = words[i % len(words)]
                window.view.select_range(start, end)
                t = time.perf_counter()
                window.commands.annotate_tag(1 + i % 6)
                samples.append((time.perf_counter() - t) * 1000)
            samples.sort()
            result["mark_p50_ms"] = samples[len(samples) // 2]
            result["mark_p95_ms"] = samples[int(len(samples) * 0.95) - 1]
            result["made"] = len(library.annotations(article_id))
        print(json.dumps(result))
        window.close()
        library.close()
        QApplication.processEvents()


def measure_annotations(db: Path, marked: int, plain: int, runs: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--annot-child", str(db), str(marked), str(plain), str(runs)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    parser.add_argument("--annot-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--annotations-only", action="store_true", help="only the marks rows")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), int(args.child[2]))
        return 0
    if args.annot_child:
        db, marked, plain, runs = args.annot_child
        annot_child(db, int(marked), int(plain), int(runs))
        return 0
    n = args.n or (10_000 if args.quick else 100_000)
    runs = args.runs or (2 if args.quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty.db", Path(tmp) / "full.db"
        marked_db = Path(tmp) / "marked.db"
        marked, plain = build_marked(marked_db)
        annotated = measure_annotations(marked_db, marked, plain, 7)
        build(empty, 0)
        seconds = build(full, n)
        size_mb = full.stat().st_size / 2**20
        print(f"built {n:,} articles in {seconds:.1f} s ({size_mb:.0f} MB)")
        making = measure_annotations(full, 0, 0, 200)
        rows = {}
        if args.annotations_only:
            return report_annotations(annotated, making, n)
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
    marks_ok = report_annotations(annotated, making, n) == 0
    return 0 if all(ok for _, ok in checks) and marks_ok else 1


def report_annotations(annotated: dict[str, float], making: dict[str, float], n: int) -> int:
    ratio = annotated["marked_ms"] / annotated["plain_ms"]
    print(
        f"\n10,000-word article: open+paint {annotated['plain_ms']:.0f} ms without marks, "
        f"{annotated['marked_ms']:.0f} ms with {int(annotated['marks']):,} marks "
        f"({int(annotated['ranges']):,} drawn ranges); median of 7"
    )
    print(
        f"  every mark drawn and {int(annotated['rows']):,} panel rows shown (next tick, "
        f"whole window repainted): {annotated['settled_ms']:.0f} ms"
    )
    print(
        f"making a mark (window path, committed) in {n:,} articles: "
        f"p50 {making['mark_p50_ms']:.1f} ms, p95 {making['mark_p95_ms']:.1f} ms "
        f"({int(making['made'])} marks)"
    )
    checks = [
        (
            f"article with {MARKS:,} marks {annotated['marked_ms']:.0f} ms "
            f"(target < {TARGET_MARKED_MS} ms)",
            annotated["marked_ms"] < TARGET_MARKED_MS,
        ),
        (
            f"marks ratio {ratio:.2f}× (target ≤ {TARGET_MARKED_RATIO}×)",
            ratio <= TARGET_MARKED_RATIO,
        ),
        (
            f"make a mark p95 {making['mark_p95_ms']:.1f} ms (target < {TARGET_MARK_P95_MS} ms)",
            making["mark_p95_ms"] < TARGET_MARK_P95_MS,
        ),
    ]
    for text, ok in checks:
        print(("ok    " if ok else "MISS  ") + text)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
