"""Shared by the PDF and Word importers: blocks (headings and paragraphs) → an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.errors import ImportFailed
from reader.importers.limits import MAX_BLOCKS
from reader.importers.meta import MAX_TITLE, detect_language, short_title
from reader.model import ParsedArticle
from reader.text.canonical import escape_markdown, normalize_paragraph

# A word broken at a line end: "negoti-" + "ations" → "negotiations". Before a capital
# the hyphen is the word's own: "Jakarta-" + "Bandung" → "Jakarta-Bandung".
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010]$")
_LETTER_START = re.compile(r"^[^\W\d_]")


@dataclass
class Block:
    text: str
    heading: int = 0  # 0: a paragraph; 1–6: a heading of that level


def join_lines(lines: list[str]) -> str:
    """The lines of one paragraph as one line: hyphenation at line ends joined."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and _HYPHEN_END.search(out) and _LETTER_START.match(line):
            out = out[:-1] + line if line[0].islower() else out + line
        else:
            out = f"{out} {line}" if out else line
    return out


def build_article(
    blocks: list[Block],
    *,
    title: str | None,
    author: str | None,
    published: str | None,
    source_format: str,
    original: bytes,
    source_path: str | None,
) -> ParsedArticle:
    """Blocks and metadata → a ParsedArticle; the title is the metadata's, else the
    first heading, else the first line (taken out of the body when it is used)."""
    blocks = [Block(normalize_paragraph(b.text), b.heading) for b in blocks]
    blocks = [b for b in blocks if b.text]
    if len(blocks) > MAX_BLOCKS:
        raise ImportFailed(
            f"too many paragraphs ({len(blocks):,} blocks; the limit is {MAX_BLOCKS:,} "
            "in one article)"
        )
    if not blocks:
        raise ImportFailed("no text found in the document")
    title = normalize_paragraph(title or "")
    if blocks[0].heading and (not title or blocks[0].text.casefold() == title.casefold()):
        title = title or blocks[0].text
        blocks = blocks[1:]
    elif not title:
        title = blocks[0].text
        blocks = blocks[1:]
    if len(title) > MAX_TITLE:
        title = short_title(title)
    parts = []
    for b in blocks:
        text = escape_markdown(b.text)
        parts.append(f"{'#' * min(b.heading + 1, 6)} {text}" if b.heading else text)
    markdown = "\n\n".join(parts) + "\n"
    body = "\n".join(b.text for b in blocks)
    return ParsedArticle(
        title=title,
        markdown=markdown,
        author=normalize_paragraph(author or "") or None,
        published=published,
        language=detect_language(body or title),
        source_path=source_path,
        source_format=source_format,
        original=original,
    )


def metadata_date(value: object) -> str | None:
    """A datetime (or date) from document metadata as ISO 8601; None when absent."""
    iso = getattr(value, "isoformat", None)
    if iso is None:
        return None
    try:
        return iso()
    except (TypeError, ValueError):
        return None
