"""Words and hand-made features for the statistical entity recogniser (a CRF).

The same functions serve training (words given by a gold file) and suggesting (words cut
from an article's text by `words_of`), so both see the same features: the word and its
lower-case form, affixes, word shape, capitalisation, the neighbouring words, membership
of the place gazetteer and of the role, title, organisation and speech-cue word lists.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.text import cues
from reader.text import lexicon as lx
from reader.text.tokens import ABBREVIATIONS

# Dotted acronyms (`U.S.`), words with inner hyphens and apostrophes, a possessive `'s`
# on its own (as the English training data has it), any other non-space character.
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:-(?!nya\b)[^\W_]+)*(?:[’'](?![sS]\b)[^\W_]+)*"
    r"|[’'][sS]\b|-nya\b|\S"
)
_ENDS = frozenset(".!?…")
_MAX_SENTENCE = 120  # words; longer runs (tables, lists) are cut to keep tagging linear


def words_of(text: str) -> list[list[tuple[int, int, str]]]:
    """The text as sentences of (start, end, word), cut at line breaks and sentence ends."""
    out: list[list[tuple[int, int, str]]] = []
    for line in re.finditer(r"[^\n]+", text):
        sent: list[tuple[int, int, str]] = []
        for m in _WORD.finditer(line.group(), 0):
            s, e = m.start() + line.start(), m.end() + line.start()
            w = m.group()
            if w == "." and sent and sent[-1][1] == s and _takes_dot(sent[-1][2]):
                ps, _, pw = sent[-1]
                sent[-1] = (ps, e, pw + ".")  # `Mr.`, `W.`: the dot belongs to the word
                continue
            sent.append((s, e, w))
            if (w in _ENDS and len(sent) > 1) or len(sent) >= _MAX_SENTENCE:
                out.append(sent)
                sent = []
        if sent:
            out.append(sent)
    return out


def _takes_dot(word: str) -> bool:
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """`Lavrov` -> `Xx`, `RIA` -> `X`, `2025` -> `d`, `U.S.` -> `X.X.`: runs collapsed."""
    out = []
    for c in word:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    first = lambda table: frozenset(k[0] for k in table)  # noqa: E731
    return {
        "role": first(lx.ROLES),
        "org": first(lx.ORGS),
        "event": first(lx.EVENTS),
        "cue": first(lx.CUES_BOTH) | first(lx.CUES_RIGHT) | lx.CUES_FUSED,
        "prep": lx.PLACE_PREPOSITIONS,
        "date": lx.DATES,
        "stop": lx.STOPWORDS,
        "pron": lx.PRONOUNS,
        "title": cues.words(cues.TITLES),
    }


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[tuple[str, ...]], int]:
    places = lx.places()
    return places, max((len(p) for p in places), default=0)


def _gazetteer(words: list[str]) -> list[str]:
    """`B`/`I` where a gazetteer place starts or continues, `` elsewhere."""
    places, longest = _places()
    out = [""] * len(words)
    titled = [w.title() if w.isupper() and len(w) > 2 else w for w in words]  # `BONN`
    for i in range(len(words)):
        if out[i] or not words[i][:1].isupper():
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in places or tuple(titled[i : i + n]) in places:
                out[i] = "B"
                for j in range(i + 1, i + n):
                    out[j] = "I"
                break
    return out


@lru_cache(maxsize=65536)
def _word_features(w: str) -> tuple[str, ...]:
    low = w.casefold()
    f = [f"w={low}", f"sh={shape(w)}", f"s2={low[-2:]}", f"s3={low[-3:]}", f"p3={low[:3]}"]
    if w[:1].isupper():
        f.append("cap")
        if w.isupper() and len(w) > 1:
            f.append("upper")
    elif w.islower():
        f.append("lower")
    if any(c.isdigit() for c in w):
        f.append("digit")
    if "-" in w:
        f.append("hyphen")
    if len(w) == 1 and not w.isalnum():
        f.append(f"punct={w}")
    lists = _lists()
    for name, words in lists.items():
        if low in words:
            f.append(f"in={name}")
    return tuple(f)


@lru_cache(maxsize=65536)
def _context(w: str) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """A word's features as the previous and as the next word, and as the words two
    before and two after (cached: news repeats its words)."""
    low = w.casefold()
    near = tuple(x for x in _word_features(w) if x.startswith("in="))
    sh = shape(w)
    before = (f"-1w={low}", f"-1sh={sh}", *("-1" + x for x in near))
    after = (f"+1w={low}", f"+1sh={sh}", *("+1" + x for x in near))
    return before, after, f"-2w={low}", f"+2w={low}"


def sentence_features(words: list[str]) -> list[list[str]]:
    """The features of every word of a sentence (CRFsuite's binary feature strings)."""
    own = [_word_features(w) for w in words]
    ctx = [_context(w) for w in words]
    caps = [w[:1].isupper() for w in words]
    gaz = _gazetteer(words)
    n = len(words)
    out = []
    for i in range(n):
        f = list(own[i])
        if gaz[i]:
            f.append(f"gaz={gaz[i]}")
        if i == 0:
            f.append("BOS")
        else:
            f.extend(ctx[i - 1][0])
            if caps[i - 1] and caps[i]:
                f.append("-1cap+cap")
            if i > 1:
                f.append(ctx[i - 2][2])
        if i == n - 1:
            f.append("EOS")
        else:
            f.extend(ctx[i + 1][1])
            if i < n - 2:
                f.append(ctx[i + 2][3])
        out.append(f)
    return out
