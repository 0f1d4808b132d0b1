"""Annotations as JSON Lines: one annotation per line, article and entities nested.

`records_from_jsonl` reads such a file back for `reader import-annotations`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import reader.exporters
from reader.exporters.records import (
    BadField,
    ImportedMark,
    entity_ref,
    object_field,
    offset_field,
    text_field,
)

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
    out = {
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
    # attributes (reader/attributes.py): {name: value}, or null without a speaker (entity)
    for key in ("entity_attributes", "speaker_attributes", "article_attributes"):
        if key in row:
            out[key] = None if row[key] is None else json.loads(row[key])
    return out


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


def records_from_jsonl(lines: Iterable[str], name: str = "") -> Iterator[ImportedMark | str]:
    """Marks read from a JSON Lines export; a line that cannot be one yields a message
    instead ("FILE:LINE: why", naming the field)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield _mark(json.loads(line), where)
        except BadField as e:
            yield f"{where}: {e}"
        except RecursionError:
            yield f"{where}: not a Reader annotation line (nested too deeply to read)"
        except ValueError as e:
            yield f"{where}: not a Reader annotation line (not JSON: {e})"


def _mark(r: object, where: str) -> ImportedMark:
    if not isinstance(r, dict):
        raise BadField("(line)", "must be a JSON object")
    article = object_field(r.get("article"), "article", required=True) or {}
    kind = text_field(r.get("kind"), "kind", required=True) or ""
    exact = text_field(r.get("text"), "text", required=True) or ""
    start = offset_field(r.get("start"), "start", required=True) or 0
    end = offset_field(r.get("end"), "end", required=True) or 0
    return ImportedMark(
        where=where,
        content_hash=text_field(article.get("content_hash"), "article.content_hash"),
        url=text_field(article.get("url"), "article.url"),
        title=text_field(article.get("title"), "article.title"),
        kind=kind,
        label=text_field(r.get("label"), "label"),
        start=start,
        end=end,
        exact=exact,
        prefix=text_field(r.get("prefix"), "prefix") or "",
        suffix=text_field(r.get("suffix"), "suffix") or "",
        note=text_field(r.get("note"), "note"),
        entity=entity_ref(r.get("entity"), "entity"),
        speaker=entity_ref(r.get("speaker"), "speaker"),
        speaker_start=offset_field(r.get("speaker_start"), "speaker_start"),
        speaker_end=offset_field(r.get("speaker_end"), "speaker_end"),
        cue=text_field(r.get("cue"), "cue"),
        quote_type=text_field(r.get("quote_type"), "quote_type"),
        group=_group(r.get("group_id")),
        annotator=text_field(r.get("annotator"), "annotator"),
        created=text_field(r.get("created"), "created"),
    )


def _group(value: object) -> str | None:
    """A quote group id as the file has it (a number or a text), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BadField("group_id", "must be a whole number or text")
    return text_field(str(value), "group_id")
