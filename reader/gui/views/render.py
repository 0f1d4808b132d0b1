"""Builds the article document from the core's blocks without moving a character.

Each block's `text[start:end]` is inserted verbatim into its own QTextBlock;
list bullets and numbers come from QTextList (not document text) so that the
position mapping in `reader.gui.positions` stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from reader.gui.language_names import language_name
from reader.gui.positions import PositionMap, segments_for
from reader.model import Article
from reader.text.blocks import Block, is_rtl

# Unicode's first-strong isolate and pop directional isolate: each field of the metadata
# line is laid out on its own, so an Arabic author with a Latin word ("مكتب العينات في
# Reader") does not run into the next field ("Reader · Reader مكتب العينات في")
FSI, PDI = "\u2068", "\u2069"
SEPARATOR = "  ·  "
HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1, 5: 1.0, 6: 1.0}
LINE_HEIGHT = 150  # percent: comfortable reading
INDENT = 28  # pixels per list / quote level


@dataclass
class Rendered:
    document: QTextDocument
    positions: PositionMap


def metadata_line(article: Article) -> list[tuple[str, str | None]]:
    """The parts of the line under the title: (text, link or None)."""
    parts: list[tuple[str, str | None]] = []
    if article.published:
        date = QDate.fromString(article.published[:10], Qt.DateFormat.ISODate)
        parts.append(
            (QLocale().toString(date, QLocale.FormatType.LongFormat), None)
            if date.isValid()
            else (article.published, None)
        )
    if article.author:
        parts.append((article.author, None))
    if article.source:
        parts.append((article.source, None))
    if article.language:
        parts.append((language_name(article.language), None))
    if article.url:
        parts.append(("Original", article.url))
    return parts


def isolate(text: str) -> str:
    """`text` as a bidi isolate (FSI … PDI): its direction comes from its first strong
    character and it does not reorder what is around it."""
    return f"{FSI}{text}{PDI}"


def metadata_text(article: Article) -> str:
    """The metadata line as the document holds it: each field isolated, then joined."""
    return SEPARATOR.join(isolate(part) for part, _ in metadata_line(article))


def _char(base: QFont, scale: float = 1.0, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(bold)
    fmt.setFont(font)
    return fmt


def _block_format(block: Block, palette: QPalette, margin: float) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setBottomMargin(margin)
    if block.rtl:
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    indent = INDENT * block.quote_depth
    if block.kind == "heading":
        fmt.setTopMargin(margin * 0.8)
        fmt.setBottomMargin(margin * 0.5)
        fmt.setHeadingLevel(block.level or 1)
    elif block.kind == "quote":
        fmt.setTopMargin(margin * 0.3)
    elif block.kind == "list_item":
        fmt.setBottomMargin(margin * 0.35)
    elif block.kind == "code":
        fmt.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
        fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    elif block.kind == "table_row":
        fmt.setBottomMargin(margin * 0.2)
    if indent:
        if block.rtl:
            fmt.setRightMargin(indent)
        else:
            fmt.setLeftMargin(indent)
    return fmt


def _body_char(block: Block, base: QFont, palette: QPalette) -> QTextCharFormat:
    if block.kind == "heading":
        return _char(base, HEADING_SCALE.get(block.level, 1.0), bold=True)
    fmt = _char(base)
    if block.kind in ("code", "table_row"):
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(base.pointSizeF() * 0.92)
        fmt.setFont(mono)
    if block.quote_depth:
        fmt.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        # Arabic, Hebrew and CJK have no italics (and most fonts lack slanted glyphs)
        fmt.setFontItalic(not block.rtl)
    return fmt


def _span_format(kind: str, href: str | None, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind == "em":
        fmt.setFontItalic(True)
    elif kind == "strong":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "code":
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
    elif kind == "link":
        fmt.setAnchor(True)
        if href:
            fmt.setAnchorHref(href)
            fmt.setToolTip(href)
        fmt.setFontUnderline(True)
        fmt.setForeground(palette.color(QPalette.ColorRole.Link))
    return fmt


def render_article(
    article: Article, blocks: list[Block], base: QFont, palette: QPalette
) -> Rendered:
    """A document with the title, the metadata line and the body; and its position map."""
    doc = QTextDocument()
    doc.setDefaultFont(base)
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(24)
    margin = base.pointSizeF() * 0.9
    cursor = QTextCursor(doc)

    title_fmt = QTextBlockFormat()
    title_fmt.setBottomMargin(margin * 0.4)
    title_fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_fmt.setHeadingLevel(1)
    rtl = is_rtl(article.title) or bool(blocks and blocks[0].rtl)
    if rtl:
        title_fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    cursor.setBlockFormat(title_fmt)
    cursor.setBlockCharFormat(_char(base, 1.75, bold=True))
    cursor.insertText(article.title or "Untitled", _char(base, 1.75, bold=True))

    meta_fmt = QTextBlockFormat()
    meta_fmt.setBottomMargin(margin * 1.6)
    if rtl:
        meta_fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    cursor.insertBlock(meta_fmt)
    muted = _char(base, 0.88)
    muted.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
    if article.subtitle:
        sub = _char(base, 1.1)
        cursor.insertText(article.subtitle, sub)
        cursor.insertBlock(meta_fmt)
    for i, (part, href) in enumerate(metadata_line(article)):
        if i:
            cursor.insertText(SEPARATOR, muted)
        fmt = QTextCharFormat(muted)
        if href:
            fmt.merge(_span_format("link", href, palette))
        cursor.insertText(isolate(part), fmt)

    text = article.text
    ranges = segments_for(text, blocks)
    kinds = blocks or [Block(kind="paragraph", start=s, end=e) for s, e in ranges]
    lists: dict[int, QTextList] = {}
    base_position = cursor.position() + 1  # after the boundary that starts the body
    previous = ""
    for block in kinds:
        block_fmt = _block_format(block, palette, margin)
        if previous == "list_item" and block.kind != "list_item":
            block_fmt.setTopMargin(max(block_fmt.topMargin(), margin * 0.6))
        previous = block.kind
        cursor.insertBlock(block_fmt, _body_char(block, base, palette))
        if block.kind == "list_item":
            _attach_to_list(cursor, block, lists)
        else:
            lists.clear()
        cursor.insertText(text[block.start : block.end])
    positions = PositionMap(text, ranges, base_position)

    for block in blocks:
        for span in block.spans:
            if span.kind == "em" and block.rtl:
                continue  # no italics in right-to-left scripts (see _body_char)
            fmt = _span_format(span.kind, span.href, palette)
            cursor.setPosition(positions.offset_to_doc(span.start))
            cursor.setPosition(positions.offset_to_doc(span.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    return Rendered(doc, positions)


def _attach_to_list(cursor: QTextCursor, block: Block, lists: dict[int, QTextList]) -> None:
    """Consecutive items of the same depth share one QTextList, so numbers run on."""
    depth = max(block.list_depth, 1)
    for d in [d for d in lists if d > depth]:
        del lists[d]
    current = lists.get(depth)
    style = (
        QTextListFormat.Style.ListDecimal
        if block.ordered
        else [
            QTextListFormat.Style.ListDisc,
            QTextListFormat.Style.ListCircle,
            QTextListFormat.Style.ListSquare,
        ][(depth - 1) % 3]
    )
    if current is not None and current.format().style() == style:
        current.add(cursor.block())
        return
    fmt = QTextListFormat()
    fmt.setStyle(style)
    fmt.setIndent(depth + block.quote_depth)
    if block.ordered and block.number:
        fmt.setStart(block.number)
    if block.rtl:
        fmt.setProperty(QTextFormat.Property.LayoutDirection, Qt.LayoutDirection.RightToLeft)
    lists[depth] = cursor.createList(fmt)
