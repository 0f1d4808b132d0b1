"""The keys outside the main window's table: the tool windows', the Curation window's,
and those the widgets handle themselves (listed on the cheat sheet with the actions).
"""

from __future__ import annotations

from reader.gui.action_table import ActionSpec

# the tool windows' own keys (reader.gui.tool_window); Esc reaches them only when the
# focused widget does not use it (an open cell editor cancels first)
TOOL_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("close_tool_window", "&Close Window", "", "close", ("Ctrl+W", "Esc"), "tool"),
)
# the Curation window's keys (reader/gui/curation/window.py): one each to settle a
# disagreement; the window's own actions (WindowShortcut in that window only)
CURATION_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "curate_take_a", "Take &A", "", "take_a", ("A",), "curation", writes=True,
        tip="Write coder A's version as the curated marks",
    ),
    ActionSpec(
        "curate_take_b", "Take &B", "", "take_b", ("B",), "curation", writes=True,
        tip="Write coder B's version as the curated marks",
    ),
    ActionSpec(
        "curate_reject", "&Reject Both", "", "reject", ("X",), "curation", writes=True,
        tip="Keep neither version: the curated set has nothing here",
    ),
    ActionSpec(
        "curate_edit", "&Edit in Article", "", "edit_in_article", ("E",), "curation",
        writes=True,
        tip="Take A's version (else B's) and select it in the article to adjust: "
        "Alt+arrows move its ends, F2 in the panel edits its label or note",
    ),
    ActionSpec(
        "curate_accept_agreed", "Accept All A&greed", "", "accept_agreed", ("Shift+A",),
        "curation", writes=True,
        tip="Write every mark both coders agree on (same span, label and speaker)",
    ),
)  # fmt: skip
# Keys the widgets handle themselves (no QAction): (scope, keys, what they do), listed
# with the actions on the keyboard cheat sheet (Help → Keyboard Shortcuts)
WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    ("library", "Down, Enter (in the search field)", "Go to the results, first one selected"),
    ("library", "Up, Down", "Previous / next article in the list"),
    ("article", "Ctrl+F", "Find in the article: a find bar under it, every match framed"),
    ("find", "Enter, F3", "Next match (after the last, the first)"),
    ("find", "Shift+Enter, Shift+F3", "Previous match"),
    ("find", "Esc", "Close the find bar; the current match stays selected, to mark it"),
    ("article", "Esc", "Close the find bar when it is open"),
    ("find", "Ctrl+F", "Select the text of the find field"),
    ("article", "Arrow keys, Home, End, Page Up/Down", "Move the caret (caret browsing, F7)"),
    ("article", "Shift+arrow keys", "Select characters or lines from the caret"),
    ("article", "Ctrl+Shift+Left, Ctrl+Shift+Right", "Select words from the caret"),
    ("panel", "Enter", "Go to the mark in the article"),
    ("panel", "F2", "Edit the label or note"),
    ("panel", "Delete", "Delete the mark (in an open editor too, unless text is selected)"),
    ("panel", "Ctrl+C", "Copy the selected marks as CSV"),
)
