"""Searching the notes written on marks (`reader search --notes`, the window's Notes scope)."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from reader.model import NoteHit

if TYPE_CHECKING:
    from reader.store import Store


def search_notes(store: Store, query: str, limit: int = 20, offset: int = 0) -> list[NoteHit]:
    """Marks whose note holds every word of `query` (any case, any script), in article
    and text order."""
    from reader.store.notes import matching_notes

    rows = islice(matching_notes(store.db, query), offset, offset + limit)
    return [
        NoteHit(
            annotation_id=r["id"],
            article_id=r["article_id"],
            title=r["title"],
            kind=r["kind"],
            label=r["label"],
            exact=r["exact"],
            note=r["note"],
            start=r["start"],
        )
        for r in rows
    ]
