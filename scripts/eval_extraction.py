#!/usr/bin/env python3
"""Score HTML extraction, page by page, against each extraction library alone.

Development set: the mozilla/readability test pages in
`../shared/corpus/readability-pages` (`$READER_SHARED` names another shared
folder) and the hand-written pages in `tests/extraction_pages` (video pages
with player menus, live blogs, comment threads, galleries). Each page folder
holds `source.html`, the expected text as `expected.html` or `expected.txt`,
and `expected-metadata.json`.

Every page is imported through the same code path as `reader import` (the
importer registry via `Library.import_paths`, into an in-memory library) and
compared with the expected text and metadata:

    title     exact match after whitespace/case normalisation
    byline    the expected byline contained in ours, or ours in it
    language  first two letters equal
    content   token precision, recall and F1 of our `text` against the expected text
              (bags of words, casefolded; means over pages)

readability-lxml, trafilatura and jusText are scored alone on the same pages.
Every page's content P/R/F1 is printed for Reader next to each library, then
the pages where Reader's F1 is more than 0.05 below the best single library
(each one a bug to explain). Pages marked `"readerable": false` are skipped.

    .venv/bin/python scripts/eval_extraction.py [--quiet] [--verbose] [PAGES_DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
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

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
DEFAULT_SETS = [SHARED / "corpus" / "readability-pages", ROOT / "tests" / "extraction_pages"]
LIBRARIES = ("readability-lxml", "trafilatura", "jusText")
REGRESSION = 0.05  # Reader this far below the best library on a page is a bug to explain


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def token_prf(ours: str, expected: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of `ours` against `expected` (bags of words)."""
    a, b = Counter(tokens(ours)), Counter(tokens(expected))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


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
    prf: list[tuple[float, float, float]] = field(default_factory=list)

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
        self.prf.append(token_prf(text, exp_text))
        return misses

    def mean(self, i: int, pages: list[int] | None = None) -> float:
        rows = self.prf if pages is None else [self.prf[k] for k in pages]
        return sum(r[i] for r in rows) / len(rows) if rows else 0.0

    def cells(self, language: bool = True, byline: bool = True, title: bool = True) -> list[str]:
        def frac(xs: list[bool], present: bool) -> str:
            return f"{sum(xs)}/{len(xs)}" if present else "—"

        return [
            frac(self.title, title),
            frac(self.byline, byline),
            frac(self.language, language),
            *(f"{self.mean(i):.3f}" for i in range(3)),
        ]


def expected_text(page: Path) -> str:
    import lxml.html

    if page.joinpath("expected.txt").is_file():
        return page.joinpath("expected.txt").read_text("utf-8")
    return lxml.html.fromstring(page.joinpath("expected.html").read_text("utf-8")).text_content()


def markdown_text(html: str) -> str:
    from reader.importers.html_extract import to_markdown

    return markdown_to_canonical(to_markdown(html)).text if html.strip() else ""


def readability_alone(source: str) -> tuple[str | None, str | None, str]:
    from readability import Document

    doc = Document(source)
    return doc.short_title(), None, markdown_text(doc.summary(html_partial=True))


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


_JUSTEXT_LANGUAGES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ko": "Korean",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "vi": "Vietnamese",
}  # fmt: skip


