"""Annotations as JSON Lines: one annotation per line, article and entities nested.

`records_from_jsonl` reads such a file back for `reader import-annotations`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import reader.exporters
from reader.errors import ImportFailed
from reader.exporters.records import ImportedMark, entity_ref

ARTICLE_KEYS = ("id", "title", "published", "source", "author", "url", "language", "content_hash")


def _entity(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_id"] is None:
        return None
    return {
        "id": row[f"{prefix}_id"],
        "name": row[f"{prefix}_name"],
        "type": row[f"{prefix}_type"],
        "aliases": json.loads(row[f"{prefix}_aliases"] or "[]"),
        "wikidata": row[f"{prefix}_wikidata"],
    }


def record(row: dict[str, Any]) -> dict[str, Any]:
    """One annotation row (with the store's extra columns) as a nested JSON object."""
    article = {
        "id": row["article_id"],
        "title": row["article_title"],
        **{k: row[k] for k in ARTICLE_KEYS[2:]},
    }
    return {
        "id": row["annotation_id"],
        "kind": row["kind"],
        "label": row["label"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "prefix": row["prefix"] or "",
        "suffix": row["suffix"] or "",
        "note": row["note"],
        "entity": _entity(row, "entity"),
        "speaker": _entity(row, "speaker"),
        "speaker_start": row["speaker_start"],
        "speaker_end": row["speaker_end"],
        "cue": row["cue"],
        "quote_type": row["quote_type"],
        "group_id": row["group_id"],
        "annotator": row["annotator"],
        "created": row["created"],
        "modified": row["modified"],
        "status": row["status"],
        "origin": row["origin"],
        "article": article,
    }


def write_jsonl(
    out: TextIO, rows: Iterable[dict[str, Any]], tick: Callable[[int], None] | None = None
) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(record(row), ensure_ascii=False) + "\n")
        count += 1
        if tick and count % reader.exporters.CHUNK == 0:
            tick(count)
    return count


def records_from_jsonl(lines: Iterable[str], name: str = "") -> Iterator[ImportedMark]:
    """Marks read from a JSON Lines export; a malformed line is an `ImportFailed`."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            article = r["article"]
            yield ImportedMark(
                where=f"{name}:{number}",
                content_hash=article.get("content_hash"),
                url=article.get("url"),
                title=article.get("title"),
                kind=r["kind"],
                label=r.get("label"),
                start=int(r["start"]),
                end=int(r["end"]),
                exact=r["text"],
                prefix=r.get("prefix") or "",
                suffix=r.get("suffix") or "",
                note=r.get("note"),
                entity=entity_ref(r.get("entity")),
                speaker=entity_ref(r.get("speaker")),
                speaker_start=r.get("speaker_start"),
                speaker_end=r.get("speaker_end"),
                cue=r.get("cue"),
                quote_type=r.get("quote_type"),
                group=None if r.get("group_id") is None else str(r["group_id"]),
                annotator=r.get("annotator"),
                created=r.get("created"),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ImportFailed(f"{name}:{number}: not a Reader annotation line ({e})") from e
