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
    content_hash: str | None  # the article's identity (hash of title and text)
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
    text_hash: str | None = None  # hex SHA-256 of the article's text (W3C `ni:` source)
    urls: tuple[str, ...] = ()  # more URLs the article may have (W3C source and via)
    group: str | None = None  # the parts of one split quote share it (within one file)
    label_colour: str | None = None  # for a label the library lacks (REFI-QDA codes)


def entity_ref(value: dict[str, Any] | None) -> EntityRef | None:
    if not value or not value.get("name") or not value.get("type"):
        return None
    return EntityRef(
        name=value["name"],
        type=value["type"],
        aliases=tuple(value.get("aliases") or ()),
        wikidata=value.get("wikidata"),
    )
