"""Issue 16's window details: the language filter by name, the metadata line isolated
for bidi, and the library list's sort remembered across restarts."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QPalette, QTextCursor

from reader.gui.language_names import language_labels, language_name
from reader.gui.models.library_model import PUBLISHED, TITLE
from reader.gui.views.render import FSI, PDI, metadata_text, render_article
from tests.conftest import ROOT

from .conftest import add_articles

ARABIC = ROOT / "resources" / "samples" / "sample-ar-book-fair.md"


def test_language_names():
    assert language_name("ar") == "Arabic"
    assert language_name("pt-BR") == "Portuguese"
    assert language_name("qqq") == "qqq"  # unknown to Qt: the code
    assert language_labels(["zh", "zh-Hant", "en"]) == {
        "zh": "Chinese (zh)",
        "zh-Hant": "Chinese (zh-Hant)",
        "en": "English",
    }


def test_the_language_filter_shows_names_and_filters_by_code(lib, make_window):
    add_articles(lib, 4)  # three in English, one in French
    window = make_window()
    combo = window.pane.language
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All languages",
        "English (3)",
        "French (1)",
    ]
    combo.setCurrentIndex(2)
    assert window.pane.scope().languages == ("fr",)
    assert window.model.rowCount() == 1
    assert window.model.index(0, TITLE).data() == "Article 0000"


def test_each_metadata_field_is_a_bidi_isolate(qapp, lib):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        (outcome,) = lib.import_paths([ARABIC]).outcomes
        article_id = outcome.article_id
        article = lib.article(article_id)
        expected = "  ·  ".join(
            [
                f"{FSI}Monday, 10 March 2025{PDI}",
                f"{FSI}مكتب العينات في Reader{PDI}",
                f"{FSI}Reader Samples{PDI}",
                f"{FSI}Arabic{PDI}",
            ]
        )
        assert metadata_text(article) == expected
        rendered = render_article(article, lib.blocks(article_id), QFont(), QPalette())
        block = rendered.document.findBlockByNumber(1)  # the line under the title
        assert block.text() == expected
        assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
        # the body still starts where the position map says
        cursor = QTextCursor(rendered.document)
        cursor.setPosition(rendered.positions.offset_to_doc(0))
        cursor.setPosition(
            rendered.positions.offset_to_doc(len(article.text)), QTextCursor.MoveMode.KeepAnchor
        )
        assert cursor.selectedText().replace("\u2029", "\n")[:20] == article.text[:20]
    finally:
        QLocale.setDefault(QLocale.c())


def test_the_sort_is_remembered_across_restarts(lib, make_window, settings):
    add_articles(lib, 5)
    window = make_window()
    header = window.pane.table.horizontalHeader()
    header.setSortIndicator(PUBLISHED, Qt.SortOrder.DescendingOrder)
    dates = [window.model.index(r, PUBLISHED).data() for r in range(5)]
    assert dates == ["2024-01-05", "2024-01-04", "2024-01-03", "2024-01-02", "2024-01-01"]
    window.close()
    assert settings.sort() == ("published", True)

    again = make_window()
    header = again.pane.table.horizontalHeader()
    assert header.sortIndicatorSection() == PUBLISHED
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert again.model.order == ("published", True)
    assert [again.model.index(r, PUBLISHED).data() for r in range(5)] == dates

    # back to the default order (the indicator cleared): remembered too
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    again.close()
    assert settings.sort() is None
    third = make_window()
    assert third.pane.table.horizontalHeader().sortIndicatorSection() == -1
    assert third.model.sort_column is None
    assert third.model.index(0, TITLE).data() == "Article 0004"  # newest import first


def test_a_remembered_sort_by_title_ascending(lib, make_window, settings):
    add_articles(lib, 3)
    settings.set_sort("title", False)
    window = make_window()
    assert window.pane.table.horizontalHeader().sortIndicatorSection() == TITLE
    assert [window.model.index(r, TITLE).data() for r in range(3)] == [
        "Article 0000",
        "Article 0001",
        "Article 0002",
    ]
    settings.set_sort("no such column", True)
    assert make_window().model.sort_column is None
