"""Saved web pages (.html/.htm) and HTML from the clipboard.

Minimal first version: the page's <title> and its body through markdownify,
with scripts, styles and embedded objects removed. Main-content extraction
comes with the web-import issue.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.importers.decode import decode_bytes, read_file_bytes
from reader.model import ParsedArticle

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_DROP = re.compile(
    r"<(script|style|head|noscript|template|iframe|object)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def parse_html(html: str, url: str | None = None, source_path: str | None = None) -> ParsedArticle:
    import html as html_lib

    from markdownify import markdownify

    m = _TITLE.search(html)
    title = html_lib.unescape(m.group(1)).strip() if m else ""
    markdown = markdownify(
        _DROP.sub("", html),
        strip=["script", "style", "iframe", "object", "embed", "form", "title", "img"],
        heading_style="ATX",
    )
    if not title:
        lines = (line.strip("# ").strip() for line in markdown.splitlines())
        title = next((line for line in lines if line), "")
    return ParsedArticle(
        title=" ".join(title.split()),
        markdown=markdown.strip() + "\n",
        url=url,
        source_path=source_path,
        source_format="html",
        original=html.encode("utf-8"),
    )


def parse_html_file(path: Path) -> ParsedArticle:
    return parse_html(decode_bytes(read_file_bytes(path)), source_path=str(path))
