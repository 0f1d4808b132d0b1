"""The codebook, a service of the `Library` facade: labels as a tree.

A label may have a parent label of the same kind ("Sources" over "Official", "Expert",
"Citizen"; any depth, never a cycle) and carries a definition, inclusion and exclusion
notes and an example. A mark carries one label, by name (names are unique per kind),
so moving a label in the tree never touches a mark; renaming and merging do (the marks
follow), each one undo step. Reading and writing codebook files is in
`reader.codebook_files`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound, ReaderError
from reader.model import Changes, CodebookImportReport, ExportResult, Label
from reader.store.annotations import Step
from reader.undo_names import named

if TYPE_CHECKING:
    from reader.annotating import LabelsService
    from reader.store import Store
    from reader.undo import History

DETAILS = ("definition", "inclusion", "exclusion", "example")
EDITABLE = {"colour", "shortcut", *DETAILS}
DEFAULT_COLOUR = "#cccccc"
CODEBOOK_FILE_FORMATS = ("qdc", "csv")
_COLOUR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")


def _checked_colour(colour: str | None) -> str | None:
    if colour is not None and not _COLOUR.match(colour):
        raise ReaderError(f"colour {colour!r} is not #rrggbb")
    return colour


# -- the tree (pure) ---------------------------------------------------------------------


def tree_order(labels: Iterable[Label]) -> list[tuple[Label, int]]:
    """Every label with its depth, parents before their children: roots by kind and
    position, children by position under their parent. A parent that is missing or of
    another kind makes a root."""
    labels = list(labels)
    by_id = {lb.id: lb for lb in labels}
    children: dict[int | None, list[Label]] = {}
    for lb in labels:
        parent = by_id.get(lb.parent_id) if lb.parent_id is not None else None
        key = parent.id if parent is not None and parent.kind == lb.kind else None
        children.setdefault(key, []).append(lb)
    out: list[tuple[Label, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        order = sorted(children.get(parent, []), key=lambda lb: (lb.kind, lb.position, lb.id))
        for lb in order:
            if lb.id not in seen:
                seen.add(lb.id)
                out.append((lb, depth))
                walk(lb.id, depth + 1)

    walk(None, 0)
    return out


def ancestors(labels: Iterable[Label], label: Label) -> list[Label]:
    """The label's parents, the root first (the label itself not included)."""
    by_id = {lb.id: lb for lb in labels}
    out: list[Label] = []
    current = by_id.get(label.parent_id) if label.parent_id is not None else None
    while current is not None and current.kind == label.kind and current not in out:
        out.insert(0, current)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return out


def descendants(labels: Iterable[Label], label_id: int) -> list[Label]:
    """The label's children, their children and so on, in tree order."""
    labels = list(labels)
    out: list[Label] = []
    wanted = {label_id}
    for lb, _ in tree_order(labels):
        if lb.parent_id in wanted and lb.id not in wanted:
            wanted.add(lb.id)
            out.append(lb)
    return out


def escape(name: str) -> str:
    return name.replace("\\", "\\\\").replace("/", "\\/")


def join_path(names: Iterable[str]) -> str:
    """Names as a path, `Sources/Official` (a / or \\ inside a name is escaped with \\)."""
    return "/".join(escape(n) for n in names)


def split_path(path: str) -> list[str]:
    """The names of a path written by `join_path`."""
    names, current, escaped = [], [], False
    for ch in path:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "/":
            names.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    names.append("".join(current).strip())
    return names


def label_path(labels: Iterable[Label], label: Label) -> str:
    return join_path([*(a.name for a in ancestors(labels, label)), label.name])


# -- the service ---------------------------------------------------------------------------


