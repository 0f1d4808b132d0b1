"""What the library's bulk operations report back (exports, imports of annotations,
codebooks and projects, merging, curation): plain dataclasses, re-exported by
`reader.model` so every layer imports them from there."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportOptions:
    """How `Library.export_annotations` writes: the CSV table and the CSV safety options."""

    table: str = "annotations"  # csv only: annotations | quotes | entities | mentions
    excel: bool = False  # csv: start with the UTF-8 byte-order mark Excel needs
    raw: bool = False  # csv: do not neutralise formula-like cells


@dataclass(frozen=True)
class ExportResult:
    format: str
    destination: str | None  # None: standard output
    count: int  # rows, annotations or articles written (see `unit`)
    unit: str  # "annotations", "quotes", "entities", "mentions" or "articles"
    notes: tuple[str, ...] = ()  # what the user must know (split cells, unaligned spans)

    def line(self) -> str:
        where = self.destination or "standard output"
        return "; ".join((f"exported {self.count} {self.unit} to {where}", *self.notes))


@dataclass
class AnnotationImportReport:
    """What `Library.import_annotations` did with one file."""

    added: int = 0
    merged: int = 0  # already there, and completed with what the file adds (a speaker…)
    duplicates: int = 0  # already in the library (same article, kind, label, span, text)
    entities_added: int = 0
    moved: int = 0  # found at other offsets than the file said (text differs)
    unmatched: list[str] = field(default_factory=list)  # "where: why", one per mark

    def line(self) -> str:
        return (
            f"imported {self.added} annotations, merged {self.merged}, "
            f"duplicates {self.duplicates}, "
            f"new entities {self.entities_added}, unmatched {len(self.unmatched)}"
        )


@dataclass
class CodebookImportReport:
    """What `Library.import_codebook` did: labels created, and labels updated (moved,
    recoloured or described anew)."""

    created: int = 0
    updated: int = 0

    def line(self) -> str:
        return f"imported the codebook: {self.created} labels created, {self.updated} updated"


@dataclass
class ProjectImportReport:
    """What `Library.import_project` did with one REFI-QDA project."""

    articles_added: int = 0
    articles_found: int = 0  # already in the library (same title and text)
    marks: AnnotationImportReport = field(default_factory=AnnotationImportReport)
    ignored: list[str] = field(default_factory=list)  # parts of the project not imported

    def line(self) -> str:
        return (
            f"imported {self.articles_added} articles ({self.articles_found} already there), "
            + self.marks.line().removeprefix("imported ")
            + f", parts not imported {len(self.ignored)}"
        )


@dataclass
class MergeReport:
    """What `Library.merge` did with another library."""

    articles_added: int = 0
    articles_matched: int = 0  # already here (same content hash, or same URL)
    marks_added: int = 0
    marks_already: int = 0  # the same mark by the same annotator was here
    orphaned: int = 0  # added as orphaned: not found in this library's text of the article
    entities_added: int = 0
    entities_merged: int = 0  # matched to one here by type and name or alias
    attributes_added: int = 0  # attribute values of merged entities and articles
    conflicts: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"articles added {self.articles_added} ({self.articles_matched} already here), "
            f"marks added {self.marks_added} ({self.marks_already} already here), "
            f"entities merged {self.entities_merged} (added {self.entities_added}), "
            + (f"attribute values added {self.attributes_added}, " if self.attributes_added else "")
            + f"conflicts {len(self.conflicts)}"
            + (f", orphaned {self.orphaned}" if self.orphaned else "")
        )


@dataclass
class CurationReport:
    """What `Library.curate_agreed` found and wrote."""

    annotators: tuple[str, ...] = ()
    into: str = "curated"
    articles: int = 0  # articles every chosen annotator coded (in the scope)
    agreed: int = 0  # units all of them marked alike
    disagreed: int = 0
    written: int = 0  # agreed marks written as `into`
    already: int = 0  # agreed marks `into` already had

    def line(self) -> str:
        return (
            f"{', '.join(self.annotators)} on {self.articles} articles: agreed {self.agreed}, "
            f"disagreed {self.disagreed}; written as {self.into} {self.written} "
            f"({self.already} already there)"
        )
