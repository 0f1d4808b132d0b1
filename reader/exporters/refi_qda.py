"""REFI-QDA exchange (QDA-XML 1.0): a project (`.qdpx`) or a codebook (`.qdc`) for MAXQDA,
ATLAS.ti, NVivo, QualCoder and Taguette.

A `.qdpx` is a zip with `project.qde` (XML in `urn:QDA-XML:project:1.0`) and each
article's plain text as `Sources/<guid>.txt`. How Reader maps onto the standard:

- articles: `TextSource`s; their metadata (source, published, language, author, url):
  `Variables` with a `VariableValue` on each source;
- labels: codes under one parent code per kind ("Entities", "Quotes", "Highlights"),
  with their colours; entities: codes under their label's code;
- marks: a `PlainTextSelection` (start and end in code points of the text) with one
  `Coding` of its label's code (of its entity's code for an entity mark); a quote is
  also coded with its type (under "Quote types") and its cue (under "Cues");
- notes: `Notes`, referenced from their selection; annotators: `Users`;
- attributes (reader/attributes.py): `Variables` too (text and choice as Text, number as
  Float, date as Date, yes/no as Boolean), valued on the sources (article attributes)
  and on the cases (the speakers' attributes);
- speakers: one `Case` per speaker entity (its code, and its quotes' selections); where
  the text names the speaker: a selection without a code, and a `Link` "speaker" from
  the quote to it; the parts of a split quote: `Link`s "continues" from part to part.

GUIDs are derived from what they stand for, so exporting twice gives the same ids.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree import ElementTree as ET

from reader import __version__
from reader.model import Attribute, Entity, Label

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"Reader {__version__}"
KIND_GROUPS = {"entity": "Entities", "quote": "Quotes", "highlight": "Highlights"}
QUOTE_TYPES_GROUP = "Quote types"
CUES_GROUP = "Cues"
QUOTE_TYPES = ("direct", "indirect", "mixed")
VARIABLES = ("source", "published", "language", "author", "url")
SPEAKER_LINK = "speaker"
CONTINUES_LINK = "continues"
WIKIDATA_LINE = "Wikidata: "
ALIAS_LINE = "Alias: "
_NAMESPACE = uuid.UUID("2f1d0c1e-7f43-4c8e-9a51-5b2f6c3d9e70")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
VARIABLE_TYPES = {
    "text": ("Text", "TextValue"),
    "choice": ("Text", "TextValue"),
    "number": ("Float", "FloatValue"),
    "date": ("Date", "DateValue"),
    "yes/no": ("Boolean", "BooleanValue"),
}
# (the attributes, and the values of an entity or article: ("entity_id" | "article_id", id))
AttributeValues = tuple[list[Attribute], Callable[[str, int], dict[str, str]]]
_COLOUR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")


def guid(*parts: object) -> str:
    """A stable GUID for what `parts` name (the same parts, the same GUID)."""
    return str(uuid.uuid5(_NAMESPACE, "|".join(str(p) for p in parts))).upper()


def datetime_or_none(value: str | None) -> str | None:
    """`value` if it is an xsd:dateTime (what the schema accepts), else None."""
    return value if value and _DATETIME.match(value) else None


def entity_description(entity: Entity) -> str | None:
    """An entity's Wikidata item, aliases and note as a code's description."""
    lines = [WIKIDATA_LINE + entity.wikidata] if entity.wikidata else []
    lines += [ALIAS_LINE + a for a in entity.aliases]
    if entity.note:
        lines += ["", entity.note] if lines else [entity.note]
    return "\n".join(lines) or None


@dataclass
class _Code:
    guid: str
    name: str
    colour: str | None = None
    codable: bool = True
    description: str | None = None
    children: dict[str, _Code] = field(default_factory=dict)


class Codebook:
    """The code tree of labels, entities, quote types and cues, built as marks need it."""

    def __init__(self, labels: Iterable[Label], entities: Iterable[Entity] = ()) -> None:
        self.roots: dict[str, _Code] = {}
        for kind, name in KIND_GROUPS.items():
            self.roots[kind] = _Code(guid("group", kind), name, codable=False)
        from reader.codebook import tree_order

        labels = list(labels)
        self.known = {(lb.kind, lb.name): lb for lb in labels}
        self.by_id = {lb.id: lb for lb in labels}
        self.codes: dict[tuple[str, str], _Code] = {}
        for lb, _ in tree_order(labels):  # parents first: each nests under its parent
            self.label(lb.kind, lb.name)
        for entity in entities:
            self.entity(entity)

    def label(self, kind: str, name: str | None) -> _Code:
        root = self.roots.setdefault(kind, _Code(guid("group", kind), kind, codable=False))
        if name is None:
            root.codable = True  # marks without a label are coded with their kind
            return root
        code = self.codes.get((kind, name))
        if code is None:
            from reader.codebook_files import description

            label = self.known.get((kind, name))
            parent = root
            up = self.by_id.get(label.parent_id) if label and label.parent_id else None
            if up is not None and up.kind == kind and (kind, up.name) in self.codes:
                parent = self.codes[(kind, up.name)]
            colour = label.colour if label else None
            code = _Code(
                guid("label", kind, name),
                name,
                colour if _valid(colour) else None,
                description=description(label) if label else None,
            )
            parent.children[code.guid] = self.codes[(kind, name)] = code
        return code

    def entity(self, entity: Entity) -> _Code:
        parent = self.label("entity", entity.type)
        key = guid("entity", entity.type, entity.name)
        if key not in parent.children:
            parent.children[key] = _Code(
                key, entity.name, parent.colour, description=entity_description(entity)
            )
        return parent.children[key]

    def _group(self, name: str) -> _Code:
        return self.roots.setdefault(name, _Code(guid("group", name), name, codable=False))

    def quote_type(self, value: str) -> _Code:
        group = self._group(QUOTE_TYPES_GROUP)
        if not group.children:
            for t in QUOTE_TYPES:
                group.children[t] = _Code(guid("quote type", t), t)
        if value not in group.children:
            group.children[value] = _Code(guid("quote type", value), value)
        return group.children[value]

    def cue(self, value: str) -> _Code:
        group = self._group(CUES_GROUP)
        if value not in group.children:
            group.children[value] = _Code(guid("cue", value), value)
        return group.children[value]

    def element(self, ns: str) -> ET.Element:
        codes = ET.Element(f"{{{ns}}}Codes")
        for root in self.roots.values():
            codes.append(_code_element(root, ns))
        return codes


def _valid(colour: str | None) -> bool:
    return bool(colour and _COLOUR.match(colour))


def _code_element(code: _Code, ns: str) -> ET.Element:
    attrs = {"guid": code.guid, "name": code.name, "isCodable": str(code.codable).lower()}
    if code.colour:
        attrs["color"] = code.colour
    el = ET.Element(f"{{{ns}}}Code", attrs)
    if code.description:
        ET.SubElement(el, f"{{{ns}}}Description").text = code.description
    for child in code.children.values():
        el.append(_code_element(child, ns))
    return el


def codebook_xml(labels: Iterable[Label], entities: Iterable[Entity]) -> tuple[bytes, int]:
    """A `.qdc` codebook (namespace `urn:QDA-XML:codebook:1.0`) and how many codes."""
    book = Codebook(list(labels), entities)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    codes = book.element(CODEBOOK_NS)
    root.append(codes)
    return _serialise(root, CODEBOOK_NS), sum(1 for _ in codes.iter(f"{{{CODEBOOK_NS}}}Code"))


def _serialise(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _e(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    clean = {k: v for k, v in attrs.items() if v is not None}
    return ET.SubElement(parent, f"{{{PROJECT_NS}}}{tag}", clean)


def _fragment(el: ET.Element) -> bytes:
    """One element of the project as XML (it declares the namespace itself)."""
    ET.register_namespace("", PROJECT_NS)
    ET.indent(el, space=" ", level=2)
    return b"  " + ET.tostring(el, encoding="utf-8", xml_declaration=False) + b"\n"


def _spool() -> IO[bytes]:
    # Sources, notes and links pile up on disk past a few MB, not in memory.
    return tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)


class _Project:
    """Collects the parts of `project.qde` while the sources stream into the zip: the
    codebook, users and cases in memory (they come first in the file, and are small),
    the sources, notes and links as XML spooled to a temporary file."""

    def __init__(
        self,
        labels: list[Label],
        entities: dict[int, Entity],
        attributes: AttributeValues | None = None,
    ) -> None:
        self.book = Codebook(labels, sorted(entities.values(), key=lambda e: (e.type, e.name)))
        self.attributes, self.values_of = attributes or ([], lambda column, owner: {})
        self.entities = entities
        self.users: dict[str, str] = {}  # name -> guid
        self.cases: dict[int, tuple[_Code, list[str]]] = {}  # speaker id -> code, selections
        self.sources = _spool()
        self.notes = _spool()
        self.links = _spool()
        self.variables = {name: guid("variable", name) for name in VARIABLES}
        self.types = {name: "Text" for name in VARIABLES}
        self.attribute_guids = {}
        for a in self.attributes:
            self.attribute_guids[a.name] = guid("attribute", a.name)
            self.types[a.name] = VARIABLE_TYPES[a.type][0]
        self.orphaned = 0  # marks left out: their offsets no longer hold their text

    def user(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.users.setdefault(name, guid("user", name))

    def source(self, article: dict[str, Any], marks: list[dict[str, Any]], path: str) -> int:
        """Add one article's `TextSource`; returns how many marks it holds."""
        key = article["content_hash"]
        el = ET.Element(
            f"{{{PROJECT_NS}}}TextSource",
            {"guid": guid("source", key), "name": article["title"], "plainTextPath": path},
        )
        count = 0
        groups: dict[int, str] = {}  # group id -> the last part's selection
        for row in marks:
            if row["status"] != "ok":
                self.orphaned += 1  # an orphaned mark's offsets no longer hold its text
                continue
            count += 1
            self._selection(el, row, key, groups)
        for name in VARIABLES:
            value = article.get(name)
            if value:
                vv = _e(el, "VariableValue")
                _e(vv, "VariableRef", targetGUID=self.variables[name])
                _e(vv, "TextValue").text = str(value)
        if self.attributes:
            self._values(el, "article", self.values_of("article_id", article["id"]))
        self.sources.write(_fragment(el))
        return count

    def _selection(
        self, source: ET.Element, row: dict[str, Any], key: str, groups: dict[int, str]
    ) -> None:
        sel_guid = guid("selection", key, row["annotation_id"])
        user = self.user(row["annotator"])
        created = datetime_or_none(row["created"])
        sel = _e(
            source,
            "PlainTextSelection",
            guid=sel_guid,
            name=row["text"],
            startPosition=str(row["start"]),
            endPosition=str(row["end"]),
            creatingUser=user,
            creationDateTime=created,
            modifyingUser=user,
            modifiedDateTime=datetime_or_none(row["modified"]),
        )
        codes = []
        if row["kind"] == "entity" and row["entity_id"] is not None:
            codes.append(self.book.entity(self.entities[row["entity_id"]]))
        else:
            codes.append(self.book.label(row["kind"], row["label"]))
        if row["quote_type"]:
            codes.append(self.book.quote_type(row["quote_type"]))
        if row["cue"]:
            codes.append(self.book.cue(row["cue"]))
        for n, code in enumerate(codes):
            coding = _e(
                sel,
                "Coding",
                guid=guid("coding", sel_guid, n),
                creatingUser=user,
                creationDateTime=created,
            )
            _e(coding, "CodeRef", targetGUID=code.guid)
        if row["note"]:
            note_guid = guid("note", sel_guid)
            _e(sel, "NoteRef", targetGUID=note_guid)
            note = ET.Element(
                f"{{{PROJECT_NS}}}Note",
                {"guid": note_guid, "name": f"Note: {row['text'][:60]}"},
            )
            for k, v in (("creatingUser", user), ("creationDateTime", created)):
                if v:
                    note.set(k, v)
            _e(note, "PlainTextContent").text = row["note"]
            self.notes.write(_fragment(note))
        if row["speaker_id"] is not None:
            speaker = self.entities[row["speaker_id"]]
            code = self.book.entity(speaker)
            self.cases.setdefault(row["speaker_id"], (code, []))[1].append(sel_guid)
        if row["speaker_start"] is not None and row["speaker_end"] is not None:
            at = guid("speaker at", sel_guid)
            _e(
                source,
                "PlainTextSelection",
                guid=at,
                name=f"speaker of: {row['text'][:60]}",
                startPosition=str(row["speaker_start"]),
                endPosition=str(row["speaker_end"]),
                creatingUser=user,
                creationDateTime=created,
            )
            self._link(SPEAKER_LINK, sel_guid, at)
        if row["group_id"] is not None:
            if row["group_id"] in groups:
                self._link(CONTINUES_LINK, groups[row["group_id"]], sel_guid)
            groups[row["group_id"]] = sel_guid

    def _values(self, el: ET.Element, on: str, values: dict[str, str]) -> None:
        """`VariableValue`s of an entity's (case's) or an article's (source's) attributes."""
        for a in self.attributes:
            value = values.get(a.name)
            if a.on != on or value is None:
                continue
            vv = _e(el, "VariableValue")
            _e(vv, "VariableRef", targetGUID=self.attribute_guids[a.name])
            tag = VARIABLE_TYPES[a.type][1]
            if a.type == "yes/no":
                value = "true" if value == "yes" else "false"
            elif a.type == "number":
                from decimal import Decimal

                value = format(Decimal(value), "f")
            _e(vv, tag).text = value

    def _link(self, name: str, origin: str, target: str) -> None:
        link = ET.Element(
            f"{{{PROJECT_NS}}}Link",
            {
                "guid": guid("link", name, origin, target),
                "name": name,
                "direction": "OneWay",
                "originGUID": origin,
                "targetGUID": target,
            },
        )
        self.links.write(_fragment(link))

    def write_xml(self, out: IO[bytes], name: str, created: str) -> None:
        """Write `project.qde`: the parts in memory, then the spooled ones, in the
        schema's order (Users, CodeBook, Variables, Cases, Sources, Notes, Links)."""
        root = ET.Element(
            f"{{{PROJECT_NS}}}Project",
            {"name": name, "origin": ORIGIN, "creationDateTime": created},
        )
        if self.users:
            users = _e(root, "Users")
            for user_name, user_guid in self.users.items():
                _e(users, "User", guid=user_guid, name=user_name)
        book = _e(root, "CodeBook")
        book.append(self.book.element(PROJECT_NS))
        variables = _e(root, "Variables")
        for var_name, var_guid in self.variables.items():
            _e(variables, "Variable", guid=var_guid, name=var_name, typeOfVariable="Text")
        for a in self.attributes:
            _e(
                variables,
                "Variable",
                guid=self.attribute_guids[a.name],
                name=a.name,
                typeOfVariable=self.types[a.name],
            )
        if self.cases:
            cases = _e(root, "Cases")
            for speaker_id, (code, selections) in self.cases.items():
                case = _e(cases, "Case", guid=guid("case", code.guid), name=code.name)
                _e(case, "CodeRef", targetGUID=code.guid)
                if self.attributes:
                    self._values(case, "entity", self.values_of("entity_id", speaker_id))
                for sel_guid in selections:
                    _e(case, "SelectionRef", targetGUID=sel_guid)
        # The root always has children (CodeBook, Variables): it ends with a closing tag.
        head, tail = _serialise(root, PROJECT_NS).rsplit(b"</Project>", 1)
        out.write(head)
        for tag, spool in (("Sources", self.sources), ("Notes", self.notes), ("Links", self.links)):
            if spool.tell():
                out.write(f" <{tag}>\n".encode())
                spool.seek(0)
                shutil.copyfileobj(spool, out)
                out.write(f" </{tag}>\n".encode())
            spool.close()
        out.write(b"</Project>" + tail)


def write_project(
    out: IO[bytes],
    articles: Iterator[tuple[dict[str, Any], list[dict[str, Any]]]],
    labels: list[Label],
    entities: dict[int, Entity],
    name: str,
    created: str,
    tick: Callable[[int], None] | None = None,
    attributes: AttributeValues | None = None,
) -> tuple[int, int, int]:
    """Write a `.qdpx` to `out`: every article of `articles` with its marks.

    Returns (articles, marks) written and the orphaned marks left out. `entities`
    maps the ids the marks refer to (and holds every entity of the codebook).
    """
    project = _Project(labels, entities, attributes)
    article_count = mark_count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for article, marks in articles:
            file_name = guid("source", article["content_hash"]) + ".txt"
            z.writestr(f"Sources/{file_name}", article["text"].encode("utf-8"))
            mark_count += project.source(article, marks, f"internal://{file_name}")
            article_count += 1
            if tick:
                tick(article_count)
        with z.open("project.qde", "w") as qde:
            project.write_xml(qde, name, created)
    return article_count, mark_count, project.orphaned
