"""The main window's action table: every command's id, title, menu, shortcut, handler.

Delete is written "Del", never the standard key: KDE and GNOME bind that to Ctrl+D too,
which is Star ("Ambiguous shortcut overload: Ctrl+D").

Single letters (Q, H, N, 1-9) and Delete belong to the annotation tools, only while
the article view has focus (scope "article": the window adds those actions to the
view). "Delete article" uses Delete only while the library list has focus (the window
adds that action to the list widget). Review mode's keys (scope "review") are in the
table too; they act in the article view while reviewing, before the article's own.

Each action declares when it is enabled (`when`: rules that must all hold, "a|b" for
either); `ActionStates` (reader.gui.actions) evaluates every rule in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

SK = QKeySequence.StandardKey
Key = SK | str


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str  # "File", "Edit", "View", "Article", "Annotate" (or "" for no menu)
    handler: str  # method name on the window
    keys: tuple[Key, ...] = ()
    # "window", "library" or "article" (only while that has focus); "review": review
    # mode's keys in the article view; "tool": in the Entities and Statistics windows
    scope: str = "window"
    checkable: bool = False
    tip: str = ""
    writes: bool = False  # changes the library: disabled when it is read-only
    arg: int | None = None  # passed to the handler (the entity label keys 1-9)
    when: tuple[str, ...] = ()  # enable rules (RULES), besides "writable" for `writes`


# What enable rules may name; `ActionStates` holds their current values.
RULES = ("writable", "article", "selection", "mark", "reviewing", "undo", "redo")
RULES += ("quotes", "entities")  # suggestions of that kind are listed
RULES += ("feed", "feeds")  # a feed is chosen in the Feeds section; the library has feeds
ARTICLE = ("article",)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "&Import Files…", "File", "import_files", (SK.Open,), writes=True),
    ActionSpec(
        "import_folder",
        "Import &Folder…",
        "File",
        "import_folder",
        ("Ctrl+Shift+O",),
        writes=True,
    ),
    ActionSpec(
        "import_url",
        "Import from &Web Address…",
        "File",
        "import_url",
        ("Ctrl+L",),
        writes=True,
        tip="Fetch a web page (or a PDF or Word file) and import it",
    ),
    ActionSpec(
        "import_attachments",
        "Import E-mail &Attachments",
        "File",
        "toggle_import_attachments",
        checkable=True,
        tip="Import the PDF and Word attachments of .eml and .mbox files as articles of their own",
    ),
    # -- feeds (reader.gui.feed_commands), in File → Feeds --
    ActionSpec("add_feed", "&Add Feed…", "File/Feeds", "add_feed", writes=True),
    ActionSpec(
        "update_feeds",
        "&Update All Feeds",
        "File/Feeds",
        "update_feeds",
        ("Ctrl+Shift+U",),
        writes=True,
        when=("feeds",),
        tip="Fetch every feed in the background and import its new items",
    ),
    ActionSpec(
        "update_feed", "Update &This Feed", "File/Feeds", "update_feed", writes=True, when=("feed",)
    ),
    ActionSpec(
        "rename_feed", "&Rename Feed…", "File/Feeds", "rename_feed", writes=True, when=("feed",)
    ),
    ActionSpec(
        "remove_feed", "Remo&ve Feed…", "File/Feeds", "remove_feed", writes=True, when=("feed",)
    ),
    ActionSpec(
        "update_feeds_on_start",
        "Update Feeds on &Start",
        "File/Feeds",
        "update_feeds_on_start",
        checkable=True,
        tip="Update every feed in the background when Reader opens this library",
    ),
    ActionSpec("open_samples", "Open &Sample Articles", "File", "open_samples", writes=True),
    ActionSpec(
        "export_annotations", "&Export Annotations…", "File", "export_annotations", ("Ctrl+E",)
    ),
    ActionSpec("export_articles", "Export A&rticles…", "File", "export_articles"),
    ActionSpec("backup_library", "&Back Up Library…", "File", "backup_library"),
    ActionSpec("restore_backup", "Restore from Bac&kup…", "File", "restore_backup", writes=True),
    ActionSpec(
        "merge_library",
        "&Merge Library…",
        "File",
        "merge_library",
        writes=True,
        tip="Bring another coder's library (marks, entities, missing articles) into this one",
    ),
    ActionSpec("quit", "&Quit", "File", "close", (SK.Quit,)),
    ActionSpec("undo", "&Undo", "Edit", "undo", (SK.Undo,), writes=True, when=("undo",)),
    ActionSpec("redo", "&Redo", "Edit", "redo", (SK.Redo,), writes=True, when=("redo",)),
    ActionSpec(
        "paste_article",
        "&Paste as New Article",
        "Edit",
        "paste_article",
        ("Ctrl+Shift+V",),
        writes=True,
    ),
    ActionSpec(
        "focus_search",
        "&Find in Library",
        "Edit",
        "focus_search",
        (SK.Find,),
        tip="The library's search field (Ctrl+F in the article finds in the article)",
    ),
    # Ctrl+F while the article has focus: the find controller takes the key there
    # (reader.gui.find_controller; WIDGET_KEYS), so no second action has it
    ActionSpec(
        "find_in_article",
        "Find in &Article…",
        "Edit",
        "find_in_article",
        when=ARTICLE,
        tip="A find bar under the article: every match framed, F3 / Shift+F3 to step",
    ),
    ActionSpec("find_next", "Find &Next", "Edit", "find_next", (SK.FindNext,), when=ARTICLE),
    ActionSpec(
        "find_previous",
        "Find Pre&vious",
        "Edit",
        "find_previous",
        (SK.FindPrevious,),
        when=ARTICLE,
    ),
    ActionSpec(
        "copy_annotations_csv",
        "Copy Article's Annotations as &CSV",
        "Edit",
        "copy_annotations_csv",
        when=ARTICLE,
    ),
    ActionSpec(
        "copy_annotations_markdown",
        "Copy Article's Annotations as &Markdown",
        "Edit",
        "copy_annotations_markdown",
        when=ARTICLE,
    ),
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
        "toggle_caret_browsing",
        "&Caret Browsing",
        "View",
        "toggle_caret_browsing",
        ("F7",),
        checkable=True,
        tip="A text cursor in the article: Shift+arrows select, then Q, 1–9, H or N",
    ),
    ActionSpec(
        "refresh",
        "&Refresh",
        "View",
        "refresh",
        (SK.Refresh,),
        tip="Show what another program (such as `reader import`) changed in the library",
    ),
    ActionSpec("show_entities", "&Entities…", "View", "show_entities", ("Ctrl+Shift+E",)),
    ActionSpec(
        "show_statistics",
        "S&tatistics",
        "View",
        "show_statistics",
        ("Ctrl+Shift+S",),
        tip="Charts of who is quoted and what is named in the listed articles",
    ),
    ActionSpec(
        "show_codebook",
        "&Codebook…",
        "View",
        "show_codebook",
        tip="The labels as a tree: add, rename, move, merge, colour, definitions and notes",
    ),
    ActionSpec(
        "show_agreement",
        "A&greement…",
        "View",
        "show_agreement",
        ("Ctrl+Shift+I",),
        tip="How well the annotators agree on the listed articles (α_u, κ, F1)",
    ),
    ActionSpec("next_article", "&Next Article", "Article", "next_article", ("Alt+Down",)),
    ActionSpec("previous_article", "&Previous Article", "Article", "previous_article", ("Alt+Up",)),
    ActionSpec(
        "toggle_read",
        "Mark as &Read",
        "Article",
        "toggle_read",
        ("Ctrl+M",),
        writes=True,
        when=ARTICLE,
    ),
    ActionSpec(
        "toggle_star", "&Star", "Article", "toggle_star", ("Ctrl+D",), writes=True, when=ARTICLE
    ),
    ActionSpec(
        "edit_metadata",
        "Edit &Metadata…",
        "Article",
        "edit_metadata",
        ("Ctrl+I",),
        writes=True,
        when=ARTICLE,
        tip="Title, subtitle, author, source, date, language and URL; the text stays",
    ),
    ActionSpec(
        "edit_attributes",
        "A&ttributes…",
        "Article",
        "edit_attributes",
        ("Ctrl+Shift+T",),
        writes=True,
        when=ARTICLE,
        tip="The article's attributes (outlet type, section, sample wave…) for statistics",
    ),
    ActionSpec(
        "delete_article",
        "&Delete Article…",
        "Article",
        "delete_article",
        ("Del",),
        scope="library",
        writes=True,
        when=ARTICLE,
    ),
    # -- annotating (reader.gui.annotate) --
    ActionSpec("preferences", "Pr&eferences…", "Edit", "preferences", (SK.Preferences, "Ctrl+,")),
    ActionSpec(
        "annotate_quote",
        "&Quote",
        "Annotate",
        "annotate_quote",
        ("Q",),
        "article",
        writes=True,
        when=("article", "selection"),
    ),
    *(
        ActionSpec(
            f"annotate_tag_{n}",
            f"Tag {n}",
            "Annotate",
            "annotate_tag",
            (str(n),),
            "article",
            arg=n,
            writes=True,
            when=("article", "selection"),
        )
        for n in range(1, 10)
    ),
    ActionSpec(
        "annotate_highlight",
        "&Highlight",
        "Annotate",
        "annotate_highlight",
        ("H",),
        "article",
        writes=True,
        when=("article", "selection"),
    ),
    ActionSpec(
        "annotate_tag_with",
        "Tag with &Label…",
        "Annotate",
        "annotate_tag_with",
        ("L",),
        "article",
        writes=True,
        when=("article", "selection"),
        tip="Find a label by typing (any of the codebook's), Enter tags the selection with it",
    ),
    ActionSpec(
        "annotate_note",
        "&Note…",
        "Annotate",
        "annotate_note",
        ("N",),
        "article",
        writes=True,
        when=("article", "selection|mark"),
    ),
    ActionSpec(
        "delete_mark",
        "&Delete Mark",
        "Annotate",
        "delete_mark",
        ("Del",),
        "article",
        writes=True,
        when=("article", "mark"),
    ),
    # a selected mark's ends, a whole word at a time (reader.gui.annotate.resize)
    *(
        ActionSpec(
            f"mark_{edge}_{way}",
            f"Move Mark's {edge.title()} One Word {way.title()}",
            "Annotate",
            f"mark_{edge}_{way}",
            (key,),
            "article",
            writes=True,
            when=("article", "mark"),
        )
        for edge, way, key in (
            ("end", "later", "Alt+Right"),
            ("end", "earlier", "Alt+Left"),
            ("start", "earlier", "Alt+Shift+Left"),
            ("start", "later", "Alt+Shift+Right"),
        )
    ),
    # -- reviewing suggestions (reader.gui.annotate.suggestions) --
    ActionSpec(
        "review_suggestions",
        "&Review Suggestions",
        "Annotate",
        "review_suggestions",
        ("Ctrl+Shift+R",),
        checkable=True,
        tip="Show suggested quotes and entities, dashed, to accept or reject one by one",
    ),
    ActionSpec(
        "accept_all_quotes",
        "Accept All Suggested &Quotes",
        "Annotate",
        "accept_all_quotes",
        writes=True,
        when=("reviewing", "quotes"),
    ),
    ActionSpec(
        "accept_all_entities",
        "Accept All Suggested &Entities",
        "Annotate",
        "accept_all_entities",
        writes=True,
        when=("reviewing", "entities"),
    ),
    ActionSpec(
        "show_curation",
        "&Curate…",
        "Annotate",
        "show_curation",
        ("Ctrl+Shift+K",),
        tip="Settle two coders' disagreements on this article into one curated set",
    ),
    # -- review mode's keys in the article view (ReviewController handles them) --
    ActionSpec("review_next", "Next Suggestion", "", "move_next", ("Tab", "J"), "review"),
    ActionSpec(
        "review_previous",
        "Previous Suggestion",
        "",
        "move_previous",
        ("Backtab", "Shift+Backtab", "K"),
        "review",
    ),
    ActionSpec("review_accept", "Accept", "", "accept", ("Return", "Enter"), "review", writes=True),
    ActionSpec(
        "review_attribute",
        "Accept with Speaker…",
        "",
        "accept_attributed",
        ("Shift+Return", "Shift+Enter"),
        "review",
        writes=True,
    ),
    ActionSpec(
        "review_reject", "Reject", "", "reject", ("Del", "Backspace"), "review", writes=True
    ),
    *(
        ActionSpec(
            f"review_accept_as_{n}",
            f"Accept as Label {n}",
            "",
            "accept_as",
            (str(n),),
            "review",
            writes=True,
            arg=n,
        )
        for n in range(1, 10)
    ),
)
ACTIONS += (
    ActionSpec(
        "show_shortcuts",
        "&Keyboard Shortcuts",
        "Help",
        "show_shortcuts",
        ("F1",),
        tip="Every key of the window, from this table",
    ),
    ActionSpec("show_about", "&About Reader", "Help", "show_about"),
)
REVIEW_KEYS = tuple(spec for spec in ACTIONS if spec.scope == "review")
