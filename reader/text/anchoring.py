"""Anchoring annotations to text: trimming selections, context, and re-anchoring after edits.

An annotation is stored like a W3C TextQuoteSelector plus a TextPositionSelector:
the exact text, 32 characters of context either side, and code-point offsets.
When the text changes, `reanchor` finds the annotation again.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without leading and trailing whitespace (may become empty)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def context(text: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str]:
    """Prefix and suffix of up to `size` code points around text[start:end]."""
    return text[max(0, start - size) : start], text[end : end + size]


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    exact: str  # may differ from the old exact when found fuzzily
    how: str  # same | moved | fuzzy


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    suffix = text[end : end + len(anchor.suffix)]
    return _similarity(prefix, anchor.prefix) + _similarity(suffix, anchor.suffix)


def _exact_matches(new_text: str, anchor: Anchor, hint: int) -> Found | None:
    best: tuple[float, int] | None = None
    n = len(new_text) or 1
    pos = new_text.find(anchor.exact)
    while pos != -1:
        # Context decides; distance from where it used to be breaks ties.
        score = _context_score(new_text, pos, pos + len(anchor.exact), anchor)
        score -= 0.5 * abs(pos - hint) / n
        if best is None or score > best[0]:
            best = (score, pos)
        pos = new_text.find(anchor.exact, pos + 1)
    if best is None:
        return None
    start = best[1]
    return Found(start, start + len(anchor.exact), anchor.exact, "moved")


def _tokens(text: str) -> tuple[list[str], list[int]]:
    tokens, starts = [], []
    for m in _TOKEN.finditer(text):
        tokens.append(m.group())
        starts.append(m.start())
    return tokens, starts


class OffsetMap:
    """Maps offsets in an old text to a new one through a token-level diff."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        old_tokens, self.old_starts = _tokens(old)
        new_tokens, self.new_starts = _tokens(new)
        matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
        self.blocks = matcher.get_matching_blocks()

    def map(self, offset: int, bias_end: bool = False) -> int | None:
        """New offset of an old one that lies in unchanged text, else None."""
        import bisect

        i = bisect.bisect_right(self.old_starts, offset) - 1
        if i < 0:
            return 0 if offset == 0 else None
        within = offset - self.old_starts[i]
        if bias_end and within == 0 and i > 0:
            i -= 1
            within = offset - self.old_starts[i]
        for a, b, size in self.blocks:
            if a <= i < a + size:
                j = b + (i - a)
                return self.new_starts[j] + within
        return None


def reanchor(
    anchor: Anchor, new_text: str, old_text: str | None = None, offsets: OffsetMap | None = None
) -> Found | None:
    """Find an annotation again in a changed text, or None (then it is orphaned).

    Order: unchanged at the same offsets; the exact text elsewhere, the
    occurrence whose context matches best and that is nearest the old place;
    else (when the old text is known) the old range carried through a diff of
    the two texts, accepted if it still reads like the old exact text.
    """
    if new_text[anchor.start : anchor.end] == anchor.exact:
        return Found(anchor.start, anchor.end, anchor.exact, "same")
    hint = anchor.start
    if offsets is None and old_text is not None:
        offsets = OffsetMap(old_text, new_text)
    if offsets is not None:
        mapped = offsets.map(anchor.start)
        if mapped is not None:
            hint = mapped
    found = _exact_matches(new_text, anchor, hint)
    if found is not None:
        return found
    if offsets is None:
        return None
    start = offsets.map(anchor.start)
    end = offsets.map(anchor.end, bias_end=True)
    if start is None or end is None or end <= start:
        return None
    start, end = trim(new_text, start, end)
    candidate = new_text[start:end]
    if candidate and _similarity(candidate, anchor.exact) >= 0.75:
        return Found(start, end, candidate, "fuzzy")
    return None
