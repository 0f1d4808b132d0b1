"""FTS5 queries that never fail on user input."""

from __future__ import annotations

import re
import unicodedata

_SYNTAX = re.compile(r'"|\*|\b(?:AND|OR|NOT|NEAR)\b|[():^]')


def plain_terms_query(query: str) -> str:
    """Every whitespace-separated term as a quoted FTS5 string: no operator survives."""
    terms = [t for t in re.split(r"\s+", query.strip()) if t]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def prefix_terms_query(query: str) -> str:
    """Like `plain_terms_query`, the last term matched as a prefix (search as you type)."""
    q = plain_terms_query(query)
    return q + "*" if q else q


def fts_candidates(query: str, prefix: bool = False) -> list[str]:
    """FTS5 queries to try in order: the user's own syntax first when it uses any,
    then the same words as plain terms (which cannot be a syntax error)."""
    if not query.strip() or not is_text(query):
        return []
    plain = prefix_terms_query(query) if prefix else plain_terms_query(query)
    if prefix and not _SYNTAX.search(query):
        return [plain]
    return [query, plain]


def fts_indexable(form: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a word in `form` (letters, digits,
    private use). Emoji and symbols are separators to it: `"😀"` matches nothing."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in form)


def is_text(query: str) -> bool:
    """False for a string SQLite cannot take: lone surrogates (invalid UTF-8 bytes in a
    command-line argument become those). No stored text holds one, so nothing matches."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
