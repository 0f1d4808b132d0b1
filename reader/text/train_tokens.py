"""Tokens and sentences for NER training files (CoNLL, spaCy): every non-space character.

A token is one of, tried in this order:
- a dotted acronym or initial with its dots (`U.S.`, `W.`) or a known abbreviation with
  its dot (`Oct.`, `Dr.`);
- a word: letters, digits, combining marks and `_`, with `/ . @ : \\` inside when word characters
  follow (`HTTP/1.1`, `URI_ENCODE`, `example.com`), after an optional `@`, `#` or `$`
  (`@Uber_Sydney`, `#tag`);
- an apostrophe with the letters after it (`’s` of `Lavrov’s`, `'t` of `don't`);
- any other single character that is not whitespace (punctuation, a hyphen, an emoji).

A hyphen splits (`Rusia-AS` is `Rusia`, `-`, `AS`), as spaCy's tokenizer does. The
rule agrees with `reader.text.boundaries`: a span that starts and ends on word
boundaries starts and ends on token boundaries. A sentence ends after `.`, `!`, `?`,
`…` or at a line break; CJK and Thai text has no spaces and comes out as long words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from reader.text.tokens import ABBREVIATIONS

_ABBREV = "|".join(sorted((re.escape(a) for a in ABBREVIATIONS), key=len, reverse=True))
_TOKEN = re.compile(
    rf"(?:[^\W\d_]\.){{2,}}|[^\W\d_]\.(?!\w)|(?i:(?<!\w)(?:{_ABBREV})\.)(?!\w)"
    r"|[@#$]?\w+(?:[/.@:\\]\w+)*"
    r"|[’'][^\W\d_]+"
    r"|\S"
)
_ENDS = frozenset(".!?…")


def _mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of every token of `text`, in order."""
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        # `\w` has no combining marks: `q̃` and `नमस्ते` are one word, mark and all.
        if (
            out
            and out[-1][1] == s
            and (_mark(text[s]) or (_mark(text[s - 1]) and (text[s].isalnum() or text[s] == "_")))
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentences(text: str, spans: list[tuple[int, int]]) -> Iterator[list[int]]:
    """Token indices grouped by sentence."""
    current: list[int] = []
    for i, (s, e) in enumerate(spans):
        if current and "\n" in text[spans[current[-1]][1] : s]:
            yield current
            current = []
        current.append(i)
        if text[s:e] in _ENDS:
            yield current
            current = []
    if current:
        yield current
