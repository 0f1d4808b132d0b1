"""The entity registry, a service of the `Library` facade: canonical entities with
aliases, their mentions across the library, merging, tagging every occurrence, and the
one rule that finds (or makes) a quote's speaker.

Like the rest of the facade, every write is one transaction and one undo step.

An entity a mark created (`modified` is NULL: never edited since) goes when its last
mark or quote goes, in the same undo step, unless it has a Wikidata id or a note.
Every user edit (rename, aliases, Wikidata id, note, merge) sets `modified`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound, ReaderError
from reader.model import Changes, Entity, EntityMention, EntitySummary, Scope, TagReport
from reader.registry_marks import SPEAKER_TYPES, MarkLinks
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values
from reader.store.attributes import restore_steps
from reader.text.anchoring import context

if TYPE_CHECKING:
    from reader.annotating import LabelsService
    from reader.store import Store
    from reader.undo import History

__all__ = ["SPEAKER_TYPES", "EntityMention", "EntitySummary", "RegistryService", "TagReport"]


def _entity(row: dict[str, Any]) -> Entity:
    return Entity(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        aliases=json.loads(row["aliases"] or "[]"),
        wikidata=row["wikidata"],
        note=row["note"],
    )


class RegistryService(MarkLinks):
    """Entities: reading, editing, merging, tagging; the speaker rule; orphan clean-up."""

    def __init__(
        self,
        store: Store,
        history: History,
        labels: LabelsService,
        annotator: Callable[[], str | None],
    ) -> None:
        self._store = store
        self._history = history
        self._labels = labels
        self._annotator = annotator

    def _check_type(self, type_: str) -> None:
        types = [lb.name for lb in self._labels.labels("entity")]
        if type_ not in types:
            known = ", ".join(types)
            raise ReaderError(f"unknown entity type {type_!r} (choose one of {known})")

    def entity(self, entity_id: int) -> Entity:
        row = self._store.entities.get(entity_id)
        if row is None:
            raise NotFound(f"no entity with id {entity_id}")
        return _entity(row)

    def find_entity(self, name: str, type_: str) -> Entity | None:
        row = self._store.entities.find(name, type_)
        return _entity(row) if row else None

    def entities(self) -> list[Entity]:
        return [_entity(r) for r in self._store.entities.all()]

    def tag_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> TagReport:
        """Tag every occurrence of `name` and its aliases in the scope's articles.

        Matching is case-sensitive and on word boundaries (a name is never
        found inside a longer word); the longest form wins where forms overlap
        ("Sergey Lavrov" rather than "Lavrov" inside it). Occurrences that
        already carry an entity annotation are skipped. One undo step.
        """
        from reader.store.search import fts_indexable
        from reader.timestamps import utc_now

        name = " ".join(name.split())
        if not name:
            raise ReaderError("an entity needs a name")
        self._check_type(type_)
        forms = sorted(
            {name, *(" ".join(a.split()) for a in aliases if a.strip())}, key=len, reverse=True
        )
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
        fts = " OR ".join('"' + f.replace('"', '""') + '"' for f in forms)
        if not all(fts_indexable(f) for f in forms):
            fts = ""  # a form of emoji or symbols has no FTS token: scan the texts instead
        now = utc_now()
        if dry_run:
            planned, already, articles = self._plan_tags(pattern, fts, scope, type_, now)
            entity_row = self._store.entities.find(name, type_)
            return TagReport(
                entity_row["id"] if entity_row else None, len(articles), len(planned), already, True
            )

        undo: list[Step] = []
        redo: list[Step] = []
        # The texts, the marks already there and the entity are read inside the write
        # transaction: another program tagging (or re-extracting) at the same time then
        # either comes before or after, never in between (no mark twice, no stale offset).
        with self._store.atomic():
            planned, already, articles = self._plan_tags(pattern, fts, scope, type_, now)
            entity_row = self._store.entities.find(name, type_)
            if entity_row is None:
                entity_values = {
                    "name": name,
                    "type": type_,
                    "aliases": [f for f in forms if f != name],
                    "created": now,
                    "modified": now,
                }
                entity_id = self._store.entities.insert(entity_values)
                entity_row = self._store.entities.get(entity_id)
                redo.append(Step("insert", "entities", entity_id, _values(entity_row)))
            else:
                entity_id = entity_row["id"]
                merged = list(
                    dict.fromkeys(
                        json.loads(entity_row["aliases"] or "[]")
                        + [f for f in forms if f != entity_row["name"]]
                    )
                )
                if merged != json.loads(entity_row["aliases"] or "[]"):
                    step = Step(
                        "update",
                        "entities",
                        entity_id,
                        (("aliases", json.dumps(merged, ensure_ascii=False)),),
                    )
                    self._store.annotations.apply([step])
                    redo.append(step)
                    undo.append(
                        Step("update", "entities", entity_id, (("aliases", entity_row["aliases"]),))
                    )
            ids = []
            for values in planned:
                values["entity_id"] = entity_id
                annotation_id = self._store.annotations.insert(values)
                ids.append(annotation_id)
                redo.append(Step("insert", "annotations", annotation_id, _values(values)))
        undo = [Step("delete", "annotations", i) for i in reversed(ids)] + undo
        if redo and redo[0].table == "entities" and redo[0].op == "insert":
            undo.append(Step("delete", "entities", entity_id))
        if redo:
            self._history.record(
                f"Tag {name}",
                undo,
                redo,
                Changes(
                    frozenset(articles),
                    frozenset(ids),
                    entities=any(step.table == "entities" for step in redo),
                ),
            )
        return TagReport(entity_id, len(articles), len(planned), already, False)

    def _plan_tags(
        self, pattern: re.Pattern[str], fts: str, scope: Scope | None, type_: str, now: str
    ) -> tuple[list[dict[str, Any]], int, set[int]]:
        """The entity marks `tag_entity` would add, how many occurrences are already
        tagged, and the articles the new marks are in."""
        planned: list[dict[str, Any]] = []
        already = 0
        articles: set[int] = set()
        for article_id, text in list(self._store.articles.ids_matching(fts, scope or Scope())):
            existing = self._store.annotations.spans_of_kind(article_id, "entity")
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e, _ in existing):
                    already += 1
                    continue
                prefix, suffix = context(text, m.start(), m.end())
                planned.append(
                    {
                        "article_id": article_id,
                        "kind": "entity",
                        "label": type_,
                        "start": m.start(),
                        "end": m.end(),
                        "exact": m.group(),
                        "prefix": prefix,
                        "suffix": suffix,
                        "annotator": self._annotator(),
                        "created": now,
                        "modified": now,
                        "status": "ok",
                        "origin": "manual",
                    }
                )
                articles.add(article_id)
        return planned, already, articles

    def entity_summaries(self, type_: str | None = None) -> list[EntitySummary]:
        """Every entity (of a type) with its mention, article and quote counts, most
        mentioned first."""
        return [
            EntitySummary(_entity(r), r["mentions"], r["articles"], r["quotes"])
            for r in self._store.entities.summaries(type_)
        ]

    def create_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        wikidata: str | None = None,
        note: str | None = None,
    ) -> Entity:
        from reader.timestamps import utc_now

        name = " ".join(name.split())
        if not name:
            raise ReaderError("an entity needs a name")
        self._check_type(type_)
        now = utc_now()
        values = {
            "name": name,
            "type": type_,
            "aliases": _clean_aliases(aliases, name),
            "wikidata": _wikidata(wikidata),
            "note": note or None,
            "created": now,
            "modified": now,
        }
        with self._store.atomic():  # the check and the insert: one write transaction
            if self._store.entities.find(name, type_):
                raise ReaderError(f"there is already a {type_} entity {name!r}")
            entity_id = self._store.entities.insert(values)
            row = self._store.entities.get(entity_id)
        self._history.record(
            f"Add entity {name}",
            [Step("delete", "entities", entity_id)],
            [Step("insert", "entities", entity_id, _values(row))],
            Changes(entities=True),
        )
        return _entity(row)

    def update_entity(self, entity_id: int, **values: Any) -> Entity:
        """Rename, retype, set aliases, Wikidata id or note of an entity."""
        from reader.timestamps import utc_now

        allowed = {"name", "type", "aliases", "wikidata", "note"}
        if set(values) - allowed:
            raise ReaderError(f"cannot change {sorted(set(values) - allowed)[0]!r} of an entity")
        old = self._store.entities.get(entity_id)
        if old is None:
            raise NotFound(f"no entity with id {entity_id}")
        new: dict[str, Any] = {}
        if "name" in values:
            new["name"] = " ".join(str(values["name"]).split())
            if not new["name"]:
                raise ReaderError("an entity needs a name")
        if "type" in values:
            self._check_type(values["type"])
            new["type"] = values["type"]
        name = new.get("name", old["name"])
        aliases = values["aliases"] if "aliases" in values else json.loads(old["aliases"] or "[]")
        if isinstance(aliases, str):
            aliases = re.split(r"[;\n]", aliases)
        if name != old["name"]:
            # a rename keeps the old name as an alias: later mentions of it still match
            aliases = [*aliases, old["name"]]
        if "aliases" in values or name != old["name"]:
            new["aliases"] = json.dumps(_clean_aliases(aliases, name), ensure_ascii=False)
        if "wikidata" in values:
            new["wikidata"] = _wikidata(values["wikidata"])
        if "note" in values:
            new["note"] = values["note"] or None
        other = self._store.entities.find(name, new.get("type", old["type"]))
        if other and other["id"] != entity_id:
            raise ReaderError(f"there is already an entity {name!r}; merge the two instead")
        new["modified"] = utc_now()
        step = Step("update", "entities", entity_id, tuple(new.items()))
        with self._store.atomic():
            self._store.annotations.apply([step])
        before = Step("update", "entities", entity_id, tuple((k, old[k]) for k in new))
        self._history.record(f"Edit entity {name}", [before], [step], Changes(entities=True))
        return self.entity(entity_id)

    def merge_entities(self, keep_id: int, other_id: int) -> Entity:
        """Merge `other` into `keep`: every mention and quote follows, the other's name and
        aliases become aliases of the kept entity, and the other is deleted."""
        from reader.timestamps import utc_now

        if keep_id == other_id:
            raise ReaderError("an entity cannot be merged with itself")
        keep = self._store.entities.get(keep_id)
        other = self._store.entities.get(other_id)
        if keep is None or other is None:
            raise NotFound(f"no entity with id {other_id if keep else keep_id}")
        aliases = _clean_aliases(
            json.loads(keep["aliases"] or "[]")
            + [other["name"]]
            + json.loads(other["aliases"] or "[]"),
            keep["name"],
        )
        undo: list[Step] = []
        redo: list[Step] = []
        articles: set[int] = set()
        ids: set[int] = set()
        with self._store.atomic():
            for column in ("entity_id", "speaker_id"):
                for annotation_id, article_id in self._store.annotations.linked_to(
                    other_id, column
                ):
                    step = Step("update", "annotations", annotation_id, ((column, keep_id),))
                    redo.append(step)
                    undo.append(Step("update", "annotations", annotation_id, ((column, other_id),)))
                    articles.add(article_id)
                    ids.add(annotation_id)
            new = {"aliases": json.dumps(aliases, ensure_ascii=False), "modified": utc_now()}
            if not keep["wikidata"] and other["wikidata"]:
                new["wikidata"] = other["wikidata"]
            if other["note"]:
                new["note"] = "\n".join(n for n in (keep["note"], other["note"]) if n)
            redo.append(Step("update", "entities", keep_id, tuple(new.items())))
            undo.append(Step("update", "entities", keep_id, tuple((k, keep[k]) for k in new)))
            redo.append(Step("delete", "entities", other_id))
            kept = restore_steps(self._store.db, [other_id])  # its attribute values
            self._store.annotations.apply(redo)
        undo = [Step("insert", "entities", other_id, _values(other)), *kept, *undo]
        self._history.record(
            f"Merge {other['name']} into {keep['name']}",
            undo,
            redo,
            Changes(frozenset(articles), frozenset(ids), entities=True, attributes=bool(kept)),
        )
        return self.entity(keep_id)

    def delete_entity(self, entity_id: int) -> None:
        """Delete an entity; its mentions stay as annotations, unlinked."""
        self.delete_entities([entity_id])

    def delete_entities(self, entity_ids: Iterable[int]) -> int:
        """Delete entities (the Entities window's bulk delete) as one undo step; their
        mentions stay as annotations, unlinked. Returns how many were deleted."""
        ids = list(dict.fromkeys(entity_ids))
        olds = []
        for entity_id in ids:
            old = self._store.entities.get(entity_id)
            if old is None:
                raise NotFound(f"no entity with id {entity_id}")
            olds.append(old)
        if not olds:
            return 0
        redo: list[Step] = []
        undo: list[Step] = []
        articles: set[int] = set()
        marks: set[int] = set()
        with self._store.atomic():
            for entity_id in ids:
                for column in ("entity_id", "speaker_id"):
                    for annotation_id, article_id in self._store.annotations.linked_to(
                        entity_id, column
                    ):
                        redo.append(Step("update", "annotations", annotation_id, ((column, None),)))
                        undo.append(
                            Step("update", "annotations", annotation_id, ((column, entity_id),))
                        )
                        articles.add(article_id)
                        marks.add(annotation_id)
                redo.append(Step("delete", "entities", entity_id))
            kept = restore_steps(self._store.db, ids)  # their attribute values
            self._store.annotations.apply(redo)
        undo = [Step("insert", "entities", o["id"], _values(o)) for o in olds] + kept + undo
        one = len(olds) == 1
        name = f"Delete entity {olds[0]['name']}" if one else f"Delete {len(olds)} entities"
        self._history.record(
            name,
            undo,
            redo,
            Changes(frozenset(articles), frozenset(marks), entities=True, attributes=bool(kept)),
        )
        return len(olds)

    def mentions(self, entity_id: int) -> list[EntityMention]:
        """Every mention of the entity and every quote it speaks, across the library."""
        if self._store.entities.get(entity_id) is None:
            raise NotFound(f"no entity with id {entity_id}")
        return [
            EntityMention(
                r["id"],
                r["article_id"],
                r["title"],
                r["kind"],
                r["role"],
                r["start"],
                r["end"],
                r["exact"],
            )
            for r in self._store.entities.mentions(entity_id)
        ]


def _clean_aliases(aliases: Any, name: str) -> list[str]:
    """Distinct, trimmed aliases in their given order, without the name itself."""
    if isinstance(aliases, str):
        aliases = re.split(r"[;\n]", aliases)
    out: list[str] = []
    for a in aliases or ():
        a = " ".join(str(a).split())
        if a and a != name and a not in out:
            out.append(a)
    return out


def _wikidata(value: str | None) -> str | None:
    """`Q1234`, or a Wikidata URL reduced to its id; anything else is refused."""
    if not value or not value.strip():
        return None
    m = re.search(r"(?:^|/)(Q[1-9]\d*)\s*$", value.strip())
    if not m:
        raise ReaderError(f"{value!r} is not a Wikidata id (like Q1234) or Wikidata URL")
    return m.group(1)
