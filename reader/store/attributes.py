"""SQL for typed attributes (schema 11): their definitions (`attributes`) and one value per
attribute and entity or article (`attribute_values`); the scope's attribute filters; the
columns exports add."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

# How a filter or a group names where its attribute sits: the speaker of a quote, the
# entity a mark names (both entity attributes), or the article.
ROLES = {"speaker": "entity", "entity": "entity", "article": "article"}


class AttributeTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._available: bool | None = None

    @property
    def available(self) -> bool:
        """Whether the tables exist (a read-only library of an older schema has none)."""
        if self._available is None:
            self._available = "attributes" in self.db.table_names()
        return self._available

    # -- definitions ------------------------------------------------------------------

    def definitions(self) -> list[dict[str, Any]]:
        if not self.available:
            return []
        return list(self.db.query("SELECT * FROM attributes ORDER BY position, id"))

    def definition(self, name: str) -> dict[str, Any] | None:
        if not self.available:
            return None
        rows = list(self.db.query("SELECT * FROM attributes WHERE name = ?", [name]))
        return rows[0] if rows else None

    def insert_definition(self, row: dict[str, Any]) -> int:
        return self.db["attributes"].insert(row).last_pk

    def next_position(self) -> int:
        row = self.db.execute("SELECT coalesce(max(position), -1) + 1 FROM attributes").fetchone()
        return row[0]

    def delete_definition(self, attribute_id: int) -> None:
        self.db.execute("DELETE FROM attribute_values WHERE attribute_id = ?", [attribute_id])
        self.db["attributes"].delete(attribute_id)

    # -- values -----------------------------------------------------------------------

    def values_of_attribute(self, attribute_id: int) -> list[dict[str, Any]]:
        sql = "SELECT * FROM attribute_values WHERE attribute_id = ? ORDER BY id"
        return list(self.db.query(sql, [attribute_id]))

    def value_row(self, attribute_id: int, column: str, owner_id: int) -> dict[str, Any] | None:
        if column not in ("entity_id", "article_id"):
            raise ValueError(column)
        sql = f"SELECT * FROM attribute_values WHERE attribute_id = ? AND {column} = ?"
        rows = list(self.db.query(sql, [attribute_id, owner_id]))
        return rows[0] if rows else None

    def insert_value(self, row: dict[str, Any]) -> int:
        return self.db["attribute_values"].insert(row).last_pk

    def update_value(self, value_id: int, value: str) -> None:
        self.db["attribute_values"].update(value_id, {"value": value})

    def delete_value(self, value_id: int) -> None:
        self.db["attribute_values"].delete(value_id)

    def values(self, column: str, owner_id: int) -> dict[str, str]:
        """{attribute name: value} of one entity or article, in definition order."""
        if column not in ("entity_id", "article_id") or not self.available:
            return {}
        sql = f"""SELECT d.name, v.value FROM attribute_values v
                    JOIN attributes d ON d.id = v.attribute_id
                   WHERE v.{column} = ? ORDER BY d.position, d.id"""
        return {r[0]: r[1] for r in self.db.execute(sql, [owner_id]).fetchall()}

    def all_values(self, column: str) -> dict[int, dict[str, str]]:
        """{owner id: {attribute name: value}} of every entity (or article) with values."""
        if column not in ("entity_id", "article_id") or not self.available:
            return {}
        sql = f"""SELECT v.{column}, d.name, v.value FROM attribute_values v
                    JOIN attributes d ON d.id = v.attribute_id
                   WHERE v.{column} IS NOT NULL ORDER BY d.position, d.id"""
        out: dict[int, dict[str, str]] = {}
        for owner, name, value in self.db.execute(sql):
            out.setdefault(owner, {})[name] = value
        return out

    def values_for(self, column: str, owner_ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """{owner id: {attribute name: value}} for many entities or articles."""
        if column not in ("entity_id", "article_id") or not self.available:
            return {}
        sql = f"""SELECT v.{column}, d.name, v.value FROM attribute_values v
                    JOIN attributes d ON d.id = v.attribute_id
                   WHERE v.{column} IN (SELECT value FROM json_each(?))
                   ORDER BY d.position, d.id"""
        out: dict[int, dict[str, str]] = {}
        for owner, name, value in self.db.execute(sql, [json.dumps(list(owner_ids))]):
            out.setdefault(owner, {})[name] = value
        return out


def scope_clause(attributes: Iterable[tuple[str, str]], alias: str) -> tuple[str, list[Any]]:
    """The articles (`alias`) a scope's attribute filters keep: ("speaker.gender",
    "female") keeps articles quoting a speaker with that value, ("entity.party", "X")
    those naming such an entity, ("article.outlet_type", "tabloid") those with it."""
    clauses, params = [], []
    for key, value in attributes:
        role, _, name = key.partition(".")
        owners = (
            "SELECT v.{col} FROM attribute_values v JOIN attributes d ON d.id = v.attribute_id "
            "WHERE d.name = ? AND v.value = ?"
        )
        if role == "article":
            clauses.append(f"{alias}.id IN ({owners.format(col='article_id')})")
        else:
            column = "speaker_id" if role == "speaker" else "entity_id"
            kind = "quote" if role == "speaker" else "entity"
            clauses.append(
                f"EXISTS (SELECT 1 FROM annotations x WHERE x.article_id = {alias}.id "
                f"AND x.kind = '{kind}' AND x.{column} IN ({owners.format(col='entity_id')}))"
            )
        params += [name, value]
    return " AND ".join(clauses) or "1", params


def owner_filter(
    attributes: Iterable[tuple[str, str]], role: str, column: str
) -> tuple[str, list[Any]]:
    """The marks (`n`) whose entity (`column`: n.speaker_id or n.entity_id) has every
    filter value of this `role` ("speaker" or "entity"): the mark-level part of a filter."""
    clauses, params = [], []
    for key, value in attributes:
        prefix, _, name = key.partition(".")
        if prefix != role:
            continue
        clauses.append(
            f"{column} IN (SELECT v.entity_id FROM attribute_values v "
            "JOIN attributes d ON d.id = v.attribute_id WHERE d.name = ? AND v.value = ?)"
        )
        params += [name, value]
    return " AND ".join(clauses) or "1", params


def export_columns(definitions: list[dict[str, Any]], table: str) -> tuple[tuple[str, str], ...]:
    """(column name, SQL expression) of the attribute columns an annotation export adds:
    `speaker_<name>` (annotations, quotes), `entity_<name>` (annotations, mentions) and
    `article_<name>` (all), each a value or NULL."""
    roles = {
        "annotations": ("entity", "speaker", "article"),
        "quotes": ("speaker", "article"),
        "mentions": ("entity", "article"),
    }[table]
    owner = {"entity": "n.entity_id", "speaker": "n.speaker_id", "article": "a.id"}
    out = []
    for role in roles:
        target = ROLES[role]
        column = "article_id" if target == "article" else "entity_id"
        for d in definitions:
            if d["target"] == target:
                expr = (
                    f"(SELECT v.value FROM attribute_values v WHERE v.attribute_id = {int(d['id'])}"
                    f" AND v.{column} = {owner[role]})"
                )
                out.append((f"{role}_{d['name']}", expr))
    return tuple(out)


def json_columns() -> tuple[tuple[str, str], ...]:
    """The attribute objects JSON exports carry: `speaker_attributes`, `entity_attributes`
    and `article_attributes` (numbers as numbers, yes/no as true/false)."""
    value = (
        "CASE d.type WHEN 'number' THEN json(v.value) "
        "WHEN 'yes/no' THEN json(CASE v.value WHEN 'yes' THEN 'true' ELSE 'false' END) "
        "ELSE v.value END"
    )
    out = []
    for role, owner in (
        ("entity", "n.entity_id"),
        ("speaker", "n.speaker_id"),
        ("article", "a.id"),
    ):
        column = "article_id" if role == "article" else "entity_id"
        expr = (
            f"CASE WHEN {owner} IS NULL THEN NULL ELSE (SELECT json_group_object(d.name, {value}) "
            f"FROM (SELECT * FROM attribute_values WHERE {column} = {owner}) v "
            "JOIN attributes d ON d.id = v.attribute_id) END"
        )
        out.append((f"{role}_attributes", expr))
    return tuple(out)


def entities_named(db: sqlite_utils.Database, form: str) -> list[tuple[int, str, str]]:
    """(id, name, type) of the entities called `form` (any case), else of those with it
    as an alias."""
    rows = db.execute(
        "SELECT id, name, type FROM entities WHERE name = ? COLLATE NOCASE ORDER BY id", [form]
    ).fetchall()
    if not rows:
        rows = db.execute(
            """SELECT id, name, type FROM entities e WHERE EXISTS (SELECT 1 FROM
                 json_each(e.aliases) WHERE json_each.value = ? COLLATE NOCASE) ORDER BY id""",
            [form],
        ).fetchall()
    return [tuple(r) for r in rows]


def restore_steps(db: sqlite_utils.Database, entity_ids: Iterable[int]) -> list[Any]:
    """Steps that put back the attribute values of entities about to be deleted (their
    rows go with them), for the undo of the deletion or merge."""
    from reader.store.annotations import Step, row_values

    if "attribute_values" not in db.table_names():
        return []
    sql = """SELECT * FROM attribute_values
              WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY id"""
    return [
        Step("insert", "attribute_values", r["id"], row_values(r))
        for r in db.query(sql, [json.dumps(list(entity_ids))])
    ]
