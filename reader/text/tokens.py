"""Words with their offsets, and which of them open a sentence.

A word is a run of letters and digits, with inner hyphens and apostrophes (`Rusia-AS`,
`don’t`); dotted acronyms (`U.S.`) and initials (`W.`) keep their dots. Scripts without
spaces between words (CJK, Thai) come out as long runs; capitalisation tests simply
do not apply to them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-’'][^\W_]+)*")
_ENDING = re.compile(r"(?:[’']s|-nya)$")
_TERMINATORS = set(".!?…:;\n")
# Marks after which a capital is expected: sentence ends, an opening quote, a bullet.
_OPENERS = set("“‘«„‚‹「『\"'([")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "cmdr",
        "adm",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "corp",
        "co",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
    ]
)


class Token(NamedTuple):
    """A word (a named tuple: an article has tens of thousands, and a frozen dataclass
    took twice as long to build)."""

    start: int
    end: int
    text: str
    initial: bool  # opens a sentence, a paragraph, a line or a quotation
    base: str  # without a possessive or clitic ending (`Lavrov’s`, `Utara-nya`)
    lower: str  # base, casefolded
    capitalised: bool


# A named tuple's own constructor is a Python function; building the tuple directly
# skips that call for each of an article's tens of thousands of words.
_new = tuple.__new__


def make_token(start: int, end: int, word: str, initial: bool) -> Token:
    base = word
    if word[-1:] in "sa":  # cheap test before the regex: `’s`, `-nya`
        m = _ENDING.search(word)
        if m and m.start() > 1:
            base = word[: m.start()]
    return _new(Token, (start, end, word, initial, base, base.casefold(), word[:1].isupper()))


def is_capitalised(word: str) -> bool:
    """True for `Lavrov`, `RIA`, `Utara-nya`; False for `iPhone`, `2025`, CJK and Arabic."""
    return word[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Every word of `text` in order, with its code-point range and sentence position."""
    tokens: list[Token] = []
    append = tokens.append
    prev_end = 0
    prev_text = ""
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        # An initial (`George W. Bush`) keeps its dot.
        if len(word) == 1 and word.isupper() and text[end : end + 1] == ".":
            end += 1
            word += "."
        if prev_end == start - 1 and text[prev_end] == " " and tokens:
            # The common case (one space after a word), decided without looking further;
            # the token is built inline, as make_token does.
            base = word
            if word[-1] in "sa":
                e = _ENDING.search(word)
                if e and e.start() > 1:
                    base = word[: e.start()]
            append(
                _new(Token, (start, end, word, False, base, base.casefold(), word[:1].isupper()))
            )
            prev_end, prev_text = end, word
            continue
        gap = text[prev_end:start]
        if gap == " " and tokens:
            initial = False
        elif not tokens or _opens(gap.rstrip()):
            initial = True
        elif not _TERMINATORS.isdisjoint(gap):
            initial = not (
                gap.strip() == "."
                and (prev_text.casefold() in ABBREVIATIONS or prev_text.endswith("."))
            )
        else:
            initial = False
        append(make_token(start, end, word, initial))
        prev_end, prev_text = end, word
    return tokens


def _opens(gap: str) -> bool:
    """The gap before a word ends with an opening mark (` “`, ` (`), not a closing one."""
    if not gap or gap[-1] not in _OPENERS:
        return False
    return len(gap) == 1 or gap[-2].isspace() or gap[-2] in _OPENERS


class TokenIndex:
    """The tokens of a text found by their offsets: the tokens of any stretch of it are
    a slice of the whole text's, with no second tokenizing."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def within(self, start: int, end: int) -> list[Token]:
        """What `tokenize(text[start:end])` finds, at offsets into the whole text (its
        `initial` flags are the whole text's). A word cut by `start` or `end` is tokenized
        again from the stretch alone, as `tokenize` of it would see it."""
        tokens, starts = self.tokens, self.starts
        a = bisect_left(starts, start)
        b = bisect_left(starts, end, a)
        if (a and tokens[a - 1].end > start) or (b > a and tokens[b - 1].end > end):
            return [
                t._replace(start=t.start + start, end=t.end + start)
                for t in tokenize(self.text[start:end])
            ]
        return tokens[a:b]
