"""A REFI-QDA project's codings as Reader marks, once its text sources are articles.

A project Reader wrote (origin "Reader …") is read back exactly as
`reader.exporters.refi_qda` mapped it: kinds from the parent codes, entities from the
codes under an entity label, quote types and cues from their codes, speakers from the
cases, speaker mentions and split quotes from the links. A project from another tool
is read as it means itself: each coding of a code becomes a highlight labelled with
the code's name (and colour).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.codebook_files import COLOUR, Entry, parse_description
from reader.exporters.records import EntityRef, ImportedMark
from reader.exporters.refi_qda import (
    ALIAS_LINE,
    CONTINUES_LINK,
    CUES_GROUP,
    KIND_GROUPS,
    QUOTE_TYPES_GROUP,
    SPEAKER_LINK,
    WIKIDATA_LINE,
    datetime_or_none,
    guid,
)
from reader.importers.refi_qda import Case, Code, Project, Selection, Source
from reader.text.anchoring import OffsetMap

KIND_OF_GROUP = {v: k for k, v in KIND_GROUPS.items()}


def is_reader_project(project: Project) -> bool:
    return project.origin.startswith("Reader")


def entity_ref(code: Code, type_: str) -> EntityRef:
    """An entity code as an entity: its Wikidata item and aliases from its description."""
    wikidata = None
    aliases = []
    for line in (code.description or "").splitlines():
        if line.startswith(WIKIDATA_LINE):
            wikidata = line[len(WIKIDATA_LINE) :].strip() or None
        elif line.startswith(ALIAS_LINE):
            aliases.append(line[len(ALIAS_LINE) :])
        elif line.strip():
            break  # the entity's note follows
    return EntityRef(name=code.name, type=type_, aliases=tuple(aliases), wikidata=wikidata)


def _is_entity(path: list[Code]) -> bool:
    """Whether the last code of a path under Reader's "Entities" group is an entity (an
    entity label may have labels under it: those are not entities)."""
    if len(path) < 3 or KIND_OF_GROUP.get(path[0].name) != "entity":
        return False
    return path[-1].guid.upper() == guid("entity", path[-2].name, path[-1].name)


def project_codebook(project: Project) -> list[Entry]:
    """The label tree of a project Reader wrote (paths, colours, definitions and notes),
    parents first; the entities, quote types and cues are not labels."""
    if not is_reader_project(project):
        return []
    out = []
    for code in project.codes.values():  # in document order: parents first
        path = project.code_path(code.guid)
        kind = KIND_OF_GROUP.get(path[0].name)
        if kind is None or len(path) < 2 or (kind == "entity" and _is_entity(path)):
            continue
        colour = code.colour if code.colour and COLOUR.match(code.colour) else None
        names = [c.name for c in path[1:]]
        details = parse_description(code.description)
        out.append(Entry(f"code {code.name!r}", kind, names, colour, **details))
    return out


def project_entities(project: Project) -> tuple[EntityRef, ...]:
    """The entities of a project Reader wrote: the codes under its entity labels."""
    if not is_reader_project(project):
        return ()
    out = []
    for code in project.codes.values():
        path = project.code_path(code.guid)
        if _is_entity(path):
            out.append(entity_ref(code, path[-2].name))
    return tuple(out)


def case_entities(project: Project) -> list[tuple[Case, EntityRef | None]]:
    """Each case with the entity it stands for (a speaker, in a project Reader wrote:
    its entity code), else None."""
    reader = is_reader_project(project)
    out: list[tuple[Case, EntityRef | None]] = []
    for case in project.cases:
        entity = None
        for code_guid in case.codes:
            path = project.code_path(code_guid)
            if reader and _is_entity(path):
                entity = entity_ref(path[-1], path[-2].name)
        out.append((case, entity))
    return out


class _Offsets:
    """Positions in a source's text as offsets in the article's canonical text."""

    def __init__(self, raw: str, text: str) -> None:
        self.raw, self.text = raw, text
        self.map = None if raw == text else OffsetMap(raw, text)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        if not (0 <= start < end <= len(self.raw)):
            return None
        if self.map is None:
            return start, end
        s, e = self.map.map(start), self.map.map(end, bias_end=True)
        return (s, e) if s is not None and e is not None and s < e else None


def project_marks(
    project: Project, placed: list[tuple[Source, dict[str, Any]]], ignored: list[str]
) -> Iterator[ImportedMark | str]:
    """Every coding of the placed sources as a mark (a string says why one cannot be);
    what has no place in Reader is added to `ignored`."""
    reader = is_reader_project(project)
    speakers: dict[str, EntityRef] = {}
    for case, entity in case_entities(project):
        if entity is None:
            what = f"{len(case.selections)} selections, {len(case.sources)} sources"
            ignored.append(f"case {case.name!r} ({what}): cases are not imported")
            continue
        for sel_guid in case.selections:
            speakers[sel_guid] = entity
    speaker_at: dict[str, str] = {}
    previous: dict[str, str] = {}  # a quote part -> the part before it
    for link in project.links:
        if reader and link.name == SPEAKER_LINK:
            speaker_at[link.origin] = link.target
        elif reader and link.name == CONTINUES_LINK:
            previous[link.target] = link.origin
        else:
            ignored.append(f"link {link.name!r}: links are not imported")
    mentions = set(speaker_at.values())
    used_notes: set[str] = set()
    uncoded = 0
    for source, article in placed:
        offsets = _Offsets(source.text, article["text"])
        by_guid = {s.guid: s for s in source.selections}
        for sel in source.selections:
            if not sel.codings:
                uncoded += sel.guid not in mentions
                continue
            where = f"{source.name}: selection {sel.guid}"
            span = offsets.span(sel.start, sel.end)
            if span is None:
                yield f"{where}: positions {sel.start}–{sel.end} are outside the text"
                continue
            notes = [n for n in sel.notes if n in project.notes]
            extra: dict[str, Any] = {}
            if reader:
                extra = _attribution(project, sel, speakers, speaker_at, previous, by_guid)
                if "speaker_at" in extra:
                    at = extra.pop("speaker_at")
                    at_span = offsets.span(at.start, at.end) if at else None
                    if at_span:
                        extra["speaker_start"], extra["speaker_end"] = at_span
            for coding in sel.codings:
                kind, label, entity, colour = _meaning(project, coding.code, reader)
                if kind is None:
                    if label is not None:
                        yield f"{where}: coded with an unknown code {coding.code}"
                    continue
                mark_notes = list(dict.fromkeys(notes + [n for n in coding.notes if n]))
                used_notes.update(mark_notes)
                texts = [project.notes[n] for n in mark_notes if project.notes.get(n)]
                attribution = extra if kind == "quote" else {}
                yield ImportedMark(
                    where=where,
                    content_hash=article["content_hash"],
                    url=None,
                    title=article["title"],
                    kind=kind,
                    label=label,
                    start=span[0],
                    end=span[1],
                    exact=article["text"][span[0] : span[1]],
                    note="\n\n".join(texts) if texts else None,
                    entity=entity,
                    annotator=project.users.get(coding.user or sel.user or ""),
                    created=datetime_or_none(sel.created),
                    label_colour=colour,
                    **attribution,
                )
    if uncoded:
        ignored.append(f"{uncoded} selections without a code")
    unused = [g for g in project.notes if g not in used_notes]
    if unused:
        ignored.append(f"{len(unused)} notes not attached to a coded selection")


def _meaning(
    project: Project, code_guid: str, reader: bool
) -> tuple[str | None, str | None, EntityRef | None, str | None]:
    """(kind, label, entity, colour) a coding of this code stands for. Kind None: not
    a mark (a quote type or cue: label None; an unknown code: label is the guid)."""
    path = project.code_path(code_guid)
    if not path:
        return None, code_guid, None, None
    code = path[-1]
    if not reader:
        return "highlight", code.name, None, code.colour
    kind = KIND_OF_GROUP.get(path[0].name)
    if kind is None:
        if path[0].name in (QUOTE_TYPES_GROUP, CUES_GROUP):
            return None, None, None, None
        return "highlight", code.name, None, code.colour
    if len(path) == 1:
        return kind, None, None, None
    if kind == "entity" and _is_entity(path):
        return kind, path[-2].name, entity_ref(path[-1], path[-2].name), path[-2].colour
    return kind, code.name, None, code.colour


def _attribution(
    project: Project,
    sel: Selection,
    speakers: dict[str, EntityRef],
    speaker_at: dict[str, str],
    previous: dict[str, str],
    by_guid: dict[str, Selection],
) -> dict[str, Any]:
    """A quote selection's speaker, cue, type, speaker mention and group (Reader's own)."""
    out: dict[str, Any] = {"speaker": speakers.get(sel.guid)}
    for coding in sel.codings:
        path = project.code_path(coding.code)
        if len(path) == 2 and path[0].name == QUOTE_TYPES_GROUP:
            out["quote_type"] = path[1].name
        elif len(path) == 2 and path[0].name == CUES_GROUP:
            out["cue"] = path[1].name
    if sel.guid in speaker_at:
        out["speaker_at"] = by_guid.get(speaker_at[sel.guid])
    first, seen = sel.guid, {sel.guid}
    while first in previous and previous[first] not in seen:
        first = previous[first]
        seen.add(first)
    if first != sel.guid or sel.guid in previous.values():
        out["group"] = first
    return out
