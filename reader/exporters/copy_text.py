"""Annotations as text for the clipboard: CSV to paste into a spreadsheet, Markdown for notes.

Fed by the same rows as the file exports (`Library.annotation_rows`), so a copied
row reads exactly like the row of `reader export annotations --format csv`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from markdown_it import MarkdownIt

from reader.exporters import md_escape as md
from reader.exporters.annotations_csv import ANNOTATION_HEADER
from reader.exporters.csv_safe import write_rows
from reader.exporters.markdown import _mark as mark_markdown  # the folder export's look


def _columns(first: dict[str, Any]) -> list[str]:
    """The CSV export's columns for annotation rows; a row's own keys for other tables."""
    if all(c in first for c in ANNOTATION_HEADER):
        return list(ANNOTATION_HEADER)
    return list(first)


def annotations_to_csv_text(rows: Iterable[dict[str, Any]], raw: bool = False) -> str:
    """The rows as CSV text with a header (RFC 4180, formula-safe unless `raw`).

    No rows gives an empty string (nothing worth pasting).
    """
    rows = list(rows)
    if not rows:
        return ""
    columns = _columns(rows[0])
    out = io.StringIO(newline="")
    write_rows(out, columns, ([row.get(c) for c in columns] for row in rows), raw=raw)
    return out.getvalue()


def _article_heading(row: dict[str, Any]) -> str:
    title = md.inline(row.get("article_title") or "Untitled")
    meta = [md.inline(str(row[k])) for k in ("source", "author", "published") if row.get(k)]
    lines = [f"## {title}"]
    if meta or row.get("url"):
        line = " · ".join(meta)
        if row.get("url"):
            link = md.autolink(row["url"])
            line = f"{line} · {link}" if line else link
        lines.append(f"*{line}*" if meta else line)
    return "\n\n".join(lines)


def annotations_to_markdown_text(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as Markdown: a heading per article, each mark a block quote with its
    label, speaker, offsets and note (as in the Markdown folder export)."""
    parts: list[str] = []
    article = None
    for row in rows:
        if row.get("article_id") != article:
            article = row.get("article_id")
            parts.append(_article_heading(row))
        parts.append(_mark_with_entity(row))
    return "\n\n".join(parts) + "\n" if parts else ""


def _mark_with_entity(row: dict[str, Any]) -> str:
    text = mark_markdown(row)
    if row.get("kind") == "entity" and row.get("entity_name"):
        text += f"\n\nEntity: {md.inline(row['entity_name'])}" + (
            f" ({md.inline(row['entity_type'])})" if row.get("entity_type") else ""
        )
    return text


def markdown_to_html(text: str) -> str:
    """HTML for rich-text paste; raw HTML in article text stays text (never markup)."""
    return MarkdownIt("commonmark", {"html": False}).render(text)


def annotations_to_text(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    """`fmt` is "csv" or "markdown"."""
    if fmt == "csv":
        return annotations_to_csv_text(rows)
    if fmt == "markdown":
        return annotations_to_markdown_text(rows)
    raise ValueError(f"unknown copy format {fmt!r}")
