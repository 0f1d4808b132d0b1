"""PDF files with a text layer, through pypdf (BSD-3-Clause; pure Python, no network).

Lines come from pypdf's text extraction with their position and font size; a vertical
gap or a change of size ends a paragraph, a larger size makes a heading. Running headers
and footers (a line at the top or bottom of most pages, numbers ignored) and page numbers
are dropped; a word hyphenated at a line end is joined. Pages that are only images
(scans) have no text: such a PDF is refused with a message (no OCR). The file's bytes are
kept as the original for `reader reextract`.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ImportFailed
from reader.importers.decode import read_file_bytes
from reader.importers.document import Block, build_article, join_lines, metadata_date
from reader.model import ParsedArticle

MAX_PAGES = 2_000
_EDGE = 2  # lines at the top and at the bottom of a page that may be running heads
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|halaman|hal\.?|seite|página)\s*)?\d{1,4}"
    r"(?:\s*(?:of|/|dari|von|de)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
SCANNED = (
    "no text in this PDF: its pages look scanned (images only), and Reader does not "
    "do OCR; import a text version or run OCR first"
)


@dataclass
class _Line:
    text: str
    y: float | None = None
    size: float = 0.0


def _page_lines(page) -> list[_Line]:
    """The page's lines in content order, each with the position and size of its text."""
    lines = [_Line("")]

    def visit(text, cm, tm, _font, font_size) -> None:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(_Line(""))
            line = lines[-1]
            if piece.strip() and line.y is None:
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line.size = abs(font_size * (tm[3] or 1) * (cm[3] or 1))
            line.text += piece

    page.extract_text(visitor_text=visit)
    return [ln for ln in lines if ln.text.strip()]


def _running_keys(pages: list[list[_Line]]) -> set[str]:
    """Lines at a page's edge found on at least two pages and half of them: running
    heads and feet (digits are ignored, so "Page 3 of 9" matches "Page 4 of 9")."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:_EDGE] + lines[-_EDGE:]
        counts.update({_key(ln.text) for ln in edge})
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need}


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _body_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    running = _running_keys(pages)
    out = []
    for lines in pages:
        n = len(lines)
        kept = []
        for i, ln in enumerate(lines):
            at_edge = i < _EDGE or i >= n - _EDGE
            if at_edge and (_key(ln.text) in running or _PAGE_NUMBER.match(ln.text.strip())):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _blocks(pages: list[list[_Line]]) -> list[Block]:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    blocks: list[Block] = []
    current: list[str] = []
    level = 0
    prev: _Line | None = None

    def flush() -> None:
        if current:
            blocks.append(Block(join_lines(current), level))
            current.clear()

    for lines in pages:
        page_start = True
        for ln in lines:
            heading = 1 if body and ln.size >= body * 1.2 else 0
            new = prev is None or heading != level
            if not page_start and not new and ln.y is not None and prev.y is not None:
                spacing = max(ln.size, prev.size, 1.0)
                gap = prev.y - ln.y
                # More than about one and a half lines down, or any move up (a new
                # column or page): a new paragraph.
                new = gap > 1.6 * spacing or gap < 0
            if new:
                flush()
                level = heading
            current.append(ln.text)
            prev, page_start = ln, False
        # A page break ends a paragraph only if the last line looks finished.
        if current and re.search(r"[.!?:;\"”’)]$", current[-1].strip()):
            flush()
    flush()
    return blocks


def parse_pdf_bytes(data: bytes, source_path: str | None = None) -> ParsedArticle:
    """A PDF's bytes → an article. Raises ImportFailed with a reason."""
    import pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ImportFailed("not a PDF file (no %PDF header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailed("the PDF is protected by a password")
        if len(reader.pages) > MAX_PAGES:
            raise ImportFailed(
                f"too many pages ({len(reader.pages):,}; the limit is {MAX_PAGES:,})"
            )
        pages = [_page_lines(page) for page in reader.pages]
        meta = reader.metadata
        title = meta.title if meta else None
        author = meta.author if meta else None
        try:
            published = metadata_date(meta.creation_date) if meta else None
        except (ValueError, TypeError):
            published = None
    except ImportFailed:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        # pypdf's own words may say "unexpected(ly)": the kind of error is enough.
        raise ImportFailed(f"cannot read this PDF (damaged: {type(e).__name__})") from e
    if not any(pages):
        raise ImportFailed(SCANNED)
    return build_article(
        _blocks(_body_lines(pages)),
        title=str(title) if title else None,
        author=str(author) if author else None,
        published=published,
        source_format="pdf",
        original=data,
        source_path=source_path,
    )


def parse_pdf_file(path: Path) -> ParsedArticle:
    return parse_pdf_bytes(read_file_bytes(path), source_path=str(path))
