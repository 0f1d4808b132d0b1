"""File → Merge Library… : in a worker with progress, the summary after, undoable in the
window (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.library import Library


def _other(tmp_path, seed_path, name: str = "budi"):
    path = tmp_path / f"{name}.db"
    with Library(path, annotator=name) as other:
        seed = other.import_file(seed_path).article_id
        text = other.article(seed).text
        start = text.index("Istanbul")
        other.annotate(seed, "entity", start, start + len("Istanbul"), "LOCATION")
        other.create_entity("Istanbul", "ORG")  # Ana has Istanbul as a place: a conflict
    return path


def test_merge_library_runs_in_the_background_and_is_undoable(
    window, lib, seed_path, qtbot, tmp_path
):
    seed = lib.import_file(seed_path).article_id
    lib.create_entity("Istanbul", "LOCATION")
    window.refresh()
    source = _other(tmp_path, seed_path)
    with qtbot.waitSignal(window.tasks.summaryShown, timeout=20000) as shown:
        assert window.tasks.merge_from(source)
    box = shown.args[0]
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Merge finished"
    assert box.text().startswith(
        "Merged budi.db: articles added 0 (1 already here), marks added 1 (0 already here), "
        "entities merged 1 (added 1), conflicts 1."
    )
    assert (
        "• same name, different type: 'Istanbul' is ORG there, LOCATION here; kept apart"
        in box.text()
    )
    box.close()
    marks = [(a.annotator, a.exact) for a in lib.annotations(seed)]
    assert marks == [("budi", "Istanbul")]
    # Edit → Undo takes it back
    assert lib.undo_name == "Merge library"
    assert window.actions_by_id["undo"].isEnabled()
    window.actions_by_id["undo"].trigger()
    assert lib.annotations(seed) == []


def test_merge_is_in_the_file_menu_and_a_wrong_file_shows_one_error(
    window, qtbot, tmp_path, monkeypatch
):
    assert window.actions_by_id["merge_library"].text() == "&Merge Library…"
    errors = []
    monkeypatch.setattr(
        "reader.gui.file_tasks.show_error", lambda parent, message: errors.append(str(message))
    )
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all, just text" * 10)
    with qtbot.waitSignal(window.tasks.ended, timeout=20000) as ended:
        assert window.tasks.merge_from(bad)
    assert ended.args == ["merge", "failed"]
    assert len(errors) == 1 and "not a Reader library" in errors[0]


def test_the_panel_shows_and_filters_each_marks_coder_and_the_list_filters_by_coder(
    window, lib, seed_path, qtbot
):
    from reader.gui.models.annotation_model import ANNOTATOR, TEXT
    from reader.model import ParsedArticle

    seed = lib.import_file(seed_path).article_id
    _, other = lib.add_article(ParsedArticle("Other", "Only Budi marked nothing here."))
    text = lib.article(seed).text
    for who, word in (("ana", "Istanbul"), ("budi", "Doha"), ("budi", "Istanbul")):
        lib.annotator = who
        start = text.index(word)
        lib.annotate(seed, "entity", start, start + len(word), "LOCATION")
    window.refresh()
    window.pane.select_article(seed)
    panel = window.side.annotations
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert (
        panel.model.headerData(ANNOTATOR, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        == "By"
    )

    def shown():
        return [
            (panel.proxy.index(r, TEXT).data(), panel.proxy.index(r, ANNOTATOR).data())
            for r in range(panel.proxy.rowCount())
        ]

    assert sorted(shown()) == [("Doha", "budi"), ("Istanbul", "ana"), ("Istanbul", "budi")]
    assert [panel.coder.itemText(i) for i in range(panel.coder.count())] == [
        "Anyone",
        "ana",
        "budi",
    ]
    panel.set_annotator("budi")
    assert sorted(shown()) == [("Doha", "budi"), ("Istanbul", "budi")]
    panel.set_kind("quote")
    assert shown() == []
    panel.set_kind(None)
    panel.set_annotator(None)
    assert len(shown()) == 3
    # the list: only the articles a coder marked (and statistics and exports follow it)
    combo = window.pane.coder
    assert [combo.itemText(i) for i in range(combo.count())] == ["All coders", "ana", "budi"]
    assert window.model.total == 2
    combo.setCurrentIndex(combo.findData("ana"))
    qtbot.waitUntil(lambda: window.model.total == 1)
    assert window.pane.scope().annotators == ("ana",)
    assert other not in [
        window.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(window.model.rowCount())
    ]


def test_the_export_dialog_exports_one_coders_marks(window, lib, seed_path, qtbot):
    from reader.gui.dialogs.export_dialog import ExportDialog
    from reader.model import Scope

    seed = lib.import_file(seed_path).article_id
    text = lib.article(seed).text
    for who in ("ana", "budi", "curated"):
        lib.annotator = who
        start = text.index("Doha")
        lib.annotate(seed, "entity", start, start + 4, "LOCATION")
    dialog = ExportDialog(lib, (seed, "Seed"), Scope(annotators=("curated",)), window)
    qtbot.addWidget(dialog)
    coder = dialog.coder
    assert [coder.itemText(i) for i in range(coder.count())] == ["Anyone", "ana", "budi", "curated"]
    assert coder.currentText() == "curated"  # the list's coder filter
    assert dialog.scope() == Scope(annotators=("curated",))
    assert dialog.count.text() == "1 annotation will be written."
    coder.setCurrentIndex(0)
    assert dialog.count.text() == "3 annotations will be written."
    dialog.set_scope("article")
    coder.setCurrentIndex(coder.findData("budi"))
    assert dialog.scope() == Scope(article_ids=(seed,), annotators=("budi",))
