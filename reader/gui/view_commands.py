"""The View menu's commands (zoom, theme, side panel, search), the tool windows
(Entities, Statistics) and the window's saved state; plus the menus from the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from reader.gui import theme
from reader.gui.actions import ACTIONS
from reader.gui.settings import THEMES
from reader.gui.widgets.reading_splitter import saved_sizes
from reader.model import Scope

if TYPE_CHECKING:  # the parts of the window these commands use (never the class)
    from reader.gui.agreement.window import AgreementWindow
    from reader.gui.codebook.window import CodebookWindow
    from reader.gui.curation.window import CurationWindow
    from reader.gui.dialogs.help import AboutDialog, ShortcutsDialog
    from reader.gui.entities.window import EntitiesWindow
    from reader.gui.stats.view import StatisticsWindow

MENUS = ("File", "Edit", "View", "Article", "Annotate", "Help")
SEPARATE_AFTER = (
    "open_samples",
    "update_feed",
    "remove_feed",
    "export_articles",
    "merge_library",
    "find_previous",
    "zoom_reset",
    "toggle_caret_browsing",
    "redo",
    "edit_attributes",
    "annotate_quote",
    "annotate_tag_9",
    "annotate_note",
    "delete_mark",
)


def build_menus(
    window: QMainWindow, actions: dict[str, QAction], set_theme: Callable[[str], None]
) -> dict[str, QAction]:
    """The menu bar from the action table; returns the Theme menu's actions."""
    menus: dict[str, QMenu] = {name: window.menuBar().addMenu(f"&{name}") for name in MENUS}
    for spec in ACTIONS:
        if spec.menu:
            if spec.menu not in menus:  # "File/Feeds": a submenu, where its first item is
                top, sub = spec.menu.split("/")
                menus[spec.menu] = menus[top].addMenu(f"&{sub}")
            menus[spec.menu].addAction(actions[spec.id])
            if spec.id in SEPARATE_AFTER:
                menus[spec.menu].addSeparator()
    theme_menu = menus["View"].addMenu("&Theme")
    theme_actions: dict[str, QAction] = {}
    for name in THEMES:
        action = theme_menu.addAction("Follow System" if name == "system" else name.title())
        action.setCheckable(True)
        action.triggered.connect(lambda _=False, name=name: set_theme(name))
        theme_actions[name] = action
    # Window-wide shortcuts work even with the menu bar hidden; list-only ones stay
    # on the list, so that Delete in the article view is free for annotations.
    by_scope = {spec.id: spec.scope for spec in ACTIONS}
    window.addActions([a for i, a in actions.items() if by_scope[i] == "window"])
    return theme_actions


