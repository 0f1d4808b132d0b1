"""Markdown files: kept as Markdown; title from front matter or the first heading."""

from __future__ import annotations

import re

from reader.importers.limits import check_text_blocks
from reader.importers.meta import detect_language, normalize_language, parse_date
from reader.model import ParsedArticle
from reader.text.canonical import normalize_paragraph
from reader.text.urls import http_url

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_HEADING = re.compile(r"\A\s*#\s+(?P<title>.+?)\s*#*\s*(?:\n|\Z)")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (the subset notes apps write); the rest of the file."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m.group("body").splitlines():
        if f := _FIELD.match(line):
            fields[f.group("key").lower()] = f.group("value").strip().strip("\"'")
    return fields, text[m.end() :]


def parse_markdown(text: str, source_path: str | None = None) -> ParsedArticle:
    check_text_blocks(text, markdown=True)
    meta, body = _front_matter(text)
    title = meta.get("title")
    if not title:
        if m := _HEADING.match(body):
            title, body = m.group("title"), body[m.end() :]
        else:
            first, _, body = body.strip().partition("\n")
            title = first.lstrip("#").strip()
    published = None
    for key in ("published", "date", "created"):
        if meta.get(key):
            published = parse_date(meta[key])
            break
    tags = meta.get("sections") or meta.get("tags") or ""
    language = normalize_language(meta.get("language") or meta.get("lang"))
    return ParsedArticle(
        title=normalize_paragraph(title),
        markdown=body.strip() + "\n",
        subtitle=meta.get("subtitle") or meta.get("description") or None,
        author=meta.get("author") or None,
        source=meta.get("source") or meta.get("site") or None,
        published=published,
        language=language or detect_language(body),
        url=http_url(meta.get("url")),
        sections=[t.strip() for t in re.split(r"[,;]", tags.strip("[]")) if t.strip()],
        source_path=source_path,
        source_format="markdown",
    )
