"""The speaker beside a speech cue: a name, a pronoun or an anaphor (`diplomat itu`).

Works on tokens (reader/text/tokens.py). A speaker mention is returned as token indices
with its kind; resolving pronouns and anaphors to a person is the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.text import lexicon as lx
from reader.text.tokens import Token


@dataclass(frozen=True)
class SpeakerMention:
    first: int  # token indices, inclusive
    last: int
    kind: str  # name | pronoun | anaphor
    name_first: int  # where the name starts after its titles (== first for others)


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    return text[a.end : b.start].strip() == ""


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
    if j >= limit or not tokens[j].capitalised or tokens[j].lower in lx.STOPWORDS:
        return None
    end = j
    while (
        end + 1 < limit
        and tokens[end + 1].capitalised
        and lx.adjacent(text, tokens[end], tokens[end + 1])
    ):
        end += 1
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
    first = k
    while (
        first - 1 >= floor
        and tokens[first - 1].capitalised
        and lx.adjacent(text, tokens[first - 1], tokens[first])
    ):
        first -= 1
    while first <= k and tokens[first].initial and tokens[first].lower in lx.STOPWORDS:
        first += 1
    if first > k:
        return None
    name_first = first
    while name_first < k and (n := lx.match(text, tokens, name_first, lx.ROLES)):
        name_first += n
    while name_first < k and (n := lx.match_place(text, tokens, name_first)):
        name_first += n
    return SpeakerMention(first, k, "name", name_first)


def _role_ending(text: str, tokens: list[Token], k: int, floor: int) -> int | None:
    """The first token of a role phrase that ends at token `k` (`juru bicara`)."""
    for n in (3, 2, 1):
        j = k - n + 1
        if j >= floor and lx.match(text, tokens, j, lx.ROLE_NOUNS) == n:
            return j
    return None
