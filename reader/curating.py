"""Curation, a service of the `Library` facade: settling coders' disagreements into one
curated set of marks, written under its own annotator name (`curated` by default).

The comparison itself is `reader.curation` (pure); here the marks are read, and the
chosen ones copied as the curator's: one transaction and one undo step per call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reader.curation import Unit, agreed_and_disagreed, units
from reader.errors import NotFound, ReaderError
from reader.model import Annotation, Changes, CurationReport, Scope
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values

if TYPE_CHECKING:
    from reader.annotating import MarksService
    from reader.store import Store
    from reader.undo import History

CURATED = "curated"
COPIED = (
    "kind",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "entity_id",
    "speaker_id",
    "speaker_start",
    "speaker_end",
    "cue",
    "quote_type",
)


class CurationService:
    def __init__(self, store: Store, history: History, marks: MarksService) -> None:
        self._store = store
        self._history = history
        self._marks = marks

    def annotators(self) -> list[str]:
        return self._store.annotations.annotator_names()

    def units(self, article_id: int, annotators: Sequence[str], into: str = CURATED) -> list[Unit]:
        coders = _coders(annotators, into)
        return units(article_id, self._marks.annotations(article_id), coders, into)

    def disagreements(
        self, article_id: int, annotators: Sequence[str], into: str = CURATED
    ) -> list[Unit]:
        """The article's units the coders disagree on, in text order, each with every
        coder's version and what the curator already wrote there."""
        return agreed_and_disagreed(self.units(article_id, annotators, into))[1]

    def curate_agreed(
        self,
        annotators: Sequence[str] | None = None,
        into: str = CURATED,
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> CurationReport:
        """Write once, as `into`, every mark all `annotators` agree on (every annotator
        but `into` when none are given), on the articles of the scope they all coded.
        A mark `into` already has is not written again. One undo step."""
        into = _name(into)
        names = annotators or [a for a in self.annotators() if a != into]
        coders = _coders(names, into)
        ids = self._store.annotations.articles_of_annotators(list(coders))
        if scope is not None and scope != Scope():
            inside = set(self._store.articles.ids_in_scope(scope))
            ids = [i for i in ids if i in inside]
        report = CurationReport(annotators=tuple(coders), into=into, articles=len(ids))
        chosen: list[Annotation] = []
        for article_id in ids:
            agreed, disagreed = agreed_and_disagreed(self.units(article_id, coders, into))
            report.agreed += len(agreed)
            report.disagreed += len(disagreed)
            chosen += [u.versions[0][1][0] for u in agreed]
        if not dry_run:
            written = self._copy(chosen, into, "Accept agreed marks")
            report.written = len(written)
        report.already = len(chosen) - report.written if not dry_run else 0
        return report

    def curate_marks(self, annotation_ids: Iterable[int], into: str = CURATED) -> list[Annotation]:
        """Copy these marks (one coder's version) as `into`'s: one undo step."""
        marks = [self._marks.annotation(i) for i in annotation_ids]
        return self._copy(marks, _name(into), "Take version")

    def _copy(self, marks: list[Annotation], into: str, name: str) -> list[Annotation]:
        from reader.timestamps import utc_now

        now = utc_now()
        redo: list[Step] = []
        written: list[Annotation] = []
        new_ids: dict[int, int] = {}  # copied mark -> its copy (quote parts' groups)
        groups: list[tuple[int, dict[str, Any], int]] = []
        table = self._store.annotations
        with self._store.atomic():
            for mark in marks:
                row = table.get(mark.id)
                if row is None:
                    raise NotFound(f"no annotation with id {mark.id}")
                same = table.same_mark(
                    row["article_id"],
                    row["kind"],
                    row["label"],
                    row["start"],
                    row["end"],
                    row["exact"],
                    into,
                )
                if same is not None:
                    new_ids[mark.id] = same
                    continue
                values = {"article_id": row["article_id"], **{c: row[c] for c in COPIED}}
                values.update(
                    annotator=into,
                    created=now,
                    modified=now,
                    status="ok",
                    origin="curated",
                    group_id=None,
                )
                new_id = table.insert(values)
                new_ids[mark.id] = new_id
                groups.append((new_id, values, row["group_id"]))
            for new_id, values, group in groups:
                if group is not None and group in new_ids:
                    values["group_id"] = new_ids[group]
                    table.update(new_id, {"group_id": values["group_id"]})
                redo.append(Step("insert", "annotations", new_id, _values(values)))
                written.append(self._marks.annotation(new_id))
        if redo:
            self._history.record(
                name,
                [Step("delete", "annotations", s.row_id) for s in reversed(redo)],
                redo,
                Changes(frozenset(a.article_id for a in written), frozenset(a.id for a in written)),
            )
        return written


def _name(into: str) -> str:
    name = (into or "").strip()
    if not name:
        raise ReaderError("the curated marks need an annotator name (--into)")
    return name


def _coders(annotators: Sequence[str], into: str) -> tuple[str, ...]:
    coders = tuple(dict.fromkeys(a.strip() for a in annotators if a and a.strip()))
    if into in coders:
        raise ReaderError(f"{into!r} is the curated set; choose the coders to compare")
    if len(coders) < 2:
        raise ReaderError("curation compares at least two annotators (--annotators A,B)")
    return coders
