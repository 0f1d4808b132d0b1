"""Word documents (.docx), through python-docx (MIT; reads the Office Open XML parts).

Body paragraphs and tables in document order; the styles "Title" and "Heading N" make
the title and headings. Running headers and footers live in parts of their own in a
.docx and are not read; neither are comments or footnotes. Metadata: the core
properties' title, author and creation date. The file's bytes are kept as the original.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from reader.errors import ImportFailed
from reader.importers.decode import read_file_bytes
from reader.importers.document import Block, build_article, join_lines, metadata_date
from reader.model import ParsedArticle

MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb is refused before any part is inflated
# python-docx's own template says this; a file made with it and no metadata of its own
# has no author or date, not these.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = "2013-12-23T23:15:00+00:00"
_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(info.file_size for info in z.infolist())
            names = set(z.namelist())
    except zipfile.BadZipFile as e:
        raise ImportFailed("not a Word .docx file (not a zip archive)") from e
    if "word/document.xml" not in names:
        raise ImportFailed("not a Word .docx file (no word/document.xml)")
    if total > MAX_UNPACKED:
        raise ImportFailed(
            f"the document unpacks to {total:,} bytes (the limit is {MAX_UNPACKED:,})"
        )


def _block(paragraph) -> Block | None:
    text = paragraph.text
    if not text.strip():
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title":
        return Block(text, -1)
    if m := _HEADING.match(style):
        return Block(text, max(1, int(m.group(1))))
    # A soft line break (Shift+Enter) inside a paragraph: join, hyphenation too.
    return Block(join_lines(text.split("\n")))


def _body(document) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if (b := _block(item)) is not None:
                blocks.append(b)
        elif isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    blocks.append(Block(" | ".join(cells)))
    return blocks


def parse_docx_bytes(data: bytes, source_path: str | None = None) -> ParsedArticle:
    """A .docx file's bytes → an article. Raises ImportFailed with a reason."""
    import docx

    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _body(document)
        props = document.core_properties
        title, author = props.title, props.author
        published = metadata_date(props.created)
        if author == _TEMPLATE_AUTHOR and published == _TEMPLATE_CREATED:
            author = published = None
    except ImportFailed:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on a damaged file
        raise ImportFailed(f"cannot read this Word file (damaged: {type(e).__name__})") from e
    # The "Title" paragraph is the title when the metadata has none.
    styled = next((b.text for b in blocks if b.heading == -1), None)
    blocks = [b for b in blocks if b.heading != -1]
    return build_article(
        blocks,
        title=title or styled,
        author=author,
        published=published,
        source_format="docx",
        original=data,
        source_path=source_path,
    )


def parse_docx_file(path: Path) -> ParsedArticle:
    return parse_docx_bytes(read_file_bytes(path), source_path=str(path))
