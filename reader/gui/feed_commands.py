"""The window's feed commands (File → Feeds, the Feeds section's context menu): add,
update (in the background, progress and Cancel in the status bar), rename, remove, and
the optional update when the window opens.

Updating runs in a worker on its own connection (reader/gui/file_tasks.py); the window
hears of what it imported as of another program's write, when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit, QProgressBar, QToolButton

from reader.gui.dialogs import imports as import_dialogs
from reader.gui.dialogs.feeds import AddFeedDialog
from reader.gui.errors import show_error
from reader.gui.plain import plain
from reader.gui.widgets.feeds_section import FeedsSection
from reader.model import Changes, FeedUpdate, ImportStatus

TASK = "feeds"


def update_line(reports: list[FeedUpdate], cancelled: bool = False) -> str:
    """The status bar's line after an update: new articles, and feeds that failed."""
    new = sum(1 for r in reports for o in r.outcomes if o.status == ImportStatus.IMPORTED)
    failed = [r.feed for r in reports if r.error]
    line = f"Feeds updated: {new} new article{'' if new == 1 else 's'}"
    if failed:
        line += f"; {len(failed)} failed ({', '.join(failed)}: see the Feeds list)"
    return line + (" (cancelled)" if cancelled else "") + "."


class FeedCommands(QObject):
    def __init__(self, window: Any) -> None:  # the main window's parts (never the class)
        super().__init__(window)
        self.w = window
        self.library = window.library
        self.events = window.events
        self.section = FeedsSection(window.pane)
        self.section.menu_actions = [
            *(window.actions_by_id[i] for i in ("update_feed", "rename_feed", "remove_feed")),
            None,
            window.actions_by_id["add_feed"],
            window.actions_by_id["update_feeds"],
        ]
        window.pane.add_section(self.section)
        self.section.feedChosen.connect(self._chosen)
        self.dialog: AddFeedDialog | None = None
        self.progress = QProgressBar(window)
        self.progress.setObjectName("feedsProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setFormat("Feeds %v/%m")
        self.cancel_button = QToolButton(window)
        self.cancel_button.setObjectName("feedsCancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop updating feeds after the current item")
        self.cancel_button.clicked.connect(lambda: window.tasks.cancel(TASK))
        for at, widget in enumerate((self.progress, self.cancel_button)):
            window.statusBar().insertPermanentWidget(at, widget)  # a message leaves it shown
            widget.hide()
        self._cancelled = False
        self.finished: list[list[FeedUpdate]] = []  # each update's reports (tests read them)
        on_start = window.actions_by_id["update_feeds_on_start"]
        on_start.blockSignals(True)
        on_start.setChecked(window.settings.update_feeds_on_start())
        on_start.blockSignals(False)
        self.events.changed.connect(self.on_changed)
        self.reload()

    # -- the section follows the library -------------------------------------------------

    def on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.feeds or changes.added or changes.flags or changes.removed or changes.reset:
            self.reload()

    def reload(self) -> None:
        feeds = self.library.feeds()
        self.section.reload(feeds)
        self._states(bool(feeds))

    def _states(self, any_feeds: bool | None = None) -> None:
        if any_feeds is None:
            any_feeds = self.section.list.count() > 1
        self.w.states.set(feed=self.section.current_feed_id() is not None, feeds=any_feeds)

    def _chosen(self, feed_id: int | None) -> None:
        self.w.pane.set_feed(feed_id)
        self._states()

    def start(self) -> None:
        """When the window opens: update every feed if the preference says so."""
        if self.w.settings.update_feeds_on_start() and self.w.writable and self.library.feeds():
            QTimer.singleShot(0, self.update_feeds)

    # -- commands ----------------------------------------------------------------------------

    def add_feed(self) -> AddFeedDialog:
        """File → Feeds → Add Feed… (non-blocking); accepting adds and updates the feed."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = AddFeedDialog(self.w)
        dialog.accepted.connect(lambda: self.add_feed_from(*dialog.values()))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def add_feed_from(self, url: str, name: str | None = None, full_text: bool = False) -> bool:
        feed = self.events.run(
            self, lambda: self.library.add_feed(url, name, full_text), parent=self.w
        )
        if feed is None:
            return False
        self.section.choose(feed.id)
        return self.update_feeds([feed.name])

    def update_feeds(self, names: list[str] | None = None) -> bool:
        """Update All Feeds (Ctrl+Shift+U), or the named ones, in the background."""
        if self.w.tasks.busy(TASK):
            self.w.status("Feeds are being updated already.", 5000)
            return False
        self._cancelled = False

        def task(library, progress, cancelled):  # noqa: ANN001 - worker thread
            def told(done: int, total: int, _name: str) -> None:
                progress(done, total)

            def stop() -> bool:
                self._cancelled = self._cancelled or cancelled()
                return self._cancelled

            return library.update_feeds(names, told, stop)

        self.progress.setRange(0, 0)
        started = self.w.tasks.start(
            TASK, task, None, self._updated, cancellable=True, on_progress=self._progress
        )
        if started:
            self.progress.show()
            self.cancel_button.show()
            self.w.status("Updating feeds…", 0)
            self.w.tasks.ended.connect(self._ended)
        return started

    def update_feed(self) -> bool:
        name = self.section.current_feed_name()
        return self.update_feeds([name]) if name else False

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _ended(self, name: str, _how: str) -> None:
        if name != TASK:
            return
        self.w.tasks.ended.disconnect(self._ended)
        self.progress.hide()
        self.cancel_button.hide()

    def _updated(self, result: object) -> None:
        reports = result if isinstance(result, list) else []
        self.events.check_outside()  # the worker wrote on its own connection
        self.reload()
        self.finished.append(reports)
        self.w.status(update_line(reports, self._cancelled), 10000)

    def rename_feed(self) -> None:
        old = self.section.current_feed_name()
        if old is None:
            return
        new, ok = QInputDialog.getText(
            self.w, "Rename Feed", plain(f"New name for “{old}”:"), QLineEdit.EchoMode.Normal, old
        )
        if ok and new.strip() and new.strip() != old:
            self.rename_feed_to(new)

    def rename_feed_to(self, new: str) -> bool:
        old = self.section.current_feed_name()
        if old is None:
            return False
        return (
            self.events.run(self, lambda: self.library.rename_feed(old, new), parent=self.w)
            is not None
        )

    def remove_feed(self, ask: Callable[..., bool] = import_dialogs.confirm) -> bool:
        name = self.section.current_feed_name()
        if name is None:
            return False
        text = (
            f"Unsubscribe from the feed “{name}”?\n\nThe articles it brought stay in the library."
        )
        if not ask(self.w, "Remove Feed", text, "Remove"):
            return False
        self.events.run(self, lambda: self.library.remove_feed(name), parent=self.w)
        return True

    def update_feeds_on_start(self) -> None:
        on = self.w.actions_by_id["update_feeds_on_start"].isChecked()
        self.w.settings.set_update_feeds_on_start(on)
        self.w.status(
            "Feeds will be updated when Reader starts." if on else "Feeds update only when asked.",
            5000,
        )

    # -- web addresses (File → Import from Web Address…) --------------------------------------

    def import_url(self) -> None:
        url, ok = QInputDialog.getText(
            self.w, "Import from Web Address", "Address of the page (http or https):"
        )
        if ok and url.strip():
            self.import_url_from(url.strip())

    def import_url_from(self, url: str) -> bool:
        if not self.w.writable:
            show_error(self.w, "This library is read-only; nothing can be imported.")
            return False
        return self.w.imports.import_urls([url])
