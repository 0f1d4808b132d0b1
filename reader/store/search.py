"""FTS5 queries that never fail on user input, and the plan of a search.

A search is answered by up to three parts, all of which an article must satisfy:
the main FTS5 index (`articles_fts`, words), the side index of spaceless scripts
(`articles_cjk`, see `reader.store.spaceless`) and a scan for emoji and symbols,
which no index tokenizes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.store.spaceless import has_spaceless, phrase, runs

_SYNTAX = re.compile(r'"|\*|\b(?:AND|OR|NOT|NEAR)\b|[():^]')
# The searchable columns, as named in `field:` filters (both indexes share them).
FIELDS = ("title", "subtitle", "author", "source", "text")
FIELD_ALIASES = {"standfirst": "subtitle", "byline": "author"}
# `field:word`, `field:"a phrase"`, `"a phrase"`, or a bare term.
_TERM = re.compile(r'(?:(?P<field>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S+))')


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


@dataclass(frozen=True)
class Term:
    field: str | None  # one of FIELDS, or None for any
    text: str


@dataclass(frozen=True)
class Plan:
    """How a query is answered. `main` is tried as the user's FTS5 syntax first by the
    store (see `syntax_first`); every part given must match."""

    main: str = ""  # FTS5 query on articles_fts
    cjk: str = ""  # FTS5 query on articles_cjk
    needles: tuple[Term, ...] = ()  # substrings scanned for (emoji, symbols)
    syntax_first: str = ""  # the raw query, to try on articles_fts before `main`

    @property
    def empty(self) -> bool:
        return not (self.main or self.cjk or self.needles or self.syntax_first)


def terms(query: str) -> list[Term]:
    """The query's terms with their `field:` filters; an unknown field is part of the word."""
    out = []
    for m in _TERM.finditer(query):
        text = m.group("quoted") if m.group("quoted") is not None else m.group("bare")
        name = (m.group("field") or "").lower()
        field = FIELD_ALIASES.get(name, name) if name else None
        if field is not None and field not in FIELDS:
            text, field = f"{m.group('field')}:{text}", None
        if text and text.strip():
            out.append(Term(field, text.strip()))
    return out


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _filtered(field: str | None, expr: str) -> str:
    return f"{field} : {expr}" if field else expr


def plan(query: str, prefix: bool = False) -> Plan:
    """The plan of a search: words for the main index, spaceless-script runs for the side
    index, symbols for the scan. Never raises; the store checks the FTS5 syntax."""
    if not query.strip() or not is_text(query):
        return Plan()  # lone surrogates (invalid UTF-8 in argv): no stored text holds one
    raw = query if _SYNTAX.search(query) and not has_spaceless(query) else ""
    main: list[str] = []
    cjk: list[str] = []
    needles: list[Term] = []
    found = terms(query)
    for i, term in enumerate(found):
        last = prefix and i == len(found) - 1
        if has_spaceless(term.text):
            for r in runs(term.text):
                cjk.append(_filtered(term.field, phrase(r, last)))
            rest = re.sub(r"\s+", " ", "".join(" " if has_spaceless(c) else c for c in term.text))
            words = [w for w in rest.split() if fts_indexable(w)]
            main.extend(_filtered(term.field, _quoted(w)) for w in words)
        elif fts_indexable(term.text):
            main.append(_filtered(term.field, _quoted(term.text) + ("*" if last else "")))
        else:
            needles.append(term)
    if cjk or needles:
        raw = ""  # FTS5 syntax applies to the main index alone
    return Plan(" ".join(main), " ".join(cjk), tuple(needles), raw)