def justext_alone(source: str, language: str | None) -> tuple[str | None, str | None, str]:
    """jusText's good paragraphs; without a stop list for the language, its
    language-independent mode (as its documentation advises)."""
    import justext

    name = _JUSTEXT_LANGUAGES.get((language or "")[:2].lower())
    if name:
        paragraphs = justext.justext(source, justext.get_stoplist(name))
    else:
        paragraphs = justext.justext(
            source, frozenset(), stopwords_low=0, stopwords_high=0, max_link_density=0.2
        )
    return None, None, "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def pages_of(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if (p / "source.html").is_file())
        else:
            print(f"(no pages at {folder})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="page folders (default: both sets)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no per-page table")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every metadata miss")
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)  # always now
    args = parser.parse_args()

    from reader.importers.decode import decode_bytes
    from reader.importers.meta import detect_language

    sets = args.sets or DEFAULT_SETS
    ours = Score()
    alone = {name: Score() for name in LIBRARIES}
    skipped, names, set_of = [], [], []
    pages = pages_of(sets)
    with Library(None) as lib:
        for page in pages:
            expected = json.loads(page.joinpath("expected-metadata.json").read_text("utf-8"))
            if expected.get("readerable") is False:
                skipped.append(f"{page.name}: not readerable (expected-metadata.json)")
                continue
            names.append(page.name)
            set_of.append(page.parent.name)
            exp_text = expected_text(page)
            outcome = lib.import_paths([page / "source.html"]).outcomes[0]
            if outcome.status == ImportStatus.FAILED:
                print(f"{page.name}: import failed: {outcome.reason}")
                misses = ours.add(expected, exp_text, None, None, None, "")
            else:
                a = lib.article(outcome.article_id)
                misses = ours.add(expected, exp_text, a.title, a.author, a.language, a.text)
            if args.verbose:
                for miss in misses:
                    print(f"  {page.name}: {miss}")
            source = decode_bytes(page.joinpath("source.html").read_bytes())
            language = expected.get("lang") or detect_language(exp_text)
            for name, run in (
                ("readability-lxml", readability_alone),
                ("trafilatura", trafilatura_alone),
                ("jusText", lambda s, lang=language: justext_alone(s, lang)),
            ):
                title, author, text = run(source)
                alone[name].add(expected, exp_text, title, author, None, text)

    for line in skipped:
        print(f"skipped {line}")
    if not args.quiet:
        print_pages(names, ours, alone)
    print_regressions(names, ours, alone)
    print(f"\n{len(names)} pages scored, {len(skipped)} skipped\n")
    print_summary(ours, alone)
    for group in sorted(set(set_of)):
        idx = [i for i, s in enumerate(set_of) if s == group]
        print(f"\ncontent P / R / F1 on {group} ({len(idx)} pages):")
        for label, score in (("Reader", ours), *alone.items()):
            p, r, f = (score.mean(i, idx) for i in range(3))
            print(f"  {label:17} {p:.3f} / {r:.3f} / {f:.3f}")
    return 0


def print_pages(names: list[str], ours: Score, alone: dict[str, Score]) -> None:
    print("\ncontent precision / recall / F1 per page")
    header = f"{'page':36} {'Reader':>17}" + "".join(f" {n:>17}" for n in alone)
    print(header)
    for k, name in enumerate(names):
        cells = [ours.prf[k], *(s.prf[k] for s in alone.values())]
        print(f"{name[:36]:36}" + "".join(f" {p:.2f}/{r:.2f}/{f:.3f}" for p, r, f in cells))


def print_regressions(names: list[str], ours: Score, alone: dict[str, Score]) -> None:
    rows = []
    for k, name in enumerate(names):
        best = max(alone, key=lambda n: alone[n].prf[k][2])
        gap = alone[best].prf[k][2] - ours.prf[k][2]
        if gap > REGRESSION:
            rows.append(
                f"  {name}: Reader {ours.prf[k][2]:.3f}, {best} {alone[best].prf[k][2]:.3f}"
            )
    print(
        f"\npages where Reader's F1 is more than {REGRESSION} below the best library: {len(rows)}"
    )
    print("\n".join(rows))


def print_summary(ours: Score, alone: dict[str, Score]) -> None:
    header = ["", "Reader", *alone]
    rows = [
        ours.cells(),
        alone["readability-lxml"].cells(False, False),
        alone["trafilatura"].cells(False, True),
        alone["jusText"].cells(False, False, False),
    ]
    labels = ["title", "byline", "language", "content precision", "content recall", "content F1"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for i, label in enumerate(labels):
        print("| " + " | ".join([label] + [r[i] for r in rows]) + " |")


if __name__ == "__main__":
    sys.exit(main())
