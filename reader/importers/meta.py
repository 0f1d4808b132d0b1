"""Metadata helpers backed by well-kept libraries: dates (dateparser), language (py3langid)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_MIN_LANG_CHARS = 40


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str, languages: list[str] | None = None) -> str | None:
    """A date written in any common language and form, as ISO 8601 (`YYYY-MM-DD`), or None.

    Only full dates (day, month and year) are accepted, so that a title or a
    random line is never taken for a date. `languages` (ISO 639-1) is a hint
    that makes parsing much faster; without a result, all languages are tried.
    """
    value = " ".join(value.split())
    if not value or len(value) > 60 or not re.search(r"\d", value):
        return None
    if m := _ISO.match(value):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if (known := _from_shape(value)) is not None:
        return known or None
    found = None
    if languages:
        found = _parse_date_cached(value, tuple(languages))
    found = found or _parse_date_cached(value, None)
    _learn_shape(value, found)
    return found


# Dates in a batch share their shape ("Februari 27, 2025", "Februari 12, 2025"): once
# dateparser has read one, the words and the places of day, month and year are known,
# and the next date of that shape is read without it. Only what dateparser decided is
# reused; an ambiguous shape (day equal to month) is never learnt.
_NUMBER_OR_TEXT = re.compile(r"\d+|\D+")
_SHAPES: dict[tuple[str, ...], tuple[tuple[str, ...], int]] = {}


def _split(value: str) -> tuple[list[str], tuple[str, ...]]:
    parts = _NUMBER_OR_TEXT.findall(value)
    shape = tuple("#" if p.isdigit() else p for p in parts)
    return parts, shape


def _learn_shape(value: str, iso: str | None) -> None:
    if iso is None or len(iso) != 10 or len(_SHAPES) > 10_000:
        return
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    parts, shape = _split(value)
    roles = []
    for p in parts:
        if not p.isdigit():
            roles.append("")
            continue
        n = int(p)
        matches = [
            r
            for r, v in (("y", y), ("m", m), ("d", d))
            if n == v or (r == "y" and len(p) == 2 and 2000 + n == y)
        ]
        if len(matches) != 1:
            return  # ambiguous (27/02/27) or unexplained: leave it to dateparser
        roles.append(matches[0])
    # Only shapes with the month in words: all-number dates (12/02/2025) depend on an
    # order convention that dateparser decides date by date.
    if sorted(r for r in roles if r) != ["d", "y"]:
        return
    _SHAPES[shape] = (tuple(roles), m)


def _from_shape(value: str) -> str | None:
    """The date of a value whose shape was learnt; "" when the shape says it is no date
    (an impossible day), None when the shape is unknown."""
    parts, shape = _split(value)
    known = _SHAPES.get(shape)
    if known is None:
        return None
    roles, month = known
    got = {r: int(p) for r, p in zip(roles, parts, strict=True) if r}
    year = got["y"] + 2000 if got["y"] < 100 else got["y"]
    try:
        found = date(year, month, got["d"])
    except ValueError:
        return ""
    if not 1800 <= found.year <= date.today().year + 1:
        return ""
    return found.isoformat()


@lru_cache(maxsize=4096)
def _parse_date_cached(value: str, languages: tuple[str, ...] | None) -> str | None:
    """dateparser costs milliseconds a call, and a batch repeats its dates: cache them."""
    try:
        data = _date_parser(languages).get_date_data(value)
    except Exception:  # dateparser raises assorted errors on absurd input
        return None
    parsed = data["date_obj"] if data else None
    if parsed is None or not (1800 <= parsed.year <= date.today().year + 1):
        return None
    if isinstance(parsed, datetime) and (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0):
        return parsed.isoformat()
    return parsed.date().isoformat()


@lru_cache(maxsize=64)
def _date_parser(languages: tuple[str, ...] | None):  # noqa: ANN202 - dateparser's class
    """One parser per language hint, reused: `dateparser.parse` builds a new one on every
    call (about a fifth of its cost on a date line)."""
    from dateparser.date import DateDataParser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=list(languages) if languages else None, settings=settings)


# At least _MIN_LANG_CHARS word characters (found without building the text without
# the others, as re.sub did: 0.06 ms a press release).
_ENOUGH_LETTERS = re.compile(rf"\w(?:\W*\w){{{_MIN_LANG_CHARS - 1}}}")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when too short to tell."""
    sample = text[:1500]  # enough to tell a language; the cost grows with the length
    if _ENOUGH_LETTERS.search(sample) is None:
        return None
    lang, _score = _classify()(sample)
    return lang or None


@lru_cache(maxsize=1)
def _classify():  # noqa: ANN202 - py3langid's classify or the same, faster
    from reader.importers.langid_fast import fast_identifier

    fast = fast_identifier()
    if fast is not None:
        return fast.classify
    import py3langid

    return py3langid.classify


def normalize_language(value: str | None) -> str | None:
    """`en-US`, `EN`, `en_GB` → `en`; anything that is not a language tag → None."""
    if not value:
        return None
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


def language_confidence(text: str) -> float:
    """How sure py3langid is that the text is in some language (0 to 1)."""
    return language_guess(text)[1]


def language_guess(text: str) -> tuple[str, float]:
    """py3langid's language of the text and how sure it is (0 to 1)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    language, confidence = _IDENTIFIER.classify(text)
    return str(language), float(confidence)


_IDENTIFIER = None


MAX_TITLE = 300


def short_title(text: str, limit: int = 100) -> str:
    """A title made from the start of a long line: its first sentence, or its first words."""
    text = " ".join(text.split())
    m = re.match(rf"(.{{10,{limit}}}?[.!?。！？])(\s|$)", text)
    if m:
        return m.group(1)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:") + "…"
