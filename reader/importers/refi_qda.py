"""Reading a REFI-QDA project (`.qdpx`, QDA-XML 1.0) from any tool: its text sources,
codes, codings, notes, users, variables, cases and links, as plain data.

Only the parts Reader can hold are read; every other part (picture, PDF, audio and
video sources, graphs, sets, codings of whole sources, …) is listed in `ignored`, so
that an import says what it left out. The XML parser resolves no entities and
fetches nothing; zip members are read with a size limit.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reader.errors import ImportFailed
from reader.libfiles import input_refusal

NS = "urn:QDA-XML:project:1.0"
MAX_MEMBER = 256 * 1024 * 1024  # bytes: a text source or project.qde larger than this is refused
_OTHER_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


@dataclass
class Code:
    guid: str
    name: str
    colour: str | None
    codable: bool
    description: str | None
    parent: str | None  # the parent code's guid


@dataclass
class Coding:
    code: str  # the code's guid
    user: str | None
    notes: list[str] = field(default_factory=list)  # note guids


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    user: str | None
    created: str | None
    codings: list[Coding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # note guids


@dataclass
class Source:
    guid: str
    name: str
    text: str
    selections: list[Selection] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable guid -> value


@dataclass
class Case:
    guid: str
    name: str
    codes: list[str]
    selections: list[str]
    sources: list[str]
    variables: dict[str, str] = field(default_factory=dict)  # variable guid -> value


@dataclass
class Link:
    name: str
    origin: str
    target: str


@dataclass
class Project:
    name: str
    origin: str
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: dict[str, Code] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)  # guid -> name
    variable_types: dict[str, str] = field(default_factory=dict)  # guid -> typeOfVariable
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # guid -> text
    cases: list[Case] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # what was not read, one line each

    def code_path(self, code_guid: str) -> list[Code]:
        """The code and its ancestors, root first."""
        path: list[Code] = []
        seen: set[str] = set()
        current = self.codes.get(code_guid)
        while current is not None and current.guid not in seen:
            seen.add(current.guid)
            path.insert(0, current)
            current = self.codes.get(current.parent) if current.parent else None
        return path


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _int(value: str | None, what: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise ImportFailed(f"{what}: not a position: {value!r}") from None


def _read(z: zipfile.ZipFile, name: str, where: Path) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_MEMBER:
        raise ImportFailed(f"{where}: {name} is too large ({info.file_size} bytes)")
    with z.open(info) as f:
        data = f.read(MAX_MEMBER + 1)
    if len(data) > MAX_MEMBER:
        raise ImportFailed(f"{where}: {name} is too large")
    return data


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFailed(f"{what}: not UTF-8 text ({e.reason})") from e


def read_qdpx(path: str | Path) -> Project:
    """The project in a `.qdpx` file (or a bare `project.qde`)."""
    where = Path(path)
    if (why := input_refusal(where)) is not None:
        raise ImportFailed(why)
    try:
        if zipfile.is_zipfile(where):
            with zipfile.ZipFile(where) as z:
                names = z.namelist()
                qde = next((n for n in names if n.lower().endswith(".qde")), None)
                if qde is None:
                    raise ImportFailed(f"{where}: no project.qde inside; not a REFI-QDA project")
                files = {n: n for n in names}
                lower = {n.lower(): n for n in names}

                def member(ref: str) -> bytes | None:
                    name = files.get(ref) or lower.get(ref.lower())
                    return _read(z, name, where) if name else None

                return _parse(_read(z, qde, where), where, member)
        return _parse(where.read_bytes(), where, lambda ref: None)
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise ImportFailed(f"{where}: cannot read ({getattr(e, 'strerror', None) or e})") from e


def _parse(data: bytes, where: Path, member) -> Project:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ImportFailed(f"{where}: project.qde is not well-formed XML ({e})") from e
    if root.tag != _q("Project"):
        raise ImportFailed(f"{where}: not a REFI-QDA project (root {root.tag!r})")
    project = Project(name=root.get("name") or where.stem, origin=root.get("origin") or "")
    for user in root.iterfind(f"{_q('Users')}/{_q('User')}"):
        project.users[user.get("guid", "")] = user.get("name") or user.get("id") or "unknown"
    book = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
    if book is not None:
        _codes(book, None, project)
    for var in root.iterfind(f"{_q('Variables')}/{_q('Variable')}"):
        project.variables[var.get("guid", "")] = var.get("name") or ""
        project.variable_types[var.get("guid", "")] = var.get("typeOfVariable") or "Text"
    for note in root.iterfind(f"{_q('Notes')}/{_q('Note')}"):
        project.notes[note.get("guid", "")] = _note_text(note, member)
    for case in root.iterfind(f"{_q('Cases')}/{_q('Case')}"):
        project.cases.append(
            Case(
                guid=case.get("guid", ""),
                name=case.get("name") or "",
                codes=[r.get("targetGUID", "") for r in case.iterfind(_q("CodeRef"))],
                selections=[r.get("targetGUID", "") for r in case.iterfind(_q("SelectionRef"))],
                sources=[r.get("targetGUID", "") for r in case.iterfind(_q("SourceRef"))],
                variables=_variable_values(case),
            )
        )
    for link in root.iterfind(f"{_q('Links')}/{_q('Link')}"):
        project.links.append(
            Link(link.get("name") or "", link.get("originGUID", ""), link.get("targetGUID", ""))
        )
    sources = root.find(_q("Sources"))
    other: Counter[str] = Counter()
    if sources is not None:
        for el in sources:
            tag = etree.QName(el).localname
            if tag == "TextSource":
                source = _source(el, where, member, project)
                if source is not None:
                    project.sources.append(source)
            elif tag in _OTHER_SOURCES:
                other[tag] += 1
    for tag, n in sorted(other.items()):
        project.ignored.append(f"{n} {tag} (Reader imports text sources only)")
    for tag in ("Sets", "Graphs"):
        n = len(root.findall(f"{_q(tag)}/*"))
        if n:
            project.ignored.append(f"{n} of {tag} (not kept by Reader)")
    if root.findall(_q("NoteRef")):
        project.ignored.append(f"{len(root.findall(_q('NoteRef')))} notes on the whole project")
    return project


def _codes(parent_el, parent: str | None, project: Project) -> None:
    for el in parent_el.iterfind(_q("Code")):
        desc = el.find(_q("Description"))
        code = Code(
            guid=el.get("guid", ""),
            name=el.get("name") or "",
            colour=el.get("color"),
            codable=(el.get("isCodable") or "true").lower() in ("true", "1"),
            description=desc.text if desc is not None else None,
            parent=parent,
        )
        project.codes[code.guid] = code
        _codes(el, code.guid, project)


def _note_text(note, member) -> str:
    content = note.find(_q("PlainTextContent"))
    if content is not None and content.text:
        return content.text
    path = note.get("plainTextPath") or ""
    if path.startswith("internal://"):
        data = member("Sources/" + path[len("internal://") :])
        if data is not None:
            return data.decode("utf-8-sig", errors="replace")
    return ""


def _source(el, where: Path, member, project: Project) -> Source | None:
    name = el.get("name") or el.get("guid", "")
    content = el.find(_q("PlainTextContent"))
    path = el.get("plainTextPath") or ""
    if content is not None and content.text is not None:
        text = content.text
    elif path.startswith("internal://"):
        data = member("Sources/" + path[len("internal://") :])
        if data is None:
            project.ignored.append(f"text source {name!r}: {path} is missing from the file")
            return None
        text = _text(data, f"{where}: {path}")
    else:
        why = f"its text is outside the project ({path})" if path else "it has no plain text"
        project.ignored.append(f"text source {name!r}: {why}")
        return None
    # Positions count characters of the text; line ends count as the tool wrote them.
    source = Source(guid=el.get("guid", ""), name=name, text=text)
    for sel in el.iterfind(_q("PlainTextSelection")):
        what = f"{where}: selection {sel.get('guid')}"
        selection = Selection(
            guid=sel.get("guid", ""),
            start=_int(sel.get("startPosition"), what),
            end=_int(sel.get("endPosition"), what),
            user=sel.get("creatingUser"),
            created=sel.get("creationDateTime"),
            notes=[r.get("targetGUID", "") for r in sel.iterfind(_q("NoteRef"))],
        )
        for c in sel.iterfind(_q("Coding")):
            ref = c.find(_q("CodeRef"))
            if ref is not None:
                notes = [r.get("targetGUID", "") for r in c.iterfind(_q("NoteRef"))]
                user = c.get("creatingUser") or selection.user
                selection.codings.append(Coding(ref.get("targetGUID", ""), user, notes))
        source.selections.append(selection)
    whole = el.findall(_q("Coding"))
    if whole:
        project.ignored.append(f"text source {name!r}: {len(whole)} codings of the whole source")
    if el.findall(_q("NoteRef")):
        project.ignored.append(f"text source {name!r}: notes on the whole source")
    source.variables = _variable_values(el)
    return source


def _variable_values(el: etree._Element) -> dict[str, str]:
    """A source's or case's `VariableValue`s: {variable guid: value}."""
    out = {}
    for vv in el.iterfind(_q("VariableValue")):
        ref = vv.find(_q("VariableRef"))
        values = [c.text for c in vv if etree.QName(c).localname.endswith("Value") and c.text]
        if ref is not None and values:
            out[ref.get("targetGUID", "")] = values[0]
    return out
