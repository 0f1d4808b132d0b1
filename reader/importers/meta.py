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
    if languages:
        found = _parse_date_cached(value, tuple(languages))
        if found:
            return found
    return _parse_date_cached(value, None)


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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when too short to tell."""
    sample = text[:20000]
    if len(re.sub(r"\W+", "", sample)) < _MIN_LANG_CHARS:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang or None


def normalize_language(value: str | None) -> str | None:
    """`en-US`, `EN`, `en_GB` → `en`; anything that is not a language tag → None."""
    if not value:
        return None
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


def language_confidence(text: str) -> float:
    """How sure py3langid is that the text is in some language (0 to 1)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return float(_IDENTIFIER.classify(text)[1])


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
