"""Entity candidates: mentions of known entities, and capitalised name sequences.

`suggest_entities(text, known)` returns candidates sorted by position, never overlapping:
where two overlap the longer wins (`Sergey Lavrov`, not `Sergey` and `Lavrov`), and a
registry match wins a tie. Case rule for known names and aliases: a form of four
characters or fewer, or written all in capitals (`AS`, `RIA`, `NATO`), matches only with
the same case; any other form matches case-insensitively (`Lavrov`, `LAVROV`). Forms in
scripts without spaces (CJK, Thai) match as substrings; elsewhere on word boundaries.
Capitalisation heuristics apply only to scripts with case; CJK and Arabic text yields
registry matches only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import EntityCandidate, KnownEntity
from reader.text import lexicon as lx
from reader.text.boundaries import on_word_boundaries
from reader.text.tokens import Token, tokenize

_SUFFIX = re.compile(r"(?:[’']s|-nya)$")
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
_NUMBER = re.compile(r"\d{1,4}$")
_LABELS = ("PERSON", "ORG", "LOCATION", "EVENT", "DATE", "MISC")


@dataclass
class _Run:
    """A capitalised sequence split into what the pattern rules found in it."""

    start: int  # token indices, end exclusive
    end: int
    label: str
    strong: bool  # label from the words themselves or context, not a guess


def suggest_entities(text: str, known: Sequence[KnownEntity] = ()) -> list[EntityCandidate]:
    """Known entities mentioned in `text` and capitalised name sequences, with labels."""
    return entities_in_tokens(text, tokenize(text), known)


def entities_in_tokens(
    text: str, tokens: list[Token], known: Sequence[KnownEntity] = ()
) -> list[EntityCandidate]:
    """`suggest_entities` on a text already tokenised (the quote suggester shares them)."""
    found = _registry(text, tokens, known) + _patterns(text, tokens, known)
    # A span inside a word (`HTTP` of `HTTP/1.1`) is no token sequence: never offered.
    return _merge([c for c in found if on_word_boundaries(text, c.start, c.end)])


def _merge(cands: list[EntityCandidate]) -> list[EntityCandidate]:
    order = sorted(cands, key=lambda c: (c.start - c.end, c.source != "registry", c.start))
    taken: list[EntityCandidate] = []
    used = bytearray()
    for c in order:
        if len(used) < c.end:
            used.extend(b"\0" * (c.end - len(used)))
        if any(used[c.start : c.end]):
            continue
        used[c.start : c.end] = b"\1" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


# --- registry ---------------------------------------------------------------------------


def _case_sensitive(form: str) -> bool:
    return len(form) <= 4 or form.isupper()


def _registry(
    text: str, tokens: list[Token], known: Sequence[KnownEntity]
) -> list[EntityCandidate]:
    exact: dict[tuple[str, ...], KnownEntity] = {}
    folded: dict[tuple[str, ...], KnownEntity] = {}
    out: list[EntityCandidate] = []
    for ent in known:
        for form in (ent.name, *ent.aliases):
            form = form.strip()
            if not form:
                continue
            if _SPACELESS.search(form):
                out.extend(_substring_matches(text, form, ent))
                continue
            key = tuple(t.text for t in tokenize(form))
            if not key:
                continue
            if _case_sensitive(form):
                exact.setdefault(key, ent)
            else:
                folded.setdefault(tuple(k.casefold() for k in key), ent)
    if not exact and not folded:
        return out
    longest = max(len(k) for k in (*exact, *folded))
    for i in range(len(tokens)):
        k_exact: tuple[str, ...] = ()
        k_fold: tuple[str, ...] = ()
        for j in range(i, min(len(tokens), i + longest)):
            if j > i and not lx.adjacent(text, tokens[j - 1], tokens[j]):
                break
            k_exact = (*k_exact, tokens[j].text)
            k_fold = (*k_fold, tokens[j].lower)
            ent = exact.get(k_exact) or folded.get(k_fold)
            if ent is not None:
                s, e = tokens[i].start, tokens[j].end
                out.append(
                    EntityCandidate(text[s:e], s, e, ent.label, "registry", ent.name, ent.id)
                )
    return out


def _substring_matches(text: str, form: str, ent: KnownEntity) -> list[EntityCandidate]:
    out = []
    pos = text.find(form)
    while pos >= 0:
        e = pos + len(form)
        out.append(EntityCandidate(form, pos, e, ent.label, "registry", ent.name, ent.id))
        pos = text.find(form, e)
    return out


# --- patterns ---------------------------------------------------------------------------


def _runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal sequences of capitalised words one space apart, with inner connectors."""
    runs = []
    i, n = 0, len(tokens)
    # Runs open only on capitalised words: those are found in one pass, then followed.
    opening = [
        k for k, t in enumerate(tokens) if t.capitalised and (len(t.text) >= 2 or t.text.isupper())
    ]
    for i0 in opening:
        if i0 < i:
            continue  # inside the run found last
        i = i0
        j = i + 1
        while j < n and lx.adjacent(text, tokens[j - 1], tokens[j]):
            if _not_in_names(tokens[j - 1], tokens[j]):
                break
            if tokens[j].capitalised and not tokens[j].initial:
                j += 1
                continue
            k = lx.match(text, tokens, j, lx.CONNECTOR_PHRASES)
            if (
                k
                and j + k < n
                and tokens[j + k].capitalised
                and lx.adjacent(text, tokens[j + k - 1], tokens[j + k])
            ):
                j += k + 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _not_in_names(prev: Token, tok: Token) -> bool:
    """`I’ve` never continues a name, nor `The` after an initial (`One S. The company`)."""
    if tok.text == "I" or tok.text.startswith(("I’", "I'")):
        return True
    return prev.text.endswith(".") and tok.lower in lx.STOPWORDS


