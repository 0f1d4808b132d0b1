"""Keys, toolbar, context menu and panel → library calls → marks and rows.

Nothing is kept here that the library has not saved: every action runs through
`LibraryEvents.run` (one committed transaction, one error dialog), and the marks
reload from the announcement when it names the shown article — whoever made it.
The controller takes the parts it uses (view, panel, events, actions), not the window.
Making, noting, deleting marks and undo are its `MarkCommands` (reader/gui/annotate/marking.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QHelpEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QMenu, QToolTip

from reader.errors import ReaderError
from reader.gui.actions import ActionStates
from reader.gui.annotate.labels import entity_keys, key_label
from reader.gui.annotate.marking import STATUS_MS, MarkCommands
from reader.gui.annotate.snapping import SelectionSnapper, marking_range
from reader.gui.codebook.tree import label_tips
from reader.gui.dialogs.note_dialog import NoteDialog
from reader.gui.dialogs.preferences import colour_icon
from reader.gui.errors import show_error
from reader.gui.events import LibraryEvents
from reader.gui.models.annotation_model import AnnotationModel
from reader.gui.plain import menu_text, plain
from reader.gui.views.article_view import ArticleView
from reader.gui.views.marks import label_colours, mark_formats, marks_at, tooltip
from reader.gui.widgets.annotation_panel import AnnotationPanel
from reader.gui.widgets.selection_toolbar import SelectionToolbar
from reader.model import Annotation, Changes, Label

Status = Callable[[str, int], None]  # a message for the status bar, and for how long

WRITE_ACTIONS = (
    "annotate_quote",
    *(f"annotate_tag_{n}" for n in range(1, 10)),
    "annotate_highlight",
    "annotate_tag_with",
    "annotate_note",
    "delete_mark",
    *(f"mark_{edge}_{way}" for edge in ("end", "start") for way in ("later", "earlier")),
)
TOOLBAR_ACTIONS = (
    "annotate_quote",
    *(f"annotate_tag_{n}" for n in range(1, 10)),
    "annotate_highlight",
    "annotate_note",
)
# Above this many marks an article opens with the marks of its first screen; the rest
# and the side panel follow one event-loop tick later (the text shows at once).
EAGER_MARKS = 300


class AnnotateController(MarkCommands, QObject):
    """The shown article's marks: loaded, drawn, selected; the selection toolbar, the
    tooltips and the context menu. The commands that change marks are `MarkCommands`."""

    marksLoaded = Signal()  # the current article's marks were (re)loaded and drawn
    articleRequested = Signal(int)  # undo or redo changed another article: show it

    def __init__(
        self,
        events: LibraryEvents,
        view: ArticleView,
        panel: AnnotationPanel,
        states: ActionStates,
        status: Status | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.library = events.library
        self.view = view
        self.panel = panel
        self.model: AnnotationModel = panel.model
        self.states = states
        self.actions: dict[str, QAction] = states.actions
        self.status: Status = status or (lambda _text, _ms: None)
        self.annotations: list[Annotation] = []
        self.labels: list[Label] = []
        self.keys: dict[int, Label] = {}
        self.selected: int | None = None
        self.names: dict[int, str] = {}  # entity id -> name, for quote speakers
        self.note_dialog: NoteDialog | None = None
        self.snap_words = True  # selections snap to whole words (Preferences)
        self._article_id: int | None = None
        self._syncing = False
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.timeout.connect(self._load_all)

        self.model._commit = self._commit_edit
        self.model.editable = not self.library.readonly
        self.toolbar = SelectionToolbar(self.view.viewport())
        self._dismissed: tuple[int, int] | None = None  # the selection a command ran on
        for name in TOOLBAR_ACTIONS:
            self.actions[name].triggered.connect(self._dismiss_toolbar)
        self.view.addActions([self.actions[name] for name in WRITE_ACTIONS])
        self.panel.table.addAction(self.actions["delete_mark"])
        self.panel.deleteRequested.connect(self.actions["delete_mark"].trigger)
        self.view.viewport().installEventFilter(self)
        self.snapper = SelectionSnapper(self.view, self.library, lambda: self.snap_words)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.selectionRangeChanged.connect(self._selection_changed)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._place_toolbar())
        self.panel.jumpRequested.connect(self.jump_to)
        self.panel.currentChanged.connect(self._panel_current)
        events.changed.connect(self.on_changed)

        if self.library.readonly:
            # The window shows the read-only indicator; say what it means for marks.
            self.status("The library is read-only: annotating is off.", 0)
        self.reload_labels()
        self.update_actions()

    # -- labels ------------------------------------------------------------------------

    def reload_labels(self) -> None:
        self.labels = self.library.labels()
        self.tips = label_tips(self.labels)  # hovering a mark shows what its label means
        self.model.set_label_tips(self.tips)
        self.keys = entity_keys(self.labels)
        self.colours = label_colours(self.labels)
        for n in range(1, 10):
            action = self.actions[f"annotate_tag_{n}"]
            label = self.keys.get(n)
            action.setVisible(label is not None)
            if label is not None:
                action.setText(menu_text(label.name))
                action.setIcon(colour_icon(label.colour))
                action.setToolTip(plain(f"Tag as {label.name} ({n})"))
        for name, kind, key in (
            ("annotate_quote", "quote", "Q"),
            ("annotate_highlight", "highlight", "H"),
        ):
            if (label := key_label(self.labels, kind, key)) is not None:
                self.actions[name].setIcon(colour_icon(label.colour))
        self.panel.set_labels(self.labels)
        self.toolbar.set_actions(self.actions[name] for name in TOOLBAR_ACTIONS)

    # -- the article ---------------------------------------------------------------------

    def article_shown(self) -> None:
        """The view shows another article (or the same one re-rendered): load its marks."""
        article = self.view.article
        if article is None or article.id != self._article_id:
            self.selected = None
            self.toolbar.hide()
        self._article_id = article.id if article else None
        self.load(progressive=True)

    def load(self, progressive: bool = False) -> None:
        """Reload the current article's annotations from the library; redraw; refill.

        `progressive`: with many marks, read and draw the visible ones now and the rest
        (and the side panel) on the next tick, so that opening an article paints at once.
        """
        article = self.view.article
        self._rest.stop()
        if progressive and article is not None and self._first_screen(article.id):
            return
        self._load_all()

    def _first_screen(self, article_id: int) -> bool:
        """Above EAGER_MARKS marks: only the first screen's are read (through their
        index) and drawn, the rest follow from the timer; False: read them all now."""
        try:
            if self.library.count_annotations(article_id) <= EAGER_MARKS:
                return False
            self.annotations = self.library.annotations(article_id, self.view.visible_range())
        except ReaderError:
            return False  # the full read shows the error
        self.redraw()
        self.model.set_annotations([], self.colours)
        self.update_actions()
        self._rest.start(0)
        return True

    def _load_all(self) -> None:
        article = self.view.article
        try:
            self.annotations = self.library.annotations(article.id) if article else []
        except ReaderError as e:
            show_error(self.view, e)
            self.annotations = []
        if self.selected is not None and all(a.id != self.selected for a in self.annotations):
            self.selected = None
        self._show_all()

    def _show_all(self) -> None:
        self._rest.stop()  # every mark is read: none is still to come
        self.redraw()
        self.names = self._speaker_names()
        self.model.set_annotations(self.annotations, self.colours, self.names)
        self._syncing = True
        self.panel.select_annotation(self.selected)
        self._syncing = False
        self.update_actions()
        self.marksLoaded.emit()

    def _speaker_names(self) -> dict[int, str]:
        ids = {a.speaker_id for a in self.annotations if a.speaker_id}
        if not ids:
            return {}  # no registry query for an article without attributed quotes
        try:
            return {e.id: e.name for e in self.library.entities() if e.id in ids}
        except ReaderError:
            return {}

    def _theme(self) -> tuple[QColor, QColor, QColor]:
        """The selection, page and text colours of the theme the marks are drawn in."""
        palette = self.view.theme_palette()  # the new theme's, also right after a switch
        role = QPalette.ColorRole
        return (palette.color(role.Highlight), palette.color(role.Base), palette.color(role.Text))

    def redraw(self) -> None:
        # while the rest of a long article's marks is still to come (`_rest`), these
        # are the first screen's: the timer still reads and draws them all
        self.view.set_marks(
            mark_formats(self.annotations, self.colours, self.selected, *self._theme())
        )

    def annotation(self, annotation_id: int | None) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def select_mark(self, annotation_id: int | None) -> None:
        """Make a mark the selected one: drawn as selected, its row current in the panel."""
        if annotation_id != self.selected:
            self.selected = annotation_id
            self.redraw()
        self._syncing = True
        self.panel.select_annotation(annotation_id)
        self._syncing = False
        self.update_actions()

    def _panel_current(self, annotation: Annotation | None) -> None:
        if self._syncing:
            return
        self.select_mark(annotation.id if annotation else None)

    def jump_to(self, annotation: Annotation) -> None:
        """Scroll to a mark, select its text and give the view the focus."""
        self.select_mark(annotation.id)
        if annotation.status != "ok":
            self.status("This mark is orphaned: its text is no longer in the article.", STATUS_MS)
            return
        self.view.scroll_to(annotation.start)
        self.view.select_range(annotation.start, annotation.end)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def marking_range(self) -> tuple[int, int] | None:
        """What a mark of the selection would cover: snapped to whole words (unless
        Preferences turned it off), spaces trimmed; None when nothing is selected."""
        return marking_range(self.view, self.library, self.snap_words)

    # -- state of the actions -------------------------------------------------------------

    def update_actions(self) -> None:
        """Report the facts the annotation actions' rules read (actions.py)."""
        self.states.set(
            article=self.view.article is not None,
            selection=self.view.selection_range() is not None,
            mark=self.selected is not None,
        )

    def _selection_changed(self) -> None:
        self.update_actions()
        self._place_toolbar()

    def _dismiss_toolbar(self) -> None:
        """A command ran (Q, 1-9, H, N, by key or button): the bar goes until the
        selection changes."""
        self._dismissed = self.view.selection_range()
        self.toolbar.hide()

    def _place_toolbar(self) -> None:
        rng = self.view.selection_range()
        # While reviewing, the selection is the suggestion under review: the panel and its
        # keys (Enter, 1-9, Delete) act on it, and a bar would only hide the lines around it.
        reviewing = self.states["reviewing"]
        if rng is None or self.library.readonly or not self.view.hasFocus() or reviewing:
            self.toolbar.hide()
            return
        if rng == self._dismissed:
            return
        self._dismissed = None
        cursor = self.view.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        cursor.setPosition(start)
        first = self.view.cursorRect(cursor)
        cursor.setPosition(end)
        last = self.view.cursorRect(cursor)
        if not self.view.viewport().rect().intersects(first.united(last)):
            self.toolbar.hide()
            return
        self.toolbar.show_near(first, last, self._covers_marks)

    def _covers_marks(self, rect: QRect) -> bool:
        """Whether marked text lies under `rect` (viewport coordinates)."""
        positions = self.view.positions
        if positions is None:
            return False
        top = self.view.cursorForPosition(rect.topLeft()).position()
        bottom = self.view.cursorForPosition(rect.bottomRight()).position()
        first = positions.doc_to_offset(min(top, bottom))
        last = positions.doc_to_offset(max(top, bottom))
        return any(a.status == "ok" and a.start <= last and a.end > first for a in self.annotations)

    # -- the library's announcements ----------------------------------------------------------

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """The one refresh rule: labels when they changed; the marks when the shown
        article's changed (after the panel's editor closed, for its own edits)."""
        if changes.labels:
            self.reload_labels()
        article = self.view.article
        if article is not None and article.id in changes.removed:
            self.annotations, self.selected = [], None  # the view closes it
            self._show_all()
        elif article is not None and changes.touches(article.id):
            if initiator is self.model:
                QTimer.singleShot(0, self.load)
            else:
                self.load()
        elif changes.labels:
            self.load()
        self.update_actions()

    # -- the view's events -------------------------------------------------------------------

    def offset_at(self, pos: QPoint) -> int | None:
        """Code point of the character under viewport point `pos` (None outside the body)."""
        positions = self.view.positions
        if positions is None:
            return None
        cursor = self.view.cursorForPosition(pos)
        position = cursor.position()
        if not positions.in_body(position):
            return None
        rect = self.view.cursorRect(cursor)
        rtl = cursor.block().textDirection() == Qt.LayoutDirection.RightToLeft
        before = pos.x() > rect.x() if rtl else pos.x() < rect.x()
        offset = positions.doc_to_offset(position)
        return max(0, offset - 1) if before else offset

    def tooltip_at(self, pos: QPoint) -> str:
        """The marks under the pointer, then what their labels mean (the codebook)."""
        offset = self.offset_at(pos)
        text = "" if offset is None else tooltip(self.annotations, offset, self.names, self.tips)
        return plain(text) or ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.view.viewport())
                return True
        elif (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and not self.view.textCursor().hasSelection()
        ):
            offset = self.offset_at(event.position().toPoint())
            hits = marks_at(self.annotations, offset) if offset is not None else []
            self.select_mark(hits[0].id if hits else None)
        return False

    def context_menu(self, pos: QPoint) -> QMenu:
        """The view's own menu (Copy, Select All) and the annotation actions."""
        menu = self.view.createStandardContextMenu(pos)
        menu.addSeparator()
        for name in (*TOOLBAR_ACTIONS, "delete_mark"):
            if self.actions[name].isVisible():
                menu.addAction(self.actions[name])
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- preferences ------------------------------------------------------------------------

    def labels_changed(self) -> None:
        self.reload_labels()
        self.load()
