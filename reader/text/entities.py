"""Entity suggestions: registry names first, then strong rules, then the statistical models.

Order of trust, each taking its spans before the next: registry names and aliases
(confidence 1), dates and whole gazetteer places from the rules (0.9), the library's own
model (trained on its marks; any labels), the shipped model of the text's language. A
model mention overlapping a span already taken keeps only its pieces outside it
(`Greece Thursday` -> `Greece` beside the date `Thursday`), and loses title words at its
head (`Mensesneg Hatta Rajasa` -> `Hatta Rajasa`). Texts in a language without a shipped
model get the rules alone (reader/text/names.py), as before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from reader.model import EntityCandidate, KnownEntity
from reader.text import lexicon as lx
from reader.text import names, tagging
from reader.text.boundaries import on_word_boundaries
from reader.text.ner_model import NerModel, detect_language, shipped_model
from reader.text.tokens import Token, TokenIndex, tokenize

RULE_STRONG = 0.9
RULE_LABELLED = 0.6
RULE_GUESS = 0.3
_ABBREVIATED_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)


def suggest(
    text: str,
    known: Sequence[KnownEntity] = (),
    library_model: NerModel | None = None,
    shipped: bool = True,
    tokens: list[Token] | None = None,
) -> list[EntityCandidate]:
    """Entity candidates of `text`, sorted by position, never overlapping (`tokens`: the
    text's, when the caller has them already)."""
    return suggest_with_tokens(text, known, library_model, shipped, tokens)[0]


def suggest_with_tokens(
    text: str,
    known: Sequence[KnownEntity] = (),
    library_model: NerModel | None = None,
    shipped: bool = True,
    tokens: list[Token] | None = None,
) -> tuple[list[EntityCandidate], list[Token]]:
    """`suggest`, and the text's tokens (for the quote suggester). A long text's model
    mentions are found in a second process meanwhile (reader/text/tagging.py)."""
    lang = detect_language(text) if shipped else None
    model = shipped_model(lang) if lang else None
    models = [(m, "library" if m is library_model else "model") for m in (library_model, model)]
    tagged = tagging.start(text, [(m, src) for m, src in models if m is not None])
    try:
        return _suggested(text, known, tokens, bool(model or library_model), tagged)
    except BaseException:
        tagged.discard()  # the worker's answer is read, so that the next is its own
        raise


def _suggested(
    text: str,
    known: Sequence[KnownEntity],
    tokens: list[Token] | None,
    any_model: bool,
    tagged: tagging.Pending,
) -> tuple[list[EntityCandidate], list[Token]]:
    tokens = tokenize(text) if tokens is None else tokens
    registry = names._registry(text, tokens, known)
    rules = names._patterns(text, tokens, known)
    if not any_model:
        rated = [_rated(c, RULE_LABELLED if c.label != "MISC" else RULE_GUESS) for c in rules]
        return _bounded(text, names._merge(registry + rated)), tokens
    places = lx.places()
    dates = [_rated(c, RULE_STRONG, "rule") for c in rules if c.label == "DATE"]
    dates += _weekdays(text, tokens, dates)
    gazetteer = [
        _rated(c, RULE_STRONG, "rule")
        for c in rules
        if c.label == "LOCATION" and _words(c.text) in places
    ]
    taken = names._merge(registry + dates)
    index = TokenIndex(text, tokens)
    for mentions in tagged.result():  # the library's model first, then the shipped one
        starts = [t.start for t in taken]
        found = [
            p
            for c in _resegmented(mentions, rules)
            for p in _pieces(index, c, _near(taken, starts, c))
        ]
        taken = _lists(text, sorted(taken + found, key=lambda c: c.start))
    # A model mention that is exactly a known place is a place (`ke Jakarta` tagged ORG,
    # `BONN` in a dateline). Places the model left untagged stay so: on held-out news it
    # leaves out, rightly, most of them (`warga Israel`), see the README.
    by_span = {(c.start, c.end): c for c in gazetteer}
    out = []
    for c in taken:
        place = by_span.get((c.start, c.end)) or _dateline_place(c, places)
        if place and c.source == "model" and c.label != "LOCATION":
            conf = max(c.confidence, RULE_STRONG)
            c = EntityCandidate(c.text, c.start, c.end, "LOCATION", c.source, confidence=conf)
        out.append(c)
    found = sorted(out + _repeated(index, out), key=lambda c: c.start)
    return _bounded(text, found), tokens


def _near(
    taken: list[EntityCandidate], starts: list[int], c: EntityCandidate
) -> list[EntityCandidate]:
    """The taken spans (sorted, not overlapping) that may overlap `c`."""
    k = bisect.bisect_left(starts, c.start)
    out = taken[max(0, k - 1) : k]
    while k < len(taken) and taken[k].start < c.end:
        out.append(taken[k])
        k += 1
    return out


def _clashes(s: int, e: int, sorted_cands: list[EntityCandidate], starts: list[int]) -> bool:
    """Does `s:e` overlap a candidate of a list sorted by start (and not overlapping)?"""
    k = bisect.bisect_left(starts, s)
    return any(c.start < e and s < c.end for c in sorted_cands[max(0, k - 1) : k + 1])


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(text))


