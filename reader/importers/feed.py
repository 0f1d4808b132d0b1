"""Reading a fetched feed: RSS 0.9x and 2.0, RSS 1.0 (RDF) and Atom, through feedparser
(BSD-2-Clause), and turning an item into an article through the HTML import path.

The bytes come from reader.fetch; feedparser is given a stream, never an address or a
name it could open. The document is first read by lxml, strictly: a feed that is not
well-formed XML is refused with the parser's own line and column, and one that declares
its own entities is refused (entity expansion). Only the first `MAX_ITEMS` items are
read (feeds put their newest first): a feed of 100,000 items stays fast.
"""

from __future__ import annotations

import hashlib
import html
import io
import time
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ImportFailed
from reader.model import ParsedArticle

MAX_ITEMS = 500
_ROOTS = {"rss", "RDF", "feed", "channel"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class FeedItem:
    key: str  # what identifies the item in its feed: its GUID, else its link, else a hash
    title: str
    link: str | None = None
    html: str = ""  # the item's own content, as HTML ("" when it has none)
    author: str | None = None
    published: str | None = None  # UTC ISO time


@dataclass
class FeedDocument:
    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    skipped: int = 0  # items past MAX_ITEMS, not read


def parse_feed(
    data: bytes, url: str, content_type: str = "", max_items: int = MAX_ITEMS
) -> FeedDocument:
    """The feed's title and its first `max_items` items; ImportFailed when it is not a feed."""
    import feedparser

    trimmed, skipped = _checked(data, max_items)
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(trimmed), response_headers=headers, sanitize_html=True)
    title = _plain(parsed.feed.get("title", "")) or None
    items = [_item(entry) for entry in parsed.entries[:max_items]]
    return FeedDocument(title, [i for i in items if i is not None], skipped)


def _checked(data: bytes, max_items: int) -> tuple[bytes, int]:
    """The document (cut to `max_items` items) after lxml read it strictly."""
    from lxml import etree

    if not data.strip():
        raise ImportFailed("the feed is empty")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ImportFailed(f"the feed is not well-formed XML ({e.msg or e})") from e
    if root is None:
        raise ImportFailed("the feed is empty")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ImportFailed("the feed declares its own XML entities; refused")
    name = etree.QName(root).localname
    if name not in _ROOTS:
        raise ImportFailed(f"not an RSS or Atom feed (the document is <{name}>)")
    items = root.xpath(
        "./*[local-name()='item' or local-name()='entry'] | ./*/*[local-name()='item']"
    )
    if len(items) <= max_items:
        return data, 0
    for item in items[max_items:]:
        item.getparent().remove(item)
    return etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True), (
        len(items) - max_items
    )


def _item(entry: Any) -> FeedItem | None:
    title = _plain(entry.get("title", ""), entry.get("title_detail"))
    link = entry.get("link") or None
    body = _content(entry)
    key = entry.get("id") or link
    if not key:
        if not (title or body):
            return None
        key = "sha256:" + hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
    author = _plain(entry.get("author", "")) or None
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else None
    return FeedItem(str(key).strip(), title, link, body, author, published)


def _content(entry: Any) -> str:
    """The item's fullest content as HTML: `content` (Atom, content:encoded), else the
    summary or description. Plain text becomes paragraphs."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    candidates.sort(key=lambda c: -len(c.get("value") or ""))
    for candidate in candidates:
        value = (candidate.get("value") or "").strip()
        if not value:
            continue
        if candidate.get("type") in _HTML_TYPES:
            return value
        paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
        return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return ""


def _plain(value: str, detail: Any = None) -> str:
    """A title or name as one line of text (an HTML title loses its tags)."""
    if detail is not None and detail.get("type") in _HTML_TYPES and "<" in value:
        import lxml.html

        value = lxml.html.fromstring(f"<div>{value}</div>").text_content()
    return " ".join(value.split())


def item_article(item: FeedItem, source: str | None) -> ParsedArticle:
    """The article an item's own content makes (the HTML import path; an item with a
    title only is an article of its title)."""
    from reader.importers.html import parse_html

    if item.html:
        title = html.escape(item.title)
        page = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{item.html}</article></body></html>"
        )
        article = parse_html(page, url=item.link)
    elif item.title:
        article = ParsedArticle(title=item.title, markdown="")
    else:
        raise ImportFailed("the item has neither a title nor any text")
    return with_item_metadata(article, item, source)


def with_item_metadata(article: ParsedArticle, item: FeedItem, source: str | None) -> ParsedArticle:
    """What the feed says of the item wins over what the page guessed; url = the link."""
    article.title = item.title or article.title
    article.author = item.author or article.author
    article.published = item.published or article.published
    article.source = source or article.source
    article.url = item.link or article.url
    return article
