"""An article's content columns: the row an import stores from a parsed article (with
the content's identity and word count), and re-extraction, which rebuilds them from the
kept original (`ImportsService.reextract`)."""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.model import Changes, ParsedArticle, ReextractOutcome
from reader.text.blocks import blocks_to_json
from reader.text.canonical import Canonical, markdown_to_canonical
from reader.text.urls import http_url
from reader.timestamps import normalise_published, utc_now

if TYPE_CHECKING:
    from reader.annotating import MarksService
    from reader.store import Store
    from reader.undo import History


def content_hash(title: str, text: str) -> str:
    """Identity of an article's content: the same title and text are the same article."""
    return hashlib.sha256(f"{title}\n\n{text}".encode()).hexdigest()


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def article_row(
    parsed: ParsedArticle, canonical: Canonical, digest: str, now: str, keep_original: bool
) -> dict[str, Any]:
    """The articles-table row of a parsed article and its canonical text."""
    original = parsed.original if keep_original else None
    return {
        "title": parsed.title,
        "subtitle": parsed.subtitle,
        "author": parsed.author,
        "source": parsed.source,
        "published": normalise_published(parsed.published),
        "language": parsed.language,
        "url": http_url(parsed.url),  # whatever the importer: http(s) only
        "sections": json.dumps(parsed.sections, ensure_ascii=False),
        "excerpt": parsed.excerpt,
        "footer": parsed.footer,
        "markdown": parsed.markdown,
        "text": canonical.text,
        "blocks": blocks_to_json(canonical.blocks),
        "word_count": word_count(canonical.text),
        "content_hash": digest,
        "source_path": parsed.source_path,
        "source_format": parsed.source_format,
        "encoding": parsed.encoding,
        "original": zlib.compress(original) if original else None,
        "imported_at": now,
        "modified_at": now,
        "read": 0,
        "starred": 0,
    }


def reextract(
    store: Store, history: History, marks: MarksService, article_ids: list[int] | None = None
) -> list[ReextractOutcome]:
    """Rebuild markdown, text and blocks from each article's kept original HTML.

    `None` means every article that keeps an original. One transaction per
    article. Annotations are re-anchored on the new text; those that cannot
    be found are marked orphaned (never dropped), and the outcome says how many.
    """
    from reader.importers import parse_original

    articles = store.articles
    ids = articles.ids_with_original() if article_ids is None else list(article_ids)
    outcomes: list[ReextractOutcome] = []
    for article_id in ids:
        row = articles.get(article_id)
        if row is None:
            outcomes.append(ReextractOutcome(article_id, "failed", "no such article"))
            continue
        if not row["original"]:
            outcomes.append(ReextractOutcome(article_id, "skipped", "no original kept"))
            continue
        try:
            data = zlib.decompress(row["original"])
            parsed = parse_original(data, row["source_format"], row["source_path"])
        except (ReaderError, zlib.error) as e:
            outcomes.append(ReextractOutcome(article_id, "failed", str(e)))
            continue
        canonical = markdown_to_canonical(parsed.markdown)
        if canonical.text == row["text"] and parsed.markdown == row["markdown"]:
            outcomes.append(ReextractOutcome(article_id, "unchanged"))
            continue
        digest = content_hash(row["title"], canonical.text)
        with store.atomic():
            # Read again inside the write transaction: another program may have changed
            # the text (or marked it) while the original was parsed; the marks are
            # carried over from the text as it is now.
            current = articles.text_of(article_id)
            if current is None:
                outcomes.append(ReextractOutcome(article_id, "failed", "no such article"))
                continue
            other = articles.id_for_hash(digest)
            if other is not None and other != article_id:
                reason = f"the new text is that of article {other}"
                outcomes.append(ReextractOutcome(article_id, "skipped", reason))
                continue
            articles.update_content(
                article_id,
                {
                    "markdown": parsed.markdown,
                    "text": canonical.text,
                    "blocks": blocks_to_json(canonical.blocks),
                    "word_count": word_count(canonical.text),
                    "content_hash": digest,
                    "modified_at": utc_now(),
                },
            )
            report = marks.reanchor(article_id, current, canonical.text)
        history.announce(Changes(frozenset({article_id}), reset=True))
        moved = report.moved + report.fuzzy
        note = None
        if moved or report.orphaned:
            note = (
                f"annotations: {report.same} unchanged, {moved} re-anchored, "
                f"{report.orphaned} orphaned"
            )
        outcomes.append(ReextractOutcome(article_id, "updated", note))
    return outcomes