class ViewCommands(QObject):
    """Expects the window's parts: view, pane, splitter, stack, settings, events."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.entities_window: EntitiesWindow | None = None
        self.curation: CurationWindow | None = None
        self.statistics: StatisticsWindow | None = None
        self.agreement: AgreementWindow | None = None
        self.codebook: CodebookWindow | None = None
        self.shortcuts: ShortcutsDialog | None = None
        self.about: AboutDialog | None = None

    # -- state -------------------------------------------------------------------------

    def restore(self) -> None:
        w, s = self.w, self.w.settings
        if geometry := s.geometry():
            w.restoreGeometry(geometry)
        else:
            w.resize(1440, 900)
        if state := s.window_state():
            w.restoreState(state)
        if size := s.font_size():
            w.view.set_point_size(size)  # first: the article's minimum width follows it
        splitter = w.splitter
        saved = s.splitter()
        # never restore a layout that crushes the article (a small screen saved it)
        if not saved or splitter.crushes(saved_sizes(saved)) or not splitter.restoreState(saved):
            splitter.use_default_sizes(w.width())
        splitter.setChildrenCollapsible(True)  # a restored state may have changed these
        splitter.setCollapsible(1, False)
        if header := s.header():
            w.pane.table.horizontalHeader().restoreState(header)
        w.pane.restore_sort(s.sort())
        self.apply_theme(s.theme())
        caret = w.actions_by_id["toggle_caret_browsing"]
        caret.blockSignals(True)
        caret.setChecked(s.caret_browsing())
        caret.blockSignals(False)
        w.view.set_caret_browsing(s.caret_browsing())
        panel = w.actions_by_id["toggle_side_panel"]
        panel.blockSignals(True)
        panel.setChecked(w.splitter.sizes()[2] > 0)
        panel.blockSignals(False)
        if (last := s.last_article()) is not None:
            w.articles.open_article(last, remember=False, quiet=True)
            w.pane.select_article(last, emit=False)

    def save_state(self) -> None:
        w, s = self.w, self.w.settings
        s.set_geometry(w.saveGeometry())
        s.set_window_state(w.saveState())
        s.set_splitter(w.splitter.saveState())
        s.set_header(w.pane.table.horizontalHeader().saveState())
        s.set_sort(*w.pane.sort_key())
        s.set_font_size(w.view.point_size())
        article = w.view.article
        s.set_last_article(article.id if article else None)
        s.sync()

    def close_windows(self) -> None:
        if self.statistics is not None:
            self.statistics.close()
            self.statistics.wait()
        if self.agreement is not None:
            self.agreement.close()
            self.agreement.wait()

    # -- the View menu -----------------------------------------------------------------

    def focus_search(self) -> None:
        self.w.stack.setCurrentWidget(self.w.splitter)
        self.w.pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.w.pane.search.selectAll()

    def zoom_in(self) -> None:
        self.w.view.set_point_size(self.w.view.point_size() + 1)

    def zoom_out(self) -> None:
        self.w.view.set_point_size(self.w.view.point_size() - 1)

    def zoom_reset(self) -> None:
        self.w.view.set_point_size(self.w.view.default_point_size())

    def toggle_side_panel(self) -> None:
        splitter = self.w.splitter
        sizes = splitter.sizes()
        show = self.w.actions_by_id["toggle_side_panel"].isChecked()
        if show and sizes[2] == 0:
            sizes[1] = max(sizes[1] - 240, splitter.article_min())
            sizes[2] = 240
        elif not show:
            sizes[1] += sizes[2]
            sizes[2] = 0
        splitter.setSizes(sizes)

    def toggle_caret_browsing(self) -> None:
        """F7: a text cursor in the article (remembered), to select with the keys."""
        on = self.w.actions_by_id["toggle_caret_browsing"].isChecked()
        self.w.settings.set_caret_browsing(on)
        self.w.view.set_caret_browsing(on)
        self.w.status(
            "Caret browsing on: Shift+arrow keys select in the article"
            if on
            else "Caret browsing off: the arrow keys scroll the article",
            5000,
        )

    def set_theme(self, name: str) -> None:
        self.w.settings.set_theme(name)
        self.apply_theme(name)
        self.w.articles.rerender()  # colours of links and quotes come from the palette

    def apply_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, name)
        for key, action in getattr(self.w, "theme_actions", {}).items():
            action.setChecked(key == name)

    # -- the Help menu -----------------------------------------------------------------

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts (F1): the cheat sheet, made from the action table."""
        from reader.gui.dialogs.help import ShortcutsDialog

        if self.shortcuts is None:
            self.shortcuts = ShortcutsDialog(self.w.actions_by_id, self.w)
        self.shortcuts.refill(self.w.actions_by_id)  # the entity keys follow the labels
        self.shortcuts.show()
        self.shortcuts.raise_()
        self.shortcuts.activateWindow()

    def show_about(self) -> None:
        from reader.gui.dialogs.help import AboutDialog

        dialog = AboutDialog(self.w.library.path, self.w)
        dialog.finished.connect(dialog.deleteLater)
        self.about = dialog
        dialog.open()

    # -- tool windows ------------------------------------------------------------------

    def show_entities(self) -> None:
        """The Entities window (one per main window), raised when already open."""
        from reader.gui.entities.window import EntitiesWindow

        if self.entities_window is None:
            self.entities_window = EntitiesWindow(self.w.events, self.w)
            self.entities_window.mentionActivated.connect(self.w.articles.open_mention)
        self.entities_window.show()
        self.entities_window.raise_()
        self.entities_window.activateWindow()

    def show_codebook(self) -> None:
        """View → Codebook… (or Preferences → Codebook…): the label tree, raised when
        already open."""
        from reader.gui.codebook.window import CodebookWindow

        if self.codebook is None:
            self.codebook = CodebookWindow(self.w.events, self.w)
        self.codebook.show()
        self.codebook.raise_()
        self.codebook.activateWindow()

    def _edit_curated(self, article_id: int, annotation_id: int) -> None:
        """Curation's Edit in Article: the curated mark selected in the main window."""
        w = self.w
        w.articles.open_article(article_id)
        w.annotate.select_mark(annotation_id)
        w.activateWindow()
        w.view.setFocus()
        w.status(
            "Adjust the curated mark: Alt+arrows move its ends; F2 in the panel edits its "
            "label or note.",
            8000,
        )

    def show_curation(self) -> None:
        """Annotate → Curate…: the Curation window on the open article (it follows the
        article the main window shows)."""
        from reader.gui.curation.window import CurationWindow

        if self.curation is None:
            self.curation = CurationWindow(self.w.events, self.w)
            self.curation.markRequested.connect(self.w.articles.open_mention)
            self.curation.editRequested.connect(self._edit_curated)
            self.w.articles.shown.connect(self._curate_shown)
            self.curation.set_writable(not self.w.library.readonly)
        article = self.w.view.article
        self.curation.load_coders()
        self.curation.set_article(article.id if article is not None else None)
        self.curation.show()
        self.curation.raise_()
        self.curation.activateWindow()

    def _curate_shown(self, *_: object) -> None:
        if self.curation is not None and self.curation.isVisible():
            article = self.w.view.article
            new = article.id if article is not None else None
            if new != self.curation.article_id:
                self.curation.set_article(new)

    def show_statistics(self) -> None:
        from reader.gui.stats.view import StatisticsWindow

        if self.statistics is None:
            self.statistics = StatisticsWindow(self.w.library, self.w)
            self.statistics.filterRequested.connect(self.filter_library)
            self.w.events.changed.connect(self.statistics.on_changed)
        self.statistics.set_scope(self.current_scope())
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()

    def show_agreement(self) -> None:
        """View → Agreement…: the annotators' agreement on the listed articles."""
        from reader.gui.agreement.window import AgreementWindow

        if self.agreement is None:
            self.agreement = AgreementWindow(self.w.library, self.w)
            self.agreement.articleActivated.connect(self.open_from_tool)
            self.w.events.changed.connect(self.agreement.on_changed)
        self.agreement.set_scope(self.current_scope())
        self.agreement.show()
        self.agreement.raise_()
        self.agreement.activateWindow()

    def open_from_tool(self, article_id: int) -> None:
        """An article double-clicked in a tool window: shown and selected in the window."""
        self.w.stack.setCurrentWidget(self.w.splitter)
        if self.w.articles.open_article(article_id):
            self.w.pane.select_article(article_id, emit=False)
        self.w.raise_()
        self.w.activateWindow()

    def current_scope(self) -> Scope:
        """The selection the library pane's search and filters describe."""
        return self.w.pane.base_scope()

    def filter_library(self, label: str, fields: dict[str, Any]) -> None:
        """Narrow the library list (from a chart click); a chip in the pane clears it."""
        fields = dict(fields)
        pane = self.w.pane
        if "query" in fields:  # a phrase to find: it goes in the search field, in sight
            pane.search.setText(fields.pop("query"))
            fields.pop("prefix", None)
        if fields:
            pane.set_filter(label, **fields)
        else:
            pane.apply_filters()
        self.w.stack.setCurrentWidget(self.w.splitter)
        self.w.status(f"{label}: {self.w.count_label.text()}", 8000)

    def scope_changed(self) -> None:
        if self.statistics is not None:
            self.statistics.set_scope(self.current_scope())
        if self.agreement is not None:
            self.agreement.set_scope(self.current_scope())
