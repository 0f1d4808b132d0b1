"""What marks do to the entity registry: a new mention finds (or makes) its entity, an
entity a mark made goes with its last mark, and the one rule that finds (or makes) a
quote's speaker. Mixed into `RegistryService` (reader/registry.py), whose store,
history and entities these use; every step is part of the caller's undo step."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.model import Changes, Entity
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values

if TYPE_CHECKING:
    from reader.store import Store
    from reader.undo import History

SPEAKER_TYPES = ("PERSON", "ORG")


class MarkLinks:
    """The registry's side of making and deleting marks."""

    _store: Store
    _history: History
    entities: Callable[[], list[Entity]]  # RegistryService's

    def link_entity(self, exact: str, type_: str, undo: list[Step], redo: list[Step]) -> int:
        """The registry entity a new mention names, created if new (inside the caller's
        transaction; the steps to revert it are added to `undo` and `redo`).

        Found by name or alias; else a one-word person mention (`Lavrov`) joins the
        one person whose full name ends with it (`Sergey Lavrov`), as a new alias.
        """
        form = " ".join(exact.split())
        row = self._store.entities.find_by_form(form, type_)
        if row is not None:
            return row["id"]
        if type_ == "PERSON" and " " not in form:
            full = self._store.entities.with_last_name(form, type_)
            if len(full) == 1:
                row = full[0]
                aliases = json.loads(row["aliases"] or "[]")
                new = json.dumps([*aliases, form], ensure_ascii=False)
                step = Step("update", "entities", row["id"], (("aliases", new),))
                self._store.annotations.apply([step])
                redo.append(step)
                undo.append(Step("update", "entities", row["id"], (("aliases", row["aliases"]),)))
                return row["id"]
        return self._insert_made_by_mark(form, type_, undo, redo)

    def _insert_made_by_mark(
        self, name: str, type_: str, undo: list[Step], redo: list[Step]
    ) -> int:
        from reader.timestamps import utc_now

        # modified stays NULL: nobody edited it yet, so it may go with its last mark
        entity_id = self._store.entities.insert(
            {"name": name, "type": type_, "aliases": [], "created": utc_now(), "modified": None}
        )
        row = self._store.entities.get(entity_id)
        assert row is not None
        redo.append(Step("insert", "entities", entity_id, _values(row)))
        undo.append(Step("delete", "entities", entity_id))
        return entity_id

    def drop_orphans(self, entity_ids: Iterable[int], undo: list[Step], redo: list[Step]) -> None:
        """Delete (inside the caller's transaction) those of these entities that a mark
        created, nobody edited, and no mark or quote names any more."""
        for entity_id in sorted(set(entity_ids)):
            row = self._store.entities.get(entity_id)
            if row is None or row["modified"] is not None or row["wikidata"] or row["note"]:
                continue
            if self._store.annotations.is_linked(entity_id):
                continue
            step = Step("delete", "entities", entity_id)
            self._store.annotations.apply([step])
            redo.append(step)
            undo.insert(0, Step("insert", "entities", entity_id, _values(row)))

    def resolve_speaker(self, name: str) -> int:
        """The one speaker rule (review mode, the attribution form, the CLI): the person
        or organisation called `name` — by name, then alias; exactly, then ignoring
        case — else a new PERSON (one undo step, or part of the open group)."""
        name = " ".join(name.split())
        if not name:
            raise ReaderError("a speaker needs a name")
        speakers = [e for e in self.entities() if e.type in SPEAKER_TYPES]
        for same in (lambda a, b: a == b, lambda a, b: a.casefold() == b.casefold()):
            for e in speakers:
                if same(e.name, name):
                    return e.id
            for e in speakers:
                if any(same(alias, name) for alias in e.aliases):
                    return e.id
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            entity_id = self._insert_made_by_mark(name, "PERSON", undo, redo)
        self._history.record(f"Add entity {name}", undo, redo, Changes(entities=True))
        return entity_id
