"""What an exported annotation file says about one mark, whatever its format (for import)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EntityRef:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class ImportedMark:
    """One annotation read from a file: where its article is, and its selectors."""

    where: str  # "file:line" or an annotation id, for messages
    content_hash: str | None
    url: str | None
    title: str | None
    kind: str
    label: str | None
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str | None = None
    entity: EntityRef | None = None
    speaker: EntityRef | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    quote_type: str | None = None
    annotator: str | None = None
    created: str | None = None


def entity_ref(value: dict[str, Any] | None) -> EntityRef | None:
    if not value or not value.get("name") or not value.get("type"):
        return None
    return EntityRef(
        name=value["name"],
        type=value["type"],
        aliases=tuple(value.get("aliases") or ()),
        wikidata=value.get("wikidata"),
    )