def _headings(text: str, tokens: list[Token]) -> set[int]:
    """Tokens on Title Case Lines (headlines), where capitals say nothing."""
    out: set[int] = set()
    starts = [t.start for t in tokens]
    line_start = 0
    a = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        b = bisect_left(starts, line_end, a)  # the line's tokens are a:b
        # The cheap tests first: most lines are paragraphs that end with a full stop.
        if b - a >= 4 and not line.rstrip().endswith("."):
            caps = sum(1 for m in range(a, b) if tokens[m].capitalised)
            if caps >= 0.7 * (b - a):
                out.update(range(a, b))
        a = b
        line_start = line_end + 1
    return out


def _patterns(
    text: str, tokens: list[Token], known: Sequence[KnownEntity]
) -> list[EntityCandidate]:
    lower_words = {t.text for t in tokens if not t.capitalised}
    headings = _headings(text, tokens)
    mid_caps = sum(1 for t in tokens if t.capitalised and not t.initial)
    # German capitalises every noun: there a lone capitalised word says nothing.
    noun_caps = len(tokens) > 50 and mid_caps > 0.2 * len(tokens)
    known_labels = {k.name: k.label for k in known}
    for k in known:
        for a in k.aliases:
            known_labels.setdefault(a, k.label)

    pieces: list[_Run] = []
    for a, b in _runs(text, tokens):
        # A capital that only opens a sentence: drop common words (`The`, `Kedua`).
        while (
            a < b
            and (tokens[a].initial or a in headings)
            and not lx.match_place(text, tokens, a)
            and (tokens[a].lower in lx.FUNCTION_WORDS or tokens[a].text.casefold() in lower_words)
        ):
            a += 1
        while a < b and tokens[a].lower in lx.CONNECTORS:
            a += 1
        if a < b:
            pieces.extend(_split_run(text, tokens, a, b))

    seen_mid: dict[str, int] = {}
    for p in pieces:
        if not (tokens[p.start].initial or p.start in headings):
            key = _span_text(text, tokens, p)
            seen_mid[key] = seen_mid.get(key, 0) + 1
            seen_mid[tokens[p.end - 1].text] = seen_mid.get(tokens[p.end - 1].text, 0) + 1

    out: list[EntityCandidate] = []
    for p in pieces:
        s, e = tokens[p.start].start, _trim_end(tokens[p.end - 1])
        if p.label == "DATE" and tokens[p.start].lower in lx.MONTHS:
            s, e = _date_extent(tokens, p, s, e)
        name = text[s:e]
        if name in known_labels:
            p.label, p.strong = known_labels[name], True
        first = tokens[p.start]
        lone = p.end - p.start == 1 or p.start in headings
        if (
            (first.initial or p.start in headings)
            and lone
            and not p.strong
            and name not in seen_mid
        ):
            continue
        if noun_caps and p.end - p.start == 1 and not p.strong:
            continue
        if p.end - p.start == 1 and first.lower in lx.FUNCTION_WORDS:
            continue
        if len(name) < 2 or first.text == "I" or first.text.startswith(("I’", "I'")):
            continue
        out.append(EntityCandidate(name, s, e, p.label, "pattern"))
    return _propagate(out)


def _date_extent(tokens: list[Token], p: _Run, s: int, e: int) -> tuple[int, int]:
    """`27 Februari 2025`: the day and year numbers next to a month or weekday name."""
    prev = tokens[p.start - 1] if p.start > 0 else None
    nxt = tokens[p.end] if p.end < len(tokens) else None
    if prev and _NUMBER.match(prev.text) and tokens[p.start].start - prev.end == 1:
        s = prev.start
    # `Februari 2025`, `Februari 27, 2025`
    if nxt and _NUMBER.match(nxt.text) and nxt.start - e <= 2:
        e = nxt.end
    return s, e


def _span_text(text: str, tokens: list[Token], p: _Run) -> str:
    return text[tokens[p.start].start : _trim_end(tokens[p.end - 1])]


def _trim_end(tok: Token) -> int:
    m = _SUFFIX.search(tok.text)
    return tok.end - (len(m.group()) if m and len(tok.text) > len(m.group()) + 1 else 0)


