"""Marks and labels, two services the `Library` facade composes.

Every method here that writes does so in one transaction, then hands the undo entry
and what changed to `History` (which announces it); nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound, ReaderError
from reader.model import Annotation, AnnotationKind, Changes, Label, ReanchorReport
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values
from reader.text.anchoring import Anchor, OffsetMap, context, reanchor, trim
from reader.undo_names import named

if TYPE_CHECKING:
    from reader.registry import RegistryService
    from reader.store import Store
    from reader.undo import History

_ANNOTATION_FIELDS = {f.name for f in fields(Annotation)}
EDITABLE = {
    "label",
    "note",
    "entity_id",
    "speaker_id",
    "speaker_start",
    "speaker_end",
    "cue",
    "quote_type",
    "group_id",
    "status",
    "kind",
}
KINDS = {k.value for k in AnnotationKind}


def _annotation(row: dict[str, Any]) -> Annotation:
    data = {k: row[k] for k in _ANNOTATION_FIELDS if k in row}
    data["exact"] = row["exact"]
    data["prefix"] = row.get("prefix") or ""
    data["suffix"] = row.get("suffix") or ""
    return Annotation(**data)


class LabelsService:
    """The labels marks are made with (entity types, quote and highlight labels)."""

    def __init__(self, store: Store, history: History) -> None:
        self._store = store
        self._history = history

    def labels(self, kind: str | None = None) -> list[Label]:
        rows = self._store.labels.all()
        return [
            Label(
                r["id"],
                r["name"],
                r["kind"],
                r["colour"] or "#cccccc",
                r["shortcut"],
                r["position"] or 0,
                r.get("parent_id"),
                *(r.get(k) or "" for k in ("definition", "inclusion", "exclusion", "example")),
            )
            for r in rows
            if kind is None or r["kind"] == kind
        ]

    def add_label(self, name: str, kind: str, colour: str, shortcut: str | None = None) -> Label:
        name = name.strip()
        if not name:
            raise ReaderError("a label needs a name")
        if kind not in KINDS:
            raise ReaderError(f"unknown kind {kind!r} (choose one of {', '.join(sorted(KINDS))})")
        if any(lb.name == name and lb.kind == kind for lb in self.labels()):
            raise ReaderError(f"there is already a {kind} label {name!r}")
        position = len(self.labels(kind))
        with self._store.atomic():
            label_id = self._store.labels.insert(
                {
                    "name": name,
                    "kind": kind,
                    "colour": colour,
                    "shortcut": shortcut,
                    "position": position,
                }
            )
        self._history.announce(Changes(labels=True))
        return Label(label_id, name, kind, colour, shortcut, position)

    def update_label(self, label_id: int, **values: Any) -> None:
        allowed = {"name", "colour", "shortcut", "position"}
        if set(values) - allowed:
            raise ReaderError(f"cannot change {', '.join(sorted(set(values) - allowed))}")
        with self._store.atomic():
            old = self._store.annotations.row("labels", label_id)
            if old is None:
                raise NotFound(f"no label with id {label_id}")
            self._store.annotations.apply(
                [Step("update", "labels", label_id, tuple(values.items()))]
            )
            marks: list[tuple[int, int]] = []
            renamed = "name" in values and values["name"] != old["name"]
            if renamed:
                marks = self._store.annotations.with_label(old["kind"], old["name"])
                self._store.annotations.relabel(old["kind"], old["name"], values["name"])
        self._history.announce(
            Changes(
                frozenset(a for _, a in marks),
                frozenset(i for i, _ in marks),
                labels=True,
                entities=renamed and old["kind"] == "entity",
            )
        )


class MarksService:
    """Reading and writing an article's marks; re-anchoring them on a new text."""

    def __init__(
        self,
        store: Store,
        history: History,
        registry: RegistryService,
        annotator: Callable[[], str | None],
    ) -> None:
        self._store = store
        self._history = history
        self._registry = registry
        self._annotator = annotator

    # -- reading ------------------------------------------------------------------

    def annotations(
        self, article_id: int, between: tuple[int, int] | None = None
    ) -> list[Annotation]:
        """The article's annotations in text order, the invariant checked; with
        `between` (start, end) code points, only those overlapping text[start:end].

        An annotation whose offsets no longer hold its exact text is returned as
        `orphaned` (it is never dropped).
        """
        text = self._store.articles.text_of(article_id)
        if text is None:
            raise NotFound(f"no article with id {article_id}")
        out = [Annotation(*r) for r in self._store.annotations.marks_of(article_id, between)]
        for a in out:
            if a.status == "ok" and text[a.start : a.end] != a.exact:
                a.status = "orphaned"
        return out

    def annotation(self, annotation_id: int) -> Annotation:
        row = self._store.annotations.get(annotation_id)
        if row is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        return _annotation(row)

    def trimmed(self, article_id: int, start: int, end: int) -> tuple[int, int]:
        """The range a mark of text[start:end] would get (surrounding whitespace off)."""
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return trim(row["text"], start, end)

    def count_annotations(self, article_id: int | None = None) -> int:
        """How many annotations the library (or one article) has."""
        return self._store.annotations.count(article_id)

    # -- writing --------------------------------------------------------------------

    def annotate(
        self,
        article_id: int,
        kind: str,
        start: int,
        end: int,
        label: str | None = None,
        note: str | None = None,
        origin: str = "manual",
        **extra: Any,
    ) -> Annotation:
        """Mark text[start:end] (code points; surrounding whitespace is trimmed)."""
        from reader.timestamps import utc_now

        if kind not in KINDS:
            raise ReaderError(f"unknown kind {kind!r} (choose one of {', '.join(sorted(KINDS))})")
        unknown = set(extra) - EDITABLE
        if unknown:
            raise ReaderError(f"unknown annotation field {sorted(unknown)[0]!r}")
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        text = row["text"]
        if not (0 <= start <= end <= len(text)):
            raise ReaderError(f"range {start}–{end} is outside the article (0–{len(text)})")
        start, end = trim(text, start, end)
        if start >= end:
            raise ReaderError("nothing selected (the selection is empty or only spaces)")
        if label is None:
            label = {"quote": "QUOTE", "highlight": "important"}.get(kind)
        prefix, suffix = context(text, start, end)
        now = utc_now()
        values = {
            "article_id": article_id,
            "kind": kind,
            "label": label,
            "start": start,
            "end": end,
            "exact": text[start:end],
            "prefix": prefix,
            "suffix": suffix,
            "note": note or None,
            "annotator": self._annotator(),
            "created": now,
            "modified": now,
            "status": "ok",
            "origin": origin,
            **extra,
        }
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            # Checked again inside the write transaction: the offsets must belong to the
            # stored text, even if another program re-extracted it a moment ago.
            if self._store.articles.text_of(article_id) != text:
                raise ReaderError("the article's text changed meanwhile; nothing was marked")
            if kind == "entity" and "entity_id" not in extra and label:
                values["entity_id"] = self._registry.link_entity(values["exact"], label, undo, redo)
            annotation_id = self._store.annotations.insert(values)
        name = {"quote": "Add quote", "highlight": "Highlight"}.get(kind, f"Tag {label}")
        self._history.record(
            named(name, values["exact"]),
            undo=[Step("delete", "annotations", annotation_id), *undo],
            redo=[*redo, Step("insert", "annotations", annotation_id, _values(values))],
            changes=Changes(
                frozenset({article_id}), frozenset({annotation_id}), entities=bool(redo)
            ),
        )
        return _annotation({"id": annotation_id, **values})

    def update_annotation(self, annotation_id: int, **values: Any) -> Annotation:
        """Change label, note, entity or quote fields of an annotation."""
        from reader.timestamps import utc_now

        unknown = set(values) - EDITABLE
        if unknown:
            raise ReaderError(f"cannot change {sorted(unknown)[0]!r} of an annotation")
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            old = self._store.annotations.get(annotation_id)
            if old is None:
                raise NotFound(f"no annotation with id {annotation_id}")
            new = dict(values, modified=utc_now())
            self._store.annotations.update(annotation_id, new)
            # an entity left without marks by this edit may go (see RegistryService)
            unlinked = {old[c] for c in ("entity_id", "speaker_id") if c in values} - {None}
            self._registry.drop_orphans(unlinked, undo, redo)
        before = tuple((k, old[k]) for k in new)
        what = "note" if set(values) == {"note"} else "label" if set(values) == {"label"} else ""
        self._history.record(
            named(f"Edit {what}".strip(), old["exact"]),
            undo=[*undo, Step("update", "annotations", annotation_id, before)],
            redo=[Step("update", "annotations", annotation_id, tuple(new.items())), *redo],
            changes=Changes(
                frozenset({old["article_id"]}), frozenset({annotation_id}), entities=bool(redo)
            ),
        )
        return self.annotation(annotation_id)

    def resize_annotation(self, annotation_id: int, start: int, end: int) -> Annotation:
        """Move a mark's ends to text[start:end] (code points; surrounding whitespace is
        trimmed): one undoable edit that keeps its label, entity, speaker and note."""
        from reader.timestamps import utc_now

        with self._store.atomic():
            old = self._store.annotations.get(annotation_id)
            if old is None:
                raise NotFound(f"no annotation with id {annotation_id}")
            text = self._store.articles.text_of(old["article_id"]) or ""
            if not (0 <= start < end <= len(text)):
                raise ReaderError(
                    f"range {start}–{end} is not a stretch of the article (0–{len(text)})"
                )
            start, end = trim(text, start, end)
            if start >= end:
                raise ReaderError("a mark cannot hold only spaces")
            if (start, end) == (old["start"], old["end"]) and old["status"] == "ok":
                return _annotation(old)
            prefix, suffix = context(text, start, end)
            new = {
                "start": start,
                "end": end,
                "exact": text[start:end],
                "prefix": prefix,
                "suffix": suffix,
                "status": "ok",
                "modified": utc_now(),
            }
            self._store.annotations.update(annotation_id, new)
        before = tuple((k, old[k]) for k in new)
        self._history.record(
            named(f"Resize {old['label'] or old['kind']}", new["exact"]),
            undo=[Step("update", "annotations", annotation_id, before)],
            redo=[Step("update", "annotations", annotation_id, tuple(new.items()))],
            changes=Changes(frozenset({old["article_id"]}), frozenset({annotation_id})),
        )
        return self.annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        """Delete a mark; an entity it created and nothing else uses goes with it."""
        undo: list[Step] = []
        redo: list[Step] = []
        with self._store.atomic():
            old = self._store.annotations.get(annotation_id)
            if old is None:
                raise NotFound(f"no annotation with id {annotation_id}")
            self._store.annotations.apply([Step("delete", "annotations", annotation_id)])
            linked = {old["entity_id"], old["speaker_id"]} - {None}
            self._registry.drop_orphans(linked, undo, redo)
        self._history.record(
            named(f"Delete {old['label'] or old['kind']}", old["exact"]),
            undo=[*undo, Step("insert", "annotations", annotation_id, _values(old))],
            redo=[Step("delete", "annotations", annotation_id), *redo],
            changes=Changes(
                frozenset({old["article_id"]}), frozenset({annotation_id}), entities=bool(redo)
            ),
        )

    # -- re-anchoring -------------------------------------------------------------------

    def reanchor(self, article_id: int, old_text: str, new_text: str) -> ReanchorReport:
        """Carry an article's annotations over to its new text (inside the caller's
        transaction). What cannot be found is marked orphaned, never dropped."""
        counts = {"same": 0, "moved": 0, "fuzzy": 0, "orphaned": 0}
        offsets = None
        for row in self._store.annotations.for_article(article_id):
            anchor = Anchor(
                row["start"], row["end"], row["exact"], row["prefix"] or "", row["suffix"] or ""
            )
            if offsets is None and new_text[anchor.start : anchor.end] != anchor.exact:
                offsets = OffsetMap(old_text, new_text)
            found = reanchor(anchor, new_text, offsets=offsets)
            if found is None:
                counts["orphaned"] += 1
                self._store.annotations.update(row["id"], {"status": "orphaned"})
                continue
            counts[found.how] += 1
            prefix, suffix = context(new_text, found.start, found.end)
            self._store.annotations.update(
                row["id"],
                {
                    "start": found.start,
                    "end": found.end,
                    "exact": found.exact,
                    "prefix": prefix,
                    "suffix": suffix,
                    "status": "ok",
                },
            )
        # Offsets changed under the undo history of this article: forget it.
        self._history.forget(article_ids=[article_id])
        return ReanchorReport(**counts)


def annotation_dict(a: Annotation) -> dict[str, Any]:
    """An annotation as the JSON the CLI prints (`text` is the exact string)."""
    d = asdict(a)
    d["text"] = d.pop("exact")
    order = [
        "id",
        "article_id",
        "kind",
        "label",
        "start",
        "end",
        "text",
        "note",
        "prefix",
        "suffix",
    ]
    return {k: d[k] for k in order} | {k: v for k, v in d.items() if k not in order}
