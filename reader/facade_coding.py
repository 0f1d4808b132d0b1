"""The facade's methods for the codebook (labels as a tree, reader/codebook.py) and
typed attributes on entities and articles (reader/attributes.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.model import (
    Annotation,
    Attribute,
    AttributeImportReport,
    CodebookImportReport,
    ExportResult,
    Label,
)

if TYPE_CHECKING:
    pass


class CodingMethods:
    """The codebook and attributes: one-line delegations, as in `Library`."""

    # -- the codebook: labels as a tree (reader/codebook.py) ----------------------------

    def add_code(
        self,
        name: str,
        kind: str,
        parent_id: int | None = None,
        colour: str | None = None,
        **details: str,
    ) -> Label:
        return self._codebook.add_code(name, kind, parent_id, colour, **details)

    def edit_label(self, label_id: int, **values: Any) -> None:
        self._codebook.edit_label(label_id, **values)

    def rename_label(self, label_id: int, name: str) -> None:
        self._codebook.rename_label(label_id, name)

    def move_label(self, label_id: int, parent_id: int | None) -> None:
        self._codebook.move_label(label_id, parent_id)

    def merge_labels(self, label_id: int, into_id: int) -> None:
        self._codebook.merge_labels(label_id, into_id)

    def label_family(self, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return self._codebook.label_family(names)

    def export_labels(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        return self._codebook.export_labels(fmt, destination)

    def import_codebook(self, fmt: str, source: str | os.PathLike) -> CodebookImportReport:
        return self._codebook.import_labels(fmt, source)

    def annotations(
        self, article_id: int, between: tuple[int, int] | None = None
    ) -> list[Annotation]:
        return self._marks.annotations(article_id, between)

    def annotation(self, annotation_id: int) -> Annotation:
        return self._marks.annotation(annotation_id)

    def trimmed(self, article_id: int, start: int, end: int) -> tuple[int, int]:
        return self._marks.trimmed(article_id, start, end)

    def count_annotations(self, article_id: int | None = None) -> int:
        return self._marks.count_annotations(article_id)

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
        return self._marks.annotate(article_id, kind, start, end, label, note, origin, **extra)

    def update_annotation(self, annotation_id: int, **values: Any) -> Annotation:
        return self._marks.update_annotation(annotation_id, **values)

    def resize_annotation(self, annotation_id: int, start: int, end: int) -> Annotation:
        return self._marks.resize_annotation(annotation_id, start, end)

    def delete_annotation(self, annotation_id: int) -> None:
        self._marks.delete_annotation(annotation_id)

    # -- attributes (reader/attributes.py) ----------------------------------------------

    def attributes(self, on: str | None = None) -> list[Attribute]:
        return self._attributes.attributes(on)

    def attribute(self, name: str) -> Attribute:
        return self._attributes.attribute(name)

    def define_attribute(
        self, name: str, on: str, type_: str, choices: Iterable[str] = ()
    ) -> Attribute:
        return self._attributes.define_attribute(name, on, type_, choices)

    def delete_attribute(self, name: str) -> int:
        return self._attributes.delete_attribute(name)

    def set_attribute(
        self, name: str, value: Any, entities: Iterable[int] = (), articles: Iterable[int] = ()
    ) -> int:
        return self._attributes.set_attribute(name, value, entities, articles)

    def attribute_values(
        self, entity_id: int | None = None, article_id: int | None = None
    ) -> dict[str, str]:
        return self._attributes.attribute_values(entity_id, article_id)

    def all_attribute_values(self, on: str) -> dict[int, dict[str, str]]:
        return self._attributes.all_attribute_values(on)

    def import_attributes(self, path: str | os.PathLike) -> AttributeImportReport:
        return self._attributes.import_attributes(path)

    def find_entity_ids(self, form: str) -> list[int]:
        return self._attributes.find_entity_ids(form)

    def find_article_id(self, ref: str) -> int:
        return self._attributes.find_article_id(ref)
