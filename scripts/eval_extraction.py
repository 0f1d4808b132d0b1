#!/usr/bin/env python3
"""Score HTML extraction on the mozilla/readability test pages.

Every page is imported through the same code path as `reader import` (the
importer registry via `Library.import_paths`, into an in-memory library) and
compared with the page's expected.html and expected-metadata.json:

    title     exact match after whitespace/case normalisation
    byline    the expected byline contained in ours, or ours in it
    language  first two letters equal
    content   mean token F1 of our `text` against the text of expected.html

Pages marked `"readerable": false` are skipped (with the reason printed).
`--baseline` adds columns for readability-lxml alone and trafilatura alone.

    .venv/bin/python scripts/eval_extraction.py [--baseline] [--verbose] [PAGES_DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402
from reader.model import ImportStatus  # noqa: E402
from reader.text.canonical import markdown_to_canonical  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "corpus" / "readability-pages"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def token_f1(ours: str, expected: str) -> float:
    a, b = Counter(tokens(ours)), Counter(tokens(expected))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def norm(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def byline_match(ours: str | None, expected: str) -> bool:
    a, b = norm(ours), norm(expected)
    return bool(a) and (a in b or b in a)


@dataclass
class Score:
    title: list[bool] = field(default_factory=list)
    byline: list[bool] = field(default_factory=list)
    language: list[bool] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)

    def add(self, expected: dict, exp_text: str, title, author, language, text) -> list[str]:
        misses = []
        if expected.get("title"):
            self.title.append(norm(title) == norm(expected["title"]))
            if not self.title[-1]:
                misses.append(f"title {title!r} != {expected['title']!r}")
        if expected.get("byline"):
            self.byline.append(byline_match(author, expected["byline"]))
            if not self.byline[-1]:
                misses.append(f"byline {author!r} vs {expected['byline']!r}")
        if expected.get("lang"):
            self.language.append((language or "")[:2].lower() == expected["lang"][:2].lower())
            if not self.language[-1]:
                misses.append(f"language {language!r} vs {expected['lang']!r}")
        self.f1.append(token_f1(text, exp_text))
        return misses

    def cells(self, has_language: bool = True, has_byline: bool = True) -> list[str]:
        def frac(xs: list[bool], present: bool) -> str:
            return f"{sum(xs)}/{len(xs)}" if present else "—"

        mean = sum(self.f1) / len(self.f1) if self.f1 else 0.0
        return [
            frac(self.title, True),
            frac(self.byline, has_byline),
            frac(self.language, has_language),
            f"{mean:.3f}",
        ]


def expected_text(page: Path) -> str:
    import lxml.html

    return lxml.html.fromstring(page.joinpath("expected.html").read_text("utf-8")).text_content()


def markdown_text(html: str) -> str:
    from reader.importers.html_extract import to_markdown

    return markdown_to_canonical(to_markdown(html)).text if html.strip() else ""


def readability_alone(source: str) -> tuple[str, str]:
    from readability import Document

    doc = Document(source)
    return doc.short_title(), markdown_text(doc.summary(html_partial=True))


def trafilatura_alone(source: str) -> tuple[str | None, str | None, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        source,
        output_format="python",
        include_tables=True,
        include_links=True,
        include_formatting=True,
        with_metadata=True,
    )
    if doc is None:
        return None, None, ""
    html = trafilatura.extract(
        source, output_format="html", include_tables=True, include_links=True, with_metadata=False
    )
    return doc.title, doc.author, markdown_text(html or "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--baseline", action="store_true", help="also score each library alone")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every miss")
    args = parser.parse_args()

    from reader.importers.decode import decode_bytes

    ours, readability, trafilatura = Score(), Score(), Score()
    skipped = []
    pages = sorted(p for p in args.pages.iterdir() if (p / "source.html").is_file())
    with Library(None) as lib:
        for page in pages:
            expected = json.loads(page.joinpath("expected-metadata.json").read_text("utf-8"))
            if expected.get("readerable") is False:
                skipped.append(f"{page.name}: not readerable (expected-metadata.json)")
                continue
            exp_text = expected_text(page)
            outcome = lib.import_paths([page / "source.html"]).outcomes[0]
            if outcome.status == ImportStatus.FAILED:
                print(f"{page.name}: import failed: {outcome.reason}")
                ours.add(expected, exp_text, None, None, None, "")
                continue
            a = lib.article(outcome.article_id)
            misses = ours.add(expected, exp_text, a.title, a.author, a.language, a.text)
            if args.verbose:
                f1 = ours.f1[-1]
                for miss in misses + ([f"content F1 {f1:.3f}"] if f1 < 0.97 else []):
                    print(f"  {page.name}: {miss}")
            if args.baseline:
                source = decode_bytes(page.joinpath("source.html").read_bytes())
                title, text = readability_alone(source)
                readability.add(expected, exp_text, title, None, None, text)
                title, author, text = trafilatura_alone(source)
                trafilatura.add(expected, exp_text, title, author, None, text)

    for line in skipped:
        print(f"skipped {line}")
    print(f"\n{len(pages) - len(skipped)} pages scored, {len(skipped)} skipped\n")
    header = ["", "Reader"] + (["readability-lxml", "trafilatura"] if args.baseline else [])
    rows = [ours.cells()]
    if args.baseline:
        rows += [readability.cells(False, False), trafilatura.cells(False, True)]
    names = ["title", "byline", "language", "content F1"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for i, name in enumerate(names):
        print("| " + " | ".join([name] + [r[i] for r in rows]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
