"""The action tables made QActions: their platform keys, the one place they are
enabled (`ActionStates`), and building them for the window.

The tables themselves are in reader.gui.action_table (the main window's) and
reader.gui.other_keys (the tool and Curation windows', the widgets' own keys); they are
re-exported here, so the rest of the GUI imports everything about actions from here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

# Re-exported: the GUI and the tests import the tables from here, with the functions.
from reader.gui.action_table import (  # noqa: F401
    ACTIONS,
    ARTICLE,
    REVIEW_KEYS,
    RULES,
    SK,
    ActionSpec,
    Key,
)
from reader.gui.other_keys import CURATION_ACTIONS, TOOL_ACTIONS, WIDGET_KEYS  # noqa: F401


def writing_actions() -> set[str]:
    """Ids of the actions that change the library (disabled on a read-only library)."""
    return {spec.id for spec in ACTIONS if spec.writes}


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The platform's key sequences for an action (a standard key may have several)."""
    out: list[QKeySequence] = []
    for key in spec.keys:
        if isinstance(key, SK):
            out.extend(QKeySequence.keyBindings(key))
        else:
            out.append(QKeySequence(key))
    # Ctrl+, stands in where the platform has no Preferences key; no key twice.
    unique = {k.toString(): k for k in out if not k.isEmpty()}
    return list(unique.values())


def enabled(spec: ActionSpec, state: dict[str, bool]) -> bool:
    """Whether an action is enabled in this state: every rule of `when` holds (any side
    of an "a|b"), and a writing action needs a writable library."""
    rules = (*spec.when, "writable") if spec.writes else spec.when
    return all(any(state[r] for r in rule.split("|")) for rule in rules)


class ActionStates:
    """The one place actions are enabled: parts report facts (`set(article=True)`),
    every action's declared rules are evaluated again."""

    def __init__(self, actions: dict[str, QAction]) -> None:
        self.actions = actions
        self.state = dict.fromkeys(RULES, False)
        self.state["writable"] = True

    def set(self, **facts: bool) -> None:
        unknown = set(facts) - set(RULES)
        if unknown:
            raise KeyError(sorted(unknown)[0])
        self.state.update(facts)
        for spec in ACTIONS:
            if spec.id in self.actions:
                self.actions[spec.id].setEnabled(enabled(spec, self.state))

    def __getitem__(self, rule: str) -> bool:
        return self.state[rule]


def build_actions(
    parent: QObject, handler_for: Callable[[str], Callable[[], object]]
) -> dict[str, QAction]:
    """QActions for the table (review keys excepted: the review mode reads them);
    `handler_for(name)` returns the slot for a handler name."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        if spec.scope == "review":
            continue
        action = QAction(spec.text or spec.id, parent)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec))
        if spec.scope == "library":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        elif spec.scope == "article":
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setCheckable(spec.checkable)
        if spec.tip:
            action.setStatusTip(spec.tip)
        slot = handler_for(spec.handler)
        if spec.arg is not None:
            slot = partial(slot, spec.arg)
        if spec.checkable:
            action.toggled.connect(lambda checked, slot=slot: slot())
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        actions[spec.id] = action
    return actions
