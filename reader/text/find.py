"""Finding text in an article's canonical text: case-insensitive, in code points.

Matching is done on a folded copy of the text (Unicode case folding, every kind of
white space as one space) with a map back to the original code points, so a match in
"STRASSE" for "straße", in Arabic, Chinese or Japanese text, or across a no-break
space is found and reported as (start, end) offsets into the text itself.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Folded:
    text: str  # the folded text
    origin: tuple[int, ...] | None  # code point of the original for each folded one (None: same)

    def span(self, start: int, end: int) -> Span:
        """The original (start, end) of folded text[start:end]."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(ch: str) -> str:
    return " " if ch.isspace() else ch.casefold()


def fold(text: str) -> Folded:
    """`text` case-folded with white space as spaces, and the way back to its offsets."""
    simple = "".join(" " if ch.isspace() else ch for ch in text).casefold()
    if len(simple) == len(text):
        return Folded(simple, None)  # nearly always: one folded code point per original
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return Folded("".join(out), tuple(origin))


def find_all(text: str, needle: str, folded: Folded | None = None) -> list[Span]:
    """Every occurrence of `needle` in `text`, ignoring case, without overlaps, in
    text order, as code-point (start, end). An empty or blank needle finds nothing."""
    key = "".join(_fold_char(ch) for ch in needle)
    if not key.strip():
        return []
    haystack = folded or fold(text)
    spans: list[Span] = []
    at = haystack.text.find(key)
    while at >= 0:
        spans.append(haystack.span(at, at + len(key)))
        at = haystack.text.find(key, at + len(key))
    return spans


def _wordlike(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM" or ch == "_"


def spaceless(ch: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese,
    Thai…): a search finds it inside runs, not only at word starts."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "HANGUL"))


def find_words(text: str, words: Iterable[tuple[str, bool]]) -> list[Span]:
    """Where search terms occur as the library's search matches them: each (term,
    prefix) at the start of a word and, unless `prefix`, ending with one; terms in
    spaceless scripts (and symbols) anywhere. Sorted, overlaps merged."""
    haystack = fold(text)
    spans: list[Span] = []
    for term, prefix in words:
        loose = not any(_wordlike(c) for c in term) or any(spaceless(c) for c in term)
        for start, end in find_all(text, term, haystack):
            if loose:
                spans.append((start, end))
                continue
            starts_word = start == 0 or not _wordlike(text[start - 1])
            ends_word = end == len(text) or not _wordlike(text[end])
            if starts_word and (prefix or ends_word):
                spans.append((start, end))
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