def _bounded(text: str, cands: list[EntityCandidate]) -> list[EntityCandidate]:
    """Only spans on word boundaries (nothing inside `HTTP/1.1`, `@Uber_Sydney`, `Oct.`)."""
    return [c for c in cands if on_word_boundaries(text, c.start, c.end)]


def _repeated(index: TokenIndex, found: list[EntityCandidate]) -> list[EntityCandidate]:
    """Other mentions of a person the model found: the same words, or the surname alone
    (`Lavrov` opening a paragraph after `Sergey Lavrov`)."""
    text, tokens = index.text, index.tokens
    forms: dict[tuple[str, ...], EntityCandidate] = {}
    for c in found:
        if c.source not in ("model", "library") or c.label != "PERSON":
            continue  # places and organisations inside titles are left alone
        words = tuple(t.text for t in index.within(c.start, c.end))
        if not words:
            continue
        forms.setdefault(words, c)
        if c.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            forms.setdefault((words[-1],), c)
    if not forms:
        return []
    used = sorted((c.start, c.end) for c in found)
    longest = max(len(k) for k in forms)
    firsts = {k[0] for k in forms}
    out: list[EntityCandidate] = []
    i = 0
    # Only the words that may open a form are looked at (a list built in one pass).
    for i0 in [k for k, t in enumerate(tokens) if t.text in firsts]:
        if i0 < i:
            continue  # inside the mention found last
        i = i0
        hit = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(t.text for t in tokens[i : i + n])
            if key in forms and all(
                lx.adjacent(text, tokens[j], tokens[j + 1]) for j in range(i, i + n - 1)
            ):
                hit = (n, forms[key])
                break
        if hit is None:
            i += 1
            continue
        n, src = hit
        s, e = tokens[i].start, tokens[i + n - 1].end
        e -= len(tokens[i + n - 1].text) - len(tokens[i + n - 1].base)  # `Lavrov’s`
        k = bisect.bisect_left(used, (s, -1))
        clash = any(a < e and s < b for a, b in used[max(0, k - 1) : k + 2])
        if not clash:
            conf = 0.8 * src.confidence
            out.append(EntityCandidate(text[s:e], s, e, src.label, src.source, confidence=conf))
        i += n
    return out


UNSURE = 0.5
_WEEKDAYS = frozenset(lx.DATES - lx.MONTHS)


def _weekdays(text: str, tokens: list, dates: list[EntityCandidate]) -> list[EntityCandidate]:
    """Day names the rules left inside a longer run (`Greece Thursday`): dates anyway."""
    out = []
    for t in [t for t in tokens if t.lower in _WEEKDAYS and t.capitalised]:
        if not any(d.start <= t.start < d.end for d in dates):
            s, e = t.start, t.start + len(t.base)
            out.append(EntityCandidate(text[s:e], s, e, "DATE", "rule", confidence=RULE_STRONG))
    return out


def _lists(text: str, cands: list[EntityCandidate]) -> list[EntityCandidate]:
    """Names listed together (`Jordan Pike, Sam Ortiz, Lee Hanley and Chris Novak`) are
    of one kind: the label most of them have wins."""
    out = list(cands)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_GAP.fullmatch(text[out[j].end : out[j + 1].start]):
            j += 1
        group = out[i : j + 1]
        if len(group) >= 3:
            counts: dict[str, int] = {}
            for c in group:
                counts[c.label] = counts.get(c.label, 0) + 1
            label, n = max(counts.items(), key=lambda x: x[1])
            if n * 3 >= len(group) * 2:
                for k in range(i, j + 1):
                    c = out[k]
                    if c.label != label and c.source in ("model", "library"):
                        out[k] = EntityCandidate(
                            c.text, c.start, c.end, label, c.source, confidence=c.confidence / 2
                        )
        i = j + 1
    return out


_LIST_GAP = re.compile(r", (?:and |or |dan |atau )?| (?:and|or|dan|atau) ")


def _dateline_place(c: EntityCandidate, places: frozenset) -> bool:
    """`BONN` opening a dateline: a gazetteer place written in capitals."""
    return c.text.isupper() and tuple(t.text.title() for t in tokenize(c.text)) in places


