"""Saved web pages (.html/.htm) and HTML from the clipboard: the article only, as Markdown.

Pipeline: decode (BOM, UTF-8, `<meta charset>`, detection) → parse with lxml
(no network, bounded size and depth) → metadata from the raw page
(`html_meta`) → sanitise (`html_clean`) → main content from readability-lxml
and trafilatura combined (`html_extract`) → markdownify. The original bytes
are kept with the article so that `reader reextract` can rebuild it later.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.errors import ImportFailed
from reader.importers.decode import read_file_bytes
from reader.importers.html_clean import check_size, decode_page, parse_tree, sanitize
from reader.importers.meta import detect_language
from reader.model import ParsedArticle
from reader.text.canonical import markdown_to_canonical, normalize_paragraph
from reader.text.urls import http_url

_EXCERPT_CHARS = 300


def parse_html(
    html: str,
    url: str | None = None,
    source_path: str | None = None,
    original: bytes | None = None,
) -> ParsedArticle:
    """Extract the article of a page given as text. Raises ImportFailed with a reason."""
    import lxml.html

    from reader.importers.html_extract import drop_title_headings, extract_markdown
    from reader.importers.html_meta import page_meta

    check_size(len(html.encode("utf-8", errors="replace")))
    tree = parse_tree(html)
    clean = sanitize(tree)
    body = lxml.html.tostring(clean, encoding="unicode")
    markdown, readability_title = extract_markdown(body)
    meta = page_meta(tree, readability_title, clean)
    markdown = drop_title_headings(markdown, meta.title)
    text = markdown_to_canonical(markdown).text
    if not text.strip():
        raise ImportFailed("no article text found in the page")
    title = normalize_paragraph(meta.title or "") or _first_line(text)
    return ParsedArticle(
        title=title,
        markdown=markdown,
        author=meta.author,
        source=meta.source,
        published=meta.published,
        language=meta.language or detect_language(text),
        url=http_url(url) or meta.url,
        excerpt=meta.excerpt or _excerpt(text),
        source_path=source_path,
        source_format="html",
        original=original if original is not None else html.encode("utf-8"),
    )


def _first_line(text: str) -> str:
    return normalize_paragraph(text.strip().split("\n", 1)[0])[:200]


def _excerpt(text: str) -> str | None:
    first = normalize_paragraph(text.strip().split("\n\n", 1)[0])
    if len(first) <= _EXCERPT_CHARS:
        return first or None
    cut = first[:_EXCERPT_CHARS]
    return re.sub(r"\s+\S*$", "", cut) + "…"


def parse_html_bytes(data: bytes, source_path: str | None = None) -> ParsedArticle:
    """A saved page's bytes (any encoding) → article; the bytes are kept as the original."""
    decoded = decode_page(data)
    article = parse_html(decoded.text, source_path=source_path, original=data)
    article.encoding = decoded.encoding
    return article


def parse_html_file(path: Path) -> ParsedArticle:
    return parse_html_bytes(read_file_bytes(path), source_path=str(path))
