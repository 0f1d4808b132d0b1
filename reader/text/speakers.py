"""The speaker beside a speech cue: a name, a pronoun or an anaphor (`diplomat itu`).

Works on tokens (reader/text/tokens.py). A speaker mention is returned as token indices
with its kind; resolving pronouns and anaphors to a person is the caller's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text import lexicon as lx
from reader.text.tokens import ABBREVIATIONS, Token

# `R-Wis.`, `D-N.Y.`, `I-Vt`: party and state after a US legislator's name, never a name.
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")


@dataclass(frozen=True)
class SpeakerMention:
    first: int  # token indices, inclusive
    last: int
    kind: str  # name | pronoun | anaphor
    name_first: int  # where the name starts after its titles (== first for others)


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    """Only spaces between two tokens, or the dot of an abbreviated title (`Sen. X`)."""
    gap = text[a.end : b.start].strip()
    return gap == "" or (gap == "." and a.lower in ABBREVIATIONS)


def _not_a_name(tok: Token) -> bool:
    """Day and month names (`added Tuesday`) and party tags (`R-Wis`) are no speakers."""
    return tok.lower in lx.DATES or bool(_PARTY_TAG.match(tok.text))


def _org_like(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """A name with an organisation word in it (`Texas Tech University`)."""
    return any(lx.match(text, tokens, i, lx.ORGS) for i in range(first, last + 1))


def right_of(text: str, tokens: list[Token], i: int, limit: int) -> SpeakerMention | None:
    """The speaker starting at token `i` (`kata Menteri Luar Negeri Rusia Sergey Lavrov`)."""
    if i >= limit:
        return None
    t = tokens[i]
    if t.lower in lx.PRONOUNS:
        return SpeakerMention(i, i, "pronoun", i)
    j = i
    if t.lower in lx.ANAPHOR_BEFORE and i + 1 < limit and _gap_ok(text, t, tokens[i + 1]):
        k = lx.match(text, tokens, i + 1, lx.ROLES)
        if k and _name_at(text, tokens, i + 1 + k, limit) is None:
            return SpeakerMention(i, i + k, "anaphor", i)  # `the minister`
        if k:
            j = i + 1  # `the foreign minister Sergey Lavrov`
    role = False
    while j < limit:
        k = lx.match(text, tokens, j, lx.ROLES)
        if not k:
            k = lx.match_place(text, tokens, j) if role else 0
        if not k and role and tokens[j].lower in lx.CONNECTORS | {"untuk", "for"}:
            k = 1
        if not k or j + k > limit:
            break
        if j + k < limit and not _gap_ok(text, tokens[j + k - 1], tokens[j + k]):
            j += k
            role = True
            break
        role = True
        j += k
    if role and j < limit and tokens[j].lower in lx.ANAPHOR_AFTER:
        return SpeakerMention(i, j, "anaphor", i)
    if j > i and j < limit and not _gap_ok(text, tokens[j - 1], tokens[j]):
        return None
    end = _name_at(text, tokens, j, limit)
    if end is None:
        return None
    return SpeakerMention(i, end, "name", j)


def _name_at(text: str, tokens: list[Token], j: int, limit: int) -> int | None:
    """The last token of the capitalised name starting at `j`, if one does."""
    if (
        j >= limit
        or not tokens[j].capitalised
        or tokens[j].lower in lx.STOPWORDS
        or _not_a_name(tokens[j])
    ):
        return None
    end = j
    while (
        end + 1 < limit
        and tokens[end + 1].capitalised
        and not _not_a_name(tokens[end + 1])
        and lx.adjacent(text, tokens[end], tokens[end + 1])
    ):
        end += 1
    if _org_like(text, tokens, j, end):
        return None
    return end


def left_of(text: str, tokens: list[Token], k: int, floor: int) -> SpeakerMention | None:
    """The speaker ending at token `k` (`Lavrov also said`, `the minister told`)."""
    while k >= floor and tokens[k].lower in lx.SKIPPABLE:
        k -= 1
    if k < floor:
        return None
    t = tokens[k]
    if t.lower in lx.PRONOUNS:
        return SpeakerMention(k, k, "pronoun", k)
    if t.lower in lx.ANAPHOR_AFTER:
        j = _role_ending(text, tokens, k - 1, floor)
        return SpeakerMention(j, k, "anaphor", j) if j is not None else None
    j = _role_ending(text, tokens, k, floor)
    if j is not None and j > floor and tokens[j - 1].lower in lx.ANAPHOR_BEFORE:
        return SpeakerMention(j - 1, k, "anaphor", j - 1)
    if not t.capitalised:
        return None
    appositive = _before_apposition(text, tokens, k, floor)
    if appositive is not None:
        return left_of(text, tokens, appositive, floor)
    if _PARTY_TAG.match(t.text) and k > floor:
        return left_of(text, tokens, k - 1, floor)  # `Owen Pratt (R-Wis.) said`
    if _not_a_name(t):
        return None
    first = k
    while (
        first - 1 >= floor
        and tokens[first - 1].capitalised
        and lx.adjacent(text, tokens[first - 1], tokens[first])
    ):
        first -= 1
    while first <= k and tokens[first].initial and tokens[first].lower in lx.STOPWORDS:
        first += 1
    if first > k or _org_like(text, tokens, first, k):
        return None
    name_first = first
    while name_first < k and (n := lx.match(text, tokens, name_first, lx.ROLES)):
        name_first += n
    while name_first < k and (n := lx.match_place(text, tokens, name_first)):
        name_first += n
    return SpeakerMention(first, k, "name", name_first)


def _before_apposition(text: str, tokens: list[Token], k: int, floor: int) -> int | None:
    """`Sen. Chuck Grassley, Republican of Iowa, said`: from the piece between commas
    before the cue, the last token of the name before it (None when it is no such case)."""
    if k + 1 >= len(tokens) or "," not in text[tokens[k].end : tokens[k + 1].start]:
        return None
    j = k
    while j > floor and "," not in text[tokens[j - 1].end : tokens[j].start]:
        gap = text[tokens[j - 1].end : tokens[j].start]
        stop = any(c in gap for c in '.;:!?\n“”"«»') and gap.strip() not in ("(", ")", ".)")
        if stop and not (gap.strip() == "." and tokens[j - 1].lower in ABBREVIATIONS):
            return None
        j -= 1
    if j <= floor or k - j > 5:
        return None
    prev = j - 1
    if not tokens[prev].capitalised or tokens[prev].lower in lx.STOPWORDS:
        return None
    return prev


def _role_ending(text: str, tokens: list[Token], k: int, floor: int) -> int | None:
    """The first token of a role phrase that ends at token `k` (`juru bicara`)."""
    for n in (3, 2, 1):
        j = k - n + 1
        if j >= floor and lx.match(text, tokens, j, lx.ROLE_NOUNS) == n:
            return j
    return None
