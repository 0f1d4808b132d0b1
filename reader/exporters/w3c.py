"""Annotations as a W3C Web Annotation Data Model `AnnotationCollection` (JSON-LD).

Each annotation targets its article's canonical text: the source is the
article's content hash as a Named Information IRI (RFC 6920, `ni:///sha-256;…`),
with the page URL as `via`; selectors are a `TextQuoteSelector` and a
`TextPositionSelector` (code points, as the model requires). Bodies: the kind
(`classifying`), the label (`tagging`), the note (`commenting`), the entity
(`identifying`: its name, and its Wikidata item when known).
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import reader.exporters
from reader import __version__
from reader.errors import ImportFailed
from reader.exporters.records import EntityRef, ImportedMark

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATION = {"highlight": "highlighting", "entity": "identifying", "quote": "classifying"}
KIND_OF_MOTIVATION = {v: k for k, v in MOTIVATION.items()}
WIKIDATA = "http://www.wikidata.org/entity/"
_QID = re.compile(r"^Q\d+$")
_WIKIDATA_IRI = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q\d+)$")
_NAMESPACE = uuid.UUID("9b6f4a36-2f0c-4d59-9a53-0c3f1b7f6a11")


def hash_iri(content_hash: str) -> str:
    """An article's content hash (hex SHA-256) as an RFC 6920 `ni` IRI."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(content_hash)).decode().rstrip("=")
    return f"ni:///sha-256;{digest}"


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


def _text(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def annotation(row: dict[str, Any]) -> dict[str, Any]:
    """One annotation row (with the store's extra columns) as a W3C Annotation."""
    bodies = [_text("classifying", row["kind"])]
    if row["label"]:
        bodies.append(_text("tagging", row["label"]))
    if row["note"]:
        bodies.append(_text("commenting", row["note"]))
    if row["entity_name"]:
        bodies.append(_text("identifying", row["entity_name"]))
        if iri := wikidata_iri(row["entity_wikidata"]):
            bodies.append({"type": "SpecificResource", "purpose": "identifying", "source": iri})
    source: dict[str, Any] = {
        "id": hash_iri(row["content_hash"]),
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
        "@context": CONTEXT,
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
        out["creator"] = {"type": "Person", "name": row["annotator"]}
    return out


def write_collection(
    out: TextIO,
    rows: Iterable[dict[str, Any]],
    label: str = "Reader annotations",
    tick: Callable[[int], None] | None = None,
) -> int:
    """Stream an `AnnotationCollection` with every annotation in one embedded page.

    An empty collection has no page (a page must hold at least one annotation).
    """
    head = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": label,
        "generator": {"type": "Software", "name": f"Reader {__version__}"},
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
    count = 0
    for row in rows:
        if count == 0:
            page = {"id": f"urn:uuid:{uuid.uuid4()}", "type": "AnnotationPage", "startIndex": 0}
            out.write(',\n "first": ' + json.dumps(page, ensure_ascii=False)[:-1])
            out.write(', "items": [\n')
        else:
            out.write(",\n")
        out.write(json.dumps(annotation(row), ensure_ascii=False))
        count += 1
        if tick and count % reader.exporters.CHUNK == 0:
            tick(count)
    if count:
        out.write("\n ]}")
    out.write(f',\n "total": {count}\n}}\n')
    return count


def _annotations(data: Any) -> Iterator[dict[str, Any]]:
    """The annotations of a collection, a page, a list or a single annotation."""
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item)
        return
    if not isinstance(data, dict):
        return
    kind = data.get("type")
    types = kind if isinstance(kind, list) else [kind]
    if "Annotation" in types:
        yield data
    elif "AnnotationCollection" in types:
        page = data.get("first")
        while isinstance(page, dict):
            yield from _annotations(page.get("items") or [])
            page = page.get("next")
    elif "AnnotationPage" in types:
        yield from _annotations(data.get("items") or [])


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _mark(a: dict[str, Any], where: str) -> ImportedMark | None:
    target = _as_list(a.get("target"))
    if not target or not isinstance(target[0], dict):
        return None
    target = target[0]
    source = target.get("source")
    source = source if isinstance(source, dict) else {"id": source}
    quote = position = None
    for s in _as_list(target.get("selector")):
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector":
            quote = s
        elif isinstance(s, dict) and s.get("type") == "TextPositionSelector":
            position = s
    if quote is None and position is None:
        return None
    bodies: dict[str, list[Any]] = {}
    for b in _as_list(a.get("body")):
        if isinstance(b, dict):
            value = b.get("value") if b.get("type") == "TextualBody" else b.get("source")
            bodies.setdefault(b.get("purpose") or "", []).append(value)
    if isinstance(a.get("bodyValue"), str):
        bodies.setdefault("commenting", []).append(a["bodyValue"])
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
        entity = EntityRef(name=names[0], type=label, wikidata=wikidata)
    creator = _as_list(a.get("creator"))
    annotator = creator[0].get("name") if creator and isinstance(creator[0], dict) else None
    return ImportedMark(
        where=str(a.get("id") or where),
        content_hash=hash_from_iri(str(source.get("id") or "")),
        url=source.get("via") if isinstance(source.get("via"), str) else None,
        title=source.get("label") if isinstance(source.get("label"), str) else None,
        kind=kind,
        label=label,
        start=int(position["start"]) if position else -1,
        end=int(position["end"]) if position else -1,
        exact=quote["exact"] if quote else "",
        prefix=(quote or {}).get("prefix") or "",
        suffix=(quote or {}).get("suffix") or "",
        note="\n\n".join(bodies["commenting"]) if bodies.get("commenting") else None,
        entity=entity,
        annotator=annotator,
        created=a.get("created"),
    )


def records_from_w3c(data: Any, name: str = "") -> Iterator[ImportedMark | str]:
    """Marks of a W3C export; an annotation that cannot be read yields a message instead."""
    found = False
    for number, a in enumerate(_annotations(data), start=1):
        found = True
        try:
            mark = _mark(a, f"{name}#{number}")
        except (ValueError, TypeError, KeyError) as e:
            mark = None
            reason = str(e)
        else:
            reason = "no target with a text selector"
        yield mark if mark is not None else f"{a.get('id') or f'{name}#{number}'}: {reason}"
    if not found and not (isinstance(data, dict) and data.get("type") == "AnnotationCollection"):
        raise ImportFailed(f"{name}: no W3C annotations found")
