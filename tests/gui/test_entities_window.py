from __future__ import annotations

from PySide6.QtCore import Qt


def _tagged(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    lavrov = lib.tag_entity("Sergey Lavrov", "PERSON", ["Lavrov"]).entity_id
    biden = lib.tag_entity("Joe Biden", "PERSON", ["Biden"]).entity_id
    lib.tag_entity("Istanbul", "LOCATION")
    return article_id, lavrov, biden


def _rows(w):
    model = w.proxy
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_lists_entities_with_counts_and_filters(window, lib, seed_path, qtbot):
    _, lavrov, _ = _tagged(lib, seed_path)
    window.views.show_entities()
    w = window.views.entities_window
    assert _rows(w)[0] == ("Sergey Lavrov", "PERSON", "Lavrov", 5, 1, 0, "")
    w.type_filter.setCurrentIndex(w.type_filter.findData("LOCATION"))
    assert [r[0] for r in _rows(w)] == ["Istanbul"]
    w.type_filter.setCurrentIndex(0)
    w.name_filter.setText("biden")
    assert [r[0] for r in _rows(w)] == ["Joe Biden"]


def test_mentions_open_their_article(window, lib, seed_path, qtbot):
    article_id, lavrov, _ = _tagged(lib, seed_path)
    window.views.show_entities()
    w = window.views.entities_window
    w.select_entity(lavrov)
    assert w.mentions.rowCount() == 5
    assert w.mention_label.text().startswith("Sergey Lavrov: 5 mentions")
    second = w.mentions.index(1, 0)
    w.mention_view.doubleClicked.emit(second)
    assert window.view.article.id == article_id
    text = lib.article(article_id).text
    start, end = window.view.selection_range()
    assert text[start:end] == "Lavrov" and start == text.index("Lavrov menyampaikan")


def test_merge_from_the_window(window, lib, seed_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    article_id, lavrov, biden = _tagged(lib, seed_path)
    window.views.show_entities()
    w = window.views.entities_window
    w.table.selectAll()
    w.type_filter.setCurrentIndex(w.type_filter.findData("PERSON"))
    w.table.selectAll()
    assert set(w.selected_ids()) == {lavrov, biden}
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Sergey Lavrov (PERSON)", True))
    w.merge()
    assert [e.name for e in lib.entities() if e.type == "PERSON"] == ["Sergey Lavrov"]
    assert lib.entity(lavrov).aliases == ["Lavrov", "Joe Biden", "Biden"]
    assert {a.entity_id for a in lib.annotations(article_id) if a.label == "PERSON"} == {lavrov}
    assert _rows(w)[0][:4] == ("Sergey Lavrov", "PERSON", "Lavrov, Joe Biden, Biden", 7)
    lib.undo()
    assert lib.entity(biden).name == "Joe Biden"


def test_rename_and_aliases(window, lib, seed_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    _, lavrov, _ = _tagged(lib, seed_path)
    window.views.show_entities()
    w = window.views.entities_window
    w.select_entity(lavrov)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sergei Lavrov", True))
    w.rename()
    assert lib.entity(lavrov).name == "Sergei Lavrov"
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Lavrov\nS. Lavrov\n", True)
    )
    w.edit_aliases()
    assert lib.entity(lavrov).aliases == ["Lavrov", "S. Lavrov"]
    assert w.table.selectionModel().selectedRows()[0].data(Qt.ItemDataRole.UserRole) == lavrov


def test_selecting_an_entity_ignores_held_modifiers(window, lib, seed_path, qtbot):
    """With Shift down (or its state left behind by an earlier key event), choosing an
    entity still selects exactly it: selectRow would extend the selection."""
    from PySide6.QtWidgets import QApplication

    _, lavrov, biden = _tagged(lib, seed_path)
    window.views.show_entities()
    w = window.views.entities_window
    qtbot.keyPress(w.table, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
    try:
        assert QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        w.select_entity(lavrov)
        w.select_entity(biden)
        assert w.selected_ids() == [biden]
        w.refresh()  # keeps exactly the selection
        assert w.selected_ids() == [biden]
    finally:
        qtbot.keyRelease(w.table, Qt.Key.Key_Shift)
