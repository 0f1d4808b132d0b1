"""The main window: wiring only. Library pane | article view | side panel.

It builds the parts, hands each the pieces it uses, and connects every view to the
one change signal (`LibraryEvents.changed`); each view refreshes itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget

from reader.gui.actions import ACTIONS, ActionStates, build_actions
from reader.gui.annotate.controller import AnnotateController
from reader.gui.annotate.panel_menu import PanelMenu
from reader.gui.annotate.suggestions import ReviewController
from reader.gui.annotate.window import AnnotateCommands
from reader.gui.article_controller import ArticleController
from reader.gui.events import LibraryEvents
from reader.gui.feed_commands import FeedCommands
from reader.gui.file_handlers import FileHandlers
from reader.gui.file_tasks import FileTasks
from reader.gui.find_controller import FindController
from reader.gui.import_flow import ImportFlow
from reader.gui.models.library_model import LibraryModel
from reader.gui.resources import app_icon
from reader.gui.settings import Settings
from reader.gui.view_commands import ViewCommands, build_menus
from reader.gui.views.article_view import ArticleView
from reader.gui.widgets.library_pane import LibraryPane
from reader.gui.widgets.reading_splitter import ReadingSplitter
from reader.gui.widgets.side_panel import SidePanel
from reader.gui.widgets.welcome import WelcomePanel
from reader.library import Library
from reader.model import Changes


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        library.annotator = self.settings.annotator()
        self.setWindowTitle("Reader")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.events = LibraryEvents(library, self)

        self.model = LibraryModel(library, self)
        self.pane = LibraryPane(self.model, self)
        self.view = ArticleView(self)
        self.view.setObjectName("articleView")
        self.side = SidePanel(self)
        self.splitter = ReadingSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.pane, self.view, self.side):
            self.splitter.addWidget(widget)
        for index, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(True)  # the list and the panel (F9) hide
        self.splitter.setCollapsible(1, False)  # the article never does
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

        self.imports = ImportFlow(Path(library.path) if library.path else Path(), self)
        self.tasks = FileTasks(library, self)
        self.actions_by_id = build_actions(self, self.handler)
        self.states = ActionStates(self.actions_by_id)
        self.articles = ArticleController(
            self.events, self.view, self.pane, self.states, self.settings, self
        )
        self.files = FileHandlers(
            self.events, self.imports, self.tasks, self.articles, self.pane, self.status, self
        )
        self.annotate = AnnotateController(
            self.events, self.view, self.side.annotations, self.states, self.status, self
        )
        self.review = ReviewController(
            self.events,
            self.annotate,
            self.side.suggestions,
            self.side.tabs,
            self.states,
            self.settings,
            self.status,
            lambda: self.actions_by_id["toggle_side_panel"].setChecked(True),
            self,
        )
        self.finder = FindController(library, self.view, self.pane, self.status, self)
        self.commands = AnnotateCommands(self.annotate, self.review, self.settings, self)
        self.views = ViewCommands(self)
        self.panel_menu = PanelMenu(self.annotate, self.review)
        self.theme_actions = build_menus(self, self.actions_by_id, self.views.set_theme)
        self.pane.table.addAction(self.actions_by_id["delete_article"])
        self.feeds = FeedCommands(self)
        attachments = self.actions_by_id["import_attachments"]
        attachments.blockSignals(True)  # the remembered choice, not a new one
        attachments.setChecked(self.settings.import_attachments())
        attachments.blockSignals(False)
        self.imports.attachments = attachments.isChecked()

        for view in (self.model, self):
            self.events.changed.connect(view.on_changed)
        self.events.historyChanged.connect(self.set_history)
        self.articles.shown.connect(self.annotate.article_shown)
        self.articles.shown.connect(self.finder.article_shown)
        self.annotate.articleRequested.connect(self.articles.open_and_select)
        self.model.totalChanged.connect(self._update_count)
        self.welcome.importRequested.connect(self.files.import_files)
        self.welcome.samplesRequested.connect(self.files.open_samples)
        self.welcome.webRequested.connect(self.feeds.import_url)
        self.welcome.feedRequested.connect(self.feeds.add_feed)
        self.pane.filtersChanged.connect(self.views.scope_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

        self.views.restore()
        self._refresh_filters()
        self._update_count(self.model.total)
        self.set_history(library.undo_name or "", library.redo_name or "")
        self.set_writable(not library.readonly)
        self.feeds.start()  # the optional update of every feed
        if library.path is not None and not library.checked_on_open:
            # Large files skip the check on open (it reads the whole file): run it now.
            QTimer.singleShot(0, self.tasks.check_in_background)

    def handler(self, name: str) -> Callable[..., object]:
        """The slot an action table entry names, looked up when it fires (the parts that
        own the handlers are built after the actions)."""
        return lambda *args: self.slot(name)(*args)

    def slot(self, name: str) -> Callable[..., object]:
        for part in (
            self.articles,
            self.files,
            self.commands,
            self.views,
            self.finder,
            self.feeds,
            self,
        ):
            if callable(found := getattr(part, name, None)):
                return found
        raise AttributeError(f"no handler {name!r}")

    def status(self, text: str, ms: int = 0) -> None:
        self.statusBar().showMessage(text, ms)

    # -- what every view follows --------------------------------------------------------------

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """The window's own rule: the filters and the count follow imports and deletions."""
        if changes.reset or changes.added or changes.removed or changes.metadata:
            self._refresh_filters()
            self._update_count(self.model.total)

    def set_history(self, undo: str, redo: str) -> None:
        """The Edit menu's undo and redo texts, from the library's history."""
        undo, redo = undo.replace("&", "&&"), redo.replace("&", "&&")  # "AT&T": no mnemonic
        self.actions_by_id["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        self.actions_by_id["redo"].setText(f"&Redo {redo}" if redo else "&Redo")
        self.states.set(undo=bool(undo), redo=bool(redo))

    def set_writable(self, writable: bool) -> None:
        """Enable or disable every action that changes the library (read-only libraries)."""
        self.readonly_label.setVisible(not writable)
        self.setWindowTitle("Reader" if writable else "Reader (read-only)")
        for button in self.welcome.buttons:
            button.setEnabled(writable)
        self.files.writable = writable
        self.states.set(writable=writable)
        self.articles.update_actions()

    @property
    def writable(self) -> bool:
        return self.states["writable"]

    def _update_count(self, total: int) -> None:
        everything = self.library.count_articles()
        empty = everything == 0 and not self.library.feeds()  # feeds show their errors
        self.stack.setCurrentWidget(self.welcome if empty else self.splitter)
        if total == everything:
            self.count_label.setText(f"{everything:,} articles" if everything != 1 else "1 article")
        else:
            self.count_label.setText(f"{total:,} of {everything:,} articles match")

    def _refresh_filters(self) -> None:
        self.pane.reload_filters(
            self.library.sources(), self.library.languages(), self.library.annotators()
        )

    # -- another program ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what another program changed (View → Refresh): every view reloads."""
        self.events.check_outside(always=True)

    def refresh_if_changed(self) -> bool:
        """Refresh when another connection committed since the last look (cheap check)."""
        return self.events.check_outside()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh_if_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ThemeChange and self.settings.theme() == "system":
            QTimer.singleShot(0, lambda: self.views.apply_theme("system"))
        active = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if active and self.isVisible():
            self.refresh_if_changed()  # cheap when nothing changed: one PRAGMA
        super().changeEvent(event)

    # -- drops and closing ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.files.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.files.drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.imports.wait()
        self.views.close_windows()
        self.tasks.wait()
        self.views.save_state()
        super().closeEvent(event)


def handler_names() -> set[str]:
    """Every handler the action table names (tests check the window has them)."""
    return {spec.handler for spec in ACTIONS if spec.scope != "review"}
