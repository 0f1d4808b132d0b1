"""A REFI-QDA project's `Variables` as attributes: the values on its text sources become
article attributes, those on its cases (the speakers, in a project Reader wrote) entity
attributes. The metadata variables Reader writes (source, published, language, author,
url) are the articles' fields, not attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.attributes import clean_value
from reader.errors import ReaderError
from reader.importers.refi_qda_marks import case_entities

if TYPE_CHECKING:
    from reader.attributes import AttributesService
    from reader.importers.refi_qda import Project, Source
    from reader.store import Store

METADATA = frozenset({"source", "published", "language", "author", "url"})
# QDA-XML's typeOfVariable -> an attribute type (a choice is written as Text: it comes
# back as text unless this library defines it as a choice already)
TYPES = {
    "Text": "text",
    "Float": "number",
    "Integer": "number",
    "Date": "date",
    "DateTime": "date",
    "Boolean": "yes/no",
}


def project_attributes(
    project: Project,
    placed: list[tuple[Source, dict[str, Any]]],
    store: Store,
    attributes: AttributesService,
    ignored: list[str],
) -> None:
    """Define what is missing and set every value where the library has none; a value
    that cannot be set (another kind of attribute here, an invalid value, a different
    value already there) is one line in `ignored`."""
    for source, article in placed:
        for guid, value in source.variables.items():
            name = project.variables.get(guid, "").strip()
            if name and name.lower() not in METADATA:
                where = f"text source {source.name!r}"
                _set(
                    project, guid, name, value, "article", article["id"], attributes, where, ignored
                )
    for case, ref in case_entities(project):
        if ref is None or not case.variables:
            continue
        row = store.entities.find(ref.name, ref.type)
        if row is None:
            ignored.append(
                f"case {case.name!r}: no entity {ref.type} {ref.name!r} for its variables"
            )
            continue
        for guid, value in case.variables.items():
            name = project.variables.get(guid, "").strip()
            if name:
                where = f"case {case.name!r}"
                _set(project, guid, name, value, "entity", row["id"], attributes, where, ignored)


def _set(
    project: Project,
    guid: str,
    name: str,
    value: str,
    on: str,
    owner: int,
    attributes: AttributesService,
    where: str,
    ignored: list[str],
) -> None:
    try:
        known = {a.name.casefold(): a for a in attributes.attributes()}
        attribute = known.get(name.casefold())
        if attribute is None:
            kind = TYPES.get(project.variable_types.get(guid, "Text"), "text")
            attribute = attributes.define_attribute(name, on, kind)
        if attribute.on != on:
            ignored.append(f"{where}: variable {name!r} is an attribute of {attribute.on}s here")
            return
        value = clean_value(attribute, value) or ""  # `true` is `yes`, as stored
        column = {"entity": {"entity_id": owner}, "article": {"article_id": owner}}[on]
        have = attributes.attribute_values(**column).get(attribute.name)
        if have is not None:
            if have != value:
                ignored.append(f"{where}: {name} is {have!r} here, {value!r} there; kept {have!r}")
            return
        ids = {"entities": [owner]} if on == "entity" else {"articles": [owner]}
        attributes.set_attribute(attribute.name, value, **ids)
    except ReaderError as e:
        ignored.append(f"{where}: variable {name!r}: {e}")
