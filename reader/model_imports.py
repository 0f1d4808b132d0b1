"""What comes into the library: a parsed article before it is stored, what an import
or a feed update reports back, feed subscriptions, re-extraction's outcomes. Plain
dataclasses, re-exported by `reader.model` so every layer imports them from there."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass
class ParsedArticle:
    """What an importer produces: an article before it is stored.

    `markdown` is the source form; the canonical `text` is derived from it by
    `reader.text.canonical` when the article is stored.
    """

    title: str
    markdown: str
    subtitle: str | None = None
    author: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    language: str | None = None  # ISO 639-1
    url: str | None = None
    sections: list[str] = field(default_factory=list)
    excerpt: str | None = None
    footer: str | None = None  # distributor boilerplate kept out of `text`
    source_path: str | None = None
    source_format: str = "text"
    original: bytes | None = None  # original bytes (HTML) kept for re-extraction
    encoding: str | None = None  # codec the file was decoded with (None: given as text)
    # For plain text: the body paragraphs `markdown` was made from, so that storing the
    # article can build the canonical text without parsing the Markdown again.
    paragraphs: list[str] | None = None


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one input of an import batch."""

    path: str
    status: ImportStatus
    article_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Feed:
    """A feed subscription (`reader feeds list`), with its articles' counts."""

    id: int
    name: str
    url: str
    full_text: bool = False
    title: str | None = None  # the feed's own title, from its last update
    last_checked: str | None = None  # UTC ISO time of the last update
    last_error: str | None = None  # why the last update failed (None: it did not)
    articles: int = 0
    unread: int = 0


@dataclass
class ImportSummary:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    # Why the batch stopped early (a full disk), and how many files were not tried.
    stopped: str | None = None
    not_tried: int = 0

    def count(self, status: ImportStatus) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self.count(ImportStatus.IMPORTED)

    @property
    def duplicates(self) -> int:
        return self.count(ImportStatus.DUPLICATE)

    @property
    def failed(self) -> int:
        return self.count(ImportStatus.FAILED)

    def line(self) -> str:
        line = f"imported {self.imported}, duplicates {self.duplicates}, failed {self.failed}"
        return line + (f", not tried {self.not_tried}" if self.stopped else "")


@dataclass
class FeedUpdate:
    """What updating one feed did: its items' outcomes, or why it failed."""

    feed: str  # the feed's name
    outcomes: list[ImportOutcome] = field(default_factory=list)
    not_modified: bool = False  # the server answered 304: nothing new
    error: str | None = None  # the feed could not be read (recorded on the feed)
    skipped: int = 0  # items past the per-update cap, not read

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: failed: {self.error}"
        if self.not_modified:
            return f"{self.feed}: not modified"
        summary = ImportSummary(self.outcomes)
        line = f"{self.feed}: {summary.line()}"
        return line + (f", {self.skipped} items past the cap not read" if self.skipped else "")


@dataclass(frozen=True)
class ReextractOutcome:
    """What `Library.reextract` did to one article: `status` is one of
    `updated`, `unchanged`, `skipped` (with a `reason`) or `failed` (with a `reason`)."""

    article_id: int
    status: str
    reason: str | None = None
