"""Every command of the window in one table: id, title, menu, shortcut, handler.

Single letters (Q, H, N, 1-9) and Delete in the article view are left free for the
annotation tools. "Delete article" uses Delete only while the library list has focus
(the window adds that action to the list widget).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

SK = QKeySequence.StandardKey
Key = SK | str


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str  # "File", "Edit", "View", "Article" (or "" for no menu)
    handler: str  # method name on the window
    keys: tuple[Key, ...] = ()
    scope: str = "window"  # "window", or "library" (only while the list has focus)
    checkable: bool = False
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "&Import Files…", "File", "import_files", (SK.Open,)),
    ActionSpec("import_folder", "Import &Folder…", "File", "import_folder", ("Ctrl+Shift+O",)),
    ActionSpec("open_samples", "Open &Sample Articles", "File", "open_samples"),
    ActionSpec("quit", "&Quit", "File", "close", (SK.Quit,)),
    ActionSpec(
        "paste_article", "&Paste as New Article", "Edit", "paste_article", ("Ctrl+Shift+V",)
    ),
    ActionSpec("focus_search", "&Find in Library", "Edit", "focus_search", (SK.Find,)),
    ActionSpec("zoom_in", "Zoom &In", "View", "zoom_in", (SK.ZoomIn,)),
    ActionSpec("zoom_out", "Zoom &Out", "View", "zoom_out", (SK.ZoomOut,)),
    ActionSpec("zoom_reset", "&Actual Size", "View", "zoom_reset", ("Ctrl+0",)),
    ActionSpec(
        "toggle_side_panel",
        "Show &Annotations Panel",
        "View",
        "toggle_side_panel",
        ("F9",),
        checkable=True,
    ),
    ActionSpec(
        "show_statistics",
        "S&tatistics",
        "View",
        "show_statistics",
        ("Ctrl+Shift+S",),
        tip="Charts of who is quoted and what is named in the listed articles",
    ),
    ActionSpec("next_article", "&Next Article", "Article", "next_article", ("Alt+Down",)),
    ActionSpec("previous_article", "&Previous Article", "Article", "previous_article", ("Alt+Up",)),
    ActionSpec("toggle_read", "Mark as &Read", "Article", "toggle_read", ("Ctrl+M",)),
    ActionSpec("toggle_star", "&Star", "Article", "toggle_star", ("Ctrl+D",)),
    ActionSpec(
        "delete_article",
        "&Delete Article…",
        "Article",
        "delete_article",
        (SK.Delete,),
        scope="library",
    ),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The platform's key sequences for an action (a standard key may have several)."""
    out: list[QKeySequence] = []
    for key in spec.keys:
        if isinstance(key, SK):
            out.extend(QKeySequence.keyBindings(key))
        else:
            out.append(QKeySequence(key))
    return [k for k in out if not k.isEmpty()]


def build_actions(
    parent: QObject, handler_for: Callable[[str], Callable[[], object]]
) -> dict[str, QAction]:
    """QActions for the table; `handler_for(name)` returns the slot for a handler name."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text or spec.id, parent)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec))
        if spec.scope == "library":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(spec.checkable)
        if spec.tip:
            action.setStatusTip(spec.tip)
        slot = handler_for(spec.handler)
        if spec.checkable:
            action.toggled.connect(lambda checked, slot=slot: slot())
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        actions[spec.id] = action
    return actions
