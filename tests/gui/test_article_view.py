"""The article view: rendering from blocks, and every offset exact in code points."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextListFormat

from reader.gui.views.article_view import ArticleView
from reader.model import ParsedArticle

MARKDOWN = (
    "## Heading 😀 one\n\n"
    "Café e\u0301 with *em* and [a link](https://example.org/x) 東京 😀😀 end.\n\n"
    "- first 👍🏽\n- second\n\n"
    "3. three\n4. four\n\n"
    "> quoted مرحبا\n\n"
    "مرحبا بالعالم 😀 نص\n\n"
    "```\ncode line\nsecond 😀\n```\n"
)


@pytest.fixture
def article(lib):
    _, aid = lib.add_article(
        ParsedArticle(
            title="Offsets 😀",
            markdown=MARKDOWN,
            author="A. Writer",
            source="Test Wire",
            published="2025-02-27",
            language="en",
            url="https://example.org/x",
        )
    )
    return lib.article(aid), lib.blocks(aid)


@pytest.fixture
def view(qtbot, article):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    v.show_article(*article)
    return v


def selected(view: ArticleView) -> str:
    return view.textCursor().selectedText().replace("\u2029", "\n")


def test_every_block_maps_to_its_exact_text(view, article):
    art, blocks = article
    assert len(blocks) == 9
    for b in blocks:
        view.select_range(b.start, b.end)
        assert selected(view) == art.text[b.start : b.end]
        assert view.selection_range() == (b.start, b.end)


def test_every_offset_round_trips_through_the_document(view, article):
    art, _ = article
    pm = view.positions
    for offset in range(len(art.text) + 1):
        position = pm.offset_to_doc(offset)
        assert pm.doc_to_offset(position) == offset or art.text[offset - 1] == "\n"
    # the body fills the document up to its last character
    assert view.document().characterCount() == pm.doc_end + 1


@pytest.mark.parametrize(
    "needle", ["😀😀", "e\u0301", "東京", "مرحبا بالعالم", "👍🏽", "second 😀"]
)
def test_selection_of_tricky_text(view, article, needle):
    art, _ = article
    start = art.text.index(needle)
    end = start + len(needle)
    view.select_range(start, end)
    assert selected(view) == needle
    assert view.selection_range() == (start, end)


def test_selection_made_in_the_document_reads_as_code_points(view, article):
    art, _ = article
    cursor = QTextCursor(view.document())
    doc_text = view.document().toPlainText()
    at = doc_text.index("東京")  # Python index of the doc text = UTF-16 only when BMP before
    body_start = view.positions.base
    utf16_at = len(doc_text[:at].encode("utf-16-le")) // 2
    cursor.setPosition(utf16_at)
    cursor.setPosition(utf16_at + 2, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    start, end = view.selection_range()
    assert art.text[start:end] == "東京"
    assert body_start > 0  # the title and metadata come first
    # a selection in the title alone has no text range
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selection_range() is None


def test_blocks_are_formatted(view, article):
    art, blocks = article
    doc = view.document()
    pm = view.positions

    def qblock(b):
        return doc.findBlock(pm.offset_to_doc(b.start))

    heading, para, li1, li2, ol1, ol2, quote, rtl, code = blocks
    assert qblock(heading).blockFormat().headingLevel() == 2
    assert (
        qblock(heading).charFormat().font().bold()
        or qblock(heading).begin().fragment().charFormat().font().bold()
    )
    assert qblock(li1).textList() is qblock(li2).textList() is not None
    assert qblock(li1).textList().format().style() == QTextListFormat.Style.ListDisc
    numbered = qblock(ol1).textList()
    assert numbered.format().style() == QTextListFormat.Style.ListDecimal
    assert numbered is qblock(ol2).textList() and numbered.format().start() == 3
    assert qblock(quote).blockFormat().leftMargin() > 0
    assert qblock(rtl).blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert qblock(para).blockFormat().layoutDirection() != Qt.LayoutDirection.RightToLeft
    # inline spans: the emphasised word is italic, the link carries its address
    em = para.spans[0]
    cursor = QTextCursor(doc)
    cursor.setPosition(pm.offset_to_doc(em.start) + 1)
    assert cursor.charFormat().fontItalic()
    link = para.spans[1]
    cursor.setPosition(pm.offset_to_doc(link.start) + 1)
    assert cursor.charFormat().anchorHref() == "https://example.org/x"
    assert doc.toPlainText().startswith("Offsets 😀\n")
    assert "A. Writer" in doc.toPlainText() and "Test Wire" in doc.toPlainText()


def test_marks_cover_code_point_ranges_without_changing_the_text(view, article):
    art, _ = article
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("yellow"))
    a = art.text.index("😀😀")
    b = art.text.index("مرحبا بالعالم")
    before = view.document().toPlainText()
    view.set_marks([(a, a + 2, fmt), (b, b + 5, fmt)])
    sels = view.extraSelections()
    assert [s.cursor.selectedText() for s in sels] == ["😀😀", "مرحبا"]
    assert sels[0].format.background().color() == QColor("yellow")
    assert view.document().toPlainText() == before
    view.set_point_size(view.point_size() + 2)  # re-render keeps the marks
    assert [s.cursor.selectedText() for s in view.extraSelections()] == ["😀😀", "مرحبا"]


def test_scroll_to_brings_the_offset_to_the_top(qtbot, view, article):
    art, _ = article
    view.resize(500, 120)
    qtbot.wait(10)
    offset = art.text.index("three")
    view.scroll_to(offset)
    bar = view.verticalScrollBar()
    assert 0 < bar.value() < bar.maximum()
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.offset_to_doc(offset))
    assert view.cursorRect(cursor).top() == 8  # the line is at the top, with a small gap
    assert view.first_visible_offset() <= offset


def test_visible_range_from_the_top_and_scrolled(qtbot, view, article):
    """What opening an article reads the first screen's marks for."""
    art, _ = article
    view.resize(500, 120)
    qtbot.wait(10)
    first, last = view.visible_range()
    assert first == 0 and 0 < last < len(art.text)
    assert art.text.index("Heading") < last
    offset = art.text.index("three")
    view.scroll_to(offset)
    first, last = view.visible_range()
    # the line of "three" is at the top: the range starts on it
    line = art.text.rindex("\n", 0, offset) + 1
    assert line <= first <= offset < last
    assert first == view.first_visible_offset()