class CodebookService:
    """Adding, renaming, moving, merging and describing labels; one undo step each."""

    def __init__(self, store: Store, history: History, labels: LabelsService) -> None:
        self._store = store
        self._history = history
        self._labels = labels

    def _row(self, label_id: int) -> dict[str, Any]:
        row = self._store.labels.get(label_id)
        if row is None:
            raise NotFound(f"no label with id {label_id}")
        return row

    def _label(self, label_id: int) -> Label:
        for lb in self._labels.labels():
            if lb.id == label_id:
                return lb
        raise NotFound(f"no label with id {label_id}")

    def _next_position(self, kind: str) -> int:
        """After every label of the kind (a new or moved label comes last among its
        siblings)."""
        return max((lb.position for lb in self._labels.labels(kind)), default=-1) + 1

    @staticmethod
    def _name(name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ReaderError("a label needs a name")
        return name

    def _check_parent(self, kind: str, parent_id: int | None, label_id: int | None) -> None:
        if parent_id is None:
            return
        parent = self._row(parent_id)
        if parent["kind"] != kind:
            raise ReaderError(
                f"{parent['name']!r} is not a {kind} label: a parent is of the same kind"
            )
        if label_id is None:
            return
        if parent_id == label_id or parent_id in {
            d.id for d in descendants(self._labels.labels(), label_id)
        }:
            raise ReaderError(f"{parent['name']!r} is inside the label: that would be a cycle")

    # -- writes ---------------------------------------------------------------------------

    def add_code(
        self,
        name: str,
        kind: str,
        parent_id: int | None = None,
        colour: str | None = None,
        **details: str,
    ) -> Label:
        """A new label under `parent_id` (a label of the same kind, or None: a root)."""
        from reader.annotating import KINDS

        name = self._name(name)
        _checked_colour(colour)
        if kind not in KINDS:
            raise ReaderError(f"unknown kind {kind!r} (choose one of {', '.join(sorted(KINDS))})")
        if set(details) - set(DETAILS):
            raise ReaderError(f"a label has no {sorted(set(details) - set(DETAILS))[0]!r}")
        if any(lb.name == name and lb.kind == kind for lb in self._labels.labels()):
            raise ReaderError(f"there is already a {kind} label {name!r}")
        with self._store.atomic():
            self._check_parent(kind, parent_id, None)
            if colour is None and parent_id is not None:
                colour = self._row(parent_id)["colour"]
            values = {
                "name": name,
                "kind": kind,
                "colour": colour or DEFAULT_COLOUR,
                "shortcut": None,
                "position": self._next_position(kind),
                "parent_id": parent_id,
                **{k: details.get(k) or None for k in DETAILS},
            }
            label_id = self._store.labels.next_id()
            step = Step("insert", "labels", label_id, tuple(values.items()))
            self._store.annotations.apply([step])
        self._history.record(
            named("Add label", name),
            undo=[Step("delete", "labels", label_id)],
            redo=[step],
            changes=Changes(labels=True),
        )
        return self._label(label_id)

    def edit_label(self, label_id: int, **values: Any) -> None:
        """Change a label's colour, shortcut, definition, inclusion, exclusion or example."""
        if set(values) - EDITABLE:
            raise ReaderError(f"cannot change {', '.join(sorted(set(values) - EDITABLE))}")
        if "colour" in values and not _COLOUR.match(str(values["colour"])):
            raise ReaderError(f"colour {values['colour']!r} is not #rrggbb")
        values = {k: (v or None) if k != "colour" else v for k, v in values.items()}
        with self._store.atomic():
            old = self._row(label_id)
            values = {k: v for k, v in values.items() if old[k] != v}
            if not values:
                return
            before = tuple((k, old[k]) for k in values)
            step = Step("update", "labels", label_id, tuple(values.items()))
            self._store.annotations.apply([step])
        what = "colour" if set(values) == {"colour"} else "label"
        self._history.record(
            named(f"Edit {what}", old["name"]),
            undo=[Step("update", "labels", label_id, before)],
            redo=[step],
            changes=Changes(labels=True),
        )

    def move_label(self, label_id: int, parent_id: int | None) -> None:
        """Put the label (and its children) under another parent (None: a root)."""
        with self._store.atomic():
            old = self._row(label_id)
            if old["parent_id"] == parent_id:
                return
            self._check_parent(old["kind"], parent_id, label_id)
            position = self._next_position(old["kind"])
            new = (("parent_id", parent_id), ("position", position))
            step = Step("update", "labels", label_id, new)
            self._store.annotations.apply([step])
        self._history.record(
            named("Move label", old["name"]),
            undo=[
                Step(
                    "update",
                    "labels",
                    label_id,
                    (("parent_id", old["parent_id"]), ("position", old["position"])),
                )
            ],
            redo=[step],
            changes=Changes(labels=True),
        )

    def _relabel_steps(self, kind: str, old: str, new: str) -> tuple[list[Step], list[Step]]:
        """(redo, undo) steps that carry the marks (and, for an entity label, the
        entities' type) from one label name to another."""
        redo, undo = [], []
        for annotation_id, _ in self._store.annotations.with_label(kind, old):
            redo.append(Step("update", "annotations", annotation_id, (("label", new),)))
            undo.append(Step("update", "annotations", annotation_id, (("label", old),)))
        if kind == "entity":
            taken = {e["name"] for e in self._store.labels.entities_of_type(new)}
            for e in self._store.labels.entities_of_type(old):
                if e["name"] in taken:
                    raise ReaderError(
                        f"there is a {new} {e['name']!r} and a {old} {e['name']!r}: "
                        "merge the two entities first"
                    )
                redo.append(Step("update", "entities", e["id"], (("type", new),)))
                undo.append(Step("update", "entities", e["id"], (("type", old),)))
        return redo, undo

    @staticmethod
    def _changes(steps: list[Step], marks: dict[int, int]) -> Changes:
        annotations = frozenset(s.row_id for s in steps if s.table == "annotations")
        return Changes(
            frozenset(marks[i] for i in annotations),
            annotations,
            entities=any(s.table == "entities" for s in steps),
            labels=True,
        )

    def rename_label(self, label_id: int, name: str) -> None:
        """Rename a label; its marks (and entities, for an entity label) follow."""
        name = self._name(name)
        with self._store.atomic():
            old = self._row(label_id)
            if old["name"] == name:
                return
            if any(lb.name == name and lb.kind == old["kind"] for lb in self._labels.labels()):
                raise ReaderError(f"there is already a {old['kind']} label {name!r}")
            marks = dict(self._store.annotations.with_label(old["kind"], old["name"]))
            redo, undo = self._relabel_steps(old["kind"], old["name"], name)
            redo.insert(0, Step("update", "labels", label_id, (("name", name),)))
            undo.append(Step("update", "labels", label_id, (("name", old["name"]),)))
            self._store.annotations.apply(redo)
        self._history.record(
            named("Rename label", f"{old['name']} → {name}"),
            undo=undo,
            redo=redo,
            changes=self._changes(redo, marks),
        )

    def merge_labels(self, label_id: int, into_id: int) -> None:
        """Merge a label into another of its kind: its marks, entities and children
        move to the kept label, and it goes."""
        with self._store.atomic():
            gone, kept = self._row(label_id), self._row(into_id)
            if label_id == into_id:
                raise ReaderError("a label cannot be merged into itself")
            if gone["kind"] != kept["kind"]:
                raise ReaderError(
                    f"{gone['name']!r} is a {gone['kind']} label and {kept['name']!r} a "
                    f"{kept['kind']} label: only labels of one kind merge"
                )
            marks = dict(self._store.annotations.with_label(gone["kind"], gone["name"]))
            redo, undo = self._relabel_steps(gone["kind"], gone["name"], kept["name"])
            if into_id in {d.id for d in descendants(self._labels.labels(), label_id)}:
                # the kept label, inside the merged one, takes its place in the tree
                redo.append(Step("update", "labels", into_id, (("parent_id", gone["parent_id"]),)))
                undo.append(Step("update", "labels", into_id, (("parent_id", kept["parent_id"]),)))
            children = [lb for lb in self._labels.labels() if lb.parent_id == label_id]
            for child in children:
                if child.id != into_id:
                    redo.append(Step("update", "labels", child.id, (("parent_id", into_id),)))
                    undo.append(Step("update", "labels", child.id, (("parent_id", label_id),)))
            redo.append(Step("delete", "labels", label_id))
            undo.insert(0, Step("insert", "labels", label_id, tuple(gone.items())))
            self._store.annotations.apply(redo)
        self._history.record(
            named("Merge labels", f"{gone['name']} → {kept['name']}"),
            undo=undo,
            redo=redo,
            changes=self._changes(redo, marks),
        )

    # -- reads ---------------------------------------------------------------------------

    def label_family(self, names: Iterable[str]) -> tuple[str, ...]:
        """The names with every label under them (any kind), each once, in order."""
        labels = self._labels.labels()
        out: list[str] = []
        for name in names:
            if name not in out:
                out.append(name)
            for lb in labels:
                if lb.name == name:
                    out += [d.name for d in descendants(labels, lb.id) if d.name not in out]
        return tuple(out)

    def label_groups(self, names: Iterable[str]) -> dict[str, str]:
        """Every label under one of `names` -> that name (the parent it adds up to)."""
        labels = self._labels.labels()
        out: dict[str, str] = {}
        for name in names:
            for lb in labels:
                if lb.name == name:
                    for d in descendants(labels, lb.id):
                        out.setdefault(d.name, name)
        return out

    # -- files ---------------------------------------------------------------------------

    def export_labels(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        """The label tree as a REFI-QDA codebook (`qdc`) or CSV, to a file or stdout."""
        import sys

        from reader.codebook_files import codebook_csv
        from reader.exporters.atomic import atomic_binary_writer
        from reader.exporters.refi_qda import codebook_xml

        labels = self._labels.labels()
        if fmt == "qdc":
            data, count = codebook_xml(labels, ())
        elif fmt == "csv":
            data, count = codebook_csv(labels), len(labels)
        else:
            raise ReaderError(f"unknown codebook format {fmt!r} (choose one of qdc, csv)")
        if destination is None or str(destination) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            where = None
        else:
            with atomic_binary_writer(destination) as out:
                out.write(data)
            where = str(destination)
        return ExportResult(fmt, where, count, "codes" if fmt == "qdc" else "labels")

    def import_labels(self, fmt: str, source: str | os.PathLike) -> CodebookImportReport:
        """Create or update labels by path from a codebook file, in one transaction and
        one undo step. Any row that cannot be read or stored fails the whole import
        (each such row one line of the error), so nothing is half-written."""
        from reader.codebook_files import read_codebook
        from reader.errors import ImportFailed

        entries, problems = read_codebook(fmt, source)
        report = CodebookImportReport()
        with self._history.group(f"Import codebook {os.path.basename(str(source))}"):
            for entry in entries:
                try:
                    self._store_entry(entry, report)
                except ReaderError as e:
                    problems.append(f"{entry.where}: {e}")
            if problems:
                raise ImportFailed("\n".join(problems))
        return report

    def store_entry(self, entry: Any, report: CodebookImportReport | None = None) -> None:
        """Create or update one label by its path (a project's codebook, a file's row)."""
        self._store_entry(entry, report or CodebookImportReport())

    def _store_entry(self, entry: Any, report: CodebookImportReport) -> None:
        labels = self._labels.labels(entry.kind)
        parent_id: int | None = None
        for depth, name in enumerate(entry.names):
            last = depth == len(entry.names) - 1
            found = next((lb for lb in labels if lb.name == name), None)
            if found is None:
                details = {k: getattr(entry, k) for k in DETAILS} if last else {}
                colour = entry.colour if last else None
                found = self.add_code(name, entry.kind, parent_id, colour, **details)
                labels.append(found)
                report.created += 1
            else:
                changed = False
                if found.parent_id != parent_id:
                    self.move_label(found.id, parent_id)
                    changed = True
                if last:
                    values = {k: getattr(entry, k) for k in DETAILS}
                    if entry.colour:
                        values["colour"] = entry.colour
                    current = {k: getattr(found, k) or None for k in values}
                    if {k: v or None for k, v in values.items()} != current:
                        self.edit_label(found.id, **values)
                        changed = True
                report.updated += changed
                labels = self._labels.labels(entry.kind)
            parent_id = found.id
