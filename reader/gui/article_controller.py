"""The open article: opening one, its read and starred flags, deleting it, and moving
through the list. Its refresh rule: when the shown article is removed it closes; on a
reset it is read again (kept in place when its text did not change)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.errors import NotFound, ReaderError
from reader.gui.actions import ActionStates
from reader.gui.dialogs import imports as import_dialogs
from reader.gui.dialogs.metadata_dialog import MetadataDialog
from reader.gui.errors import show_error
from reader.gui.events import LibraryEvents
from reader.gui.settings import Settings
from reader.gui.views.article_view import ArticleView
from reader.gui.widgets.library_pane import LibraryPane
from reader.model import Changes


class ArticleController(QObject):
    shown = Signal()  # another article (or none) is in the view, or it was re-rendered

    def __init__(
        self,
        events: LibraryEvents,
        view: ArticleView,
        pane: LibraryPane,
        states: ActionStates,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.library = events.library
        self.view = view
        self.pane = pane
        self.states = states
        self.settings = settings
        self.actions = states.actions
        self.metadata_dialog: MetadataDialog | None = None
        events.changed.connect(self.on_changed)
        pane.articleActivated.connect(self.open_article)

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
                show_error(self.view, e)
            return False
        self.view.show_article(article, blocks)
        self.shown.emit()
        if remember:
            self.settings.set_last_article(article_id)
        self.update_actions()
        return True

    def open_and_select(self, article_id: int) -> None:
        if self.open_article(article_id, quiet=True):
            self.pane.select_article(article_id, emit=False)

    def open_mention(self, article_id: int, start: int, end: int) -> None:
        """Open an article with a span selected and in view."""
        if self.open_article(article_id):
            self.view.select_range(start, end)
            self.view.scroll_to(start)

    def rerender(self) -> None:
        """Draw the shown article again (a theme's colours come from the palette)."""
        article = self.view.article
        if article is not None:
            self.view.show_article(article, self.library.blocks(article.id))
            self.shown.emit()

    def close_article(self) -> None:
        self.view.show_article(None)
        self.settings.set_last_article(None)
        self.shown.emit()
        self.update_actions()

    # -- the refresh rule -------------------------------------------------------------

    def on_changed(self, changes: Changes, initiator: object) -> None:
        article = self.view.article
        if article is None:
            return
        if article.id in changes.removed:
            self.close_article()
            return
        if not (changes.reset or article.id in changes.flags | changes.metadata):
            return
        try:
            fresh = self.library.article(article.id)
        except NotFound:
            self.close_article()
            return
        # the flags are not drawn; the text and the metadata line are
        same = dataclasses.replace(fresh, read=article.read, starred=article.starred) == article
        if not same:
            offset = self.view.first_visible_offset()
            self.view.show_article(fresh, self.library.blocks(fresh.id))
            self.view.scroll_to(min(offset, len(fresh.text)))
            self.shown.emit()
        else:
            article.read, article.starred = fresh.read, fresh.starred
        self.update_actions()

    def update_actions(self) -> None:
        article = self.view.article
        self.states.set(article=article is not None)
        read, star = self.actions["toggle_read"], self.actions["toggle_star"]
        read.setText("Mark as &Unread" if article and article.read else "Mark as &Read")
        star.setText("Un&star" if article and article.starred else "&Star")

    # -- commands (named in the action table) --------------------------------------------

    def toggle_read(self) -> None:
        self._flag(self.library.set_read, "read")

    def toggle_star(self) -> None:
        self._flag(self.library.set_starred, "starred")

    def _flag(self, write: Callable[[int, bool], None], name: str) -> None:
        article = self.view.article
        if article is not None:
            on = not getattr(article, name)
            self.events.run(self, lambda: write(article.id, on) or True, parent=self.view)

    def edit_metadata(self) -> None:
        """Article → Edit Metadata… (Ctrl+I): the open article's fields, prefilled; OK
        saves them as one undoable edit, an error keeps the dialog open as typed."""
        article = self.view.article
        if article is None:
            return
        if self.metadata_dialog is not None:
            self.metadata_dialog.raise_()
            return
        dialog = MetadataDialog(
            article,
            lambda values: self._save_metadata(article.id, values, dialog),
            self.view.window(),
            sources=[name for name, _ in self.library.sources()],
            languages=[code for code, _ in self.library.languages()],
        )
        dialog.finished.connect(self._metadata_closed)
        self.metadata_dialog = dialog
        dialog.open()

    def edit_attributes(self) -> None:
        """Article → Attributes… (Ctrl+Shift+T): the open article's attributes (outlet
        type, section, sample wave…); OK saves the changed ones as one undoable step."""
        from reader.gui.dialogs.attributes_dialog import open_attributes

        article = self.view.article
        if article is not None:
            self.attributes_dialog = open_attributes(
                self.events, self.view.window(), "article", [article.id], article.title
            )

    def _save_metadata(self, article_id: int, values: dict[str, str], parent: QWidget) -> bool:
        done = self.events.run(
            self, lambda: self.library.edit_article(article_id, **values), parent=parent
        )
        return done is not None

    def _metadata_closed(self) -> None:
        if self.metadata_dialog is not None:
            self.metadata_dialog.deleteLater()
        self.metadata_dialog = None

    def delete_article(self) -> None:
        article = self.view.article
        if article is None:
            return
        if not import_dialogs.confirm(
            self.view,
            "Delete article",
            f"Delete “{article.title}” and its annotations from the library?",
            "Delete",
        ):
            return
        row = self.pane.table.currentIndex().row()
        done = self.events.run(
            self, lambda: self.library.delete_article(article.id) or True, parent=self.view
        )
        model = self.pane.table.model()
        if done and model is not None and model.rowCount():
            self.pane.select_row(min(max(row, 0), model.rowCount() - 1))

    def next_article(self) -> None:
        self.pane.move(+1)

    def previous_article(self) -> None:
        self.pane.move(-1)
