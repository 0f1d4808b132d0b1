"""Review mode: the article's suggested quotes and entities, drawn dashed, reviewed with
the keyboard (Tab/Shift+Tab or J/K, Enter, Shift+Enter, Delete, 1–9).

Suggestions are never stored: they are recomputed from the library after every change
(accepting a name teaches the registry, so new matches may appear). Accepting writes
ordinary annotations through the library (origin "suggested", undoable); rejecting
one is stored by the library too (it stays rejected after a restart; Edit → Undo
brings it back). Attributing quotes: reader/gui/annotate/speakers.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QTabWidget

from reader.errors import ReaderError
from reader.gui.actions import REVIEW_KEYS, ActionStates, key_sequences
from reader.gui.annotate.attribution import AttributionForm
from reader.gui.annotate.controller import AnnotateController, Status
from reader.gui.annotate.labels import key_label
from reader.gui.annotate.speakers import SpeakerMethods
from reader.gui.errors import show_error
from reader.gui.events import LibraryEvents
from reader.gui.settings import Settings
from reader.gui.views.marks import FALLBACK, suggestion_format
from reader.gui.widgets.side_panel import MARKS_TAB, SUGGESTIONS_TAB
from reader.gui.widgets.suggestion_panel import Suggestion, SuggestionPanel
from reader.model import Annotation, Changes, QuoteCandidate

STATUS_MS = 5000
Key = tuple[str, int, int]


class ReviewController(SpeakerMethods, QObject):
    """Review mode. Its refresh rule: the suggestions are stale when the registry, the
    labels or the article's marks changed; recomputed at once while shown, else when
    the Suggestions tab is shown again. Asking who said a quote is `SpeakerMethods`."""

    def __init__(
        self,
        events: LibraryEvents,
        annotate: AnnotateController,
        panel: SuggestionPanel,
        tabs: QTabWidget,
        states: ActionStates,
        settings: Settings,
        status: Status | None = None,
        reveal_panel: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.events = events
        self.library = events.library
        self.view = annotate.view
        self.annotate = annotate
        self.panel = panel
        self.tabs = tabs
        self.states = states
        self.actions: dict[str, QAction] = states.actions
        self.status: Status = status or (lambda _text, _ms: None)
        self.reveal_panel = reveal_panel or (lambda: None)
        self.action = self.actions["review_suggestions"]
        self.active = False
        self.suggestions: list[Suggestion] = []
        self.current: Suggestion | None = None
        self._resume: int | None = None  # after an accept: go on from this offset
        self._selecting = False
        self.form = AttributionForm(self.view.viewport())
        self.form.closed.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))

        self.view.installEventFilter(self)
        self.view.selectionRangeChanged.connect(self._selection_changed)
        self.annotate.marksLoaded.connect(self._marks_loaded)
        self.panel.activated.connect(self._row_activated)
        self.panel.acceptAllRequested.connect(self.accept_all)
        self.panel.thresholdChanged.connect(self.set_threshold)
        self.panel.set_threshold(self.threshold)
        self.tabs.currentChanged.connect(lambda index: self.set_active(index == SUGGESTIONS_TAB))
        events.changed.connect(self.on_changed)
        self.update_actions()

    def on_changed(self, changes: Changes, initiator: object) -> None:
        """Stale when the registry or the labels changed (the marks' reload, which
        recomputes too, covers changes of the shown article)."""
        article = self.view.article
        if article is not None and changes.touches(article.id):
            return  # marksLoaded follows
        rejected = article is not None and article.id in changes.rejections
        if self.active and (changes.entities or changes.labels or rejected):
            self.recompute()

    # -- the mode --------------------------------------------------------------------

    def set_active(self, on: bool) -> None:
        """Show (or hide) the suggestions: dashed in the view, listed in the panel."""
        if on != self.action.isChecked():
            self.action.blockSignals(True)
            self.action.setChecked(on)
            self.action.blockSignals(False)
        self.tabs.setCurrentIndex(SUGGESTIONS_TAB if on else MARKS_TAB)
        if on == self.active:
            return
        self.active = on
        if on:
            self.reveal_panel()  # the panel may be hidden
            self.recompute()
        else:
            self.current = None
            self.suggestions = []
            self.view.set_overlay([])
            self.panel.set_suggestions([], {}, writable=self.writable)
        self.update_actions()

    @property
    def writable(self) -> bool:
        return not self.library.readonly

    @property
    def threshold(self) -> float:
        """The least confidence of the suggestions shown (Preferences, the panel)."""
        return self.settings.suggestion_threshold()

    def set_threshold(self, value: float) -> None:
        self.settings.set_suggestion_threshold(value)
        self.panel.set_threshold(value)
        if self.active:
            self.recompute()

    def update_actions(self) -> None:
        quotes = sum(1 for s in self.suggestions if s.kind == "quote")
        entities = len(self.suggestions) - quotes
        for name, kind, n in (
            ("accept_all_quotes", "Quotes", quotes),
            ("accept_all_entities", "Entities", entities),
        ):
            action = self.actions[name]
            action.setText(f"Accept All Suggested {kind} ({n})" if self.active else action.text())
        self.states.set(reviewing=self.active, quotes=quotes > 0, entities=entities > 0)

    # -- computing and drawing ----------------------------------------------------------

    def recompute(self) -> None:
        """Ask the library for the article's candidates again; redraw; refill the list."""
        article = self.view.article
        if not self.active or article is None:
            self.suggestions, self.current = [], None
            self.view.set_overlay([])
            self.panel.set_suggestions([], {}, writable=self.writable)
            self.update_actions()
            return
        try:
            if self.writable:
                # Retrain the library's model in the background when its marks changed.
                self.library.learn_entities(background=True)
            least = self.threshold
            quotes = self.library.suggest_quotes(article.id, min_confidence=least)
            entities = self.library.suggest_entities(article.id, min_confidence=least)
            rejected = len(self.library.rejections(article.id))  # left out of both
        except ReaderError as e:
            show_error(self.view, e)
            quotes, entities, rejected = [], [], 0
        quote_label = key_label(self.annotate.labels, "quote", "Q")
        rows = [
            Suggestion("quote", quote_label.name if quote_label else "QUOTE", q) for q in quotes
        ] + [Suggestion("entity", e.label, e) for e in entities]
        rows.sort(key=lambda s: (s.start, s.kind != "quote", s.end))
        self.suggestions = rows
        colours = self.annotate.colours
        self.view.set_overlay(
            [
                (start, end, suggestion_format(colours.get((s.kind, s.label), FALLBACK)))
                for s in rows
                for start, end in self._parts(s)
            ]
        )
        self.panel.model.label_tips = self.annotate.tips
        self.panel.set_suggestions(rows, colours, self.writable, rejected)
        key = self.current.key if self.current else None
        self.current = None
        if self._resume is not None:
            resume, self._resume = self._resume, None
            after = [s for s in rows if s.start >= resume]
            if after:
                self.set_current(after[0])
        elif key is not None and (same := self._find(key)) is not None:
            self.set_current(same)
        self.update_actions()

    @staticmethod
    def _parts(s: Suggestion) -> tuple[tuple[int, int], ...]:
        c = s.candidate
        if isinstance(c, QuoteCandidate) and c.parts:
            return c.parts
        return ((s.start, s.end),)

    def _find(self, key: Key) -> Suggestion | None:
        return next((s for s in self.suggestions if s.key == key), None)

    def _marks_loaded(self) -> None:
        if self.active:
            self.recompute()

    # -- moving -------------------------------------------------------------------------

    def set_current(self, s: Suggestion | None) -> None:
        """Make a suggestion the one Enter and Delete act on: selected and in view."""
        self.current = s
        self.panel.select(s.key if s else None)
        if s is None:
            return
        self._selecting = True
        self.view.select_range(s.start, s.end)
        self._selecting = False
        self.status(
            f"Suggested {s.label}: {s.text[:60]}" + (f" ({s.detail})" if s.detail else ""),
            STATUS_MS,
        )

    def move(self, step: int) -> None:
        """The next (+1) or previous (-1) suggestion after the current one or the caret."""
        if not self.suggestions:
            self.status("No suggestions left in this article.", STATUS_MS)
            return
        if self.current is not None:
            index = self.suggestions.index(self.current) + step
        else:
            rng = self.view.selection_range()
            caret = rng[0] if rng else self._caret()
            if step > 0:
                index = next(
                    (i for i, s in enumerate(self.suggestions) if s.start >= caret),
                    len(self.suggestions),
                )
            else:
                before = [i for i, s in enumerate(self.suggestions) if s.start < caret]
                index = before[-1] if before else -1
        self.set_current(self.suggestions[index % len(self.suggestions)])

    def _caret(self) -> int:
        positions = self.view.positions
        if positions is None:
            return 0
        return positions.doc_to_offset(self.view.textCursor().position())

    def _selection_changed(self) -> None:
        # Enter and Delete act on the suggestion only while it is what is selected
        if self._selecting or self.current is None:
            return
        if self.view.selection_range() != (self.current.start, self.current.end):
            self.current = None
            self.panel.select(None)

    def _row_activated(self, s: Suggestion) -> None:
        self.set_current(s)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- accepting and rejecting ----------------------------------------------------------

    def accept(self, attribute: bool = False, label: str | None = None) -> list[Annotation]:
        """Accept the current suggestion (a quote with the attribution form first when
        `attribute`; an entity as `label` when given)."""
        s, article = self.current, self.view.article
        if s is None or article is None or not self.writable:
            return []
        if s.kind == "quote" and attribute:
            self.ask_for_suggestion(s)
            return []
        c = s.candidate

        def accept() -> list[Annotation]:
            if isinstance(c, QuoteCandidate):
                return self.library.accept_quote(article.id, c)
            return [self.library.accept_entity(article.id, c, label)]

        made = self._run_accept(s, accept)
        return made or []

    def _run_accept(
        self, s: Suggestion, accept: Callable[[], list[Annotation]]
    ) -> list[Annotation] | None:
        """Accept through the one action helper; the review goes on after `s`."""
        resume, self._resume = self._resume, s.start  # the reload after it resumes here
        self.current = None
        made = self.events.run(self, accept, parent=self.view)
        if made is None:
            self._resume = resume
            return None
        what = made[0].label or made[0].kind
        self.status(f"Accepted {what}: {s.text[:60]}", STATUS_MS)
        return made

    def reject(self) -> None:
        """Reject the current suggestion (stored; Edit → Undo brings it back); the
        review goes on after it."""
        s, article = self.current, self.view.article
        if s is None or article is None or not self.writable:
            return
        resume, self._resume = self._resume, s.start  # the recompute after it resumes here
        self.current = None
        done = self.events.run(
            self,
            lambda: self.library.reject_suggestion(article.id, s.kind, s.start, s.end, s.label),
            parent=self.view,
        )
        if done is None:
            self._resume = resume
            return
        self.status(f"Rejected {s.label}: {s.text[:60]}", STATUS_MS)

    def accept_all(self, kind: str) -> int:
        """Accept every listed suggestion of a kind ("quotes" or "entities") as one undo
        step (rejected ones stay out); returns how many."""
        article = self.view.article
        want = "quote" if kind == "quotes" else "entity"
        todo = [s for s in self.suggestions if s.kind == want]
        if article is None or not todo or not self.writable:
            return 0

        def accept_all() -> int:
            with self.library.undo_group(f"Accept all {kind}"):
                for s in todo:
                    if isinstance(s.candidate, QuoteCandidate):
                        self.library.accept_quote(article.id, s.candidate)
                    else:
                        self.library.accept_entity(article.id, s.candidate)
            return len(todo)

        self.current = None
        if self.events.run(self, accept_all, parent=self.view) is None:
            return 0
        noun = kind if len(todo) != 1 else kind[:-1]
        self.status(f"Accepted {len(todo)} {noun}.", STATUS_MS)
        return len(todo)

    # -- keys -------------------------------------------------------------------------------

    def move_next(self) -> None:
        self.move(+1)

    def move_previous(self) -> None:
        self.move(-1)

    def accept_attributed(self) -> None:
        self.accept(attribute=True)

    def accept_as(self, n: int) -> None:
        """An entity suggestion accepted with the entity label of key `n`."""
        label = self.annotate.keys.get(n)
        if label is not None and self.current is not None and self.current.kind == "entity":
            self.accept(label=label.name)

    def _key_action(self, event: QKeyEvent) -> Callable[[], object] | None:
        """The review key of the action table this key press is, as a call (or None)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(QKeyCombination(mods, Qt.Key(event.key()))).toString(
            QKeySequence.SequenceFormat.PortableText
        )
        for spec in REVIEW_KEYS:
            if pressed not in (
                k.toString(QKeySequence.SequenceFormat.PortableText) for k in key_sequences(spec)
            ):
                continue
            if spec.writes and (self.current is None or not self.writable):
                return None
            if spec.handler == "accept_as":
                n = spec.arg or 0
                if (
                    self.current is None
                    or self.current.kind != "entity"
                    or n not in self.annotate.keys
                ):
                    return None
                return lambda: self.accept_as(n)
            handler = getattr(self, spec.handler)
            return handler
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.active or obj is not self.view or not isinstance(event, QKeyEvent):
            return False
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        action = self._key_action(event)
        if action is None:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is ours, not a window shortcut's (Delete, 1-9)
            return True
        action()
        return True
