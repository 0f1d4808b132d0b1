"""Annotations as a W3C Web Annotation Data Model `AnnotationCollection` (JSON-LD).

Each annotation targets its article's canonical text: the source is the SHA-256 of
that text as a Named Information IRI (RFC 6920, `ni:///sha-256;…`), with the page
URL as `via`; selectors are a `TextQuoteSelector` and a `TextPositionSelector`
(code points, as the model requires). Bodies: the kind (`classifying`), the label
(`tagging`), the note (`commenting`), the entity (`identifying`: its name, and its
Wikidata item when known).

What the model has no term for, a quote's attribution and the parts of a split
quote, is carried by Reader's extension context (`READER_CONTEXT`, given inline so
that no document has to be fetched): `speaker` (the speaker entity),
`speakerSelector` (where the text names them), `cue`, `quoteType` and
`quoteGroup` (an IRI shared by the parts of one quote).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import reader.exporters
from reader import __version__
from reader.errors import ImportFailed
from reader.exporters.records import (
    BadField,
    EntityRef,
    ImportedMark,
    offset_field,
    text_field,
)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_VOCAB = "urn:x-reader:vocab#"
# Reader's extension terms; none redefines a term of the Web Annotation context.
READER_CONTEXT: dict[str, Any] = {
    "reader": READER_VOCAB,
    "speaker": {"@id": "reader:speaker"},
    "speakerSelector": {"@id": "reader:speakerSelector"},
    "cue": {"@id": "reader:cue"},
    "quoteType": {"@id": "reader:quoteType"},
    "quoteGroup": {"@id": "reader:quoteGroup", "@type": "@id"},
    "entityType": {"@id": "reader:entityType"},
    "aliases": {"@id": "reader:aliases", "@container": "@set"},
}
ANNOTATION_CONTEXT: list[Any] = [CONTEXT, READER_CONTEXT]
GENERATOR = {
    "id": "urn:x-reader:software",
    "type": "Software",
    "name": f"Reader {__version__}",
}
MOTIVATION = {"highlight": "highlighting", "entity": "identifying", "quote": "classifying"}
KIND_OF_MOTIVATION = {v: k for k, v in MOTIVATION.items()}
WIKIDATA = "http://www.wikidata.org/entity/"
_QID = re.compile(r"^Q\d+$")
_WIKIDATA_IRI = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q\d+)$")
_NAMESPACE = uuid.UUID("9b6f4a36-2f0c-4d59-9a53-0c3f1b7f6a11")


def text_hash(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes: what its `ni` IRI names."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_iri(digest: str) -> str:
    """A hex SHA-256 digest as an RFC 6920 `ni` IRI."""
    value = base64.urlsafe_b64encode(bytes.fromhex(digest)).decode().rstrip("=")
    return f"ni:///sha-256;{value}"


def hash_from_iri(iri: str) -> str | None:
    if not iri.startswith("ni:///sha-256;"):
        return None
    value = iri.split(";", 1)[1]
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).hex()
    except ValueError:
        return None


def wikidata_iri(value: str | None) -> str | None:
    if not value:
        return None
    return WIKIDATA + value if _QID.match(value) else value


def wikidata_id(iri: str) -> str:
    m = _WIKIDATA_IRI.match(iri)
    return m.group(1) if m else iri


def annotation_iri(row: dict[str, Any]) -> str:
    """Stable for one library, distinct across people: derived from the mark and its author."""
    key = "|".join(
        str(row[k])
        for k in ("content_hash", "annotation_id", "kind", "start", "end", "annotator", "created")
    )
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def agent_iri(name: str) -> str:
    """A stable IRI for an annotator's name (the same name, the same agent)."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'annotator|' + name)}"


def group_iri(row: dict[str, Any]) -> str:
    """The IRI the parts of one split quote share (unique within one library)."""
    key = f"group|{row['content_hash']}|{row['group_id']}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _entity_object(name: str, type_: str, aliases: str | None, wikidata: str | None) -> dict:
    out: dict[str, Any] = {}
    if iri := wikidata_iri(wikidata):
        out["id"] = iri
    out["name"] = name
    out["entityType"] = type_
    if names := json.loads(aliases or "[]"):
        out["aliases"] = names
    return out


def _attribution(row: dict[str, Any]) -> dict[str, Any]:
    """Reader's extension properties of a quote (empty for other marks)."""
    out: dict[str, Any] = {}
    if row.get("speaker_name"):
        out["speaker"] = _entity_object(
            row["speaker_name"],
            row["speaker_type"],
            row.get("speaker_aliases"),
            row.get("speaker_wikidata"),
        )
    if row.get("speaker_start") is not None and row.get("speaker_end") is not None:
        out["speakerSelector"] = {
            "type": "TextPositionSelector",
            "start": row["speaker_start"],
            "end": row["speaker_end"],
        }
    if row.get("cue"):
        out["cue"] = row["cue"]
    if row.get("quote_type"):
        out["quoteType"] = row["quote_type"]
    if row.get("group_id") is not None:
        out["quoteGroup"] = group_iri(row)
    return out


