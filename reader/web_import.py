"""Importing web addresses: fetch (reader.fetch), then the importer for what came back.

A page goes through the HTML import path as a saved page does; its `url` is the
canonical URL it declares, else the final URL after redirects. A PDF or Word file
served at the address goes through its own importer. An address already in the library
(as an article's URL) is a duplicate and is not fetched again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reader.errors import DISK_FULL, ImportFailed, ReaderError
from reader.fetch import Page, fetch
from reader.model import ImportOutcome, ImportStatus, ImportSummary, ParsedArticle
from reader.text.oneline import one_line

if TYPE_CHECKING:
    from reader.importing import ImportsService, ProgressCallback
    from reader.store import Store

_HTML = {"text/html", "application/xhtml+xml", ""}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def parse_page(page: Page) -> ParsedArticle:
    """A fetched page → an article (ImportFailed for what Reader cannot read)."""
    if page.content_type in _HTML or page.data.lstrip()[:15].lower().startswith(b"<!doctype html"):
        from reader.importers.html import parse_html
        from reader.importers.html_clean import decode_html

        article = parse_html(_decode(page) or decode_html(page.data), original=page.data)
    elif page.content_type == "application/pdf":
        from reader.importers.pdf import parse_pdf_bytes

        article = parse_pdf_bytes(page.data)
    elif page.content_type == _DOCX:
        from reader.importers.docx_file import parse_docx_bytes

        article = parse_docx_bytes(page.data)
    elif page.content_type == "text/plain":
        from reader.importers.decode import decode_bytes
        from reader.importers.press import parse_press

        article = parse_press(decode_bytes(page.data))
    else:
        raise ImportFailed(f"not a web page, PDF or Word file ({page.content_type})")
    article.url = article.url or page.url
    return article


def _decode(page: Page) -> str | None:
    """The body in the charset the server declared, when it decodes cleanly."""
    if not page.charset:
        return None
    try:
        return page.data.decode(page.charset)
    except (LookupError, UnicodeDecodeError):
        return None


def import_urls(
    imports: ImportsService,
    store: Store,
    urls: Iterable[str],
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    **fetch_options: Any,
) -> ImportSummary:
    """Fetch and import each address; one outcome (and one transaction) each."""
    urls = list(urls)
    summary = ImportSummary()
    for done, url in enumerate(urls, start=1):
        if cancelled and cancelled():
            break
        outcome = _import_one(imports, store, url, fetch_options)
        summary.outcomes.append(outcome)
        if progress:
            progress(done, len(urls), outcome)
        if outcome.reason and outcome.reason.startswith(DISK_FULL):
            summary.stopped = outcome.reason
            summary.not_tried = len(urls) - done
            break
    return summary


def _import_one(
    imports: ImportsService, store: Store, url: str, fetch_options: dict[str, Any]
) -> ImportOutcome:
    name = one_line(url.strip())
    try:
        known = store.articles.id_for_url(url.strip())
        if known is not None:
            return ImportOutcome(name, ImportStatus.DUPLICATE, known)
        article = parse_page(fetch(url, **fetch_options))
        known = store.articles.id_for_url(article.url) if article.url else None
        if known is not None:
            return ImportOutcome(name, ImportStatus.DUPLICATE, known)
        status, article_id = imports.add_article(article)
    except ReaderError as e:
        return ImportOutcome(name, ImportStatus.FAILED, reason=str(e))
    return ImportOutcome(name, status, article_id)
