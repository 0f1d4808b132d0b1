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
# One pass over the whole text: a line break closes the sentence (no word spans one).
_WORD_OR_BREAK = re.compile("\n|" + _WORD.pattern)
_ENDS = frozenset(".!?…")
_MAX_SENTENCE = 120  # words; longer runs (tables, lists) are cut to keep tagging linear


def words_of(text: str) -> list[list[tuple[int, int, str]]]:
    """The text as sentences of (start, end, word), cut at line breaks and sentence ends."""
    out: list[list[tuple[int, int, str]]] = []
    sent: list[tuple[int, int, str]] = []
    for m in _WORD_OR_BREAK.finditer(text):
        w = m.group()
        if w == "\n":
            if sent:
                out.append(sent)
                sent = []
            continue
        s, e = m.span()
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
def _places() -> tuple[frozenset[tuple[str, ...]], int, frozenset[str]]:
    places = lx.places()
    firsts = frozenset(p[0] for p in places if p)
    return places, max((len(p) for p in places), default=0), firsts


def _gazetteer(words: list[str]) -> list[str]:
    """`B`/`I` where a gazetteer place starts or continues, `` elsewhere."""
    places, longest, firsts = _places()
    out = [""] * len(words)
    titled: list[str] | None = None  # `BONN` as `Bonn`, made when first needed
    for i in [k for k, w in enumerate(words) if w[:1].isupper()]:  # places are capitalised
        if out[i]:
            continue
        w = words[i]
        t = w.title() if w.isupper() and len(w) > 2 else w
        if w not in firsts and t not in firsts:
            continue  # no place starts with this word: the common case, decided at once
        if titled is None:
            titled = [x.title() if x.isupper() and len(x) > 2 else x for x in words]
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


_FIXED = ("BOS", "EOS", "-1cap+cap", "gaz=B", "gaz=I")
_ALL_FIXED = dict.fromkeys(_FIXED, True)


class KnownFeatures:
    """The features of `sentence_features` less those a model has no weight for.

    CRFsuite skips attributes its model does not know, so the tags and marginals are
    the same; handing it a third fewer strings makes tagging a third faster. Each word's
    filtered features are kept (news repeats its words), up to `limit` words.
    """

    def __init__(self, known: frozenset[str], limit: int = 100_000) -> None:
        self.known = known
        self.fixed = {name: name in known for name in _FIXED}
        self.limit = limit
        self._own: dict[str, tuple[str, ...]] = {}
        self._ctx: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {}

    def own(self, words: list[str]) -> list[tuple[str, ...]]:
        cache = self._own
        out = []
        for w in words:
            f = cache.get(w)
            if f is None:
                if len(cache) >= self.limit:
                    cache.clear()
                f = cache[w] = tuple(x for x in _word_features(w) if x in self.known)
            out.append(f)
        return out

    def ctx(self, words: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...], str, str]]:
        cache = self._ctx
        known = self.known
        out = []
        for w in words:
            c = cache.get(w)
            if c is None:
                if len(cache) >= self.limit:
                    cache.clear()
                before, after, m2, p2 = _context(w)
                c = cache[w] = (
                    tuple(x for x in before if x in known),
                    tuple(x for x in after if x in known),
                    m2 if m2 in known else "",
                    p2 if p2 in known else "",
                )
            out.append(c)
        return out


def sentence_features(words: list[str], known: KnownFeatures | None = None) -> list[list[str]]:
    """The features of every word of a sentence (CRFsuite's binary feature strings);
    with `known`, only those a model has weights for (the same tags, sooner)."""
    if known is None:
        own = [_word_features(w) for w in words]
        ctx = [_context(w) for w in words]
        fixed = _ALL_FIXED
    else:
        own = known.own(words)
        ctx = known.ctx(words)
        fixed = known.fixed
    caps = [w[:1].isupper() for w in words]
    gaz = _gazetteer(words)
    # The fixed features' names, or "" where the model has no weight for them: decided
    # once per sentence, not per word.
    gaz_name = {
        "": "",
        "B": "gaz=B" if fixed["gaz=B"] else "",
        "I": "gaz=I" if fixed["gaz=I"] else "",
    }
    bos, eos, pair = fixed["BOS"], fixed["EOS"], fixed["-1cap+cap"]
    n = len(words)
    last = n - 1
    out = []
    for i in range(n):
        f = list(own[i])
        g = gaz_name[gaz[i]]
        if g:
            f.append(g)
        if i == 0:
            if bos:
                f.append("BOS")
        else:
            f.extend(ctx[i - 1][0])
            if pair and caps[i] and caps[i - 1]:
                f.append("-1cap+cap")
            if i > 1 and ctx[i - 2][2]:
                f.append(ctx[i - 2][2])
        if i == last:
            if eos:
                f.append("EOS")
        else:
            f.extend(ctx[i + 1][1])
            if i < n - 2 and ctx[i + 2][3]:
                f.append(ctx[i + 2][3])
        out.append(f)
    return out
