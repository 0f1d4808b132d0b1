"""The main window: wiring only. Library pane | article view | side panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
)

from reader.errors import NotFound, ReaderError
from reader.gui import theme
from reader.gui.actions import ACTIONS, build_actions, writing_actions
from reader.gui.annotate.controller import AnnotateController
from reader.gui.annotate.panel_menu import PanelMenu
from reader.gui.annotate.suggestions import ReviewController
from reader.gui.annotate.window import AnnotateHandlers
from reader.gui.dialogs import imports as import_dialogs
from reader.gui.errors import show_error
from reader.gui.file_handlers import FileHandlers
from reader.gui.file_tasks import FileTasks
from reader.gui.import_flow import ImportFlow
from reader.gui.models.library_model import LibraryModel
from reader.gui.resources import app_icon
from reader.gui.settings import THEMES, Settings
from reader.gui.stats.view import StatisticsWindow
from reader.gui.views.article_view import ArticleView
from reader.gui.widgets.library_pane import LibraryPane
from reader.gui.widgets.side_panel import SidePanel
from reader.gui.widgets.welcome import WelcomePanel
from reader.library import Library
from reader.model import Scope

MENUS = ("File", "Edit", "View", "Article", "Annotate")
SEPARATE_AFTER = (
    "open_samples",
    "export_articles",
    "restore_backup",
    "focus_search",
    "zoom_reset",
    "toggle_side_panel",
    "redo",
    "annotate_quote",
    "annotate_tag_9",
    "annotate_note",
    "delete_mark",
)
NEEDS_ARTICLE = (
    "toggle_read",
    "toggle_star",
    "delete_article",
    "copy_annotations_csv",
    "copy_annotations_markdown",
)


class MainWindow(AnnotateHandlers, FileHandlers, QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        library.annotator = self.settings.annotator()
        self.setWindowTitle("Reader")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.model = LibraryModel(library, self)
        self.pane = LibraryPane(self.model, self)
        self.view = ArticleView(self)
        self.view.setObjectName("articleView")
        self.side = SidePanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.pane, self.view, self.side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(True)
        self.welcome = WelcomePanel(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        self.count_label = QLabel(self)
        self.readonly_label = QLabel("Read-only", self)
        self.readonly_label.setObjectName("readOnlyIndicator")
        self.readonly_label.setToolTip("This library file cannot be written; nothing can change.")
        self.readonly_label.hide()
        self.statusBar().addPermanentWidget(self.readonly_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._writable = True
        self._seen_version = library.data_version()

        self.statistics: StatisticsWindow | None = None  # made when first opened
        self.imports = ImportFlow(Path(library.path) if library.path else Path(), self)
        self.tasks = FileTasks(library, self)
        self.actions_by_id = build_actions(self, lambda name: getattr(self, name))
        self._build_menus()
        self.pane.table.addAction(self.actions_by_id["delete_article"])
        self.annotate = AnnotateController(self)
        self.review = ReviewController(self)
        self.panel_menu = PanelMenu(self)

        self.model.totalChanged.connect(self._update_count)
        self.pane.articleActivated.connect(self.open_article)
        self.welcome.importRequested.connect(self.import_files)
        self.welcome.samplesRequested.connect(self.open_samples)
        self.imports.finished.connect(self._imported)
        self.tasks.restored.connect(self.refresh)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)
        self.pane.filtersChanged.connect(self._scope_changed)

        self._restore()
        self._refresh_filters()
        self._update_count(self.model.total)
        self.set_writable(not library.readonly)
        if library.path is not None and not library.checked_on_open:
            # Large files skip the check on open (it reads the whole file): run it now.
            QTimer.singleShot(0, self.tasks.check_in_background)

    # -- construction ------------------------------------------------------------------

    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        for spec in ACTIONS:
            if spec.menu:
                menus[spec.menu].addAction(self.actions_by_id[spec.id])
                if spec.id in SEPARATE_AFTER:
                    menus[spec.menu].addSeparator()
        theme_menu = menus["View"].addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = theme_menu.addAction("Follow System" if name == "system" else name.title())
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, name=name: self.set_theme(name))
            self.theme_actions[name] = action
        # Window-wide shortcuts work even with the menu bar hidden; list-only ones stay
        # on the list, so that Delete in the article view is free for annotations.
        by_scope = {spec.id: spec.scope for spec in ACTIONS}
        self.addActions([a for i, a in self.actions_by_id.items() if by_scope[i] == "window"])

    def _restore(self) -> None:
        s = self.settings
        if geometry := s.geometry():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if state := s.window_state():
            self.restoreState(state)
        if not (sizes := s.splitter()) or not self.splitter.restoreState(sizes):
            self.splitter.setSizes([600, 640, 200])
        if header := s.header():
            self.pane.table.horizontalHeader().restoreState(header)
        if size := s.font_size():
            self.view.set_point_size(size)
        self._apply_theme(s.theme())
        self.actions_by_id["toggle_side_panel"].blockSignals(True)
        self.actions_by_id["toggle_side_panel"].setChecked(self.splitter.sizes()[2] > 0)
        self.actions_by_id["toggle_side_panel"].blockSignals(False)
        if (last := s.last_article()) is not None:
            self.open_article(last, remember=False, quiet=True)
            self.pane.select_article(last, emit=False)

    def save_state(self) -> None:
        s = self.settings
        s.set_geometry(self.saveGeometry())
        s.set_window_state(self.saveState())
        s.set_splitter(self.splitter.saveState())
        s.set_header(self.pane.table.horizontalHeader().saveState())
        s.set_font_size(self.view.point_size())
        article = self.view.article
        s.set_last_article(article.id if article else None)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.imports.wait()
        if self.statistics is not None:
            self.statistics.close()
            self.statistics.wait()
        self.tasks.wait()
        self.save_state()
        super().closeEvent(event)

    # -- library -------------------------------------------------------------------------

    def _update_count(self, total: int) -> None:
        everything = self.library.count_articles()
        self.stack.setCurrentWidget(self.welcome if everything == 0 else self.splitter)
        if total == everything:
            self.count_label.setText(f"{everything:,} articles" if everything != 1 else "1 article")
        else:
            self.count_label.setText(f"{total:,} of {everything:,} articles match")

    def _refresh_filters(self) -> None:
        self.pane.reload_filters(self.library.sources(), self.library.languages())

    def focus_search(self) -> None:
        self.stack.setCurrentWidget(self.splitter)
        self.pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.pane.search.selectAll()

    def next_article(self) -> None:
        self.pane.move(+1)

    def previous_article(self) -> None:
        self.pane.move(-1)

    def refresh(self) -> None:
        """Reload the list, the filters and the open article (another program may have
        changed the library)."""
        self._seen_version = self.library.data_version()
        self._refresh_filters()
        self.model.refresh()
        article = self.view.article
        if article is not None:
            try:
                fresh = self.library.article(article.id)
            except NotFound:
                self.view.show_article(None)
                self.settings.set_last_article(None)
            else:
                if (fresh.title, fresh.markdown, fresh.text) != (
                    article.title,
                    article.markdown,
                    article.text,
                ):
                    offset = self.view.first_visible_offset()
                    self.view.show_article(fresh, self.library.blocks(fresh.id))
                    self.view.scroll_to(min(offset, len(fresh.text)))
                else:
                    article.read, article.starred = fresh.read, fresh.starred
        self._update_count(self.model.total)
        self._update_article_actions()

    def refresh_if_changed(self) -> bool:
        """Refresh when another connection committed since the last look (cheap check)."""
        try:
            changed = self.library.data_version() != self._seen_version
        except ReaderError:
            return False
        if changed:
            self.refresh()
        return changed

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh_if_changed()

    # -- the article -----------------------------------------------------------------------

    def open_article(self, article_id: int, remember: bool = True, quiet: bool = False) -> bool:
        """Show an article in the view; False (and a message unless `quiet`) if it is gone."""
        current = self.view.article
        if current is not None and current.id == article_id:
            return True
        try:
            article = self.library.article(article_id)
            blocks = self.library.blocks(article_id)
        except ReaderError as e:
            if not quiet:
                show_error(self, e)
            return False
        self.view.show_article(article, blocks)
        self.annotate.article_shown()
        if remember:
            self.settings.set_last_article(article_id)
        self._update_article_actions()
        return True

    def set_writable(self, writable: bool) -> None:
        """Enable or disable every action that changes the library (read-only libraries)."""
        self._writable = writable
        self.readonly_label.setVisible(not writable)
        self.setWindowTitle("Reader" if writable else "Reader (read-only)")
        self.welcome.import_button.setEnabled(writable)
        self.welcome.samples_button.setEnabled(writable)
        # Writing actions with a rule of their own (article, selection) re-apply it after this.
        for name in writing_actions() - set(NEEDS_ARTICLE):
            self.enable_action(name, True)
        self._update_article_actions()
        if hasattr(self, "annotate"):
            self.annotate.update_actions()  # selection and history rules
        if hasattr(self, "review"):
            self.review.update_actions()  # accept-all: only with suggestions shown

    @property
    def writable(self) -> bool:
        return self._writable

    def enable_action(self, action_id: str, enabled: bool) -> None:
        """Enable an action when `enabled`, unless it writes and the library is read-only.

        Code that enables writing actions (annotating, say) goes through here.
        """
        writes = action_id in writing_actions()
        self.actions_by_id[action_id].setEnabled(enabled and (self._writable or not writes))

    def _update_article_actions(self) -> None:
        article = self.view.article
        for name in NEEDS_ARTICLE:
            self.enable_action(name, article is not None)
        read = self.actions_by_id["toggle_read"]
        star = self.actions_by_id["toggle_star"]
        read.setText("Mark as &Unread" if article and article.read else "Mark as &Read")
        star.setText("Un&star" if article and article.starred else "&Star")

    def toggle_read(self) -> None:
        article = self.view.article
        if article is None:
            return
        try:
            self.library.set_read(article.id, not article.read)
        except ReaderError as e:
            show_error(self, e)
            return
        article.read = not article.read
        self.model.update_summary(article.id, read=article.read)
        self._update_article_actions()

    def toggle_star(self) -> None:
        article = self.view.article
        if article is None:
            return
        try:
            self.library.set_starred(article.id, not article.starred)
        except ReaderError as e:
            show_error(self, e)
            return
        article.starred = not article.starred
        self.model.update_summary(article.id, starred=article.starred)
        self._update_article_actions()

    def delete_article(self) -> None:
        article = self.view.article
        if article is None:
            return
        if not import_dialogs.confirm(
            self,
            "Delete article",
            f"Delete “{article.title}” and its annotations from the library?",
            "Delete",
        ):
            return
        row = self.pane.table.currentIndex().row()
        try:
            self.library.delete_article(article.id)
        except ReaderError as e:
            show_error(self, e)
            return
        self.view.show_article(None)
        self.annotate.article_shown()
        self.settings.set_last_article(None)
        self.model.remove_article(article.id)
        self.annotations_changed()
        self._refresh_filters()
        self._update_article_actions()
        if self.model.rowCount():
            self.pane.select_row(min(max(row, 0), self.model.rowCount() - 1))

    # -- view ---------------------------------------------------------------------------------

    def show_entities(self) -> None:
        """The Entities window (one per main window), raised when already open."""
        from reader.gui.entities.window import EntitiesWindow

        if getattr(self, "entities_window", None) is None:
            self.entities_window = EntitiesWindow(self.library, self)
            self.entities_window.mentionActivated.connect(self.open_mention)
        else:
            self.entities_window.refresh()
        self.entities_window.show()
        self.entities_window.raise_()
        self.entities_window.activateWindow()

    def open_mention(self, article_id: int, start: int, end: int) -> None:
        """Open an article with a span selected and in view."""
        if self.open_article(article_id):
            self.view.select_range(start, end)
            self.view.scroll_to(start)

    def zoom_in(self) -> None:
        self.view.set_point_size(self.view.point_size() + 1)

    def zoom_out(self) -> None:
        self.view.set_point_size(self.view.point_size() - 1)

    def zoom_reset(self) -> None:
        self.view.set_point_size(self.view.default_point_size())

    def toggle_side_panel(self) -> None:
        sizes = self.splitter.sizes()
        show = self.actions_by_id["toggle_side_panel"].isChecked()
        if show and sizes[2] == 0:
            sizes[1] = max(sizes[1] - 240, 200)
            sizes[2] = 240
        elif not show:
            sizes[1] += sizes[2]
            sizes[2] = 0
        self.splitter.setSizes(sizes)

    def set_theme(self, name: str) -> None:
        self.settings.set_theme(name)
        self._apply_theme(name)
        if self.view.article is not None:  # colours of links and quotes come from the palette
            article, blocks = self.view.article, self.library.blocks(self.view.article.id)
            self.view.show_article(article, blocks)
            self.annotate.article_shown()

    def _apply_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, name)
        for key, action in self.theme_actions.items():
            action.setChecked(key == name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ThemeChange and self.settings.theme() == "system":
            QTimer.singleShot(0, lambda: self._apply_theme("system"))
        active = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if active and self.isVisible():
            self.refresh_if_changed()  # cheap when nothing changed: one PRAGMA
        super().changeEvent(event)

    # -- statistics ------------------------------------------------------------------------

    def current_scope(self) -> Scope:
        """The selection the library pane's search and filters describe."""
        return self.pane.base_scope()

    def show_statistics(self) -> None:
        if self.statistics is None:
            self.statistics = StatisticsWindow(self.library, self)
            self.statistics.filterRequested.connect(self.filter_library)
        self.statistics.set_scope(self.current_scope())
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()

    def filter_library(self, label: str, fields: dict[str, Any]) -> None:
        """Narrow the library list (from a chart click); a chip in the pane clears it."""
        fields = dict(fields)
        if "query" in fields:  # a phrase to find: it goes in the search field, in sight
            self.pane.search.setText(fields.pop("query"))
            fields.pop("prefix", None)
        if fields:
            self.pane.set_filter(label, **fields)
        else:
            self.pane.apply_filters()
        self.stack.setCurrentWidget(self.splitter)
        self.statusBar().showMessage(f"{label}: {self.count_label.text()}", 8000)

    def annotations_changed(self) -> None:
        """Count the statistics again (call after annotations are added, edited or removed)."""
        if self.statistics is not None:
            self.statistics.refresh()

    def _scope_changed(self) -> None:
        if self.statistics is not None:
            self.statistics.set_scope(self.current_scope())


def handler_names() -> set[str]:
    """Every handler the action table names (tests check the window has them)."""
    return {spec.handler for spec in ACTIONS}
