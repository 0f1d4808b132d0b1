"""Importers: one module per input kind, chosen by file suffix.

`parse_file(path)` turns a file into a `ParsedArticle` or raises `ImportFailed`
with a reason fit for the user. New kinds register in `_BY_SUFFIX`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import ImportFailed
from reader.importers.decode import read_decoded
from reader.model import ParsedArticle
from reader.text.oneline import display_path

Parser = Callable[[Path], ParsedArticle]


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


def register(suffix: str, parser: Parser) -> None:
    _BY_SUFFIX[suffix.lower()] = parser


def supported_suffixes() -> list[str]:
    return sorted(_BY_SUFFIX)


def parse_file(path: Path) -> ParsedArticle:
    """Parse one file by its suffix; files with another suffix are read as plain text."""
    parser = _BY_SUFFIX.get(path.suffix.lower(), _press)
    article = parser(path)
    if not article.title.strip():
        raise ImportFailed("no title found")
    # Stored and shown: a name with undecodable bytes or line breaks, escaped.
    article.source_path = display_path(path)
    return article


def parse_original(data: bytes, source_format: str, source_path: str | None) -> ParsedArticle:
    """Rebuild an article from its kept original bytes, by the format it came in."""
    if source_format == "pdf":
        from reader.importers.pdf import parse_pdf_bytes

        return parse_pdf_bytes(data, source_path)
    if source_format == "docx":
        from reader.importers.docx_file import parse_docx_bytes

        return parse_docx_bytes(data, source_path)
    from reader.importers.html import parse_html_bytes

    return parse_html_bytes(data, source_path)


def parse_file_safe(path: Path) -> tuple[Path, ParsedArticle | None, str | None]:
    """`parse_file` for batches and worker processes: (path, article, None) or
    (path, None, the reason it failed). Never raises for a bad file."""
    try:
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
                if child.suffix.lower() in _BY_SUFFIX and not hidden and not child.is_dir():
                    yield child
        else:
            yield path
