"""Markdown (the stored source form) to canonical text and blocks, deterministically.

Offsets everywhere in Reader are code points into the `text` built here.
Rules: blocks are separated by a blank line ("\\n\\n"), consecutive list items
and table rows by one "\\n"; inline markup is dropped (its extent kept as a
`Span`); a soft line break becomes a space (none between two Chinese or Japanese
characters), a hard one "\\n"; images are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from reader.text.blocks import Block, Span, is_rtl

_TIGHT = {"list_item", "table_row"}


@dataclass
class Canonical:
    text: str
    blocks: list[Block]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # html=False: raw HTML in Markdown is shown as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def add(self, kind: str, content: str, spans: list[Span], **attrs) -> None:
        if not content.strip():
            return
        # Trim whitespace at the block edges so offsets never point at invisible padding.
        lead = len(content) - len(content.lstrip())
        content = content.strip()
        if self.blocks:
            prev = self.blocks[-1]
            sep = "\n" if prev.kind in _TIGHT and prev.kind == kind else "\n\n"
            self.parts.append(sep)
            self.length += len(sep)
        start = self.length
        shifted = []
        for s in spans:
            a = max(0, min(len(content), s.start - lead))
            b = max(0, min(len(content), s.end - lead))
            if b > a:
                shifted.append(replace(s, start=start + a, end=start + b))
        self.parts.append(content)
        self.length += len(content)
        self.blocks.append(
            Block(
                kind=kind,
                start=start,
                end=self.length,
                rtl=is_rtl(content),
                spans=tuple(shifted),
                **attrs,
            )
        )


def _is_wide(ch: str) -> bool:
    """East Asian wide or full-width, not Hangul (Korean puts spaces between words)."""
    if unicodedata.east_asian_width(ch) not in ("W", "F", "H"):
        return False
    name = unicodedata.name(ch, "")
    return not name.startswith(("HANGUL", "HALFWIDTH HANGUL"))


def _joins_without_space(before: str, after: str) -> bool:
    """A soft line break between two Chinese or Japanese characters is no space (as CSS
    Text's segment break rule has it): "発表した。\n朝の" reads "発表した。朝の"."""
    return bool(before and after) and _is_wide(before) and _is_wide(after)


def _next_char(children, start: int) -> str:
    """The first character the tokens from `start` on put into the text ("" if none)."""
    for tok in children[start:]:
        if tok.type in ("text", "code_inline") and tok.content:
            return tok.content[0]
        if tok.type in ("softbreak", "hardbreak"):
            return ""
    return ""


def _inline(children) -> tuple[str, list[Span]]:
    """Render inline tokens to plain text plus spans relative to that text."""
    out: list[str] = []
    pos = 0
    spans: list[Span] = []
    open_: list[tuple[str, int, str | None]] = []
    children = list(children or ())
    for i, tok in enumerate(children):
        t = tok.type
        piece = ""
        if t == "text":
            piece = tok.content
        elif t == "softbreak":
            before = out[-1][-1] if out else ""
            piece = "" if _joins_without_space(before, _next_char(children, i + 1)) else " "
        elif t == "hardbreak":
            piece = "\n"
        elif t == "code_inline":
            spans.append(Span("code", pos, pos + len(tok.content)))
            piece = tok.content
        elif t in ("em_open", "strong_open", "link_open"):
            kind = {"em_open": "em", "strong_open": "strong", "link_open": "link"}[t]
            href = tok.attrGet("href") if t == "link_open" else None
            open_.append((kind, pos, href))
        elif t in ("em_close", "strong_close", "link_close") and open_:
            kind, start, href = open_.pop()
            if pos > start:
                spans.append(Span(kind, start, pos, href))
        # images and anything else: dropped from the text
        if piece:
            out.append(piece)
            pos += len(piece)
    return "".join(out), spans


def markdown_to_canonical(markdown: str) -> Canonical:
    """Derive the canonical text and its blocks from Markdown."""
    tokens = _parser().parse(markdown)
    b = _Builder()
    quote_depth = 0
    lists: list[list] = []  # [ordered, counter]
    item_paragraphs: list[int] = []  # paragraphs seen in each open list item
    heading_level = 0
    row: list[tuple[str, list[Span]]] | None = None
    for tok in tokens:
        t = tok.type
        if t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1)
            lists.append([t == "ordered_list_open", start - 1])
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            lists[-1][1] += 1
            item_paragraphs.append(0)
        elif t == "list_item_close":
            item_paragraphs.pop()
        elif t == "heading_open":
            heading_level = int(tok.tag[1])
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and row is not None:
            texts, spans, pos = [], [], 0
            for cell_text, cell_spans in row:
                cell_text = re.sub(r"\s+", " ", cell_text).strip()
                if texts:
                    pos += 1  # the tab between cells
                spans += [replace(s, start=s.start + pos, end=s.end + pos) for s in cell_spans]
                texts.append(cell_text)
                pos += len(cell_text)
            b.add("table_row", "\t".join(texts), spans, quote_depth=quote_depth)
            row = None
        elif t == "inline":
            content, spans = _inline(tok.children)
            if row is not None:
                row.append((content, spans))
            elif heading_level:
                b.add("heading", content, spans, level=heading_level, quote_depth=quote_depth)
                heading_level = 0
            elif item_paragraphs and item_paragraphs[-1] == 0:
                item_paragraphs[-1] += 1
                ordered, number = lists[-1]
                b.add(
                    "list_item",
                    content,
                    spans,
                    quote_depth=quote_depth,
                    list_depth=len(lists),
                    ordered=ordered,
                    number=number if ordered else None,
                )
            else:
                kind = "quote" if quote_depth else "paragraph"
                b.add(kind, content, spans, quote_depth=quote_depth, list_depth=len(lists))
        elif t in ("fence", "code_block"):
            b.add("code", tok.content.rstrip("\n"), [], quote_depth=quote_depth)
    return Canonical("".join(b.parts), b.blocks)


