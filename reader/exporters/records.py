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


class BadField(ValueError):
    """A record's field holds what it cannot (a number where text belongs, a list as a
    label, an infinite offset...). The message names the field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field {field!r} {problem}")


# Offsets beyond this are no article's (and would not fit SQLite's integers).
MAX_OFFSET = 2**53


def _describe(value: Any) -> str:
    """What a JSON value is, for a message: `a list`, `the number 1e+400`, `true`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}".replace("inf", "Infinity")
    if isinstance(value, str):
        return f"the text {value[:20]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def text_field(value: Any, field: str, required: bool = False) -> str | None:
    """`value` if it is text (or None when not required); else BadField."""
    if value is None:
        if required:
            raise BadField(field, "is missing")
        return None
    if not isinstance(value, str):
        raise BadField(field, f"must be text, not {_describe(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadField(field, "is not valid text (it holds a lone surrogate)") from None
    return value


def offset_field(value: Any, field: str, required: bool = False) -> int | None:
    """`value` if it is a whole number from 0 to MAX_OFFSET (None when not required)."""
    if value is None:
        if required:
            raise BadField(field, "is missing")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value) if abs(value) <= MAX_OFFSET else value
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
        raise BadField(field, f"must be an offset (a whole number from 0), not {_describe(value)}")
    return value


def object_field(value: Any, field: str, required: bool = False) -> dict[str, Any] | None:
    if value is None:
        if required:
            raise BadField(field, "is missing")
        return None
    if not isinstance(value, dict):
        raise BadField(field, f"must be an object, not {_describe(value)}")
    return value


def entity_ref(value: Any, field: str = "entity") -> EntityRef | None:
    """The entity a record names (`{"name", "type", "aliases", "wikidata"}`), checked."""
    value = object_field(value, field)
    if not value:
        return None
    name = text_field(value.get("name"), f"{field}.name")
    type_ = text_field(value.get("type"), f"{field}.type")
    if not name or not type_:
        return None
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list):
        raise BadField(f"{field}.aliases", f"must be a list of texts, not {_describe(aliases)}")
    return EntityRef(
        name=name,
        type=type_,
        aliases=tuple(text_field(a, f"{field}.aliases", required=True) or "" for a in aliases),
        wikidata=text_field(value.get("wikidata"), f"{field}.wikidata"),
    )
