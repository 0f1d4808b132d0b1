"""Plain dataclasses shared by every layer. No storage, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Re-exported: every layer imports these from here, with the other dataclasses. What comes
# in (parsed articles, import and feed reports) and the reports of bulk operations live in
# their own modules, for the size of this file; they need nothing from it.
from reader.model_imports import (  # noqa: F401
    Feed,
    FeedUpdate,
    ImportOutcome,
    ImportStatus,
    ImportSummary,
    ParsedArticle,
    ReextractOutcome,
)
from reader.reports import (  # noqa: F401
    AnnotationImportReport,
    CodebookImportReport,
    CurationReport,
    ExportOptions,
    ExportResult,
    MergeReport,
    ProjectImportReport,
)


@dataclass
class Article:
    id: int
    title: str
    text: str
    markdown: str
    subtitle: str | None = None
    author: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    sections: list[str] = field(default_factory=list)
    excerpt: str | None = None
    footer: str | None = None
    word_count: int = 0
    content_hash: str = ""
    source_path: str | None = None
    source_format: str = "text"
    encoding: str | None = None  # codec the file was decoded with (None: pasted text)
    imported_at: str = ""
    read: bool = False
    starred: bool = False


@dataclass(frozen=True)
class ArticleSummary:
    """A row of the library list: never the text."""

    id: int
    title: str
    source: str | None
    published: str | None
    language: str | None
    annotation_count: int = 0
    read: bool = False
    starred: bool = False


@dataclass(frozen=True)
class Scope:
    """Which articles (and annotations) an operation covers: the library list, exports
    and statistics all take the same scope. Empty fields do not restrict."""

    query: str = ""  # full-text search (FTS5 syntax, or plain words)
    prefix: bool = False  # match the query's last word as a prefix (search as you type)
    notes: bool = False  # the query searches the notes on the marks, not the articles
    since: str | None = None  # published on or after (ISO date)
    until: str | None = None  # published on or before (ISO date)
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    has_annotations: bool | None = None
    article_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()  # annotation kinds (exports, statistics)
    labels: tuple[str, ...] = ()  # annotation labels (exports, statistics)
    # Articles that name or quote these entities (any of them; all with `all_entities`).
    # `entity_role` narrows it: "speaker" (quoted), "mention" (tagged), "" (either).
    entity_ids: tuple[int, ...] = ()
    all_entities: bool = False
    entity_role: str = ""
    # Attribute filters ("speaker.gender", "female"): articles quoting a speaker (naming an
    # entity, for "entity.") with that value, or whose own attribute ("article.") has it.
    attributes: tuple[tuple[str, str], ...] = ()
    feed_ids: tuple[int, ...] = ()  # articles these feeds brought (any of them)
    # Only these coders' work: the articles they marked (the list), their marks
    # (exports, statistics, the marks panel).
    annotators: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteHit:
    """A mark whose note matches a search (`reader search --notes`)."""

    annotation_id: int
    article_id: int
    title: str
    kind: str
    label: str | None
    exact: str
    note: str
    start: int


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    snippet: str
    rank: float
    source: str | None = None
    published: str | None = None


class AnnotationKind(StrEnum):
    QUOTE = "quote"
    ENTITY = "entity"
    HIGHLIGHT = "highlight"


@dataclass
class Annotation:
    """A mark on an article's text. Invariant: `article.text[start:end] == exact`
    while `status == "ok"`; an orphaned annotation keeps its last offsets and text."""

    id: int
    article_id: int
    kind: str
    start: int
    end: int
    exact: str
    label: str | None = None
    prefix: str = ""
    suffix: str = ""
    note: str | None = None
    annotator: str | None = None
    created: str = ""
    modified: str = ""
    status: str = "ok"  # ok | orphaned
    origin: str = "manual"  # manual | suggested | imported
    entity_id: int | None = None
    speaker_id: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    quote_type: str | None = None  # direct | indirect | mixed
    group_id: int | None = None


@dataclass(frozen=True)
class Label:
    id: int
    name: str
    kind: str  # entity | highlight | quote
    colour: str
    shortcut: str | None = None
    position: int = 0
    parent_id: int | None = None  # the codebook's tree (reader/codebook.py), same kind
    definition: str = ""
    inclusion: str = ""  # when to use it
    exclusion: str = ""  # when not to
    example: str = ""


@dataclass
class Entity:
    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Attribute:
    """A typed attribute defined in the library, on entities or on articles."""

    id: int
    name: str
    on: str  # entity | article
    type: str  # text | choice | number | date | yes/no
    choices: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class AttributeImportReport:
    """What `Library.import_attributes` did with one CSV file."""

    rows: int = 0  # rows that matched an entity or an article
    values: int = 0  # values set or changed
    unknown: tuple[str, ...] = ()  # "row 4: no entity named 'X'", one per row not matched

    def line(self) -> str:
        return f"set {self.values} values on {self.rows} rows, unknown rows {len(self.unknown)}"


@dataclass(frozen=True)
class Changes:
    """What one write of the library changed, announced after it committed: every view
    refreshes only what this names (see `Library.subscribe`)."""

    articles: frozenset[int] = frozenset()  # articles whose marks changed
    annotations: frozenset[int] = frozenset()  # the marks added, edited or removed
    flags: frozenset[int] = frozenset()  # articles whose read / starred flag changed
    removed: frozenset[int] = frozenset()  # articles deleted
    added: bool = False  # articles imported
    entities: bool = False  # the registry's rows (names, aliases, types, ids) changed
    labels: bool = False
    reset: bool = False  # anything may have changed: restore, re-extraction, another program
    metadata: frozenset[int] = frozenset()  # articles whose title, source, date... changed
    attributes: bool = False  # attribute definitions or values (reader/attributes.py) changed
    feeds: bool = False  # the feed subscriptions (names, addresses, last check) changed
    rejections: frozenset[int] = frozenset()  # articles whose rejected suggestions changed

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.annotations | other.annotations,
            self.flags | other.flags,
            self.removed | other.removed,
            self.added or other.added,
            self.entities or other.entities,
            self.labels or other.labels,
            self.reset or other.reset,
            self.metadata | other.metadata,
            self.attributes or other.attributes,
            self.feeds or other.feeds,
            self.rejections | other.rejections,
        )

    def __bool__(self) -> bool:
        return bool(
            self.articles
            or self.annotations
            or self.flags
            or self.removed
            or self.added
            or self.entities
            or self.labels
            or self.reset
            or self.metadata
            or self.attributes
            or self.feeds
            or self.rejections
        )

    def touches(self, article_id: int) -> bool:
        """Whether the marks (or the whole) of this article may have changed."""
        return self.reset or article_id in self.articles or article_id in self.removed


@dataclass(frozen=True)
class Rejection:
    """A suggestion the user rejected (`Library.reject_suggestion`): it is no longer
    suggested while the article's text holds `exact` at start–end."""

    id: int
    article_id: int
    kind: str  # "quote" or "entity"
    label: str | None
    start: int
    end: int
    exact: str
    created: str = ""