# Characters that CommonMark would read as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
# Markup that only counts at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^([#>+\-=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def normalize_paragraph(text: str) -> str:
    """One paragraph of plain text as it will appear in `text`: NFC, single spaces, and
    no space for a line break between two Chinese or Japanese characters."""
    text = unicodedata.normalize("NFC", text).strip()
    if "\n" not in text and "\r" not in text:
        # str.split and the regex's \s both use Python's isspace: the same runs, without
        # a Python call per run (most paragraphs have no line break at all).
        return " ".join(text.split())

    def space(m: re.Match) -> str:
        run, start, end = m.group(), m.start(), m.end()
        if ("\n" in run or "\r" in run) and _joins_without_space(text[start - 1], text[end]):
            return ""
        return " "

    return _WHITESPACE.sub(space, text)


_WHITESPACE = re.compile(r"\s+")


def escape_markdown(paragraph: str) -> str:
    """Escape one plain-text paragraph so that Markdown renders it back unchanged."""
    s = normalize_paragraph(paragraph)
    s = _INLINE_SPECIAL.sub(r"\\\1", s)
    s = _LINE_START.sub(r"\\\1", s)
    s = _ORDERED.sub(r"\1\\\2", s)
    return s


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Plain-text paragraphs to Markdown that renders to exactly those paragraphs."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs if normalize_paragraph(p)) + "\n"


def paragraphs_canonical(paragraphs: list[str]) -> Canonical:
    """What `markdown_to_canonical(paragraphs_to_markdown(paragraphs))` gives, built
    directly: plain-text imports skip the Markdown parser (tests check both agree)."""
    b = _Builder()
    for p in paragraphs:
        b.add("paragraph", normalize_paragraph(p), [])
    return Canonical("".join(b.parts), b.blocks)
