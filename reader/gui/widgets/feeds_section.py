"""The Feeds section above the library list: "All articles" and each feed with its
unread count; choosing one filters the list to that feed's articles. Hidden while the
library has no feeds."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

from reader.gui.plain import plain
from reader.model import Feed

FeedIdRole = Qt.ItemDataRole.UserRole
FeedNameRole = Qt.ItemDataRole.UserRole + 1
ALL_ARTICLES = "All articles"
MAX_ROWS = 6  # then the list scrolls: the article list keeps its room


def feed_text(feed: Feed) -> str:
    """A feed's line: its name, its unread count, a warning sign after a failed update."""
    text = f"{feed.name} ({feed.unread})" if feed.unread else feed.name
    return f"⚠ {text}" if feed.last_error else text


def feed_tip(feed: Feed) -> str:
    lines = [feed.title or feed.name, feed.url]
    lines.append(f"{feed.articles} articles, {feed.unread} unread")
    lines.append(f"Last updated {feed.last_checked}" if feed.last_checked else "Never updated")
    if feed.last_error:
        lines.append(f"Last update failed: {feed.last_error}")
    return "\n".join(lines)


class FeedsSection(QWidget):
    """Emits `feedChosen(feed_id or None)` when the reader picks a line."""

    feedChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedsSection")
        self.heading = QLabel("Feeds", self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setObjectName("feedsList")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.currentItemChanged.connect(self._current_changed)
        self.menu_actions: list[QAction | None] = []  # None: a separator
        self._silent = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.reload([])

    # -- content -------------------------------------------------------------------------

    def reload(self, feeds: list[Feed]) -> None:
        """Show these feeds, keeping the chosen one; if it is gone, All articles is
        chosen (and announced)."""
        chosen = self.current_feed_id()
        self._silent = True
        try:
            self.list.clear()
            everything = QListWidgetItem(ALL_ARTICLES, self.list)
            everything.setData(FeedIdRole, None)
            keep = everything
            for feed in feeds:
                item = QListWidgetItem(feed_text(feed), self.list)  # items are drawn as plain text
                item.setData(FeedIdRole, feed.id)
                item.setData(FeedNameRole, feed.name)
                item.setToolTip(plain(feed_tip(feed)))
                if feed.id == chosen:
                    keep = item
            self.list.setCurrentItem(keep)
        finally:
            self._silent = False
        rows = min(self.list.count(), MAX_ROWS)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth())
        self.setVisible(bool(feeds))
        if chosen is not None and keep.data(FeedIdRole) is None:
            self.feedChosen.emit(None)

    def current_feed_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(FeedIdRole) if item is not None else None

    def current_feed_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(FeedNameRole) if item is not None else None

    def choose(self, feed_id: int | None) -> bool:
        """Make a feed (None: All articles) the chosen line; False when it is not listed."""
        for row in range(self.list.count()):
            if self.list.item(row).data(FeedIdRole) == feed_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def names(self) -> list[str]:
        """The lines as shown, All articles first."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    # -- reacting ----------------------------------------------------------------------------

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._silent and current is not None:
            self.feedChosen.emit(current.data(FeedIdRole))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for action in self.menu_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
        menu = self.context_menu()
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()
