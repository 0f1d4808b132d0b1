"""FTS5 queries that never fail on user input."""

from __future__ import annotations

import re


def plain_terms_query(query: str) -> str:
    """Every whitespace-separated term as a quoted FTS5 string: no operator survives."""
    terms = [t for t in re.split(r"\s+", query.strip()) if t]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def prefix_terms_query(query: str) -> str:
    """Like `plain_terms_query`, the last term matched as a prefix (search as you type)."""
    q = plain_terms_query(query)
    return q + "*" if q else q
