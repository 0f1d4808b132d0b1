"""Merging another coder's library into this one, a service of the `Library` facade.

The other file is opened read-only through the store (never read by Python while a
connection holds it: see reader/libfiles.py). Articles are matched by content hash,
then URL; articles missing here are added; marks keep their annotator (unless one is
given), origin and times; entities are matched by type and name, then alias, and what
cannot be decided (the same name with another type, an alias that names two entities)
is listed and kept apart, never guessed. One transaction for the whole merge and one
undo step of its marks, entities and labels (added articles stay, as after an import).
A mark already here (same article, kind, label, span, text and annotator) is skipped:
merging twice adds nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import LibraryError, MergeCancelled
from reader.model import Changes, MergeReport
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values

if TYPE_CHECKING:
    from reader.store import Store
    from reader.undo import History

ARTICLE_COLUMNS = (
    "title",
    "subtitle",
    "author",
    "source",
    "published",
    "language",
    "url",
    "sections",
    "excerpt",
    "footer",
    "markdown",
    "text",
    "blocks",
    "word_count",
    "content_hash",
    "source_path",
    "source_format",
    "encoding",
    "original",
)
MARK_COLUMNS = (
    "kind",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "note",
    "annotator",
    "created",
    "modified",
    "status",
    "origin",
    "speaker_start",
    "speaker_end",
    "cue",
    "quote_type",
)


class MergeService:
    def __init__(self, store: Store, history: History) -> None:
        self._store = store
        self._history = history

    def merge(
        self,
        path: str | os.PathLike,
        annotator: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> MergeReport:
        from reader.store import Store

        other = Store(Path(path), readonly=True, older_ok=True)
        try:
            if not {"articles", "annotations", "entities", "labels"} <= set(other.db.table_names()):
                raise LibraryError(f"{path}: not a Reader library; nothing was merged")
            return _Merge(self._store, self._history, other, annotator).run(
                str(path), progress, cancelled
            )
        finally:
            other.close()


class _Merge:
    """One merge: the maps from the other library's ids to this one's, and the steps."""

    def __init__(self, store: Store, history: History, other: Store, annotator: str | None) -> None:
        from reader.timestamps import utc_now

        self.store, self.history, self.other = store, history, other
        self.annotator = annotator
        self.now = utc_now()
        self.report = MergeReport()
        self.redo: list[Step] = []
        self.before: dict[int, Step] = {}  # redo index of an update -> the step undoing it
        self.entity_ids: dict[int, int] = {}
        self.article_ids: dict[int, int] = {}  # the other library's article ids -> ours
        self.touched: set[int] = set()
        self.marks: list[int] = []

    def run(
        self,
        name: str,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> MergeReport:
        total = self.other.articles.count()
        with self.store.atomic():
            self._labels()
            for row in self.other.entities.all():
                self._entity(row)
            for done, row in enumerate(self.other.articles.iter_all(), start=1):
                if cancelled is not None and cancelled():
                    raise MergeCancelled(f"merge of {name} cancelled; nothing was merged")
                self._article(row)
                if progress is not None:
                    progress(done, total)
            self._attributes()
        redo = self.redo
        changes = Changes(
            frozenset(self.touched),
            frozenset(self.marks),
            added=self.report.articles_added > 0,
            entities=any(s.table == "entities" for s in redo),
            labels=any(s.table == "labels" for s in redo),
            attributes=any(s.table in ("attributes", "attribute_values") for s in redo),
        )
        if redo:
            undo = [
                self.before.get(i) or Step("delete", s.table, s.row_id)
                for i, s in reversed(list(enumerate(redo)))
            ]
            self.history.record("Merge library", undo, redo, changes)
        else:
            self.history.announce(changes)
        return self.report

    # -- labels and entities ---------------------------------------------------------

    def _labels(self) -> None:
        have = {(r["name"], r["kind"]) for r in self.store.labels.all()}
        theirs = list(self.other.labels.all())
        wanted = [(r["name"], r["kind"], r["colour"]) for r in theirs]
        wanted += [(r["type"], "entity", None) for r in self.other.entities.all()]
        for name, kind, colour in wanted:
            if (name, kind) in have:
                continue
            position = sum(1 for r in self.store.labels.all() if r["kind"] == kind)
            values = {
                "name": name,
                "kind": kind,
                "colour": colour or "#cccccc",
                "shortcut": None,
                "position": position,
            }
            label_id = self.store.labels.insert(values)
            self.redo.append(Step("insert", "labels", label_id, _values(values)))
            have.add((name, kind))

    def _entity(self, row: dict[str, Any]) -> None:
        """Map one of the other library's entities onto one here (merging what it adds),
        or add it; a conflict is listed and the entity kept apart."""
        entities = self.store.entities
        name, type_ = row["name"], row["type"]
        aliases = [a for a in json.loads(row["aliases"] or "[]") if a != name]
        mine = entities.find(name, type_)
        if mine is None:
            found = entities.with_forms(type_, [name, *aliases])
            if len(found) == 1:
                mine = found[0]
            elif len(found) > 1:
                names = " and ".join(repr(f["name"]) for f in found)
                self.report.conflicts.append(
                    f"alias clash: {type_} {name!r} matches {names} here; kept apart"
                )
            else:
                types = [t for t in entities.types_named(name) if t != type_]
                if types:
                    self.report.conflicts.append(
                        f"same name, different type: {name!r} is {type_} there, "
                        f"{' and '.join(types)} here; kept apart"
                    )
        if mine is None:
            self.entity_ids[row["id"]] = self._add_entity(row, aliases)
            return
        self.entity_ids[row["id"]] = mine["id"]
        self.report.entities_merged += 1
        self._complete(mine, row, [name, *aliases] if mine["name"] != name else aliases)

    def _add_entity(self, row: dict[str, Any], aliases: list[str]) -> int:
        values = {
            "name": row["name"],
            "type": row["type"],
            "aliases": aliases,
            "wikidata": row["wikidata"],
            "note": row["note"],
            "created": row["created"] or self.now,
            "modified": row["modified"] or self.now,
        }
        entity_id = self.store.entities.insert(values)
        stored = self.store.entities.get(entity_id)
        self.redo.append(Step("insert", "entities", entity_id, _values(stored)))
        self.report.entities_added += 1
        return entity_id

    def _complete(self, mine: dict[str, Any], row: dict[str, Any], forms: list[str]) -> None:
        """Add to an entity here what the other library's adds: aliases no other entity
        of its type has, a Wikidata id or a note it lacks."""
        have = json.loads(mine["aliases"] or "[]")
        new_aliases = []
        for form in forms:
            if form == mine["name"] or form in have or form in new_aliases:
                continue
            found = self.store.entities.with_forms(mine["type"], [form])
            clash = [e for e in found if e["id"] != mine["id"]]
            if clash:
                self.report.conflicts.append(
                    f"alias clash: {mine['type']} {mine['name']!r}: {form!r} is "
                    f"{clash[0]['name']!r} here; not added"
                )
                continue
            new_aliases.append(form)
        new: dict[str, Any] = {}
        if new_aliases:
            new["aliases"] = json.dumps(have + new_aliases, ensure_ascii=False)
        for field in ("wikidata", "note"):
            theirs = row[field]
            if theirs and not mine[field]:
                new[field] = theirs
            elif field == "wikidata" and theirs and theirs != mine[field]:
                self.report.conflicts.append(
                    f"different Wikidata ids: {mine['type']} {mine['name']!r} is "
                    f"{mine[field]} here, {theirs} there; kept {mine[field]}"
                )
        if new:
            old = tuple((k, mine[k]) for k in new)
            self.before[len(self.redo)] = Step("update", "entities", mine["id"], old)
            self.store.annotations.apply(
                [Step("update", "entities", mine["id"], tuple(new.items()))]
            )
            self.redo.append(Step("update", "entities", mine["id"], tuple(new.items())))

    # -- attributes ----------------------------------------------------------------------

    def _attributes(self) -> None:
        """The other library's attribute definitions (added when missing here) and their
        values on the entities and articles merged; a definition of another kind or type,
        and a value that differs from the one here, are listed as conflicts (this
        library's kept)."""
        mine, theirs = self.store.attributes, self.other.attributes
        for d in theirs.definitions():
            here = mine.definition(d["name"])
            if here is None:
                values = {k: d[k] for k in ("name", "target", "type", "choices")}
                values["position"] = mine.next_position()
                attribute_id = mine.insert_definition(values)
                self.redo.append(Step("insert", "attributes", attribute_id, tuple(values.items())))
                here = {**values, "id": attribute_id}
            elif (here["target"], here["type"]) != (d["target"], d["type"]):
                self.report.conflicts.append(
                    f"attribute {d['name']!r} is a {d['type']} on {d['target']} there, a "
                    f"{here['type']} on {here['target']} here; its values not merged"
                )
                continue
            choices = set(json.loads(here["choices"] or "[]"))
            column = "entity_id" if d["target"] == "entity" else "article_id"
            ids = self.entity_ids if d["target"] == "entity" else self.article_ids
            for v in theirs.values_of_attribute(d["id"]):
                owner = ids.get(v[column])
                if owner is None:
                    continue
                have = mine.value_row(here["id"], column, owner)
                if have is not None:
                    if have["value"] != v["value"]:
                        self.report.conflicts.append(
                            f"attribute {d['name']!r} of {self._owner(column, owner)} is "
                            f"{have['value']!r} here, {v['value']!r} there; kept {have['value']!r}"
                        )
                    continue
                if here["type"] == "choice" and v["value"] not in choices:
                    self.report.conflicts.append(
                        f"attribute {d['name']!r} of {self._owner(column, owner)}: "
                        f"{v['value']!r} is not one of its choices here; not added"
                    )
                    continue
                values = {"attribute_id": here["id"], column: owner, "value": v["value"]}
                value_id = mine.insert_value(values)
                self.redo.append(
                    Step("insert", "attribute_values", value_id, tuple(values.items()))
                )
                self.report.attributes_added += 1

    def _owner(self, column: str, owner: int) -> str:
        if column == "entity_id":
            row = self.store.entities.get(owner)
            return f"{row['type']} {row['name']!r}" if row else f"entity {owner}"
        return f"article {owner}"

    # -- articles and marks --------------------------------------------------------------

    def _article(self, row: dict[str, Any]) -> None:
        articles = self.store.articles
        article_id = articles.id_for_hash(row["content_hash"])
        if article_id is None and row.get("url"):
            article_id = articles.id_for_url(row["url"])
        if article_id is None:
            values = {c: row.get(c) for c in ARTICLE_COLUMNS}
            values.update(imported_at=self.now, modified_at=self.now, read=0, starred=0)
            article_id = articles.insert(values)
            self.report.articles_added += 1
        else:
            self.report.articles_matched += 1
        self.article_ids[row["id"]] = article_id
        text = articles.text_of(article_id) or ""
        ids: dict[int, int] = {}  # the other library's mark ids -> ours
        added: list[tuple[int, dict[str, Any], int]] = []
        for mark in self.other.annotations.for_article(row["id"]):
            self._mark(article_id, text, mark, ids, added)
        for new_id, values, group in added:  # split quotes: the parts' group, mapped
            if group is not None:
                values["group_id"] = ids.get(group)
                self.store.annotations.update(new_id, {"group_id": values["group_id"]})
        for new_id, values, _ in added:
            self.redo.append(Step("insert", "annotations", new_id, _values(values)))

    def _mark(
        self,
        article_id: int,
        text: str,
        mark: dict[str, Any],
        ids: dict[int, int],
        grouped: list[tuple[int, dict[str, Any], int]],
    ) -> None:
        from reader.text.anchoring import Anchor, context, reanchor

        values = {c: mark.get(c) for c in MARK_COLUMNS}
        values["annotator"] = self.annotator or mark["annotator"]
        start, end, exact = mark["start"], mark["end"], mark["exact"]
        if text[start:end] != exact and mark["status"] == "ok":
            anchor = Anchor(start, end, exact, mark["prefix"] or "", mark["suffix"] or "")
            found = reanchor(anchor, text)
            if found is None:
                values["status"] = "orphaned"
                self.report.orphaned += 1
            else:
                shift = found.start - start
                values.update(start=found.start, end=found.end, exact=found.exact)
                values["prefix"], values["suffix"] = context(text, found.start, found.end)
                for key in ("speaker_start", "speaker_end"):
                    if values[key] is not None:
                        moved = values[key] + shift
                        values[key] = moved if 0 <= moved <= len(text) else None
        same = self.store.annotations.same_mark(
            article_id,
            values["kind"],
            values["label"],
            values["start"],
            values["end"],
            values["exact"],
            values["annotator"],
        )
        if same is not None:
            ids[mark["id"]] = same
            self.report.marks_already += 1
            return
        values["article_id"] = article_id
        values["entity_id"] = self.entity_ids.get(mark["entity_id"])
        values["speaker_id"] = self.entity_ids.get(mark["speaker_id"])
        values["group_id"] = None
        new_id = self.store.annotations.insert(values)
        ids[mark["id"]] = new_id
        grouped.append((new_id, values, mark["group_id"]))
        self.marks.append(new_id)
        self.touched.add(article_id)
        self.report.marks_added += 1