def _text(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def annotation(row: dict[str, Any], digest: str) -> dict[str, Any]:
    """One annotation row (with the store's extra columns) as a W3C Annotation.

    `digest` is the hex SHA-256 of the article's text (the target's source IRI).
    """
    bodies = [_text("classifying", row["kind"])]
    if row["label"]:
        bodies.append(_text("tagging", row["label"]))
    if row["note"]:
        bodies.append(_text("commenting", row["note"]))
    if row["entity_name"]:
        named = _text("identifying", row["entity_name"])
        if aliases := json.loads(row.get("entity_aliases") or "[]"):
            named["aliases"] = aliases
        bodies.append(named)
        if iri := wikidata_iri(row["entity_wikidata"]):
            bodies.append({"type": "SpecificResource", "purpose": "identifying", "source": iri})
    source: dict[str, Any] = {
        "id": hash_iri(digest),
        "type": "Text",
        "format": "text/plain",
        "label": row["article_title"],
    }
    if row["language"]:
        source["language"] = row["language"]
    if row["url"]:
        source["via"] = row["url"]
    quote = {"type": "TextQuoteSelector", "exact": row["text"]}
    if row["prefix"]:
        quote["prefix"] = row["prefix"]
    if row["suffix"]:
        quote["suffix"] = row["suffix"]
    out: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": annotation_iri(row),
        "type": "Annotation",
        "motivation": MOTIVATION.get(row["kind"], "highlighting"),
        "body": bodies,
        "target": {
            "type": "SpecificResource",
            "source": source,
            "selector": [
                quote,
                {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]},
            ],
        },
    }
    if row["created"]:
        out["created"] = row["created"]
    if row["modified"]:
        out["modified"] = row["modified"]
    if row["annotator"]:
        out["creator"] = {
            "id": agent_iri(row["annotator"]),
            "type": "Person",
            "name": row["annotator"],
            "nickname": row["annotator"],
        }
    out["generator"] = GENERATOR
    out.update(_attribution(row))
    return out


def write_collection(
    out: TextIO,
    rows: Iterable[dict[str, Any]],
    article_text: Callable[[int], str],
    label: str = "Reader annotations",
    tick: Callable[[int], None] | None = None,
) -> int:
    """Stream an `AnnotationCollection` with every annotation in one embedded page.

    `article_text(article_id)` gives the text each source IRI hashes (rows come in
    article order, so each article's text is read and hashed once). An empty
    collection has no page (a page must hold at least one annotation).
    """
    collection_id = f"urn:uuid:{uuid.uuid4()}"
    page_id = f"urn:uuid:{uuid.uuid4()}"
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "generator": GENERATOR,
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
    count = 0
    hashed: tuple[int, str] | None = None
    for row in rows:
        if count == 0:
            page = {
                "id": page_id,
                "type": "AnnotationPage",
                "partOf": {"id": collection_id, "label": label},
                "startIndex": 0,
            }
            out.write(f',\n "last": {json.dumps(page_id)}')
            out.write(',\n "first": ' + json.dumps(page, ensure_ascii=False)[:-1])
            out.write(', "items": [\n')
        else:
            out.write(",\n")
        if hashed is None or hashed[0] != row["article_id"]:
            hashed = (row["article_id"], text_hash(article_text(row["article_id"])))
        out.write(json.dumps(annotation(row, hashed[1]), ensure_ascii=False))
        count += 1
        if tick and count % reader.exporters.CHUNK == 0:
            tick(count)
    if count:
        out.write("\n ]}")
    out.write(f',\n "total": {count}\n}}\n')
    return count