def test_nothing_is_ever_loaded(view):
    assert view.loadResource(2, QUrl("https://example.org/tracker.png")) is None
    assert view.loadResource(1, QUrl("file:///etc/passwd")) is None
    assert not view.openLinks() and not view.openExternalLinks()


def test_clearing_the_view(view):
    view.show_article(None)
    assert view.article is None and view.selection_range() is None
    view.select_range(0, 3)  # no article: nothing happens
    assert view.document().isEmpty()


def test_visible_range_right_after_opening_ends_at_the_bottom_line(qtbot, lib):
    """Right after an article is set Qt has laid out only its start; the range must
    still end with the viewport's bottom line, wherever that falls (in a line or in
    the gap between two paragraphs), never at the end of the text."""
    paragraphs = [f"Paragraph {i} " + "word " * (5 + i % 40) for i in range(200)]
    _, aid = lib.add_article(ParsedArticle(title="Long", markdown="\n\n".join(paragraphs)))
    art, blocks = lib.article(aid), lib.blocks(aid)
    view = ArticleView()
    qtbot.addWidget(view)
    view.show()
    for height in range(150, 400, 9):
        view.resize(500, height)
        view.show_article(None)
        view.show_article(art, blocks)
        first, last = view.visible_range()
        bottom = view.viewport().rect().bottom()
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.offset_to_doc(last - 1))
        end = view.cursorRect(cursor)
        # the range's last line is the bottom one or (the bottom in a gap) the next, whose
        # last position a cursor shows at the start of the line after when it wraps
        assert first == 0 and end.top() <= bottom + 3 * end.height(), height
        cursor.setPosition(view.positions.offset_to_doc(last))
        assert view.cursorRect(cursor).bottom() >= bottom, height  # the next line is below
