"""Help menu: a keyboard cheat sheet made from the action table, and an About box."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from reader import __version__
from reader.gui.actions import ACTIONS, CURATION_ACTIONS, TOOL_ACTIONS, WIDGET_KEYS
from reader.gui.dialogs.help import SECTIONS, key_text, shortcut_rows


def menu_titles(window) -> dict[str, list[str]]:  # noqa: ANN001
    out = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        out[action.text().replace("&", "")] = [a.text() for a in menu.actions() if a.text()]
    return out


def by_keys_of(rows):  # noqa: ANN001, ANN201
    return {(section, keys): command for section, keys, command in rows}


def test_the_help_menu_has_the_cheat_sheet_and_about(window):
    menus = menu_titles(window)
    assert list(menus)[-1] == "Help"
    assert menus["Help"] == ["&Keyboard Shortcuts", "&About Reader"]
    assert window.actions_by_id["show_shortcuts"].shortcut().toString() == "F1"
    assert "&Caret Browsing" in menus["View"]


def test_the_cheat_sheet_lists_every_key_of_the_table(window):
    rows = shortcut_rows(window.actions_by_id)
    titles = dict(SECTIONS)
    native = QKeySequence.SequenceFormat.NativeText
    keyed = [s for s in (*ACTIONS, *TOOL_ACTIONS, *CURATION_ACTIONS) if s.keys]
    hidden = [
        s
        for s in keyed
        if s.id in window.actions_by_id and not window.actions_by_id[s.id].isVisible()
    ]
    assert hidden and all(s.id.startswith("annotate_tag_") for s in hidden)  # 7-9: no label
    keyless = [s for s in keyed if not key_text(s)]  # Quit, where the platform has no key
    assert len(rows) == len(keyed) - len(hidden) - len(keyless) + len(WIDGET_KEYS)
    assert all(keys for _, keys, _ in rows)
    assert by_keys_of(rows)[(titles["window"], "Ctrl+O")] == "Import Files"
    by_keys = {(section, keys): command for section, keys, command in rows}
    assert by_keys[(titles["window"], "Ctrl+D")] == "Star"
    assert by_keys[(titles["window"], "F7")] == "Caret Browsing"
    assert by_keys[(titles["window"], "F1")] == "Keyboard Shortcuts"
    assert by_keys[(titles["library"], "Del")] == "Delete Article"
    assert by_keys[(titles["article"], "1")] == "Tag as PERSON"  # the label's name
    assert by_keys[(titles["article"], "L")] == "Tag with Label"  # not "Tag as Tag with…"
    assert by_keys[(titles["review"], "Tab, J")] == "Next Suggestion"
    assert by_keys[(titles["tool"], "Ctrl+W, Esc")] == "Close Window"
    undo = next(k for k in by_keys if by_keys[k] == "Undo")
    assert "Ctrl+Z" in undo[1]
    for spec in keyed:
        if spec not in hidden and spec not in keyless:
            first = QKeySequence(spec.keys[0]).toString(native)
            assert any(first in keys for _, keys, _ in rows), spec.id


def test_the_sheet_follows_the_labels(qtbot, lib, window):
    person = next(lb for lb in lib.labels() if lb.name == "PERSON")
    lib.update_label(person.id, name="PEOPLE")
    window.annotate.labels_changed()
    window.actions_by_id["show_shortcuts"].trigger()
    sheet = window.views.shortcuts
    assert sheet.isVisible()
    assert ("In the article (annotating)", "1", "Tag as PEOPLE") in sheet.rows()
    assert [r[0] for r in sheet.rows()][0] == "Anywhere in the window"


def test_about_names_the_version_the_library_and_the_licences(qtbot, lib, window):
    window.actions_by_id["show_about"].trigger()
    about = window.views.about
    assert about.isVisible()
    assert about.windowTitle() == "About Reader"
    texts = [w.text() for w in about.findChildren(type(about.library_label))]
    assert f"Reader {__version__}" in texts
    assert about.library_label.text() == f"Library: {lib.path}"
    licences = about.licences.toPlainText()
    for needle in ("MIT License", "CC BY 4.0", "Open Database License", "idner-news-2k",
                   "wikigold", "Unicode License", "SeaPRwire", "LGPL"):  # fmt: skip
        assert needle in licences, needle
    about.reject()
