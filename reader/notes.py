"""Searching the notes written on marks (`reader search --notes`, the window's Notes scope)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.model import NoteHit

if TYPE_CHECKING:
    from reader.store import Store


def note_terms(query: str) -> list[str]:
    """The query's words (a quoted phrase is one), case-folded; no syntax can fail."""
    found = re.findall(r'"([^"]*)"?|(\S+)', query)
    return [t.casefold() for q, w in found if (t := (q or w).strip())]


def search_notes(store: Store, query: str, limit: int = 20, offset: int = 0) -> list[NoteHit]:
    """Marks whose note holds every word of `query` (any case, any script), in article
    and text order. One pass over the marks that have a note; marks without one (most
    of them) are skipped by SQLite."""
    terms = note_terms(query)
    if not terms:
        return []
    # A word without case (CJK, emoji, digits) is matched exactly by SQLite first.
    caseless = [t for t in terms if t.upper() == t.lower()]
    needle = max(caseless, key=len) if caseless else ""
    hits: list[NoteHit] = []
    skipped = 0
    for row in store.annotations.noted(needle):
        note = row["note"].casefold()
        if not all(t in note for t in terms):
            continue
        if skipped < offset:
            skipped += 1
            continue
        hits.append(
            NoteHit(
                annotation_id=row["id"],
                article_id=row["article_id"],
                title=row["title"],
                kind=row["kind"],
                label=row["label"],
                exact=row["exact"],
                note=row["note"],
                start=row["start"],
            )
        )
        if len(hits) >= limit:
            break
    return hits
