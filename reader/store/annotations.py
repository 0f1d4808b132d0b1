"""SQL for annotations, labels and entities, and the generic row steps that undo replays."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import sqlite_utils

# articles: metadata updates; attributes and their values (reader/attributes.py)
TABLES = ("annotations", "entities", "labels", "articles", "attributes", "attribute_values")
TABLES += ("rejections",)  # rejected suggestions (reader/suggesting.py)


@dataclass(frozen=True)
class Step:
    """One row change; undo and redo are lists of steps replayed in one transaction."""

    op: Literal["insert", "delete", "update"]
    table: str
    row_id: int
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def row(self) -> dict[str, Any]:
        return dict(self.values)


def row_values(row: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A stored row as a step's values: every column but its id."""
    return tuple((k, v) for k, v in row.items() if k != "id")


# The fields of `Annotation` (reader/model.py) in their order, so that a row read as a
# tuple builds one positionally: a dict per row (and one per dataclass) was most of
# what opening an article with 2,000 marks cost. Missing prefixes and suffixes are "".
MARK_COLUMNS = (
    "id", "article_id", "kind", "start", "end", "exact", "label", "prefix", "suffix",
    "note", "annotator", "created", "modified", "status", "origin", "entity_id",
    "speaker_id", "speaker_start", "speaker_end", "cue", "quote_type", "group_id",
)  # fmt: skip
MARK_SELECT = tuple(
    f"coalesce({c}, '')" if c in ("prefix", "suffix") else f'"{c}"' for c in MARK_COLUMNS
)


class AnnotationTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> int:
        return self.db["annotations"].insert(row).last_pk

    def get(self, annotation_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM annotations WHERE id = ?", [annotation_id]))
        return rows[0] if rows else None

    def for_article(self, article_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                'SELECT * FROM annotations WHERE article_id = ? ORDER BY start, "end" DESC, id',
                [article_id],
            )
        )

    def marks_of(
        self, article_id: int, between: tuple[int, int] | None = None
    ) -> list[tuple[Any, ...]]:
        """The article's marks as tuples of MARK_COLUMNS, in text order; with `between`
        (start, end) only those overlapping text[start:end], found through
        idx_annotations_article_start (the first screen's few of thousands)."""
        sql = f"SELECT {', '.join(MARK_SELECT)} FROM annotations WHERE article_id = ?"
        args: list[Any] = [article_id]
        if between is not None:
            sql += ' AND start < ? AND "end" > ?'
            args += [between[1], between[0]]
        return self.db.execute(sql + ' ORDER BY start, "end" DESC, id', args).fetchall()

    def count(self, article_id: int | None = None) -> int:
        if article_id is None:
            return self.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
        sql = "SELECT count(*) FROM annotations WHERE article_id = ?"
        return self.db.execute(sql, [article_id]).fetchone()[0]

    def spans_of_kind(self, article_id: int, kind: str) -> list[tuple[int, int, int | None]]:
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                'SELECT start, "end", entity_id FROM annotations WHERE article_id = ? AND kind = ?',
                [article_id, kind],
            ).fetchall()
        ]

    def update(self, annotation_id: int, values: dict[str, Any]) -> None:
        self.db["annotations"].update(annotation_id, values)

    def same_mark(
        self,
        article_id: int,
        kind: str,
        label: str | None,
        start: int,
        end: int,
        exact: str,
        annotator: str | None,
    ) -> int | None:
        """The id of the stored mark with this article, kind, label, span, text and
        annotator (a merge's duplicate), if any."""
        row = self.db.execute(
            "SELECT id FROM annotations WHERE article_id = ? AND kind = ? AND label IS ? "
            'AND start = ? AND "end" = ? AND exact = ? AND annotator IS ? ORDER BY id LIMIT 1',
            [article_id, kind, label, start, end, exact, annotator],
        ).fetchone()
        return row[0] if row else None

    def by_annotators(self, article_id: int, annotators: list[str]) -> list[dict[str, Any]]:
        """The article's marks made by these annotators, in text order."""
        marks = ", ".join("?" * len(annotators))
        return list(
            self.db.query(
                f"SELECT * FROM annotations WHERE article_id = ? AND annotator IN ({marks}) "
                'ORDER BY start, "end" DESC, id',
                [article_id, *annotators],
            )
        )

    def articles_of_annotators(self, annotators: list[str]) -> list[int]:
        """Articles every one of these annotators marked, in id order."""
        marks = ", ".join("?" * len(annotators))
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT article_id FROM annotations WHERE annotator IN ({marks}) "
                "GROUP BY article_id HAVING count(DISTINCT annotator) = ? ORDER BY article_id",
                [*annotators, len(annotators)],
            ).fetchall()
        ]

    def annotator_names(self) -> list[str]:
        """Every annotator name on a mark, sorted."""
        sql = "SELECT DISTINCT annotator FROM annotations WHERE annotator IS NOT NULL ORDER BY 1"
        return [r[0] for r in self.db.execute(sql).fetchall()]

    def linked_to(self, entity_id: int, column: str) -> list[tuple[int, int]]:
        """(annotation id, article id) of the annotations whose entity or speaker it is."""
        if column not in ("entity_id", "speaker_id"):
            raise ValueError(column)
        sql = f"SELECT id, article_id FROM annotations WHERE {column} = ? ORDER BY id"
        return [(r[0], r[1]) for r in self.db.execute(sql, [entity_id]).fetchall()]

    def with_label(self, kind: str, label: str) -> list[tuple[int, int]]:
        """(annotation id, article id) of the annotations of a kind carrying a label."""
        sql = "SELECT id, article_id FROM annotations WHERE kind = ? AND label = ? ORDER BY id"
        return [(r[0], r[1]) for r in self.db.execute(sql, [kind, label]).fetchall()]

    def linked_entities(self, article_id: int) -> set[int]:
        """The entities an article's annotations name or quote."""
        sql = """SELECT entity_id FROM annotations WHERE article_id = ? AND entity_id IS NOT NULL
                 UNION SELECT speaker_id FROM annotations
                 WHERE article_id = ? AND speaker_id IS NOT NULL"""
        return {r[0] for r in self.db.execute(sql, [article_id, article_id]).fetchall()}

    def is_linked(self, entity_id: int) -> bool:
        """Whether any annotation names or quotes the entity."""
        sql = "SELECT 1 FROM annotations WHERE entity_id = ? OR speaker_id = ? LIMIT 1"
        return self.db.execute(sql, [entity_id, entity_id]).fetchone() is not None

    def relabel(self, kind: str, old: str, new: str) -> None:
        """Follow a label's rename (labels are stored by name on annotations and entities)."""
        self.db.execute(
            "UPDATE annotations SET label = ? WHERE label = ? AND kind = ?", [new, old, kind]
        )
        if kind == "entity":
            self.db.execute("UPDATE entities SET type = ? WHERE type = ?", [new, old])

    # -- generic steps (undo/redo) ---------------------------------------------

    def apply(self, steps: Iterable[Step]) -> None:
        for step in steps:
            if step.table not in TABLES:
                raise ValueError(step.table)
            table = self.db[step.table]
            if step.op == "insert":
                table.insert(dict(step.row, id=step.row_id))
            elif step.op == "delete":
                table.delete(step.row_id)
            else:
                table.update(step.row_id, step.row)
                if step.table == "articles":  # a metadata edit undone: no trigger can
                    from reader.store.spaceless import reindex  # split the new text

                    reindex(self.db, step.row_id)

    def row(self, table: str, row_id: int) -> dict[str, Any] | None:
        if table not in TABLES:
            raise ValueError(table)
        rows = list(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
        return rows[0] if rows else None


class LabelTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def all(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM labels ORDER BY kind, position, id"))

    def insert(self, row: dict[str, Any]) -> int:
        return self.db["labels"].insert(row).last_pk

    def get(self, label_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM labels WHERE id = ?", [label_id]))
        return rows[0] if rows else None

    def next_id(self) -> int:
        return (self.db.execute("SELECT max(id) FROM labels").fetchone()[0] or 0) + 1

    def entities_of_type(self, type_: str) -> list[dict[str, Any]]:
        """The registry's entities of a type (an entity label's name), by id."""
        return list(self.db.query("SELECT * FROM entities WHERE type = ? ORDER BY id", [type_]))


class EntityTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def find(self, name: str, type_: str) -> dict[str, Any] | None:
        rows = list(
            self.db.query("SELECT * FROM entities WHERE name = ? AND type = ?", [name, type_])
        )
        return rows[0] if rows else None

    def find_by_form(self, form: str, type_: str) -> dict[str, Any] | None:
        """The entity of this type whose name, or else one of whose aliases, is `form`."""
        rows = list(
            self.db.query(
                """SELECT * FROM entities e WHERE e.type = ? AND (e.name = ? OR EXISTS
                     (SELECT 1 FROM json_each(e.aliases) WHERE json_each.value = ?))
                   ORDER BY e.name = ? DESC, e.id LIMIT 1""",
                [type_, form, form, form],
            )
        )
        return rows[0] if rows else None

    def with_last_name(self, word: str, type_: str) -> list[dict[str, Any]]:
        """Entities of a type whose name's last word is `word` (case-sensitive)."""
        rows = self.db.query(
            "SELECT * FROM entities WHERE type = ? AND substr(name, -?) = ?",
            [type_, len(word) + 1, " " + word],
        )
        return list(rows)

    def with_forms(self, type_: str, forms: list[str]) -> list[dict[str, Any]]:
        """Entities of a type whose name or one of whose aliases is among `forms`."""
        sql = """SELECT * FROM entities e WHERE e.type = ? AND (e.name IN (SELECT value FROM
                   json_each(?)) OR EXISTS (SELECT 1 FROM json_each(e.aliases) a
                   WHERE a.value IN (SELECT value FROM json_each(?)))) ORDER BY e.id"""
        data = json.dumps(forms, ensure_ascii=False)
        return list(self.db.query(sql, [type_, data, data]))

    def types_named(self, name: str) -> list[str]:
        """The types of the entities called `name`."""
        sql = "SELECT type FROM entities WHERE name = ? ORDER BY type"
        return [r[0] for r in self.db.execute(sql, [name]).fetchall()]

    def get(self, entity_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM entities WHERE id = ?", [entity_id]))
        return rows[0] if rows else None

    def insert(self, row: dict[str, Any]) -> int:
        row = dict(row, aliases=json.dumps(row.get("aliases") or [], ensure_ascii=False))
        return self.db["entities"].insert(row).last_pk

    def all(self) -> Iterator[dict[str, Any]]:
        yield from self.db.query("SELECT * FROM entities ORDER BY type, name")

    def summaries(self, type_: str | None = None) -> list[dict[str, Any]]:
        where = "WHERE e.type = ?" if type_ else ""
        sql = f"""
            SELECT e.*,
              (SELECT count(*) FROM annotations n WHERE n.entity_id = e.id) AS mentions,
              (SELECT count(*) FROM annotations n WHERE n.speaker_id = e.id) AS quotes,
              (SELECT count(DISTINCT n.article_id) FROM annotations n
                 WHERE n.entity_id = e.id OR n.speaker_id = e.id) AS articles
            FROM entities e {where}
            ORDER BY mentions DESC, quotes DESC, e.name COLLATE NOCASE"""
        return list(self.db.query(sql, [type_] if type_ else []))

    def mentions(self, entity_id: int) -> list[dict[str, Any]]:
        sql = """
            SELECT n.id, n.article_id, a.title, n.kind, 'mention' AS role, n.start, n."end",
                   n.exact
              FROM annotations n JOIN articles a ON a.id = n.article_id
             WHERE n.entity_id = ?
            UNION ALL
            SELECT n.id, n.article_id, a.title, n.kind, 'speaker' AS role,
                   coalesce(n.speaker_start, n.start), coalesce(n.speaker_end, n."end"),
                   CASE WHEN n.speaker_start IS NOT NULL
                        THEN substr(a.text, n.speaker_start + 1, n.speaker_end - n.speaker_start)
                        ELSE n.exact END
              FROM annotations n JOIN articles a ON a.id = n.article_id
             WHERE n.speaker_id = ?
            ORDER BY 2, 6"""
        return list(self.db.query(sql, [entity_id, entity_id]))


class RejectionTable:
    """Rejected suggestions, one row each (written through undo steps too)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> int:
        return self.db["rejections"].insert(row).last_pk

    def for_article(self, article_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                'SELECT * FROM rejections WHERE article_id = ? ORDER BY start, "end", id',
                [article_id],
            )
        )