def _annotations(data: Any) -> Iterator[dict[str, Any]]:
    """The annotations of a collection, a page, a list or a single annotation (walked
    with a stack, not recursion: any nesting depth is safe)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        types = kind if isinstance(kind, list) else [kind]
        if "Annotation" in types:
            yield item
        elif "AnnotationCollection" in types:
            pages = []
            page = item.get("first")
            while isinstance(page, dict) and len(pages) < 1_000_000:
                pages.append(page.get("items") or [])
                page = page.get("next")
            stack.extend(reversed(pages))
        elif "AnnotationPage" in types:
            stack.append(item.get("items") or [])


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _source(target: dict[str, Any]) -> tuple[dict[str, Any], str | None, list[str]]:
    """The target's source as an object, its `ni:` digest, and the URLs it gives:
    the source itself when it is a URL (`"source": "https://…"` or `{"id": …}`, as
    Hypothesis writes it) and its `via`."""
    source = target.get("source")
    source = source if isinstance(source, dict) else {"id": source}
    iri = source.get("id") if isinstance(source.get("id"), str) else ""
    urls = [iri] if iri.startswith(("http://", "https://")) else []
    urls += [v for v in _as_list(source.get("via")) if isinstance(v, str)]
    return source, hash_from_iri(iri), urls


def _entity_ref(value: Any) -> EntityRef | None:
    if not isinstance(value, dict) or not value.get("name") or not value.get("entityType"):
        return None
    iri = value.get("id")
    return EntityRef(
        name=str(value["name"]),
        type=str(value["entityType"]),
        aliases=tuple(str(a) for a in _as_list(value.get("aliases"))),
        wikidata=wikidata_id(iri) if isinstance(iri, str) else None,
    )


def _offset(value: Any) -> int | None:
    """An offset where one may be (a speaker's); anything else is no offset."""
    try:
        return offset_field(value, "speakerSelector")
    except BadField:
        return None


def _mark(a: dict[str, Any], where: str) -> ImportedMark | None:
    target = _as_list(a.get("target"))
    if not target or not isinstance(target[0], dict):
        return None
    target = target[0]
    source, digest, urls = _source(target)
    quote = position = None
    for s in _as_list(target.get("selector")):
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector":
            quote = s
        elif isinstance(s, dict) and s.get("type") == "TextPositionSelector":
            position = s
    if quote is None and position is None:
        return None
    bodies: dict[str, list[Any]] = {}
    aliases: tuple[str, ...] = ()
    for b in _as_list(a.get("body")):
        if isinstance(b, dict):
            textual = b.get("type") == "TextualBody" or ("value" in b and "source" not in b)
            value = b.get("value") if textual else b.get("source")
            # A text body without a purpose is a comment (Hypothesis writes notes so).
            purpose = b.get("purpose") or ("commenting" if textual else "")
            purpose = purpose if isinstance(purpose, str) else ""
            bodies.setdefault(purpose, []).append(text_field(value, f"body ({purpose}).value"))
            if purpose == "identifying" and b.get("aliases"):
                aliases = tuple(str(x) for x in _as_list(b["aliases"]))
        elif isinstance(b, str) and not b.startswith(("http://", "https://", "urn:")):
            bodies.setdefault("commenting", []).append(b)
    if isinstance(a.get("bodyValue"), str):
        bodies.setdefault("commenting", []).append(text_field(a["bodyValue"], "bodyValue"))
    kind = next(
        (v for v in bodies.get("classifying", []) if v in MOTIVATION),
        KIND_OF_MOTIVATION.get(str(a.get("motivation")), "highlight"),
    )
    label = (bodies.get("tagging") or [None])[0]
    names = [v for v in bodies.get("identifying", []) if v and not str(v).startswith("http")]
    links = [v for v in bodies.get("identifying", []) if v and str(v).startswith("http")]
    entity = None
    if names and label:
        wikidata = wikidata_id(links[0]) if links else None
        entity = EntityRef(name=names[0], type=label, aliases=aliases, wikidata=wikidata)
    creator = _as_list(a.get("creator"))
    annotator = None
    if creator and isinstance(creator[0], dict):
        annotator = text_field(creator[0].get("nickname") or creator[0].get("name"), "creator.name")
    start = end = -1
    if position:
        start = offset_field(position.get("start"), "TextPositionSelector.start", True) or 0
        end = offset_field(position.get("end"), "TextPositionSelector.end", True) or 0
    speaker_at = a.get("speakerSelector") if isinstance(a.get("speakerSelector"), dict) else {}
    notes = [str(v) for v in bodies.get("commenting", []) if v]
    return ImportedMark(
        where=str(a.get("id") or where),
        content_hash=None,
        text_hash=digest,
        url=urls[0] if urls else None,
        urls=tuple(urls[1:]),
        title=source.get("label") if isinstance(source.get("label"), str) else None,
        kind=kind,
        label=label,
        start=start,
        end=end,
        exact=text_field((quote or {}).get("exact"), "TextQuoteSelector.exact") or "",
        prefix=text_field((quote or {}).get("prefix"), "TextQuoteSelector.prefix") or "",
        suffix=text_field((quote or {}).get("suffix"), "TextQuoteSelector.suffix") or "",
        note="\n\n".join(notes) if notes else None,
        entity=entity,
        speaker=_entity_ref(a.get("speaker")),
        speaker_start=_offset(speaker_at.get("start")),
        speaker_end=_offset(speaker_at.get("end")),
        cue=a["cue"] if isinstance(a.get("cue"), str) else None,
        quote_type=a["quoteType"] if isinstance(a.get("quoteType"), str) else None,
        group=a["quoteGroup"] if isinstance(a.get("quoteGroup"), str) else None,
        annotator=annotator or None,
        created=text_field(a.get("created"), "created"),
    )


def records_from_w3c(data: Any, name: str = "") -> Iterator[ImportedMark | str]:
    """Marks of a W3C export; an annotation that cannot be read yields a message instead
    (its id or "FILE#N", and the field)."""
    found = False
    for number, a in enumerate(_annotations(data), start=1):
        found = True
        where = str(a.get("id") or f"{name}#{number}")
        try:
            mark = _mark(a, f"{name}#{number}")
        except BadField as e:
            yield f"{where}: {e}"
            continue
        yield mark if mark is not None else f"{where}: no target with a text selector"
    if not found and not (isinstance(data, dict) and data.get("type") == "AnnotationCollection"):
        raise ImportFailed(f"{name}: no W3C annotations found")
