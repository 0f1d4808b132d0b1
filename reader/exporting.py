"""Exports, a service of the `Library` facade: annotation exports in every format, and import back.

`export_annotations` is safe to call from a worker thread with a library opened
in that thread: it reports `progress(done, total)` and stops (writing nothing)
when `cancelled()` turns true.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ExportCancelled, ExportFailed, ImportFailed
from reader.model import (
    AnnotationImportReport,
    AnnotationKind,
    Changes,
    ExportOptions,
    ExportResult,
    Scope,
)
from reader.store.annotations import Step
from reader.store.annotations import row_values as _values

if TYPE_CHECKING:
    from reader.annotating import LabelsService
    from reader.exporters.records import EntityRef
    from reader.store import Store
    from reader.undo import History

FORMATS = ("xlsx", "csv", "jsonl", "w3c", "doccano", "markdown", "conll", "spacy")
# Formats written one article at a time (they count articles, not annotations).
BY_ARTICLE = ("doccano", "markdown", "conll", "spacy")
ExportProgress = Callable[[int, int], None]


class ExportsService:
    """Annotation exports in every format, and importing an export back (one undo step)."""

    def __init__(self, store: Store, history: History, labels: LabelsService) -> None:
        self._store = store
        self._history = history
        self._labels = labels

    # -- rows ----------------------------------------------------------------------------

    def annotation_rows(
        self, scope: Scope | None = None, table: str = "annotations"
    ) -> Iterator[dict[str, Any]]:
        """The scope's annotations as export rows (CSV column names), streamed.

        `table` is "annotations" (with extra keys: content_hash, entity_aliases,
        entity_wikidata, speaker_type, speaker_aliases, speaker_wikidata,
        speaker_start, speaker_end, group_id), "quotes", "mentions" or "entities".
        """
        scope = scope or Scope()
        if table == "entities":
            names, rows = self._store.exports.entity_rows(scope)
        else:
            names, rows = self._store.exports.annotation_rows(
                scope, table, extra=table == "annotations"
            )
        for row in rows:
            yield dict(zip(names, row, strict=True))

    def count_export(
        self, fmt: str, scope: Scope | None = None, options: ExportOptions | None = None
    ) -> int:
        """How many units (rows, or articles for doccano and markdown) an export writes."""
        scope = scope or Scope()
        options = options or ExportOptions()
        exports = self._store.exports
        if fmt in BY_ARTICLE:
            return exports.count_articles(scope)
        if fmt == "csv" and options.table == "entities":
            return sum(1 for _ in exports.entity_rows(scope)[1])
        return exports.count_annotations(scope, options.table if fmt == "csv" else "annotations")

    def _articles_with_marks(
        self, scope: Scope
    ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Each article of the scope with its annotations: a merge of two ordered cursors."""
        marks = self.annotation_rows(scope)
        pending = next(marks, None)
        for article in self._store.exports.article_rows(scope):
            mine = []
            while pending is not None and pending["article_id"] <= article["id"]:
                if pending["article_id"] == article["id"]:
                    mine.append(pending)
                pending = next(marks, None)
            yield article, mine

    # -- export ----------------------------------------------------------------------------

    def export_annotations(
        self,
        fmt: str,
        destination: str | os.PathLike | None,
        scope: Scope | None = None,
        options: ExportOptions | None = None,
        progress: ExportProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        """Write the scope's annotations in `fmt` to a file (a folder for markdown), or stdout.

        Files are written to a temporary name and renamed: an error or a
        cancellation (`ExportCancelled`) leaves nothing at `destination`.
        `progress(done, total)` is called every few thousand rows and at the end.
        """
        from reader.exporters import annotations_csv, doccano, jsonl, markdown, w3c
        from reader.exporters.atomic import atomic_text_writer

        if fmt not in FORMATS:
            raise ExportFailed(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
        scope = scope or Scope()
        options = options or ExportOptions()
        if options.table not in annotations_csv.TABLES:
            choices = ", ".join(annotations_csv.TABLES)
            raise ExportFailed(f"unknown table {options.table!r} (choose one of {choices})")
        total = self.count_export(fmt, scope, options) if progress else 0

        def tick(done: int) -> None:
            if cancelled is not None and cancelled():
                raise ExportCancelled("export cancelled; nothing was written")
            if progress is not None:
                progress(done, max(total, done))

        unit = "annotations"
        notes: tuple[str, ...] = ()
        if fmt == "xlsx":
            from reader.exporters.xlsx import write_workbook

            report = write_workbook(destination, self._xlsx_sheets(scope), tick)
            count = report.rows["annotations"]
            notes = (report.line(),) if report.split_cells else ()
        elif fmt == "markdown":
            if destination is None or str(destination) == "-":
                raise ExportFailed("markdown export needs a folder (-o FOLDER)")
            count = markdown.write_markdown(destination, self._articles_with_marks(scope), tick)
            unit = "articles"
        elif fmt in ("conll", "spacy"):
            count, notes = self._export_training(fmt, destination, scope, tick)
            unit = "articles"
        elif fmt == "doccano":
            kinds = scope.kinds or (AnnotationKind.ENTITY.value,)
            marked = self._articles_with_marks(dataclasses.replace(scope, kinds=kinds))
            with atomic_text_writer(destination) as out:
                count = doccano.write_doccano(out, marked, tick)
            unit = "articles"
        elif fmt == "csv":
            unit = options.table
            raw = options.raw
            if options.table == "entities":
                names, rows = self._store.exports.entity_rows(scope)
                with atomic_text_writer(destination, newline="") as out:
                    count = annotations_csv.write_table(
                        out, names, rows, raw=raw, excel=options.excel, tick=tick
                    )
            else:
                count = self._export_csv_lines(destination, scope, options, tick)
        elif fmt == "jsonl":
            with atomic_text_writer(destination) as out:
                count = jsonl.write_jsonl(out, self.annotation_rows(scope), tick)
        else:
            with atomic_text_writer(destination) as out:
                rows = self.annotation_rows(scope)
                text = self._store.exports.article_text
                count = w3c.write_collection(out, rows, text, tick=tick)
        if progress is not None:
            progress(count, count)
        where = None if destination is None or str(destination) == "-" else str(destination)
        return ExportResult(fmt, where, count, unit, notes)

    def _export_csv_lines(
        self, destination: Any, scope: Scope, options: ExportOptions, tick: Callable[[int], None]
    ) -> int:
        """An annotation table as CSV: each row one marked line from SQLite, made CSV by
        numpy (reader/exporters/csv_lines.py); the same bytes as the csv module writes."""
        from reader.exporters import csv_lines
        from reader.exporters.atomic import atomic_text_writer
        from reader.exporters.csv_safe import FORMULA_PREFIXES

        exports = self._store.exports
        names, text, lines = exports.annotation_lines(scope, options.table)
        neutralise = () if options.raw else FORMULA_PREFIXES

        def slow(ids: list[int]) -> Iterator[tuple]:
            # Rows whose values hold a marker byte: formula-like cells neutralised in SQL,
            # as the export did for every row before.
            return exports.annotation_rows(scope, options.table, neutralise=neutralise, ids=ids)[1]

        with atomic_text_writer(destination, newline="") as out:
            return csv_lines.write_lines(
                out,
                names,
                text,
                lines,
                slow,
                raw=options.raw,
                excel=options.excel,
                tick=tick,
                # Standard output has its own line ends on some systems: text goes through it.
                binary=out is not sys.stdout,
            )

    def _export_training(
        self, fmt: str, destination: Any, scope: Scope, tick: Callable[[int], None]
    ) -> tuple[int, tuple[str, ...]]:
        """CoNLL or spaCy NER training data: articles written, and what was left out."""
        from reader.exporters.atomic import atomic_path, atomic_text_writer
        from reader.exporters.conll import write_conll

        marked = self._articles_with_marks(dataclasses.replace(scope, kinds=("entity",)))
        if fmt == "conll":
            with atomic_text_writer(destination) as out:
                report = write_conll(out, marked, tick)
        else:
            from reader.exporters.spacy_docbin import write_docbin

            if destination is None or str(destination) == "-":
                raise ExportFailed("a spacy export needs a file (-o FILE.spacy)")
            data, report = write_docbin(marked, tick)
            with atomic_path(destination) as tmp:
                tmp.write_bytes(data)
        return report.articles, report.notes()

    def _xlsx_sheets(self, scope: Scope) -> list[Any]:
        """The workbook of an annotation export: one sheet per table, then the articles."""
        from reader.exporters.xlsx import Sheet
        from reader.store.exports import ENTITY_COLUMNS

        exports = self._store.exports
        sheets = [
            Sheet(table, names, partial(_rows, exports, scope, table))
            for table, names in (
                ("annotations", exports.annotation_columns("annotations")),
                ("quotes", exports.annotation_columns("quotes")),
                ("entities", ENTITY_COLUMNS),
                ("mentions", exports.annotation_columns("mentions")),
            )
        ]
        columns = [c for c in exports.article_columns() if c != "markdown"]

        def articles() -> Iterator[list[Any]]:
            for a in exports.article_rows(scope):
                yield [a[c] for c in columns]

        sheets.append(Sheet("articles", ["article_id", *columns[1:]], articles))
        return sheets

    # -- import back ---------------------------------------------------------------------------

    def import_annotations(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> AnnotationImportReport:
        """Add the annotations of a `jsonl` or `w3c` export to the matching articles.

        Articles are matched by content hash, then URL, then title; spans are found
        again by their selectors in the article's text; entities are merged by name
        and type. A mark already present (same article, kind, label, span, text and
        annotator) is skipped, so importing a file twice adds nothing. Marks keep the
        annotator the file names, or take `annotator`. One transaction, one undo step.
        Imported annotations have origin "imported".
        """
        from reader.exporters.jsonl import records_from_jsonl
        from reader.exporters.w3c import records_from_w3c
        from reader.importers.decode import require_regular_file
        from reader.libfiles import input_refusal

        p = Path(path)
        if (why := input_refusal(p)) is not None:
            raise ImportFailed(why)
        require_regular_file(p)  # a FIFO or /dev/zero would never end the read
        try:
            content = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise ImportFailed(f"{p}: cannot read ({getattr(e, 'strerror', None) or e})") from e
        try:
            data = json.loads(content)
        except ValueError:
            data = None
        except RecursionError:
            if not content.lstrip().startswith("{") or "\n" not in content.strip():
                raise ImportFailed(f"{p}: nested too deeply to be an annotation export") from None
            data = None  # JSON Lines: each line is read (and refused) on its own
        if isinstance(data, dict | list) and not (isinstance(data, dict) and "article" in data):
            marks: Any = records_from_w3c(data, p.name)
        elif content.lstrip().startswith("{"):
            marks = records_from_jsonl(content.splitlines(), p.name)
        else:
            raise ImportFailed(f"{p}: not a jsonl or w3c annotation export")
        return self._import_marks(marks, annotator=annotator)

    def _import_marks(
        self, marks: Any, entities: tuple[EntityRef, ...] = (), annotator: str | None = None
    ) -> AnnotationImportReport:
        """Store imported marks (and `entities` even if no mark names them): one
        transaction, one undo step."""
        from reader.text.anchoring import Anchor, context, reanchor
        from reader.timestamps import utc_now

        report = AnnotationImportReport()
        now = utc_now()
        redo: list[Step] = []
        before: dict[int, Step] = {}  # redo index of a merge -> the step that undoes it
        matches: dict[tuple, dict[str, Any] | None] = {}
        text_hashes: dict[str, list[int]] = {}
        groups: dict[str, int] = {}  # the file's quote groups -> the library's group ids
        touched: set[int] = set()
        ids: list[int] = []
        kinds = {k.value for k in AnnotationKind}
        exports = self._store.exports
        # Everything the import checks (labels, entities, marks already there, texts) is
        # read inside its write transaction: two imports at once are then one after the
        # other, never interleaved (no label created twice, no mark twice).
        with self._store.atomic():
            known_labels = {(lb.name, lb.kind) for lb in self._labels.labels()}
            for ref in entities:
                self._import_entity(ref, now, redo, report)
            for mark in marks:
                if isinstance(mark, str):
                    report.unmatched.append(mark)
                    continue
                key = (mark.content_hash, mark.url, mark.title, mark.text_hash, mark.urls)
                if key not in matches:
                    matches[key] = exports.match_article(*key, text_hashes=text_hashes)
                article = matches[key]
                if article is None:
                    report.unmatched.append(f"{mark.where}: no article matches {_show(mark.title)}")
                    continue
                if mark.kind not in kinds:
                    report.unmatched.append(f"{mark.where}: unknown kind {mark.kind!r}")
                    continue
                text = article["text"]
                exact = mark.exact
                if not exact and 0 <= mark.start < mark.end <= len(text):
                    exact = text[mark.start : mark.end]
                start = max(mark.start, 0)
                anchor = Anchor(start, max(mark.end, start), exact, mark.prefix, mark.suffix)
                found = reanchor(anchor, text) if exact else None
                if found is None:
                    report.unmatched.append(
                        f"{mark.where}: {_show(exact)} not found in article {article['id']}"
                    )
                    continue
                shift = found.start - mark.start if mark.start >= 0 else None
                who = annotator or mark.annotator
                same = exports.same_annotation(
                    article["id"], mark.kind, mark.label, found.start, found.end, found.exact, who
                )
                # An entity is made only where it is used: a new mark, or one lacking it.
                has = same or {}
                fields = {
                    "note": mark.note,
                    "entity_id": None
                    if has.get("entity_id") is not None
                    else self._import_entity(mark.entity, now, redo, report),
                    "speaker_id": None
                    if has.get("speaker_id") is not None
                    else self._import_entity(mark.speaker, now, redo, report),
                    "speaker_start": _shifted(mark.speaker_start, shift, len(text)),
                    "speaker_end": _shifted(mark.speaker_end, shift, len(text)),
                    "cue": mark.cue,
                    "quote_type": mark.quote_type,
                    "group_id": groups.get(mark.group) if mark.group else None,
                }
                if same is not None:
                    if mark.group and mark.group not in groups:
                        groups[mark.group] = same["group_id"] or same["id"]
                        fields["group_id"] = groups[mark.group]
                    # What the file adds to the stored mark (a speaker, a cue…) is merged in.
                    new = {k: v for k, v in fields.items() if v is not None and same[k] is None}
                    if not new:
                        report.duplicates += 1
                        continue
                    self._store.annotations.update(same["id"], new)
                    old = tuple((k, same[k]) for k in new)
                    before[len(redo)] = Step("update", "annotations", same["id"], old)
                    redo.append(Step("update", "annotations", same["id"], tuple(new.items())))
                    ids.append(same["id"])
                    touched.add(article["id"])
                    report.merged += 1
                    continue
                if found.how != "same":
                    report.moved += 1
                if mark.label and (mark.label, mark.kind) not in known_labels:
                    redo.append(self._import_label(mark.label, mark.kind, mark.label_colour))
                    known_labels.add((mark.label, mark.kind))
                values = {
                    "article_id": article["id"],
                    "kind": mark.kind,
                    "label": mark.label,
                    "start": found.start,
                    "end": found.end,
                    "exact": found.exact,
                    "prefix": context(text, found.start, found.end)[0],
                    "suffix": context(text, found.start, found.end)[1],
                    "annotator": who,
                    "created": mark.created or now,
                    "modified": now,
                    "status": "ok",
                    "origin": "imported",
                    **fields,
                }
                annotation_id = self._store.annotations.insert(values)
                if mark.group and mark.group not in groups:
                    # The first part met stands for the quote (as when Reader splits one).
                    groups[mark.group] = values["group_id"] = annotation_id
                    self._store.annotations.update(annotation_id, {"group_id": annotation_id})
                redo.append(Step("insert", "annotations", annotation_id, _values(values)))
                ids.append(annotation_id)
                touched.add(article["id"])
                report.added += 1
        if redo:
            undo = [
                before[i] if i in before else Step("delete", s.table, s.row_id)
                for i, s in reversed(list(enumerate(redo)))
            ]
            changes = Changes(
                frozenset(touched),
                frozenset(ids),
                entities=any(s.table == "entities" for s in redo),
                labels=any(s.table == "labels" for s in redo),
            )
            self._history.record("Import annotations", undo, redo, changes)
        return report

    def _import_label(self, name: str, kind: str, colour: str | None = None) -> Step:
        values = {"name": name, "kind": kind, "colour": colour or "#cccccc", "shortcut": None}
        values["position"] = sum(1 for r in self._store.labels.all() if r["kind"] == kind)
        label_id = self._store.labels.insert(values)
        return Step("insert", "labels", label_id, _values(values))

    def _import_entity(
        self, ref: EntityRef | None, now: str, redo: list[Step], report: AnnotationImportReport
    ) -> int | None:
        """The id of the entity with this name and type, created if the library lacks it."""
        if ref is None:
            return None
        row = self._store.entities.find(ref.name, ref.type)
        if row is not None:
            return row["id"]
        entity_id = self._store.entities.insert(
            {
                "name": ref.name,
                "type": ref.type,
                "aliases": list(ref.aliases),
                "wikidata": ref.wikidata,
                "created": now,
                "modified": now,
            }
        )
        redo.append(
            Step("insert", "entities", entity_id, _values(self._store.entities.get(entity_id)))
        )
        report.entities_added += 1
        return entity_id


def _rows(exports: Any, scope: Scope, table: str) -> Iterator[tuple]:
    """A table's rows for a workbook sheet."""
    if table == "entities":
        return exports.entity_rows(scope)[1]
    return exports.annotation_rows(scope, table)[1]


def _show(text: str | None) -> str:
    """A text for a one-line message: whitespace collapsed, cut at 60 characters."""
    flat = " ".join((text or "").split())
    return f'"{flat[:60]}…"' if len(flat) > 60 else f'"{flat}"'


def _shifted(offset: int | None, shift: int | None, length: int) -> int | None:
    if offset is None or shift is None:
        return None
    moved = offset + shift
    return moved if 0 <= moved <= length else None
