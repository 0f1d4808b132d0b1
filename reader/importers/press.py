"""Plain-text press releases and wire articles.

The structure recognised (all parts optional but the title)::

    Februari 27, 2025                      date line
    Lavrov Umumkan Babak Baru ...          title
    By Daring                              byline
    (SeaPRwire) –   Pertemuan tingkat ...  dateline + standfirst
    Diplomat tingkat tinggi ...            body
    Artikel ini disediakan oleh ...        distributor footer: disclaimer,
    Sektor: Top Story, Daily News          sections line, blurb

Text without that structure still imports: the first non-empty line is the
title, the rest the body.
"""

from __future__ import annotations

import re

from reader.importers.limits import check_text_blocks
from reader.importers.meta import MAX_TITLE, detect_language, parse_date, short_title
from reader.model import ParsedArticle
from reader.text.canonical import normalize_paragraph, paragraphs_to_markdown

_BYLINE = re.compile(
    r"^(?:by|oleh|par|von|por|di|door|av|af|przez|от|автор|بقلم|作者)[:\s]+(?P<name>\S.{0,80})$",
    re.IGNORECASE,
)
# "(SeaPRwire) –", "JAKARTA (Reuters) -", "WASHINGTON, Feb 27 (AP) —"
_DATELINE = re.compile(
    r"^(?P<place>[^()\n]{0,60}?)\s*\((?P<source>[^()\n]{2,40})\)\s*[-–—]+\s*(?P<rest>.*)$",
    re.DOTALL,
)
_SECTIONS = re.compile(
    r"^(?:sektor|sector|sectors|secteur|sektoren|sección|categor(?:y|ies|ia|ie)|kategori|topics?)"
    r"\s*:\s*(?P<list>.+)$",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"(disediakan oleh penyedia konten|provided by a third-party|third[- ]party content|"
    r"press release distribution|distribusi siaran pers|no warrant|tidak memberikan jaminan)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…。！？\"”»’)\]]$")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside one are joined by spaces."""
    return [p for p in (normalize_paragraph(b) for b in _raw_paragraphs(text)) if p]


def _raw_paragraphs(text: str) -> list[str]:
    return [b for b in re.split(r"\n\s*\n", text) if b.strip()]


def _head_line(paras: list[str]) -> list[str]:
    """Split the first line of the first raw paragraph off as a paragraph of its own."""
    if paras:
        first, _, rest = paras[0].strip().partition("\n")
        if rest.strip():
            return [first, rest, *paras[1:]]
    return paras


def _is_footer(paragraph: str, source: str | None) -> bool:
    if _SECTIONS.match(paragraph) or _DISCLAIMER.search(paragraph):
        return True
    return bool(source) and source.casefold() in paragraph.casefold()


def parse_press(text: str, source_path: str | None = None) -> ParsedArticle:
    """Parse decoded plain text into an article (see the module docstring)."""
    check_text_blocks(text)
    raw = _head_line(_raw_paragraphs(text))
    # The language first: it makes the date line quick to parse.
    language = detect_language(text)
    hint = [language] if language else None
    published = None
    if len(raw) > 1 and len(raw[0].strip()) <= 40:
        published = parse_date(normalize_paragraph(raw[0]), hint)
        if published:
            raw = _head_line(raw[1:])
    # The title is the first line; the rest are paragraphs.
    paras = [p for p in (normalize_paragraph(b) for b in raw) if p]
    if not paras:
        from reader.errors import ImportFailed

        raise ImportFailed("empty file (no text)")
    title = paras[0]
    rest = paras[1:]
    if len(title) > MAX_TITLE:
        # A long first line is text, not a title: keep it in the body.
        title, rest = short_title(title), paras

    author = None
    if rest and (m := _BYLINE.match(rest[0])) and len(rest[0]) <= 90:
        author = m.group("name").strip()
        rest = rest[1:]

    source = None
    if rest and (m := _DATELINE.match(rest[0])) and len(m.group("place")) <= 60:
        source = m.group("source").strip()
        remainder = m.group("rest").strip()
        rest = ([remainder] if remainder else []) + rest[1:]

    subtitle = None
    structured = bool(author or source)
    if structured and len(rest) > 1 and len(rest[0]) <= 300 and not _SENTENCE_END.search(rest[0]):
        # A standfirst: a short lead without closing punctuation, before the body.
        subtitle, rest = rest[0], rest[1:]

    footer: list[str] = []
    while len(rest) > 1 and _is_footer(rest[-1], source):
        footer.insert(0, rest.pop())
    sections: list[str] = []
    for p in footer:
        if m := _SECTIONS.match(p):
            sections = [s.strip() for s in re.split(r"[,;|]", m.group("list")) if s.strip()]

    return ParsedArticle(
        title=title,
        markdown=paragraphs_to_markdown(rest),
        paragraphs=rest,
        subtitle=subtitle,
        author=author,
        source=source,
        published=published,
        language=language,
        sections=sections,
        footer="\n\n".join(footer) or None,
        source_path=source_path,
        source_format="text",
    )
