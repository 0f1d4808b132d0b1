"""The block structure of an article's canonical text.

A viewer renders `text` block by block without changing a single character
position: every block names the code-point range of `text` it covers, and the
characters between two blocks are separators ("\\n" or "\\n\\n") that belong to
no block.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "code", "table_row"]
SpanKind = Literal["em", "strong", "code", "link"]


@dataclass(frozen=True)
class Span:
    """Inline formatting over text[start:end] (code points, absolute)."""

    kind: SpanKind
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level 1-6
    quote_depth: int = 0  # nesting inside block quotes
    list_depth: int = 0  # nesting inside lists
    ordered: bool = False
    number: int | None = None  # position in an ordered list
    rtl: bool = False  # first strong character is right-to-left
    spans: tuple[Span, ...] = field(default_factory=tuple)


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Unicode bidi)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


_BLOCK_DEFAULTS = (
    ("level", 0),
    ("quote_depth", 0),
    ("list_depth", 0),
    ("ordered", False),
    ("number", None),
    ("rtl", False),
)


def blocks_to_json(blocks: list[Block]) -> str:
    """Compact JSON for storage; defaults are left out (written by hand: it is on the
    import hot path, where `dataclasses.asdict` cost more than parsing the Markdown)."""
    out = []
    for b in blocks:
        d: dict = {"kind": b.kind, "start": b.start, "end": b.end}
        for name, default in _BLOCK_DEFAULTS:
            value = getattr(b, name)
            if value != default:
                d[name] = value
        if b.spans:
            d["spans"] = [
                {"kind": s.kind, "start": s.start, "end": s.end}
                | ({"href": s.href} if s.href is not None else {})
                for s in b.spans
            ]
        out.append(d)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def blocks_from_json(data: str) -> list[Block]:
    blocks = []
    for d in json.loads(data or "[]"):
        spans = tuple(Span(**s) for s in d.pop("spans", ()))
        blocks.append(Block(spans=spans, **d))
    return blocks
