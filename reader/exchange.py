"""REFI-QDA exchange, a service of the `Library` facade: `.qdpx` projects and `.qdc`
codebooks.

The mapping is described in `reader.exporters.refi_qda`; reading another tool's
project in `reader.importers.refi_qda` and `reader.importers.refi_qda_marks`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ExportCancelled, ExportFailed, ImportFailed, NotFound, ReaderError
from reader.model import (
    Entity,
    ExportResult,
    ParsedArticle,
    ProjectImportReport,
    Scope,
)

if TYPE_CHECKING:
    from reader.annotating import LabelsService
    from reader.attributes import AttributesService
    from reader.codebook import CodebookService
    from reader.exporting import ExportsService
    from reader.importers.refi_qda import Source
    from reader.importing import ImportsService
    from reader.registry import RegistryService
    from reader.store import Store
    from reader.undo import History

PROJECT_FORMATS = ("qdpx",)
CODEBOOK_FORMATS = ("qdc",)


class _Entities(dict):
    """Entities by id, read from the library when first asked for."""

    def __init__(self, lookup: Callable[[int], Entity]) -> None:
        super().__init__()
        self.lookup = lookup

    def __missing__(self, entity_id: int) -> Entity:
        self[entity_id] = self.lookup(entity_id)
        return self[entity_id]


class ExchangeService:
    """REFI-QDA projects and codebooks out, projects in (through the imports and the
    exports services, so articles and marks are stored as every other import)."""

    def __init__(
        self,
        store: Store,
        history: History,
        labels: LabelsService,
        registry: RegistryService,
        imports: ImportsService,
        exports: ExportsService,
    ) -> None:
        self._store = store
        self._history = history
        self._labels = labels
        self._registry = registry
        self._imports = imports
        self._exports = exports
        self.codebook: CodebookService | None = None
        self.attributes: AttributesService | None = None  # Variables become attributes

    def export_project(
        self,
        fmt: str,
        destination: str | os.PathLike,
        name: str = "Reader",
        scope: Scope | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        """Write the scope's articles and their marks as a REFI-QDA project (`qdpx`).

        Orphaned marks are left out (their offsets no longer hold their text). Written
        to a temporary name and renamed: a failure or `ExportCancelled` leaves nothing.
        """
        from reader.exporters.atomic import atomic_binary_writer
        from reader.exporters.refi_qda import write_project
        from reader.timestamps import utc_now

        if fmt not in PROJECT_FORMATS:
            raise ExportFailed(f"unknown project format {fmt!r} (choose one of qdpx)")
        if destination is None or str(destination) == "-":
            raise ExportFailed("a qdpx project is a zip file: give one (-o FILE.qdpx)")
        scope = scope or Scope()
        total = self._store.exports.count_articles(scope) if progress else 0

        def tick(done: int) -> None:
            if cancelled is not None and cancelled():
                raise ExportCancelled("export cancelled; nothing was written")
            if progress is not None:
                progress(done, max(total, done))

        marked = self._exports._articles_with_marks(scope)
        entities = _Entities(self._registry.entity)
        for entity in self._registry.entities():
            entities[entity.id] = entity  # the codebook holds every entity
        labels = self._labels.labels()
        attributes = _attribute_values(self._store)
        with atomic_binary_writer(destination) as out:
            sources, count, orphaned = write_project(
                out, marked, labels, entities, name, utc_now(), tick, attributes
            )
        notes = [f"{sources} articles as text sources"]
        if orphaned:
            notes.append(f"{orphaned} orphaned annotations left out (their text is gone)")
        return ExportResult(fmt, str(destination), count, "annotations", tuple(notes))

    def export_codebook(self, fmt: str, destination: str | os.PathLike | None) -> ExportResult:
        """Write every label and entity as a REFI-QDA codebook (`qdc`), or to stdout."""
        import sys

        from reader.exporters.atomic import atomic_binary_writer
        from reader.exporters.refi_qda import codebook_xml

        if fmt not in CODEBOOK_FORMATS:
            raise ExportFailed(f"unknown codebook format {fmt!r} (choose one of qdc)")
        data, count = codebook_xml(self._labels.labels(), self._registry.entities())
        if destination is None or str(destination) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            where = None
        else:
            with atomic_binary_writer(destination) as out:
                out.write(data)
            where = str(destination)
        return ExportResult(fmt, where, count, "codes")

    def import_project(
        self, path: str | os.PathLike, annotator: str | None = None
    ) -> ProjectImportReport:
        """Add a REFI-QDA project (`.qdpx`) from Reader or another tool.

        Text sources become articles (one with the same title and text is reused),
        codes labels (entities for a project Reader wrote), codings marks; what Reader
        cannot hold is listed in the report's `ignored`. One transaction, one undo step
        (of the marks; articles stay, as after any import), one announcement.
        Importing the same project twice adds nothing. Marks keep their coder (the
        project's user), or take `annotator`.
        """
        from reader.importers.decode import require_regular_file
        from reader.importers.refi_qda import read_qdpx
        from reader.importers.refi_qda_marks import (
            project_codebook,
            project_entities,
            project_marks,
        )
        from reader.project_attributes import project_attributes

        require_regular_file(path)  # a FIFO or /dev/zero would never end the read
        project = read_qdpx(Path(path))
        report = ProjectImportReport(ignored=list(project.ignored))
        with self._history.group("Import project"):
            placed = []
            for source in project.sources:
                article = self._project_article(source, project.variables, report)
                if article is not None:
                    placed.append((source, article))
            marks = project_marks(project, placed, report.ignored)  # streamed into the store
            entities = project_entities(project)
            report.marks = self._exports._import_marks(marks, entities, annotator)
            if self.attributes is not None:
                project_attributes(project, placed, self._store, self.attributes, report.ignored)
            if self.codebook is not None:
                for entry in project_codebook(project):
                    try:
                        self.codebook.store_entry(entry)
                    except ReaderError as e:
                        report.ignored.append(f"{entry.where}: {e}")
        return report

    def _project_article(
        self, source: Source, variables: dict[str, str], report: ProjectImportReport
    ) -> dict[str, Any] | None:
        """The article a text source is: the stored one with the same title and text,
        else a new one made of its lines as paragraphs."""
        from reader.importers.meta import MAX_TITLE, short_title
        from reader.importing import content_hash
        from reader.model import ImportStatus
        from reader.text.canonical import paragraphs_to_markdown

        title = " ".join(source.name.split())
        title = short_title(title) if len(title) > MAX_TITLE else title
        articles = self._store.articles
        article_id = articles.id_for_hash(content_hash(title, source.text))
        if article_id is None:
            text = source.text.replace("\r\n", "\n").replace("\r", "\n")
            paragraphs = [line for line in text.split("\n") if line.strip()]
            meta = {variables.get(k, "").strip().lower(): v for k, v in source.variables.items()}
            parsed = ParsedArticle(
                title=title or "Untitled",
                markdown=paragraphs_to_markdown(paragraphs),
                paragraphs=paragraphs,
                source=meta.get("source"),
                published=meta.get("published"),
                language=meta.get("language"),
                author=meta.get("author"),
                url=meta.get("url"),
                source_format="qdpx",
            )
            try:
                status, article_id = self._imports.add_article(parsed)
            except ImportFailed as e:
                report.ignored.append(f"text source {source.name!r}: {e}")
                return None
            if status == ImportStatus.IMPORTED:
                report.articles_added += 1
            else:
                report.articles_found += 1
        else:
            report.articles_found += 1
        row = articles.get(article_id)
        if row is None:  # pragma: no cover - just stored in this transaction
            raise NotFound(f"no article with id {article_id}")
        return {k: row[k] for k in ("id", "title", "text", "content_hash")}


def _attribute_values(store: Store) -> Any:
    """The attributes and a look-up of an entity's or article's values, for a project."""
    from reader.attributes import defined

    return defined(store), store.attributes.values
