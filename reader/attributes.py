"""Typed attributes on entities (gender, role, party…) and on articles (outlet type, wave…):
defined per library, values checked by type, every write one transaction and one undo step,
announced as `Changes(attributes=True)`. Statistics group and filter by them
(reader/store/attribute_stats.py) and exports carry them as columns."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound, ReaderError
from reader.model import Attribute, AttributeImportReport, Changes, Scope, StatTable
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values
from reader.undo_names import named

if TYPE_CHECKING:
    from reader.store import Store
    from reader.undo import History

TYPES = ("text", "choice", "number", "date", "yes/no")
TARGETS = ("entity", "article")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
# names an attribute cannot take: export columns (speaker_name, article_id…) are taken
RESERVED = {"id", "name", "type", "aliases", "wikidata", "start", "end", "title", "attributes"}
_YES = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no"}
_YES |= {"false": "no", "0": "no"}
MAX_VALUE_CHARS = 2000


class InvalidAttribute(ReaderError):
    """An attribute definition or value that cannot be stored; the message says why."""


def _attribute(row: dict[str, Any]) -> Attribute:
    return Attribute(
        row["id"],
        row["name"],
        row["target"],
        row["type"],
        tuple(json.loads(row["choices"] or "[]")),
        row["position"],
    )


def defined(store: Store) -> list[Attribute]:
    """Every attribute of the library, in order."""
    return [_attribute(r) for r in store.attributes.definitions()]


def clean_value(attribute: Attribute, raw: Any) -> str | None:
    """The value as stored (None: no value), or `InvalidAttribute` saying why not."""
    text = " ".join(str(raw).split()) if raw is not None else ""
    if not text:
        return None
    name = attribute.name
    if attribute.type == "text":
        if len(text) > MAX_VALUE_CHARS:
            raise InvalidAttribute(f"{name}: longer than {MAX_VALUE_CHARS} characters")
        return text
    if attribute.type == "choice":
        for choice in attribute.choices:
            if choice.casefold() == text.casefold():
                return choice
        raise InvalidAttribute(f"{name}: {text!r} is not one of {', '.join(attribute.choices)}")
    if attribute.type == "number":
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise InvalidAttribute(f"{name}: {text!r} is not a number (such as 42 or 3.5)")
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if attribute.type == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidAttribute(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None
    value = _YES.get(text.casefold())
    if value is None:
        raise InvalidAttribute(f"{name}: {text!r} is not yes or no")
    return value


class AttributesService:
    """Definitions and values of attributes; their statistics."""

    def __init__(self, store: Store, history: History) -> None:
        self._store = store
        self._history = history

    # -- reads ------------------------------------------------------------------------

    def attributes(self, on: str | None = None) -> list[Attribute]:
        """The defined attributes (of entities or articles only, with `on`), in order."""
        found = defined(self._store)
        return [a for a in found if on is None or a.on == on]

    def attribute(self, name: str) -> Attribute:
        row = self._store.attributes.definition(name)
        if row is None:
            raise NotFound(f"no attribute named {name!r} (see `reader attributes list`)")
        return _attribute(row)

    def attribute_values(
        self, entity_id: int | None = None, article_id: int | None = None
    ) -> dict[str, str]:
        """{name: value} of an entity's or an article's attributes (those it has)."""
        if entity_id is not None:
            return self._store.attributes.values("entity_id", entity_id)
        if article_id is not None:
            return self._store.attributes.values("article_id", article_id)
        return {}

    def all_attribute_values(self, on: str) -> dict[int, dict[str, str]]:
        """{entity (article) id: {name: value}} of every entity (article) with values."""
        if on not in TARGETS:
            raise InvalidAttribute(f"attributes are on entity or article, not {on!r}")
        return self._store.attributes.all_values(f"{on}_id")

    def find_entity_ids(self, form: str) -> list[int]:
        """The entity called `form` (its name in any case, else an alias), or NotFound;
        several entities (a PERSON and an ORG of one name) are an error naming them."""
        from reader.store.attributes import entities_named

        rows = entities_named(self._store.db, " ".join(form.split()))
        if not rows:
            raise NotFound(f"no entity named {form!r}")
        if len(rows) > 1:
            which = ", ".join(f"{name} ({type_}, id {i})" for i, name, type_ in rows)
            raise InvalidAttribute(f"{form!r} names {len(rows)} entities: {which}; give an id")
        return [rows[0][0]]

    def find_article_id(self, ref: str) -> int:
        """The article of an id or a URL, or NotFound."""
        ref = ref.strip()
        if ref.isdigit():
            if self._store.articles.exists(int(ref)):
                return int(ref)
            raise NotFound(f"no article with id {ref}")
        found = self._store.articles.id_for_url(ref)
        if found is None:
            raise NotFound(f"no article with the URL {ref!r}")
        return found

    # -- definitions ----------------------------------------------------------------------

    def define_attribute(
        self, name: str, on: str, type_: str, choices: Iterable[str] = ()
    ) -> Attribute:
        """A new attribute of entities or articles; choices only (and always) for `choice`."""
        name = name.strip()
        if not _NAME.fullmatch(name):
            raise InvalidAttribute(
                f"{name!r} is not an attribute name (a letter, then letters, digits or _; "
                "at most 40)"
            )
        if name.lower() in RESERVED:
            raise InvalidAttribute(f"{name!r} is a reserved name ({', '.join(sorted(RESERVED))})")
        if on not in TARGETS:
            raise InvalidAttribute(f"attributes are on entity or article, not {on!r}")
        if type_ not in TYPES:
            raise InvalidAttribute(f"unknown attribute type {type_!r} ({', '.join(TYPES)})")
        cleaned = list(dict.fromkeys(" ".join(c.split()) for c in choices if c.strip()))
        if type_ == "choice" and not cleaned:
            raise InvalidAttribute(f"{name}: a choice attribute needs --choices a,b,c")
        if type_ != "choice" and cleaned:
            raise InvalidAttribute(f"{name}: only a choice attribute takes choices")
        if len({c.casefold() for c in cleaned}) != len(cleaned):
            raise InvalidAttribute(f"{name}: the choices repeat one another")
        table = self._store.attributes
        if table.definition(name) is not None:
            raise InvalidAttribute(f"an attribute named {name!r} exists already")
        with self._store.atomic():
            row = {
                "name": name,
                "target": on,
                "type": type_,
                "choices": json.dumps(cleaned, ensure_ascii=False),
                "position": table.next_position(),
            }
            attribute_id = table.insert_definition(row)
        self._history.record(
            named("Define attribute", name),
            [Step("delete", "attributes", attribute_id)],
            [Step("insert", "attributes", attribute_id, tuple(row.items()))],
            Changes(attributes=True),
        )
        return self.attribute(name)

    def delete_attribute(self, name: str) -> int:
        """Delete an attribute and its values; returns how many values went with it."""
        attribute = self.attribute(name)
        table = self._store.attributes
        with self._store.atomic():
            definition = table.definition(name) or {}
            values = table.values_of_attribute(attribute.id)
            table.delete_definition(attribute.id)
        undo = [Step("insert", "attributes", attribute.id, _values(definition))]
        undo += [Step("insert", "attribute_values", v["id"], _values(v)) for v in values]
        redo = [Step("delete", "attribute_values", v["id"]) for v in values]
        redo.append(Step("delete", "attributes", attribute.id))
        self._history.record(named("Delete attribute", name), undo, redo, Changes(attributes=True))
        return len(values)

    # -- values -----------------------------------------------------------------------------

    def set_attribute(
        self,
        name: str,
        value: Any,
        entities: Iterable[int] = (),
        articles: Iterable[int] = (),
    ) -> int:
        """Give entities (or articles) a value of an attribute (None or "" clears it), in
        one transaction and one undo step; returns how many values changed."""
        attribute = self.attribute(name)
        cleaned = clean_value(attribute, value)
        entities, articles = list(dict.fromkeys(entities)), list(dict.fromkeys(articles))
        owners = entities if attribute.on == "entity" else articles
        if (entities and articles) or (attribute.on == "entity" and articles):
            raise InvalidAttribute(f"{name} is an attribute of entities")
        if attribute.on == "article" and entities:
            raise InvalidAttribute(f"{name} is an attribute of articles")
        if not owners:
            raise InvalidAttribute(f"{name}: say which {attribute.on} (--{attribute.on})")
        self._require(attribute.on, owners)
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            for owner in owners:
                self._set_one(attribute, owner, cleaned, undo, redo)
        if redo:
            self._history.record(
                self._set_name(attribute, cleaned, owners),
                list(reversed(undo)),
                redo,
                Changes(attributes=True),
            )
        return len(redo)

    def _require(self, on: str, owners: list[int]) -> None:
        for owner in owners:
            exists = (
                self._store.entities.get(owner) is not None
                if on == "entity"
                else self._store.articles.exists(owner)
            )
            if not exists:
                raise NotFound(f"no {on} with id {owner}")

    def _set_name(self, attribute: Attribute, value: str | None, owners: list[int]) -> str:
        verb = "Clear" if value is None else "Set"
        if len(owners) > 1:
            plural = "entities" if attribute.on == "entity" else "articles"
            return f"{verb} {attribute.name} of {len(owners)} {plural}"
        if attribute.on == "entity":
            row = self._store.entities.get(owners[0]) or {}
            return named(f"{verb} {attribute.name}", row.get("name"))
        row = self._store.articles.get(owners[0]) or {}
        return named(f"{verb} {attribute.name}", row.get("title"))

    def _set_one(
        self,
        attribute: Attribute,
        owner: int,
        value: str | None,
        undo: list[Step],
        redo: list[Step],
    ) -> None:
        table = self._store.attributes
        column = "entity_id" if attribute.on == "entity" else "article_id"
        row = table.value_row(attribute.id, column, owner)
        if row is not None and row["value"] == value:
            return
        if row is None and value is None:
            return
        if row is None:
            new = {"attribute_id": attribute.id, column: owner, "value": value}
            value_id = table.insert_value(new)
            redo.append(Step("insert", "attribute_values", value_id, tuple(new.items())))
            undo.append(Step("delete", "attribute_values", value_id))
        elif value is None:
            table.delete_value(row["id"])
            redo.append(Step("delete", "attribute_values", row["id"]))
            undo.append(Step("insert", "attribute_values", row["id"], _values(row)))
        else:
            table.update_value(row["id"], value)
            redo.append(Step("update", "attribute_values", row["id"], (("value", value),)))
            undo.append(Step("update", "attribute_values", row["id"], (("value", row["value"]),)))

    def import_attributes(self, path: str | os.PathLike) -> AttributeImportReport:
        """Values from a CSV file: a first column `entity` (a name or an alias),
        `entity_id`, `article` (an id or a URL), `article_id` or `url`, then one column per
        attribute. Empty cells change nothing; rows naming nothing known are reported; a
        bad value stops the import with nothing written (one transaction, one undo step)."""
        rows = _read_csv(Path(path))
        header, body = rows[0], rows[1:]
        key = header[0].strip().lower()
        keys = {"entity": "entity", "entity_id": "entity", "article": "article"}
        keys |= {"article_id": "article", "url": "article"}
        if key not in keys:
            raise InvalidAttribute(
                f"{path}: the first column must be entity, entity_id, article, article_id "
                f"or url, not {header[0]!r}"
            )
        on = keys[key]
        columns = []
        for name in header[1:]:
            if not name.strip():
                raise InvalidAttribute(f"{path}: a column has no name")
            attribute = self.attribute(name.strip())
            if attribute.on != on:
                raise InvalidAttribute(
                    f"{path}: {attribute.name} is not an attribute of {_plural(on)}"
                )
            columns.append(attribute)
        plan: list[tuple[Attribute, int, str | None]] = []
        unknown: list[str] = []
        matched = 0
        for number, row in enumerate(body, start=2):
            if not any(cell.strip() for cell in row):
                continue
            ref = row[0].strip()
            try:
                owner = self._owner(key, ref)
            except (NotFound, InvalidAttribute) as e:
                unknown.append(f"row {number}: {e}")
                continue
            matched += 1
            for attribute, cell in zip(columns, row[1:], strict=False):
                if cell.strip():
                    try:
                        plan.append((attribute, owner, clean_value(attribute, cell)))
                    except InvalidAttribute as e:
                        raise InvalidAttribute(
                            f"{path}: row {number}, {e}; nothing was set"
                        ) from None
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            for attribute, owner, value in plan:
                self._set_one(attribute, owner, value, undo, redo)
        if redo:
            self._history.record(
                named("Import attributes", Path(path).name),
                list(reversed(undo)),
                redo,
                Changes(attributes=True),
            )
        return AttributeImportReport(matched, len(redo), tuple(unknown))

    def _owner(self, key: str, ref: str) -> int:
        if key == "entity_id":
            if not ref.isdigit() or self._store.entities.get(int(ref)) is None:
                raise NotFound(f"no entity with id {ref!r}")
            return int(ref)
        if key == "entity":
            return self.find_entity_ids(ref)[0]
        if key == "article_id" and not ref.isdigit():
            raise NotFound(f"no article with id {ref!r}")
        return self.find_article_id(ref)

    # -- statistics -------------------------------------------------------------------------

    def checked(self, scope: Scope | None) -> Scope | None:
        """The scope with its attribute filters checked and their values as stored."""
        if scope is None or not scope.attributes:
            return scope
        return _with_attributes(scope, self.check_filters(scope.attributes))

    def check_filters(self, filters: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        """Attribute filters with their attribute checked and their value as stored."""
        out = []
        for key, raw in filters:
            prefix, dot, name = key.strip().partition(".")
            prefix = prefix.lower()
            if not dot or prefix not in ("speaker", "entity", "article"):
                raise InvalidAttribute(
                    f"cannot filter by {key!r} (speaker.NAME, entity.NAME or article.NAME)"
                )
            attribute = self.attribute(name)
            if attribute.on != ("article" if prefix == "article" else "entity"):
                raise InvalidAttribute(
                    f"{attribute.name} is an attribute of {_plural(attribute.on)}"
                )
            value = clean_value(attribute, raw)
            if value is None:
                raise InvalidAttribute(f"{key}: give a value (NAME=VALUE)")
            out.append((f"{prefix}.{attribute.name}", value))
        return tuple(out)

    def grouped_statistic(self, name: str, by: list[str], scope: Scope | None = None) -> StatTable:
        """`speakers` (quotes) or `entities` (mentions) grouped by dimensions: source,
        language, month, year, the speaker (entity) itself or its type, `speaker.NAME`
        (`entity.NAME`) or `article.NAME` attributes."""
        from reader.store import attribute_stats

        if name not in attribute_stats.GROUPED:
            raise ReaderError(f"--by works with speakers and entities, not {name}")
        if not by:
            raise ReaderError("group by at least one dimension (--by)")
        scope = self.checked(scope) or Scope()
        definitions = {r["name"].lower(): r for r in self._store.attributes.definitions()}
        try:
            dims = [attribute_stats.dimension(s, name, definitions, k) for k, s in enumerate(by)]
        except ValueError as e:
            raise ReaderError(str(e)) from None
        columns, rows = attribute_stats.grouped(
            self._store.db, self._store.articles, name, dims, scope
        )
        return StatTable(name, columns, rows)


def _with_attributes(scope: Scope, attributes: tuple[tuple[str, str], ...]) -> Scope:
    import dataclasses

    return dataclasses.replace(scope, attributes=attributes)


def _plural(on: str) -> str:
    return "entities" if on == "entity" else "articles"


def _read_csv(path: Path) -> list[list[str]]:
    from reader.importers.decode import require_regular_file

    require_regular_file(path, InvalidAttribute)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidAttribute(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidAttribute(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    from reader.exporters.csv_safe import CsvError, read_rows

    try:
        rows = read_rows(text)
    except CsvError as e:
        raise InvalidAttribute(f"{path}: not a CSV file ({e})") from None
    if not rows or not rows[0]:
        raise InvalidAttribute(f"{path}: empty (a header row, then one row per entity or article)")
    return rows
