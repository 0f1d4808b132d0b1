"""Does a span start and end on word boundaries, as a tokenizer (spaCy, CoNLL) would cut?

A span glued to more word on either side is not a token sequence: `HTTP` inside
`HTTP/1.1`, `ENCODE` inside `URI_ENCODE`, `Uber` inside `@Uber_Sydney`, `Oct`
inside the abbreviation `Oct.`. Scripts written without spaces (CJK, Thai) have no
such boundaries and always pass.
"""

from __future__ import annotations

import re
import unicodedata

from reader.text.tokens import ABBREVIATIONS

_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
# A mark that joins two word characters into one token: `HTTP/1.1`, `example.com`, `a@b`.
_JOINERS = frozenset("/.@:\\")
# A mark that a handle or tag starts with: `@Uber`, `#Uber`.
_SIGILS = frozenset("@#$")


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"  # `q̃`, `नमस्ते`


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` neither starts nor ends inside a word."""
    if start >= end:
        return False
    first, last = text[start], text[end - 1]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if _SPACELESS.search(first + last + before + after):  # one character class: any of them
        return True
    if before and (_wordish(before) or before in _SIGILS):
        return False
    if before in _JOINERS and start > 1 and _wordish(text[start - 2]) and _wordish(first):
        return False
    if after and _wordish(after):
        return False
    if after in _JOINERS and end + 1 < len(text) and _wordish(text[end + 1]) and _wordish(last):
        return False
    # `Oct.`: the abbreviation's dot belongs to its token.
    return not (after == "." and _last_word(text, start, end).casefold() in ABBREVIATIONS)


def _last_word(text: str, start: int, end: int) -> str:
    i = end
    while i > start and _wordish(text[i - 1]):
        i -= 1
    return text[i:end]
