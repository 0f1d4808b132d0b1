"""Quotes (or mentions) grouped by what the speaker (entity) or the article is: its
attributes, source, language, month (`reader stats speakers --by speaker.gender --by source`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from reader.model import Scope
from reader.store.articles import ArticleTable
from reader.store.attributes import owner_filter

QUOTE_KEY = "coalesce(n.group_id, n.id)"  # the parts of a split quote count once


@dataclass(frozen=True)
class Dimension:
    """One `--by`: its column name, what it shows, what it groups by, and the join it needs."""

    column: str
    shown: str
    key: str
    join: str = ""


# statistic: (mark kind, entity column, role prefix, measure, unit of the entity count)
GROUPED = {
    "speakers": ("quote", "n.speaker_id", "speaker", f"count(DISTINCT {QUOTE_KEY})", "speakers"),
    "entities": ("entity", "n.entity_id", "entity", "count(*)", "entities"),
}
MEASURES = {"speakers": "quotes", "entities": "mentions"}


def dimension(
    spec: str, statistic: str, definitions: dict[str, dict[str, Any]], k: int
) -> Dimension:
    """The dimension `spec` names ("source", "month", "speaker.gender"...), or ValueError
    with the reason; `definitions` by lower-case name, `k` numbers its join."""
    role = GROUPED[statistic][2]
    spec = spec.strip()
    plain = {
        "source": Dimension("source", "coalesce(a.source, '')", "source_key(a.source)"),
        "language": Dimension("language", "coalesce(a.language, '')", "a.language"),
        "month": Dimension(
            "month", "coalesce(substr(a.published, 1, 7), '')", "substr(a.published, 1, 7)"
        ),
        "year": Dimension(
            "year", "coalesce(substr(a.published, 1, 4), '')", "substr(a.published, 1, 4)"
        ),
        role: Dimension(role, "e.name", "e.id"),
        f"{role}.type": Dimension(f"{role}_type", "e.type", "e.type"),
    }
    if spec.lower() in plain:
        return plain[spec.lower()]
    prefix, dot, name = spec.partition(".")
    if not dot or prefix.lower() not in (role, "article"):
        raise ValueError(
            f"cannot group {statistic} by {spec!r} (source, language, month, year, {role}, "
            f"{role}.type, {role}.ATTRIBUTE or article.ATTRIBUTE)"
        )
    d = definitions.get(name.lower())
    target = "article" if prefix.lower() == "article" else "entity"
    if d is None or d["target"] != target:
        raise ValueError(f"no {target} attribute named {name!r} (see `reader attributes list`)")
    owner, column = ("a.id", "article_id") if target == "article" else ("e.id", "entity_id")
    alias = f"g{k}"
    join = (
        f"LEFT JOIN attribute_values {alias} ON {alias}.attribute_id = {int(d['id'])} "
        f"AND {alias}.{column} = {owner}"
    )
    value = f"coalesce({alias}.value, '')"
    return Dimension(f"{prefix.lower()}_{d['name']}", value, value, join)


def grouped(
    db: sqlite_utils.Database,
    articles: ArticleTable,
    statistic: str,
    dims: list[Dimension],
    scope: Scope,
) -> tuple[tuple[str, ...], list[tuple]]:
    """Columns and rows: the dimensions, then the marks, their share of the group of the
    other dimensions (percent), the distinct speakers (entities), their share, articles."""
    kind, column, role, measure, unit = GROUPED[statistic]
    where, params = articles.scope_where(scope)
    for name, values in (
        ("kind", scope.kinds),
        ("label", scope.labels),
        ("annotator", scope.annotators),
    ):
        if values:
            where += f" AND n.{name} IN ({', '.join('?' * len(values))})"
            params = [*params, *values]
    mine, mine_params = owner_filter(scope.attributes, role, column)
    joins = " ".join(d.join for d in dims)
    base = f"""FROM annotations n JOIN entities e ON e.id = {column}
               JOIN articles a ON a.id = n.article_id {joins}
              WHERE n.kind = '{kind}' AND {where} AND {mine}"""
    base_params = [*params, *mine_params]

    def query(parts: list[Dimension]) -> list[tuple]:
        shown = "".join(f"{d.shown}, " for d in parts)
        group = f"GROUP BY {', '.join(d.key for d in parts)}" if parts else ""
        sql = f"""SELECT {shown}{measure}, count(DISTINCT e.id), count(DISTINCT n.article_id),
                         min(a.id) {base} {group}"""
        return [tuple(r) for r in db.execute(sql, base_params).fetchall()]

    rows = query(dims)
    if rows and rows[0][len(dims)] == 0:  # no group at all: one row of zeros
        rows = []
    parents = {r[: len(dims) - 1]: r for r in query(dims[:-1])}
    out = []
    for r in rows:
        parent = parents.get(r[: len(dims) - 1])
        marks, entities, arts = r[len(dims) : len(dims) + 3]
        total_marks = parent[len(dims) - 1] if parent else marks
        total_entities = parent[len(dims)] if parent else entities
        out.append(
            (
                *r[: len(dims)],
                marks,
                round(100 * marks / total_marks, 1) if total_marks else 0.0,
                entities,
                round(100 * entities / total_entities, 1) if total_entities else 0.0,
                arts,
            )
        )
    out.sort(key=lambda r: tuple((v == "", v) for v in r[: len(dims)]))
    noun = MEASURES[statistic]
    columns = (*(d.column for d in dims), noun, f"{noun}_pct", unit, f"{unit}_pct", "articles")
    return columns, out
