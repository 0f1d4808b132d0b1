"""Whole words in code points: what a selection snaps to and what a mark's ends step by.

A word is a run of letters and digits (Latin, Indonesian, Cyrillic, Arabic, Hangul…)
with the combining marks and joiners (ZWJ, ZWNJ) that follow its characters; each
Chinese or Japanese ideograph and kana is a word of its own (these scripts write no
spaces), and a run of emoji (with their modifiers, variation selectors and joiners) is
one word, never split. Everything else (spaces, punctuation, other symbols) lies
between words. Pure functions on `str`; no Qt.
"""

from __future__ import annotations

import unicodedata

WORD, IDEOGRAPH, EMOJI = "w", "i", "e"
_JOINERS = {"\u200c", "\u200d", "\ufe0f", "\ufe0e", "\u20e3"}
# Chinese, Japanese: one word per character
_IDEOGRAPHIC = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),
    (0x3031, 0x3035),
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),  # half-width katakana
    (0x20000, 0x3FFFF),
)


def _ideographic(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _IDEOGRAPHIC)


def _attaches(ch: str) -> bool:
    """A character that belongs to the one before it (a combining mark, a joiner, an
    emoji modifier or tag)."""
    cp = ord(ch)
    return (
        ch in _JOINERS
        or unicodedata.category(ch)[0] == "M"
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # tag characters (subdivision flags)
    )


def kind(ch: str) -> str | None:
    """WORD, IDEOGRAPH or EMOJI for a character that starts or continues a word; None
    between words."""
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cat[0] in "LN":
        return IDEOGRAPH if _ideographic(cp) else WORD
    if cat == "So" and (cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF):
        return EMOJI
    return None


def _base(text: str, i: int) -> int:
    """The character a combining mark (or joiner) at `i` belongs to."""
    while i > 0 and _attaches(text[i]):
        i -= 1
    return i


def _kind_at(text: str, i: int) -> str | None:
    j = _base(text, i)
    k = kind(text[j])
    if k is None and _attaches(text[j]):
        return WORD  # marks at the start of the text
    return k


def word_at(text: str, i: int) -> tuple[int, int] | None:
    """The word holding code point `i`, as (start, end); None between words."""
    if not 0 <= i < len(text):
        return None
    j = _base(text, i)
    k = _kind_at(text, j)
    if k is None:
        return None
    n = len(text)
    end = j + 1
    while end < n and _attaches(text[end]):
        end += 1
    if k == IDEOGRAPH:
        return (j, end)
    start = j
    while start > 0:
        prev = _base(text, start - 1)
        if _kind_at(text, prev) != k:
            break
        start = prev
    while end < n and kind(text[end]) == k:
        end += 1
        while end < n and _attaches(text[end]):
            end += 1
    return (start, end)


OPENING_QUOTES = "\"'“‘„‚«‹「『"
CLOSING_QUOTES = "\"'”’“‘»›」』"


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection text[start:end] on whole words: a word cut at either end is taken
    whole, spaces and punctuation at the edges are left out — except quotation marks
    around the words (a quote marked with them keeps them). A selection with no word
    in it stays as it is, spaces trimmed."""
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return (start, end)
    first = _first_word(text, start, end)
    if first is None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end)
    last = _last_word(text, start, end)
    assert last is not None
    lead, trail = text[start : first[0]].strip(), text[last[1] : end].strip()
    if lead[:1] and lead[0] in OPENING_QUOTES and any(c in CLOSING_QUOTES for c in trail):
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        return (start, end)
    return (first[0], last[1])


def _first_word(text: str, start: int, end: int) -> tuple[int, int] | None:
    i = start
    while i < end:
        w = word_at(text, i)
        if w is not None:
            return w
        i += 1
    return None


def _last_word(text: str, start: int, end: int) -> tuple[int, int] | None:
    i = end - 1
    while i >= start:
        w = word_at(text, i)
        if w is not None:
            return w
        i -= 1
    return None


def next_word_end(text: str, pos: int) -> int | None:
    """The end of the first word that ends after `pos` (None: no word after it)."""
    i = pos
    while i < len(text):
        w = word_at(text, i)
        if w is not None and w[1] > pos:
            return w[1]
        i = w[1] if w is not None else i + 1
    return None


def previous_word_end(text: str, pos: int) -> int | None:
    """The end of the last word that ends before `pos` (None: no word before it)."""
    i = pos - 1
    while i >= 0:
        w = word_at(text, i)
        if w is not None and w[1] < pos:
            return w[1]
        i = (w[0] if w is not None else i) - 1
    return None


def next_word_start(text: str, pos: int) -> int | None:
    """The start of the first word that starts after `pos`."""
    i = pos + 1
    while i < len(text):
        w = word_at(text, i)
        if w is not None and w[0] > pos:
            return w[0]
        i = w[1] if w is not None else i + 1
    return None


def previous_word_start(text: str, pos: int) -> int | None:
    """The start of the last word that starts before `pos`."""
    i = pos - 1
    while i >= 0:
        w = word_at(text, i)
        if w is not None and w[0] < pos:
            return w[0]
        i = (w[0] if w is not None else i) - 1
    return None


def step_end(text: str, start: int, end: int, step: int) -> tuple[int, int] | None:
    """A mark's range with its end one word later (+1) or earlier (-1); None when it
    cannot move (the end of the text, or the mark would be left without a word)."""
    new = next_word_end(text, end) if step > 0 else previous_word_end(text, end)
    if new is None or new <= start:
        return None
    return (start, new)


def step_start(text: str, start: int, end: int, step: int) -> tuple[int, int] | None:
    """A mark's range with its start one word later (+1) or earlier (-1)."""
    new = next_word_start(text, start) if step > 0 else previous_word_start(text, start)
    if new is None or new >= end:
        return None
    return (new, end)
