#!/usr/bin/env python3
"""Benchmark: every statistic over 100,000 articles and 1,000,000 annotations.

Builds the library in a temporary folder (bulk paths: `Library.add_articles` and the
store's `bulk_insert_annotations`), then times each `Library.statistic` over the whole
library and over a search, and the entity filter a chart click sets. Target: < 1 s each
on 2 cores. The baseline, measured in the same run, is one full scan of the annotations
(`SELECT kind, count(*) ... GROUP BY kind`); the ratio says how many scans a statistic
costs.

    .venv/bin/python scripts/bench_stats.py [--quick] [--keep DIR] [--repeat N]

`--quick`: 10,000 articles and 100,000 annotations. `rows(db)` gives the lead's
scripts/bench.py the same numbers.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402
from reader.model import ParsedArticle, Scope  # noqa: E402
from reader.statistics import STATISTICS  # noqa: E402
from reader.store.exports import bulk_insert_annotations  # noqa: E402
from reader.timestamps import utc_now  # noqa: E402

WORDS = (  # noqa: SIM905
    "minister said talks would resume next week in Istanbul according to officials the "
    "embassy statement sanctions pipeline ceasefire negotiations harbour council ferry"
).split()
SOURCES = [f"Outlet {i}" for i in range(40)]
LANGUAGES = ["en", "fr", "de", "ru", "ar", "id"]
TYPES = ["PERSON", "ORG", "LOCATION"]
ENTITIES = 5000
COLUMNS = (
    "article_id", "kind", "label", "start", "end", "exact", "annotator", "created",
    "modified", "status", "origin", "entity_id", "speaker_id",
)  # fmt: skip


def build(db: Path, articles: int, annotations: int) -> None:
    rng = random.Random(11)
    now = utc_now()
    with Library(db, annotator="bench") as lib:
        lib.add_articles(
            ParsedArticle(
                title=f"Article {n}",
                markdown=" ".join(rng.choice(WORDS) for _ in range(40)) + ".",
                source=rng.choice(SOURCES),
                language=rng.choice(LANGUAGES),
                published=None if n % 50 == 0 else f"{2015 + n % 10}-{1 + n % 12:02}-01",
            )
            for n in range(articles)
        )
        store = lib._store
        with store.db.atomic():
            store.db.conn.executemany(
                "INSERT INTO entities (name, type, aliases) VALUES (?, ?, '[]')",
                ((f"Entity {i}", TYPES[i % 3]) for i in range(ENTITIES)),
            )
        first = store.db.execute("SELECT min(id) FROM articles").fetchone()[0]
        entity0 = store.db.execute("SELECT min(id) FROM entities").fetchone()[0]

        # Zipf's law (s = 1): a few entities in most articles, a long tail of rare ones
        cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(ENTITIES)))

        def entity() -> int:
            return entity0 + rng.choices(range(ENTITIES), cum_weights=cumulative)[0]

        per = annotations // articles

        def rows() -> Iterator[tuple]:
            for a in range(articles):
                for i in range(per):
                    kind = "entity" if i % 10 < 6 else "quote" if i % 10 < 9 else "highlight"
                    e = entity()
                    yield (
                        first + a, kind,
                        TYPES[(e - entity0) % 3] if kind == "entity" else kind.upper(),
                        i * 10, i * 10 + 5, "words", "bench", now, now, "ok", "manual",
                        e if kind == "entity" else None,
                        e if kind == "quote" else None,
                    )  # fmt: skip

        bulk_insert_annotations(store.db, COLUMNS, rows())
        store.db.execute("ANALYZE")


def best(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def rows(db: Path, repeat: int = 3) -> list[tuple[str, float, float]]:
    """(what, seconds, × baseline) for each statistic and chart filter on a built library."""
    out = []
    with Library(db) as lib:  # not read-only: a kept library may need a migration
        conn = lib._store.db
        baseline = best(
            lambda: conn.execute("SELECT kind, count(*) FROM annotations GROUP BY kind").fetchall(),
            repeat,
        )
        out.append(("baseline: one scan of the annotations", baseline, 1.0))
        top = lib.statistic("speakers").rows[0][0]
        pair = lib.statistic("cooccurrence").rows[0]
        scopes = {
            "": Scope(),
            " (search)": Scope(query="ceasefire harbour"),
            " (one source)": Scope(sources=("Outlet 3",)),
        }
        for label, scope in scopes.items():
            for name in STATISTICS:
                t = best(lambda name=name, scope=scope: lib.statistic(name, scope), repeat)
                out.append((f"{name}{label}", t, t / baseline))
        for label, scope in (
            ("list: quoted top speaker", Scope(entity_ids=(top,), entity_role="speaker")),
            ("list: top pair together", Scope(entity_ids=(pair[0], pair[2]), all_entities=True)),
        ):

            def listing(scope: Scope = scope) -> None:
                lib.count_articles(scope)
                lib.list_articles(limit=200, order_by="published", scope=scope)

            t = best(listing, repeat)
            out.append((label, t, t / baseline))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 articles, 100,000 notes")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best is kept)")
    args = parser.parse_args()
    articles, annotations = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-stats-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"stats-{articles}.db"
    if not db.exists():
        t0 = time.perf_counter()
        build(db, articles, annotations)
        print(f"built {articles:,} articles, {annotations:,} annotations "
              f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)  # fmt: skip
    results = rows(db, args.repeat)
    print(f"{articles:,} articles, {annotations:,} annotations; best of {args.repeat}")
    print(f"{'':42} {'time (s)':>9} {'× scan':>7}")
    for name, seconds, ratio in results:
        flag = "" if seconds < 1 or name.startswith("baseline") else "  > 1 s"
        print(f"{name:42} {seconds:9.3f} {ratio:7.1f}{flag}")
    slow = [n for n, s, _ in results[1:] if s >= 1]
    print("target < 1 s each:", "met" if not slow else f"missed by {', '.join(slow)}")


if __name__ == "__main__":
    main()
