"""The library model on its own (no view): paging, sorting, search, updates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from reader.gui.models.library_model import (
    NOTES,
    PAGE,
    PUBLISHED,
    READ,
    STARRED,
    TITLE,
    ArticleIdRole,
    LibraryModel,
)
from reader.model import Scope

from .conftest import add_articles


def titles(model: LibraryModel) -> list[str]:
    return [model.index(r, TITLE).data() for r in range(model.rowCount())]


def test_first_page_then_fetch_more(qapp, lib):
    ids = add_articles(lib, PAGE + 50)
    model = LibraryModel(lib)
    assert model.total == PAGE + 50
    assert model.rowCount() == PAGE
    assert model.columnCount() == 7
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE + 50
    assert not model.canFetchMore(QModelIndex())
    # default order: newest import first (ties broken by id, descending)
    assert [model.index(r, 0).data(ArticleIdRole) for r in range(model.rowCount())] == ids[::-1]


def test_display_values(qapp, lib):
    (aid,) = add_articles(lib, 1)
    lib.set_starred(aid)
    model = LibraryModel(lib)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["Article 0000", "Source 0", "2024-01-01", "fr", "", "", "★"]
    assert model.headerData(TITLE, Qt.Orientation.Horizontal) == "Title"
    assert model.index(0, TITLE).data(Qt.ItemDataRole.FontRole).bold()  # unread


def test_sort_by_column_uses_the_whole_library(qapp, lib):
    add_articles(lib, PAGE + 10)
    model = LibraryModel(lib)
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(model)[:3] == ["Article 0000", "Article 0001", "Article 0002"]
    model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(model)[0] == f"Article {PAGE + 9:04}"
    model.sort(PUBLISHED, Qt.SortOrder.DescendingOrder)
    assert model.index(0, PUBLISHED).data() == "2024-01-28"


def test_search_scope_is_ranked_and_counted(qapp, lib):
    add_articles(lib, 40)
    model = LibraryModel(lib)
    model.set_scope(Scope(query="harb", prefix=True))
    assert model.total == 20 == model.rowCount()
    assert model.order == ("imported_at", True)  # the column order is kept for later
    assert all(int(t.split()[1]) % 2 for t in titles(model))
    model.set_scope(Scope(query='"unbalanced ( NEAR', prefix=True))
    assert model.total == 0
    model.set_scope(Scope(languages=("fr",)))
    assert model.total == 10


def test_update_and_remove_rows(qapp, lib, qtbot):
    ids = add_articles(lib, 3)
    model = LibraryModel(lib)
    with qtbot.waitSignal(model.dataChanged):
        model.update_summary(ids[0], read=True)
    row = model.row_of(ids[0])
    assert model.index(row, READ).data() == "✓"
    assert model.index(row, NOTES).data() == ""
    assert model.index(row, STARRED).data() == ""
    with qtbot.waitSignal(model.totalChanged) as signal:
        model.remove_article(ids[1])
    assert signal.args == [2]
    assert model.row_of(ids[1]) is None and model.rowCount() == 2
