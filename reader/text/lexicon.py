"""The suggesters' word lists compiled for lookups: phrase tables and the place gazetteer."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from reader.text import cues
from reader.text.tokens import Token

Table = dict[tuple[str, ...], str]

ROLES: Table = cues.phrases(cues.ROLE_NOUNS, cues.TITLES)
ROLE_NOUNS: Table = cues.phrases(cues.ROLE_NOUNS)
ORGS: Table = cues.phrases(cues.ORG_HEADS)
EVENTS: Table = cues.phrases(cues.EVENT_WORDS)
CUES_RIGHT: Table = cues.phrases(*cues.CUES_RIGHT.values())
CUES_BOTH: Table = cues.phrases(*cues.CUES_BOTH.values())
CUES_FUSED = cues.words(cues.CUES_FUSED)
PRONOUNS = cues.words(cues.PRONOUNS)
SKIPPABLE = cues.words(cues.SKIPPABLE)
COMPLEMENTISERS = cues.words(cues.COMPLEMENTISERS)
ANAPHOR_BEFORE = cues.words(cues.ANAPHOR_BEFORE)
ANAPHOR_AFTER = cues.words(cues.ANAPHOR_AFTER)
PLACE_PREPOSITIONS = cues.words(cues.PLACE_PREPOSITIONS)
MONTHS = cues.words(cues.MONTHS)
DATES = MONTHS | cues.words(cues.WEEKDAYS)
STOPWORDS = cues.words(cues.STOPWORDS)
CONNECTORS = cues.words("of|de|van|von|der|den|bin|binti|al|el|da|do|dos|du|y")
CONNECTOR_PHRASES: Table = cues.phrases(
    "of|of the|de|de la|van|van der|von|der|den|bin|binti|al|el|da|do|dos|du|y"
)
# Words that may open a sentence but never a name (`Kata Menteri …`, `Menurut Lavrov`).
FUNCTION_WORDS = (
    STOPWORDS
    | PRONOUNS
    | SKIPPABLE
    | PLACE_PREPOSITIONS
    | ANAPHOR_BEFORE
    | COMPLEMENTISERS
    | {k[0] for k in CUES_RIGHT}
    | {k[0] for k in CUES_BOTH}
    | CUES_FUSED
)


@lru_cache(maxsize=1)
def places() -> frozenset[tuple[str, ...]]:
    """The gazetteer (reader/text/data/places.txt) as token tuples, case kept."""
    from reader.text.tokens import tokenize

    raw = files("reader.text").joinpath("data/places.txt").read_text(encoding="utf-8")
    out = set()
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(tuple(t.text for t in tokenize(line)))
    return frozenset(out)


def adjacent(text: str, a: Token, b: Token) -> bool:
    """Two tokens separated by one space (a name never spans punctuation or lines)."""
    gap = text[a.end : b.start]
    return gap in (" ", "\u00a0", "\u202f")


_SHAPES: dict[int, tuple[frozenset[str], int]] = {}


def _shape(table: Table | frozenset) -> tuple[frozenset[str], int]:
    """The first words of a table's phrases and its longest phrase, computed once."""
    shape = _SHAPES.get(id(table))
    if shape is None:
        shape = (frozenset(k[0] for k in table if k), max((len(k) for k in table), default=0))
        _SHAPES[id(table)] = shape
    return shape


def match(
    text: str, tokens: list[Token], i: int, table: Table | frozenset, lower: bool = True
) -> int:
    """How many tokens from `tokens[i]` form the longest phrase of `table` (0 if none)."""
    shape = _SHAPES.get(id(table)) or _shape(table)
    first = tokens[i].lower if lower else tokens[i].base
    if first not in shape[0]:
        return 0  # the common case: no phrase starts with this word
    best = 1 if (first,) in table else 0
    key: tuple[str, ...] = (first,)
    for j in range(i + 1, min(len(tokens), i + shape[1])):
        if not adjacent(text, tokens[j - 1], tokens[j]):
            break
        key = (*key, tokens[j].lower if lower else tokens[j].base)
        if key in table:
            best = j - i + 1
    return best


def match_place(text: str, tokens: list[Token], i: int) -> int:
    """How many tokens from `tokens[i]` form the longest place of the gazetteer."""
    table = _PLACES or _load_places()
    shape = _SHAPES.get(id(table)) or _shape(table)
    if tokens[i].base not in shape[0]:
        return 0
    return match(text, tokens, i, table, lower=False)


_PLACES: frozenset[tuple[str, ...]] | None = None


def _load_places() -> frozenset[tuple[str, ...]]:
    global _PLACES
    _PLACES = places()
    return _PLACES
