"""A small library for export tests: emoji, combining marks, CJK, RTL, formula-like text."""

from __future__ import annotations

from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

ARTICLES = [
    {
        "title": "Ministerin 👩🏽‍⚖️ in Genf",
        "source": "Agentur",
        "published": "2025-03-01",
        "language": "de",
        "url": "https://example.org/genf",
        "paragraphs": [
            "Die Ministerin 👩🏽‍⚖️ sagte: „Wir sind bereit 🚀, wirklich 🇺🇦“, und ging.",
            "Danach sprach Sergey Lavrov über 𝔐𝔞𝔱𝔥 and the café.",
        ],
    },
    {
        "title": "Combining marks: q̃ and नमस्ते",
        "source": "Wire",
        "published": "2025-03-02",
        "language": "hi",
        "paragraphs": [
            "The letters q̃ and ṩ̃ stay combined; नमस्ते दुनिया is Hindi.",
            'A line with, commas and "quotes" inside.',
        ],
    },
    {
        "title": "王毅会见拉夫罗夫",
        "source": "新华社",
        "published": "2025-03-03",
        "language": "zh",
        "paragraphs": ["王毅表示，中方愿与各方合作。𠀋𠀍是罕见字。"],
    },
    {
        "title": '=HYPERLINK("http://evil")',
        "source": "@source",
        "published": "2025-03-04",
        "language": "ar",
        "paragraphs": [
            "قال سيرغي لافروف إن المحادثات ستبدأ غداً.",
            "-20 degrees and +5 points; =SUM(A1:A9) is not a formula here.",
            "עברית: אמר שר החוץ.",
        ],
    },
]


def add_articles(lib) -> list[int]:
    ids = []
    for a in ARTICLES:
        parsed = ParsedArticle(
            title=a["title"],
            markdown=paragraphs_to_markdown(a["paragraphs"]),
            source=a.get("source"),
            published=a.get("published"),
            language=a.get("language"),
            url=a.get("url"),
        )
        ids.append(lib.add_article(parsed)[1])
    return ids


def mark(lib, article_id: int, kind: str, needle: str, occurrence: int = 0, **kw):
    text = lib.article(article_id).text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return lib.annotate(article_id, kind, start, start + len(needle), **kw)


def annotate_all(lib, ids: list[int]) -> None:
    """Quotes, highlights with notes and entities across every script."""
    de, comb, zh, ar = ids
    quote = "„Wir sind bereit 🚀, wirklich 🇺🇦“"
    mark(lib, de, "quote", quote, note="emoji inside, flag at the end")
    mark(lib, de, "highlight", "👩🏽‍⚖️", label="evidence")
    mark(lib, de, "highlight", "𝔐𝔞𝔱𝔥", note='a "note", with comma\nand a newline')
    mark(lib, comb, "highlight", "q̃ and ṩ̃", label="question")
    mark(lib, comb, "quote", "नमस्ते दुनिया")
    mark(lib, comb, "highlight", 'commas and "quotes"', note="@everyone look")
    mark(lib, zh, "highlight", "中方愿与各方合作", note="+1 agree")
    mark(lib, zh, "highlight", "𠀋𠀍", label="background")
    mark(lib, ar, "quote", "المحادثات ستبدأ غداً")
    mark(lib, ar, "highlight", "-20 degrees", note="=1+1")
    mark(lib, ar, "highlight", "=SUM(A1:A9)")
    mark(lib, ar, "highlight", "אמר שר החוץ")
    lib.tag_entity("Sergey Lavrov", "PERSON")
    lib.tag_entity("سيرغي لافروف", "PERSON")
    lib.tag_entity("王毅", "PERSON")  # no match: CJK has no word boundary before 表
