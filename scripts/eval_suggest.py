#!/usr/bin/env python3
"""Run the quote and entity suggesters over the readability test pages.

Each page's expected.html is imported through the HTML importer (as a paste would be),
so the suggesters see the article's canonical text. Prints the candidates per page and
in total, then a fixed random sample of each kind with context for checking by hand.

    .venv/bin/python scripts/eval_suggest.py [--sample-quotes 40] [--sample-entities 60]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from reader.library import Library
from reader.text.names import suggest_entities
from reader.text.quotes import suggest_quotes

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpus" / "readability-pages"


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--sample-quotes", type=int, default=40)
    ap.add_argument("--sample-entities", type=int, default=60)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()

    quotes, entities = [], []
    print(f"{'page':40} {'words':>7} {'quotes':>7} {'attrib':>7} {'entities':>8}")
    with Library(None) as lib:
        for path in sorted(args.pages.glob("*/expected.html")):
            page = path.parent.name
            outcome = lib.import_html(path.read_text(encoding="utf-8"), origin=page)
            if outcome.article_id is None:
                print(f"{page:40} {'(' + str(outcome.status) + ')':>7}")
                continue
            text = lib.article(outcome.article_id).text
            qs = suggest_quotes(text)
            es = suggest_entities(text)
            quotes += [(page, text, q) for q in qs]
            entities += [(page, text, e) for e in es]
            attributed = sum(1 for q in qs if q.speaker)
            words = len(text.split())
            print(f"{page:40} {words:7} {len(qs):7} {attributed:7} {len(es):8}")
    attributed = sum(1 for _, _, q in quotes if q.speaker)
    print(f"{'TOTAL':40} {'':7} {len(quotes):7} {attributed:7} {len(entities):8}")

    rng = random.Random(args.seed)
    print("\n## Sample of quote candidates")
    for n, (page, text, q) in enumerate(
        rng.sample(quotes, min(args.sample_quotes, len(quotes))), 1
    ):
        print(f"Q{n:02} {page}: {_context(text, q.open_mark_start, q.close_mark_end)}")
        print(f"     speaker={q.speaker!r} cue={q.cue!r} parts={len(q.parts)}")
    print("\n## Sample of entity candidates")
    for n, (page, text, e) in enumerate(
        rng.sample(entities, min(args.sample_entities, len(entities))), 1
    ):
        print(f"E{n:02} {page}: {e.label:8} {_context(text, e.start, e.end, 40)}")


if __name__ == "__main__":
    main()
