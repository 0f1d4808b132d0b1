#!/usr/bin/env python3
"""Time the suggesters on a 10,000-word article, against a baseline from the same run.

The article is the sample press release repeated to 10,000 words (paragraphs kept). The
baseline is building its canonical text from Markdown (what every import already does);
the target is both suggesters in well under 50 ms.

    .venv/bin/python scripts/bench_suggest.py
"""

from __future__ import annotations

import time
from pathlib import Path

from reader.library import Library
from reader.text.canonical import markdown_to_canonical
from reader.text.names import suggest_entities
from reader.text.quotes import suggest_quotes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "samples" / "seaprwire-id-2025-02-27-lavrov.txt"


def _best(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def main() -> None:
    with Library(None) as lib:
        article = lib.article(lib.import_file(SEED).article_id)
    paras = article.markdown.strip().split("\n\n")
    out, words = [], 0
    while words < 10_000:
        for p in paras:
            out.append(p)
            words += len(p.split())
    markdown = "\n\n".join(out)
    text = markdown_to_canonical(markdown).text
    print(f"article: {len(text.split())} words, {len(text)} code points")
    base = _best(lambda: markdown_to_canonical(markdown))
    quotes = _best(lambda: suggest_quotes(text))
    entities = _best(lambda: suggest_entities(text))
    print(f"baseline markdown_to_canonical: {base:7.1f} ms")
    print(f"suggest_quotes:                 {quotes:7.1f} ms  ({quotes / base:.2f}x baseline)")
    print(f"suggest_entities:               {entities:7.1f} ms  ({entities / base:.2f}x baseline)")


if __name__ == "__main__":
    main()
