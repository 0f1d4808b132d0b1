"""Pairs of quotation marks in the conventions of many languages.

“…” and ‘…’ (English, Indonesian), „…“ and ‚…‘ (German), „…” (Polish), «…» and ‹…›
(French, Russian), »…« (German, Danish), ”…” (Swedish, Finnish), "…" and '…', 「…」 and
『…』 (CJK). Whether an ambiguous mark opens or closes follows from what is beside it, as
in CommonMark's smart punctuation: a mark before a word and after a space or punctuation
opens; one after a word and before a space or punctuation closes; one between two letters
is an apostrophe (don’t, Jum’at) and never a quote. A quotation that reaches the end of a
paragraph unclosed continues when the next paragraph opens with the same mark (the
English convention for long quotations).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Opening mark -> the marks that may close it. Straight and curly double marks close
# each other (`“…"`, `"…”`): news copy mixes them, edited by hand or by several tools.
CLOSERS = {
    "“": '”"',
    "”": "”",
    "‘": "’",
    "„": "“”",
    "‚": "‘’",
    "«": "»",
    "»": "«»",
    "‹": "›",
    "›": "‹›",
    "「": "」",
    "『": "』",
    "〝": "〞〟",
    "﹁": "﹂",
    "﹃": "﹄",
    '"': '"”',
    "'": "'",
    "＂": "＂",
}
_ALL = set(CLOSERS) | set("".join(CLOSERS.values()))
_MARKS = re.compile("[" + re.escape("".join(sorted(_ALL))) + "]")
_BY_POSITION = set("«»‹›「」『』〝〞〟﹁﹂﹃﹄")  # direction given by the mark itself
_APOSTROPHES = set("’'‘")


@dataclass(frozen=True)
class QuoteSpan:
    open_start: int
    close_end: int
    parts: tuple[tuple[int, int], ...]  # quoted content, marks and edge spaces excluded

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass
class _Open:
    mark: str
    open_start: int
    content_start: int
    parts: tuple[tuple[int, int], ...] = ()


def _punct(c: str) -> bool:
    return unicodedata.category(c)[0] in "PS"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: blocks separated by a blank line."""
    out = []
    pos = 0
    for piece in text.split("\n\n"):
        out.append((pos, pos + len(piece)))
        pos += len(piece) + 2
    return out


def find_quotes(text: str) -> list[QuoteSpan]:
    """The outermost quotations of `text`, in order."""
    found: list[QuoteSpan] = []
    carry: _Open | None = None
    for p_start, p_end in paragraphs(text):
        stack: list[_Open] = []
        lead = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        skip = -1
        if carry is not None:
            if lead < p_end and text[lead] == carry.mark:
                stack.append(carry)
                carry.content_start = lead + 1
                skip = lead
            carry = None
        for m in _MARKS.finditer(text, p_start, p_end):
            i = m.start()
            if i == skip:
                continue
            _step(text, i, p_start, p_end, stack, found)
        if stack:
            first = stack[0]
            part = _trim(text, first.content_start, p_end)
            later = text[p_end + 2 : p_end + 2 + 1] if p_end + 2 <= len(text) else ""
            if part and later == first.mark:
                first.parts = (*first.parts, part)
                carry = first
    return _outermost(found)


def _step(text: str, i: int, p_start: int, p_end: int, stack: list[_Open], found: list) -> None:
    c = text[i]
    prev = text[i - 1] if i > p_start else None
    nxt = text[i + 1] if i + 1 < p_end else None
    if c in _APOSTROPHES and prev and nxt and prev.isalnum() and nxt.isalnum():
        return  # don’t, Jum’at
    can_open = (
        nxt is not None and not nxt.isspace() and (prev is None or prev.isspace() or _punct(prev))
    )
    can_close = (
        prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or _punct(nxt))
    )
    target = next((k for k in range(len(stack) - 1, -1, -1) if c in CLOSERS[stack[k].mark]), None)
    if c in _BY_POSITION:
        if target is not None:
            _close(text, i, stack, target, found)
        elif c in CLOSERS:
            stack.append(_Open(c, i, i + 1))
        return
    if target is not None and (can_close or not can_open):
        _close(text, i, stack, target, found)
    elif c in CLOSERS and can_open:
        stack.append(_Open(c, i, i + 1))
    elif c in CLOSERS and c in '"＂' and not can_close:
        stack.append(_Open(c, i, i + 1))  # a lone straight mark between spaces


def _close(text: str, i: int, stack: list[_Open], k: int, found: list) -> None:
    op = stack[k]
    del stack[k:]
    if op.mark in "\"'" and _code_like(text, op.open_start, i):
        return
    part = _trim(text, op.content_start, i)
    if part is None:
        return
    found.append(QuoteSpan(op.open_start, i + 1, (*op.parts, part)))


def _code_like(text: str, open_at: int, close_at: int) -> bool:
    """A string literal in program code (`fetch("/data.json")`, `x = 'a'`), not a quote."""
    before = text[open_at - 1 : open_at]
    after = text[close_at + 1 : close_at + 2]
    return before in ("(", "[", "{", "=", "+") or after in (")", "]", "}", ";", "+")


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The range without edge spaces, or None when nothing is quoted."""
    seg = text[a:b]
    if not any(ch.isalnum() for ch in seg):
        return None
    a += len(seg) - len(seg.lstrip())
    b -= len(seg) - len(seg.rstrip())
    return (a, b)


def _outermost(found: list[QuoteSpan]) -> list[QuoteSpan]:
    found.sort(key=lambda q: (q.open_start, -q.close_end))
    out: list[QuoteSpan] = []
    for q in found:
        if out and q.close_end <= out[-1].close_end:
            continue  # nested in the previous one
        out.append(q)
    return out
