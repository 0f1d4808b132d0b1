"""Annotate → Curate…: disagreements listed with each coder's version, one key to take
A or B, reject, or accept every agreed mark; written as the curated annotator, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_shortcut_map import active_at, clashes, shortcut_owners


def coded(lib, seed_path):
    seed = lib.import_file(seed_path).article_id
    text = lib.article(seed).text

    def mark(who, kind, word, label=None):
        lib.annotator = who
        start = text.index(word)
        return lib.annotate(seed, kind, start, start + len(word), label)

    mark("ana", "entity", "Sergey Lavrov", "PERSON")
    mark("budi", "entity", "Sergey Lavrov", "PERSON")  # agreed
    mark("ana", "entity", "Istanbul", "LOCATION")
    mark("budi", "entity", "Istanbul", "ORG")
    mark("budi", "entity", "Doha", "LOCATION")
    mark("ana", "highlight", "masalah sistemik")
    lib.annotator = "me"
    return seed


def rows(curation):
    table = curation.table
    return [tuple(table.item(r, c).text() for c in range(1, 5)) for r in range(table.rowCount())]


def curated(lib, seed):
    return sorted(
        (a.kind, a.label, a.exact) for a in lib.annotations(seed) if a.annotator == "curated"
    )


def test_curation_window_settles_disagreements_with_one_key_each(window, lib, seed_path, qtbot):
    seed = coded(lib, seed_path)
    window.refresh()
    window.pane.select_article(seed)
    window.actions_by_id["show_curation"].trigger()
    curation = window.views.curation
    assert (curation.coder_a.currentText(), curation.coder_b.currentText()) == ("ana", "budi")
    assert rows(curation) == [
        ("entity", "—", "LOCATION: Doha", ""),
        ("entity", "LOCATION: Istanbul", "ORG: Istanbul", ""),
        ("highlight", "important: masalah sistemik", "—", ""),
    ]
    assert curation.summary.text() == "3 disagreements (3 to settle), 1 agreed; written as curated."
    curation.table.setCurrentCell(0, 0)
    curation.activateWindow()
    qtbot.waitUntil(curation.isActiveWindow)
    curation.table.setFocus()
    qtbot.keyClick(curation.table, Qt.Key.Key_X)  # reject Doha
    assert rows(curation)[0][3] == "rejected"
    assert curation.table.currentRow() == 1  # on to the next one
    qtbot.keyClick(curation.table, Qt.Key.Key_B)  # take Budi's ORG
    assert curated(lib, seed) == [("entity", "ORG", "Istanbul")]
    assert rows(curation)[1][3] == "ORG: Istanbul"
    assert curation.table.currentRow() == 2
    qtbot.keyClick(curation.table, Qt.Key.Key_A)  # take Ana's highlight
    qtbot.keyClick(curation.table, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # agreed
    assert curated(lib, seed) == [
        ("entity", "ORG", "Istanbul"),
        ("entity", "PERSON", "Sergey Lavrov"),
        ("highlight", "important", "masalah sistemik"),
    ]
    # changing one's mind on a row replaces what was taken there, as one undo step
    curation.table.setCurrentCell(1, 0)
    qtbot.keyClick(curation.table, Qt.Key.Key_A)
    assert ("entity", "LOCATION", "Istanbul") in curated(lib, seed)
    assert ("entity", "ORG", "Istanbul") not in curated(lib, seed)
    assert lib.undo_name == "Take ana's version"
    lib.undo()
    assert ("entity", "ORG", "Istanbul") in curated(lib, seed)
    qtbot.waitUntil(lambda: rows(curation)[1][3] == "ORG: Istanbul")


def test_curation_keys_clash_with_nothing_and_are_on_the_cheat_sheet(window, lib, seed_path):
    from reader.gui.dialogs.help import shortcut_rows

    seed = coded(lib, seed_path)
    window.pane.select_article(seed)
    window.views.show_curation()
    curation = window.views.curation
    live = active_at(shortcut_owners(curation), curation.table)
    assert {"A", "B", "X", "E", "Shift+A", "Ctrl+W"} <= set(live)
    assert clashes(curation) == []
    sheet = [r for r in shortcut_rows() if r[0].startswith("In the Curation window")]
    assert [r[1:] for r in sheet] == [
        ("A", "Take A"),
        ("B", "Take B"),
        ("X", "Reject Both"),
        ("E", "Edit in Article"),
        ("Shift+A", "Accept All Agreed"),
    ]


def test_edit_in_article_takes_a_version_and_selects_it_for_adjusting(
    window, lib, seed_path, qtbot
):
    seed = coded(lib, seed_path)
    window.refresh()
    window.pane.select_article(seed)
    window.actions_by_id["show_curation"].trigger()
    curation = window.views.curation
    curation.table.setCurrentCell(0, 0)  # Doha: only Budi marked it, so his version
    curation.actions_by_id["curate_edit"].trigger()
    (taken,) = [a for a in lib.annotations(seed) if a.annotator == "curated"]
    assert (taken.kind, taken.label, taken.exact) == ("entity", "LOCATION", "Doha")
    assert window.annotate.selected == taken.id  # the article's selected mark
    assert curation.table.currentRow() == 0  # stays on the row being edited
    # the usual mark keys adjust it: Alt+Right takes the next word into the mark
    window.view.setFocus()
    window.actions_by_id["mark_end_later"].trigger()
    edited = lib.annotation(taken.id)
    assert (edited.annotator, edited.exact) == ("curated", "Doha, Qatar")
    assert rows(curation)[0][3] == "LOCATION: Doha, Qatar"
