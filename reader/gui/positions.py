"""The one mapping between Qt document positions and code-point offsets into `text`.

Qt counts UTF-16 code units, and every block boundary in a QTextDocument takes one
position. The article view inserts each block's `text[start:end]` as it is (a
newline inside a block becomes a block boundary: still one position), so inside a
block the only difference is that a character outside the Basic Multilingual Plane
takes two positions. The separators between blocks ("\\n" or "\\n\\n" in `text`)
take one position in the document. Everything here is pure Python and exact.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.text.blocks import Block

# Characters outside the Basic Multilingual Plane: two UTF-16 units each. Found by the
# regex engine, not a Python loop over every character (a 10,000-word article: ~10 ms).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(s: str) -> int:
    """Length of `s` in UTF-16 code units (what Qt counts)."""
    return len(s) + len(_ASTRAL.findall(s))


@dataclass(frozen=True)
class _Segment:
    start: int  # code-point offset into text
    end: int
    doc_start: int  # document position of `start`
    astral: tuple[int, ...]  # code-point offsets (relative) of non-BMP characters
    astral_ends: tuple[int, ...]  # UTF-16 units (relative) just after each of them

    @property
    def doc_end(self) -> int:
        return self.doc_start + (self.end - self.start) + len(self.astral)

    def units(self, rel: int) -> int:
        """UTF-16 units before relative code point `rel`."""
        return rel + bisect_left(self.astral, rel)

    def code_points(self, units: int) -> int:
        """Relative code point at `units`; a position inside a surrogate pair rounds down."""
        k = bisect_right(self.astral_ends, units)
        if k < len(self.astral) and self.astral[k] + k < units:
            return self.astral[k]
        return units - k


def segments_for(text: str, blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """The (start, end) code-point ranges shown as blocks; the whole text when there are none."""
    if not blocks:
        return [(0, len(text))] if text else []
    return [(b.start, b.end) for b in blocks]


class PositionMap:
    """Maps positions of the rendered body, which starts at document position `base`."""

    def __init__(self, text: str, ranges: Sequence[tuple[int, int]], base: int = 0) -> None:
        self.text = text
        self.base = base
        self._segments: list[_Segment] = []
        doc = base
        for start, end in ranges:
            part = text[start:end]
            astral = tuple(m.start() for m in _ASTRAL.finditer(part))  # C speed: no ord()
            ends = tuple(a + i + 2 for i, a in enumerate(astral))
            seg = _Segment(start, end, doc, astral, ends)
            self._segments.append(seg)
            doc = seg.doc_end + 1  # the block boundary
        self._starts = [s.start for s in self._segments]
        self._doc_starts = [s.doc_start for s in self._segments]

    @property
    def doc_end(self) -> int:
        """The document position just after the last body character."""
        return self._segments[-1].doc_end if self._segments else self.base

    def doc_length(self) -> int:
        """How many positions the body takes, boundaries between blocks included."""
        return self.doc_end - self.base

    def offset_to_doc(self, offset: int) -> int:
        """Document position of code-point `offset`; an offset between two blocks (in a
        separator) maps to the start of the next block, one past the end to the end."""
        if not self._segments:
            return self.base
        offset = max(0, min(offset, len(self.text)))
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return self._segments[0].doc_start
        seg = self._segments[i]
        if offset <= seg.end:
            return seg.doc_start + seg.units(offset - seg.start)
        if i + 1 < len(self._segments):
            return self._segments[i + 1].doc_start
        return seg.doc_end

    def doc_to_offset(self, position: int) -> int:
        """Code-point offset of a document position; positions before the body (the
        title) map to 0, a position inside a surrogate pair to the character's start."""
        if not self._segments or position <= self.base:
            return self._segments[0].start if self._segments else 0
        i = bisect_right(self._doc_starts, position) - 1
        seg = self._segments[i]
        units = min(position - seg.doc_start, seg.doc_end - seg.doc_start)
        return seg.start + seg.code_points(units)

    def in_body(self, position: int) -> bool:
        return self.base <= position <= self.doc_end