# -- the entity registry and annotating (reader/registry.py, reader/annotating.py) ----


@dataclass(frozen=True)
class TagReport:
    """What `tag_entity` found (and, unless a dry run, wrote)."""

    entity_id: int | None
    articles: int  # articles with at least one new mention
    mentions: int  # new mentions tagged
    already: int  # occurrences skipped because already tagged
    dry_run: bool


@dataclass(frozen=True)
class EntitySummary:
    """A row of the Entities panel."""

    entity: Entity
    mentions: int  # entity annotations linked to it
    articles: int  # articles where it is mentioned or quoted
    quotes: int  # quotes it is the speaker of


@dataclass(frozen=True)
class EntityMention:
    """One place in the library where an entity is named or quoted."""

    annotation_id: int
    article_id: int
    article_title: str
    kind: str
    role: str  # "mention" or "speaker"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ReanchorReport:
    """How an article's marks fared on its new text."""

    same: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0


@dataclass(frozen=True)
class StatTable:
    """One statistic: named columns and rows, ready for a table, a chart, CSV or JSON."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple]

    def dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


# --- Suggestions (reader/text/quotes.py, reader/text/names.py) ---------------------------
# Offsets are code points into an article's canonical text; every candidate's `text` is
# text[start:end].


@dataclass(frozen=True)
class Mention:
    """A known person mention: text[start:end] names `name`."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class KnownEntity:
    """An entity of the registry as the suggesters see it: its name, label and aliases."""

    name: str
    label: str  # PERSON, ORG, LOCATION, EVENT, DATE, MISC
    aliases: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class QuoteCandidate:
    """A suggested quote. `start:end` is the quoted content without the marks; for a quote
    split around its attribution or continued over paragraphs it runs from the first part's
    start to the last part's end, and `parts` holds each part's (start, end)."""

    start: int
    end: int
    text: str
    open_mark_start: int
    close_mark_end: int
    parts: tuple[tuple[int, int], ...]
    type: str = "direct"  # direct (inside marks); indirect and mixed are set by users
    speaker: str | None = None  # the name the speaker mention stands for (`Lavrov`)
    speaker_start: int | None = None  # the speaker mention: `Lavrov`, `diplomat itu`, `he`
    speaker_end: int | None = None
    speaker_entity_hint: str | None = None  # the fullest name in the text (`Sergey Lavrov`)
    cue: str | None = None  # `tambah`, `menurut`, `said`, `according to`
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 1.0  # that this is a quotation (low for short title-like ones)
    speaker_confidence: float = 0.0  # that `speaker` said it (0 when there is none)


@dataclass(frozen=True)
class EntityCandidate:
    """A suggested entity mention: a registry match (`source="registry"`, with the entity's
    name and id), a statistical model's (`model`: the shipped one; `library`: the one
    trained on this library's marks) or a rule's (`pattern` from the name rules, `rule`
    once combined with a model), with a confidence between 0 and 1."""

    text: str
    start: int
    end: int
    label: str  # PERSON, ORG, LOCATION, EVENT, DATE, MISC
    source: str  # registry | pattern
    entity: str | None = None  # the registry entity's name, for registry matches
    entity_id: int | None = None
    confidence: float = 1.0


# -- exporting annotations -------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """Overlapping marks of one kind on one article, by coder."""

    article_id: int
    kind: str
    start: int
    end: int
    versions: tuple[tuple[str, tuple[Annotation, ...]], ...]  # (coder, marks), coder order
    curated: tuple[Annotation, ...] = ()  # what the curator already wrote there

    def version(self, coder: str) -> tuple[Annotation, ...]:
        return dict(self.versions).get(coder, ())


def waiting_message(waited: float, limit: float) -> str:
    """What the command line and the window say while a write waits for another program."""
    return (
        f"waiting for another program… it is writing to the library "
        f"({waited:.0f} s; Reader waits up to {limit:g} s)"
    )