def _resegmented(
    found: list[EntityCandidate], rules: list[EntityCandidate]
) -> list[EntityCandidate]:
    """An unsure model mention the rules cut in several names becomes those names
    (`Kementerian Luar Negeri Rusia Maria Zakharova`: a ministry, then a person)."""
    out = []
    starts = [r.start for r in rules]
    for c in found:
        if c.confidence >= UNSURE:
            out.append(c)
            continue
        k = bisect.bisect_left(starts, c.start)
        inside = []
        while k < len(rules) and rules[k].start < c.end:
            if rules[k].end <= c.end:
                inside.append(rules[k])
            k += 1
        if len(inside) >= 2:
            out.extend(
                EntityCandidate(r.text, r.start, r.end, r.label, c.source, confidence=c.confidence)
                for r in inside
            )
        else:
            out.append(c)
    return out


def _rated(c: EntityCandidate, conf: float, source: str | None = None) -> EntityCandidate:
    return EntityCandidate(
        c.text, c.start, c.end, c.label, source or c.source, c.entity, c.entity_id, conf
    )


def _pieces(
    index: TokenIndex, c: EntityCandidate, taken: Sequence[EntityCandidate]
) -> list[EntityCandidate]:
    """The parts of a model mention outside the spans taken, cleaned at their edges."""
    text = index.text
    segs = [(c.start, c.end)]
    for t in taken:
        if t.end <= c.start or t.start >= c.end:
            continue
        nxt = []
        for s, e in segs:
            if t.end <= s or t.start >= e:
                nxt.append((s, e))
                continue
            if s < t.start:
                nxt.append((s, t.start))
            if t.end < e:
                nxt.append((t.end, e))
        segs = nxt
    out = []
    for s, e in segs:
        s, e, label = _role_head(index, s, e, c.label)
        s, e = _clean(index, s, e, label, whole=(s, e) == (c.start, c.end))
        if e - s < 2 or not text[s].isupper() and not text[s].isdigit():
            continue
        out.append(EntityCandidate(text[s:e], s, e, label, c.source, confidence=c.confidence))
    return out


def _role_head(index: TokenIndex, s: int, e: int, label: str) -> tuple[int, int, str]:
    """`Secretary of State Antony Blinken` tagged as one organisation: a role, then the
    person holding it."""
    if label not in ("ORG", "PERSON"):
        return s, e, label
    toks = index.within(s, e)
    if len(toks) < 3:
        return s, e, label
    k = lx.match(index.text, toks, 0, lx.ROLE_NOUNS)
    if 1 < k < len(toks) - 1 and all(t.capitalised for t in toks[k:]):
        return toks[k].start, e, "PERSON"
    return s, e, label


def _clean(index: TokenIndex, s: int, e: int, label: str, whole: bool) -> tuple[int, int]:
    """Strip spaces, punctuation, head title words and connectors from a span's edges."""
    text = index.text
    while True:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
            e -= 1
        if e <= s:
            return s, e
        toks = index.within(s, e)
        if not toks:
            return s, s
        if (not whole) and (e < len(text) and text[e].isalnum() or s > 0 and text[s - 1].isalnum()):
            return s, s  # cut inside a word: nothing left worth suggesting
        first, last = toks[0], toks[-1]
        if len(toks) > 1 and label in ("PERSON", "PER") and _title(first.lower):
            s = toks[1].start
            continue
        if len(toks) > 2 and label in ("PERSON", "PER") and first.lower in _ROLE_ENDS:
            s = toks[1].start  # `State` of `Secretary of State Antony Blinken`
            continue
        if len(toks) > 1 and first.lower in _EDGE_WORDS:
            s = toks[1].start
            continue
        if len(toks) > 1 and last.lower in _EDGE_WORDS:
            e = toks[-2].end
            continue
        if len(toks) == 1 and (
            first.lower.rstrip(".") in _ABBREVIATED_MONTHS or first.lower in lx.DATES
        ):
            return s, s  # months and weekdays are the date rules' business
        return s, e


def _title(word: str) -> bool:
    """A role or title word (`Presiden`, `Mensesneg`, `Rep.`, `Sen`) that is no name."""
    w = word.rstrip(".")
    return (w,) in lx.ROLES or (word,) in lx.ROLES or w in _EXTRA_TITLES


_ROLE_ENDS = frozenset(k[-1] for k in lx.ROLES if len(k) > 1)
_EDGE_WORDS = lx.CONNECTORS | lx.STOPWORDS

# Abbreviated Indonesian ministerial titles and English ones without their dot.
_EXTRA_TITLES = frozenset(
    [
        "mensesneg",
        "menkeu",
        "menko",
        "menkopolhukam",
        "menpora",
        "mendikbud",
        "menkes",
        "menaker",
        "mentan",
        "kapolres",
        "kabareskrim",
        "wamen",
        "sekjen",
        "rep",
        "sen",
        "gov",
        "lt",
        "col",
        "gen",
        "sgt",
        "capt",
    ]
)
