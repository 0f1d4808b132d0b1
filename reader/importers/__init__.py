"""Importers: one module per input kind, chosen by file suffix.

`parse_file(path)` turns a file into a `ParsedArticle` or raises `ImportFailed`
with a reason fit for the user. New kinds register in `_BY_SUFFIX`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import ImportFailed
from reader.importers.decode import read_decoded
from reader.model import ParsedArticle
from reader.text.oneline import display_path

Parser = Callable[[Path], ParsedArticle]
Item = tuple[str, "ParsedArticle | None", "str | None"]


def _press(path: Path) -> ParsedArticle:
    from reader.importers.press import parse_press

    decoded = read_decoded(path)
    article = parse_press(decoded.text, str(path))
    article.encoding = decoded.encoding
    return article


def _markdown(path: Path) -> ParsedArticle:
    from reader.importers.markdown_file import parse_markdown

    decoded = read_decoded(path)
    article = parse_markdown(decoded.text, str(path))
    article.encoding = decoded.encoding
    return article


def _html(path: Path) -> ParsedArticle:
    from reader.importers.html import parse_html_file

    return parse_html_file(path)


def _pdf(path: Path) -> ParsedArticle:
    from reader.importers.pdf import parse_pdf_file

    return parse_pdf_file(path)


def _docx(path: Path) -> ParsedArticle:
    from reader.importers.docx_file import parse_docx_file

    return parse_docx_file(path)


_BY_SUFFIX: dict[str, Parser] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".html": _html,
    ".htm": _html,
    ".txt": _press,
    ".text": _press,
    ".md": _markdown,
    ".markdown": _markdown,
}


# Files that hold several articles (a mailbox, a message with attachments): each gives
# a list of (label, article or None, failure reason).
MultiParser = Callable[[Path, str, bool], list[Item]]


def _eml(path: Path, label: str, attachments: bool) -> list:
    from reader.importers.email_file import parse_eml_file

    return parse_eml_file(path, label, attachments)


def _mbox(path: Path, label: str, attachments: bool) -> list:
    from reader.importers.email_file import parse_mbox_file

    return parse_mbox_file(path, label, attachments)


_MULTI: dict[str, MultiParser] = {".eml": _eml, ".mbox": _mbox}


def register(suffix: str, parser: Parser) -> None:
    _BY_SUFFIX[suffix.lower()] = parser


def supported_suffixes() -> list[str]:
    return sorted({*_BY_SUFFIX, *_MULTI})


def parse_file(path: Path) -> ParsedArticle:
    """Parse one file by its suffix; files with another suffix are read as plain text.
    (Of a file of several articles, the first: see `parse_file_all`.)"""
    multi = _MULTI.get(path.suffix.lower())
    if multi is not None:
        _, article, reason = multi(path, display_path(path), False)[0]
        if article is None:
            raise ImportFailed(reason or "no article found")
        return _checked(article, article.source_path or path)
    parser = _BY_SUFFIX.get(path.suffix.lower(), _press)
    return _checked(parser(path), path)


def _checked(article: ParsedArticle, source_path: str | os.PathLike) -> ParsedArticle:
    if not article.title.strip():
        raise ImportFailed("no title found")
    # Stored and shown: a name with undecodable bytes or line breaks, escaped.
    article.source_path = display_path(source_path)
    return article


def parse_file_all(path: Path, attachments: bool = False) -> list[Item]:
    """Every article of a file: (label, article, None) or (label, None, reason) each.
    A mailbox gives one per message; `attachments` adds PDF and Word attachments'."""
    multi = _MULTI.get(path.suffix.lower())
    if multi is None:
        return [(display_path(path), parse_file(path), None)]
    items: list[Item] = []
    for label, article, reason in multi(path, display_path(path), attachments):
        if article is not None:
            try:
                article = _checked(article, article.source_path or path)
            except ImportFailed as e:
                article, reason = None, str(e)
        items.append((label, article, reason))
    return items


def parse_original(data: bytes, source_format: str, source_path: str | None) -> ParsedArticle:
    """Rebuild an article from its kept original bytes, by the format it came in."""
    if source_format == "pdf":
        from reader.importers.pdf import parse_pdf_bytes

        return parse_pdf_bytes(data, source_path)
    if source_format == "email":
        from reader.importers.email_file import parse_eml_bytes

        return parse_eml_bytes(data, source_path)
    if source_format == "docx":
        from reader.importers.docx_file import parse_docx_bytes

        return parse_docx_bytes(data, source_path)
    from reader.importers.html import parse_html_bytes

    return parse_html_bytes(data, source_path)


def parse_file_safe(
    path: Path, attachments: bool = False
) -> tuple[Path, ParsedArticle | list[Item] | None, str | None]:
    """`parse_file` for batches and worker processes: (path, article, None) or
    (path, None, the reason it failed); for a file of several articles (mail), (path,
    their items, None). Never raises for a bad file."""
    try:
        if path.suffix.lower() in _MULTI:
            return path, parse_file_all(path, attachments), None
        return path, parse_file(path), None
    except ImportFailed as e:
        return path, None, str(e)
    except Exception as e:  # a parser library's own failure on hostile input
        return path, None, f"cannot read this file ({type(e).__name__}: {e})"


def expand_paths(paths: list[Path], recursive: bool) -> Iterator[Path]:
    """Files to import: given files as they are; folders' files with a known suffix.

    Nothing is opened here. A FIFO, device or socket with a known suffix in a folder is
    yielded too, so that its import fails with one line saying what it is.
    """
    for path in paths:
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            for child in sorted(path.glob(pattern)):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                known = child.suffix.lower() in _BY_SUFFIX or child.suffix.lower() in _MULTI
                if known and not hidden and not child.is_dir():
                    yield child
        else:
            yield path
