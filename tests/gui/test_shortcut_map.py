"""No two shortcuts share a key wherever the focus is, in every window, on every desktop.

The table's standard keys are checked with the bindings Qt gives them on Windows, macOS,
KDE and GNOME (the offscreen platform used by the tests has only the generic ones): on
KDE and GNOME the standard Delete key is also Ctrl+D, which made Star ambiguous.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from reader.gui.actions import ACTIONS, TOOL_ACTIONS, ActionSpec, key_sequences
from tests.conftest import SEED

SK = QKeySequence.StandardKey
PORTABLE = QKeySequence.SequenceFormat.PortableText
# Qt's key bindings of the standard keys on Windows, macOS, KDE and GNOME (QKeySequence
# documentation, "Standard Shortcuts"), for the keys Reader's windows use.
PLATFORM_BINDINGS = {
    SK.Open: ("Ctrl+O",),
    SK.Quit: ("Ctrl+Q",),
    SK.Undo: ("Ctrl+Z", "Alt+Backspace"),
    SK.Redo: ("Ctrl+Y", "Ctrl+Shift+Z", "Alt+Shift+Backspace"),
    SK.Find: ("Ctrl+F",),
    SK.FindNext: ("F3", "Ctrl+G"),
    SK.FindPrevious: ("Shift+F3", "Ctrl+Shift+G"),
    SK.ZoomIn: ("Ctrl++",),
    SK.ZoomOut: ("Ctrl+-",),
    SK.Refresh: ("F5", "Ctrl+R"),
    SK.Delete: ("Del", "Ctrl+D", "Meta+D"),
    SK.Close: ("Ctrl+W", "Ctrl+F4", "Ctrl+Esc"),
    SK.Preferences: ("Ctrl+,", "Ctrl+Shift+,"),
    SK.Copy: ("Ctrl+C", "Ctrl+Ins", "F16"),
    SK.HelpContents: ("F1", "Ctrl+?"),
}
SPECS: dict[str, ActionSpec] = {spec.id: spec for spec in (*ACTIONS, *TOOL_ACTIONS)}


def portable(keys) -> set[str]:  # noqa: ANN001
    return {k.toString(PORTABLE) for k in keys if not k.isEmpty()}


def spec_keys(spec: ActionSpec) -> set[str]:
    """Every key an action has on some desktop."""
    out = portable(key_sequences(spec))
    for key in spec.keys:
        if isinstance(key, SK):
            assert key in PLATFORM_BINDINGS, f"{spec.id}: add {key} to PLATFORM_BINDINGS"
            out |= portable(QKeySequence(k) for k in PLATFORM_BINDINGS[key])
    return out


def owner_keys(owner: QObject) -> set[str]:
    if (spec := SPECS.get(owner.objectName())) is not None:
        return spec_keys(spec)
    if isinstance(owner, QAction):
        return portable(owner.shortcuts())
    if isinstance(owner, QShortcut):
        return portable([owner.key(), *owner.keys()])
    if isinstance(owner, QAbstractButton):
        return portable([owner.shortcut()])
    return set()


def shortcut_owners(top: QWidget) -> list[tuple[QObject, Qt.ShortcutContext, QWidget]]:
    """(action, shortcut or button; its context; the widget it is attached to)."""
    found: list[tuple[QObject, Qt.ShortcutContext, QWidget]] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and widget.isWindow() and widget.windowType() != Qt.WindowType.Popup:
            continue  # another window (a dialog) has its own keys
        found += [(a, a.shortcutContext(), widget) for a in widget.actions()]
        if isinstance(widget, QAbstractButton) and not widget.shortcut().isEmpty():
            found.append((widget, Qt.ShortcutContext.WindowShortcut, widget))
    found += [(s, s.context(), s.parentWidget()) for s in top.findChildren(QShortcut)]
    return found


def active_at(owners, focus: QWidget) -> dict[str, set[int]]:  # noqa: ANN001
    """Key → the owners (by id) whose shortcut is live while `focus` has the focus."""
    live: dict[str, set[int]] = {}
    for owner, context, widget in owners:
        if context == Qt.ShortcutContext.WidgetShortcut and widget is not focus:
            continue
        if context == Qt.ShortcutContext.WidgetWithChildrenShortcut and not (
            widget is focus or widget.isAncestorOf(focus)
        ):
            continue
        for key in owner_keys(owner):
            live.setdefault(key, set()).add(id(owner))
    return live


def clashes(top: QWidget) -> list[str]:
    owners = shortcut_owners(top)
    names = {id(o): o.objectName() or o.text() for o, _, _ in owners}  # type: ignore[attr-defined]
    out = []
    focusable = [
        w
        for w in [top, *top.findChildren(QWidget)]
        if w is top or (w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.window() is top)
    ]
    for focus in focusable:
        for key, ids in active_at(owners, focus).items():
            if len(ids) > 1:
                out.append(f"{key} at {type(focus).__name__} {focus.objectName()!r}: "
                           + ", ".join(sorted(names[i] for i in ids)))  # fmt: skip
    return sorted(set(out))


def test_the_standard_delete_key_would_make_star_ambiguous_on_linux_desktops():
    # what this test guards against: the check sees the KDE/GNOME binding of Delete
    fake = ActionSpec("x", "x", "", "x", (SK.Delete,))
    assert "Ctrl+D" in spec_keys(fake)
    assert "Ctrl+D" in spec_keys(SPECS["toggle_star"])
    assert "Ctrl+D" not in spec_keys(SPECS["delete_article"])
    assert "Ctrl+D" not in spec_keys(SPECS["delete_mark"])


def test_no_key_is_ambiguous_anywhere_in_the_main_window(qtbot, lib, make_window):
    lib.import_file(SEED)
    window = make_window()
    window.pane.select_row(0)
    assert shortcut_owners(window)  # the walk finds the shortcuts
    live = active_at(shortcut_owners(window), window.pane.table)
    assert "Del" in live and "Ctrl+D" in live and len(live["Del"]) == 1
    assert clashes(window) == []


def test_no_key_is_ambiguous_in_the_entities_and_statistics_windows(qtbot, lib, make_window):
    lib.import_file(SEED)
    window = make_window()
    window.views.show_entities()
    window.views.show_statistics()
    window.views.show_agreement()
    tools = (window.views.entities_window, window.views.statistics, window.views.agreement)
    for tool in tools:
        live = active_at(shortcut_owners(tool), tool)
        assert "Ctrl+W" in live, type(tool).__name__
        assert clashes(tool) == [], type(tool).__name__


def test_review_keys_are_distinct_and_leave_the_window_keys_alone():
    review: dict[str, str] = {}
    for spec in ACTIONS:
        if spec.scope == "review":
            for key in spec_keys(spec):
                assert key not in review, f"{spec.id} and {review[key]} both use {key}"
                review[key] = spec.id
    window_keys = {k for s in ACTIONS if s.scope == "window" for k in spec_keys(s)}
    assert not set(review) & window_keys
    assert review["Del"] == "review_reject"
