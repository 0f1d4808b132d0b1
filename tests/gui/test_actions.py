"""The action table: standard keys, no collisions, and keys kept free for annotating."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from reader.gui.actions import ACTIONS, key_sequences

RESERVED = ["Q", "H", "N", "Delete", *"123456789"]


def test_no_two_shortcuts_collide():
    seen: dict[tuple[str, str], str] = {}
    for spec in ACTIONS:
        for key in key_sequences(spec):
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            # a window-wide shortcut collides with every scope; others within their scope
            scopes = {"window", spec.scope}
            for scope in scopes:
                clash = seen.get((scope, text))
                assert clash is None, f"{spec.id} and {clash} both use {text}"
            for scope in ("window", "library") if spec.scope == "window" else (spec.scope,):
                seen[(scope, text)] = spec.id
    assert ("window", "Ctrl+F") in seen and ("library", "Del") in seen


def test_annotation_keys_are_free_in_the_article_view():
    window_keys = {
        k.toString(QKeySequence.SequenceFormat.PortableText)
        for spec in ACTIONS
        if spec.scope == "window"
        for k in key_sequences(spec)
    }
    for key in RESERVED:
        assert (
            QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText) not in window_keys
        )


def test_standard_keys_are_used_where_they_exist():
    by_id = {spec.id: spec for spec in ACTIONS}
    std = QKeySequence.StandardKey
    for action, key in [
        ("import_files", std.Open),
        ("quit", std.Quit),
        ("focus_search", std.Find),
        ("zoom_in", std.ZoomIn),
        ("zoom_out", std.ZoomOut),
    ]:
        assert by_id[action].keys == (key,)
    # not the standard Delete: KDE and GNOME bind it to Ctrl+D as well, Star's key
    assert by_id["delete_article"].keys == ("Del",) == by_id["delete_mark"].keys


def test_every_handler_exists_and_every_action_is_built(window):
    for spec in ACTIONS:
        if spec.scope == "review":  # review mode's keys: ReviewController handles them
            assert callable(getattr(window.review, spec.handler, None)), spec.handler
            continue
        assert callable(window.slot(spec.handler)), spec.handler
        assert window.actions_by_id[spec.id].objectName() == spec.id
    assert window.actions_by_id["focus_search"].shortcut().toString() == "Ctrl+F"
    assert window.actions_by_id["delete_article"] in window.pane.table.actions()


def test_focus_search_shortcut(qtbot, window):
    window.actions_by_id["focus_search"].trigger()
    assert window.pane.search.hasFocus()


def test_enable_rules_are_declared_and_evaluated_in_one_place():
    from reader.gui.actions import RULES, enabled

    by_id = {spec.id: spec for spec in ACTIONS}
    for spec in ACTIONS:
        assert all(r in RULES for rule in spec.when for r in rule.split("|")), spec.id
    state = dict.fromkeys(RULES, False) | {"writable": True, "article": True}
    assert not enabled(by_id["annotate_highlight"], state)  # no selection
    assert enabled(by_id["annotate_highlight"], state | {"selection": True})
    assert enabled(by_id["annotate_note"], state | {"mark": True})  # a mark, no selection
    assert not enabled(by_id["delete_mark"], state | {"selection": True})
    assert not enabled(by_id["delete_mark"], state | {"mark": True, "writable": False})
    assert enabled(by_id["toggle_read"], state) and not enabled(by_id["undo"], state)
    assert enabled(by_id["accept_all_quotes"], state | {"reviewing": True, "quotes": True})
    assert not enabled(by_id["accept_all_quotes"], state | {"quotes": True})


def test_review_mode_keys_are_in_the_table():
    keys = {
        k.toString(QKeySequence.SequenceFormat.PortableText): spec.id
        for spec in ACTIONS
        if spec.scope == "review"
        for k in key_sequences(spec)
    }
    for key, action in [
        ("Tab", "review_next"),
        ("J", "review_next"),
        ("K", "review_previous"),
        ("Return", "review_accept"),
        ("Shift+Return", "review_attribute"),
        ("Del", "review_reject"),
        ("3", "review_accept_as_3"),
    ]:
        assert keys[key] == action