def _split_run(text: str, tokens: list[Token], a: int, b: int) -> list[_Run]:
    """Role, organisation and place words at the head of a run; the name after them."""
    whole = lx.match_place(text, tokens, a)
    if whole == b - a:
        return [_Run(a, b, "LOCATION", True)]
    i = a
    role = org = place = False
    org_at_head = lx.match(text, tokens, a, lx.ORGS) > 0
    while i < b:
        k = lx.match(text, tokens, i, lx.ROLES)
        if k:
            role = True
        elif k := lx.match(text, tokens, i, lx.ORGS):
            org = True
        elif (k := lx.match_place(text, tokens, i)) and (i + k < b or role or org):
            place = True
        elif tokens[i].lower in lx.CONNECTORS and (role or org):
            k = 1
        else:
            break
        i += min(k, b - i)
    if i >= b:  # nothing but role, organisation and place words
        if org:
            return [_Run(a, b, "ORG", True)]
        return [] if role else [_Run(a, b, _label(text, tokens, a, b)[0], True)]
    if org_at_head and not role and not place:
        return [_Run(a, b, "ORG", True)]  # `Universitas Gadjah Mada`
    if org and not role and (b - i == 1 or tokens[i - 1].lower in lx.CONNECTORS):
        return [_Run(a, b, "ORG", True)]  # `Department of State`
    out = []
    if org:
        out.append(_Run(a, i, "ORG", True))
    if role or org:
        return [*out, _Run(i, b, "PERSON", True)]
    label, strong = _label(text, tokens, a, b)
    return [_Run(a, b, label, strong)]


def _label(text: str, tokens: list[Token], a: int, b: int) -> tuple[str, bool]:
    """The label a bare name sequence gets from its words and its neighbours."""
    words = tokens[a:b]
    if any(lx.match(text, tokens, i, lx.EVENTS) for i in range(a, b)):
        return "EVENT", True
    if any(lx.match(text, tokens, i, lx.ORGS) for i in range(a, b)):
        return "ORG", True
    if lx.match_place(text, tokens, a) == b - a:
        return "LOCATION", True
    if b - a == 1 and words[0].lower in lx.DATES:
        return "DATE", True
    if b - a == 1 and words[0].text.isupper() and len(words[0].text) > 1:
        return "ORG", False
    before = tokens[a - 1] if a > 0 else None
    after = tokens[b] if b < len(tokens) else None
    if _cue_before(text, tokens, a):
        return "PERSON", True
    if (
        before is not None
        and before.lower in lx.PLACE_PREPOSITIONS
        and lx.adjacent(text, before, words[0])
    ):
        return "LOCATION", False
    if after is not None and _is_cue_at(text, tokens, b):
        return "PERSON", True
    if before is not None and _role_before(text, tokens, a):
        return "PERSON", True
    comma_after = after is not None and text[words[-1].end : after.start].strip() == ","
    if comma_after and lx.match(text, tokens, b, lx.ROLES):
        return "PERSON", True
    return "MISC", False


def _is_cue_at(text: str, tokens: list[Token], i: int) -> bool:
    """A speech verb follows (`Lavrov mengatakan`), and no name after it takes it."""
    while i < len(tokens) and tokens[i].lower in lx.SKIPPABLE:
        i += 1
    k = lx.match(text, tokens, i, lx.CUES_BOTH)
    return bool(k) and not (i + k < len(tokens) and tokens[i + k].capitalised)


def _cue_before(text: str, tokens: list[Token], a: int) -> bool:
    """A cue that puts its speaker after it ends just before (`said X`, `according to X`)."""
    for n in (1, 2, 3):
        i = a - n
        if i < 0 or not lx.adjacent(text, tokens[a - 1], tokens[a]):
            return False
        for table in (lx.CUES_RIGHT, lx.CUES_BOTH):
            if lx.match(text, tokens, i, table) == n and tokens[i].lower not in ("so", "say"):
                return True
    return False


def _role_before(text: str, tokens: list[Token], a: int) -> bool:
    """A role noun shortly before, in the same clause (`duta besar Rusia untuk AS, X`)."""
    for i in range(a - 1, max(-1, a - 7), -1):
        gap = text[tokens[i].end : tokens[i + 1].start]
        if any(c in gap for c in '.;:!?\n“”"«»'):
            return False
        if lx.match(text, tokens, i, lx.ROLE_NOUNS):
            return True
        if tokens[i].capitalised and i < a - 1 and not lx.match_place(text, tokens, i):
            return False
    return False


def _propagate(cands: list[EntityCandidate]) -> list[EntityCandidate]:
    """A lone `Lavrov` is the person `Sergey Lavrov`; a repeated name keeps its label."""
    by_text: dict[str, str] = {}
    surname: dict[str, str] = {}
    for c in cands:
        if c.label != "MISC":
            by_text.setdefault(c.text, c.label)
        if c.label == "PERSON" and " " in c.text:
            surname.setdefault(c.text.rsplit(" ", 1)[1], "PERSON")
            surname.setdefault(c.text.split(" ", 1)[0], "PERSON")
    out = []
    for c in cands:
        label = c.label
        if label == "MISC":
            label = surname.get(c.text) or by_text.get(c.text, label)
        out.append(
            c if label == c.label else EntityCandidate(c.text, c.start, c.end, label, c.source)
        )
    return out
