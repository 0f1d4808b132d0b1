"""Review mode: the article's suggested quotes and entities, drawn dashed, reviewed with
the keyboard (Tab/Shift+Tab or J/K, Enter, Shift+Enter, Delete, 1–9).

Suggestions are never stored: they are recomputed from the library after every change
(accepting a name teaches the registry, so new matches may appear). Accepting writes
ordinary annotations through the library (origin "suggested", undoable); rejecting
only hides a suggestion for this session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from reader.errors import ReaderError
from reader.gui.annotate.attribution import (
    AttributionForm,
    speaker_names,
)
from reader.gui.annotate.labels import key_label
from reader.gui.errors import show_error
from reader.gui.views.marks import FALLBACK, suggestion_format
from reader.gui.widgets.side_panel import MARKS_TAB, SUGGESTIONS_TAB
from reader.gui.widgets.suggestion_panel import Suggestion
from reader.model import Annotation, Changes, QuoteCandidate

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow

STATUS_MS = 5000
Key = tuple[str, int, int]


class ReviewController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.view = window.view
        self.annotate = window.annotate
        self.panel = window.side.suggestions
        self.tabs = window.side.tabs
        self.action = window.actions_by_id["review_suggestions"]
        self.active = False
        self.suggestions: list[Suggestion] = []
        self.current: Suggestion | None = None
        self.rejected: dict[int, set[Key]] = {}  # article id -> hidden suggestions
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
        self.update_actions()

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
            if self.window.splitter.sizes()[2] == 0:  # the panel is hidden: show it
                self.window.actions_by_id["toggle_side_panel"].setChecked(True)
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
        return self.window.settings.suggestion_threshold()

    def set_threshold(self, value: float) -> None:
        self.window.settings.set_suggestion_threshold(value)
        self.panel.set_threshold(value)
        if self.active:
            self.recompute()

    def update_actions(self) -> None:
        quotes = sum(1 for s in self.suggestions if s.kind == "quote")
        entities = len(self.suggestions) - quotes
        ok = self.writable and self.active
        for name, kind, n in (
            ("accept_all_quotes", "Quotes", quotes),
            ("accept_all_entities", "Entities", entities),
        ):
            action = self.window.actions_by_id[name]
            action.setText(f"Accept All Suggested {kind} ({n})" if self.active else action.text())
            action.setEnabled(ok and n > 0)

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
        except ReaderError as e:
            show_error(self.window, e)
            quotes, entities = [], []
        quote_label = key_label(self.annotate.labels, "quote", "Q")
        rejected = self.rejected.get(article.id, set())
        rows = [
            Suggestion("quote", quote_label.name if quote_label else "QUOTE", q) for q in quotes
        ] + [Suggestion("entity", e.label, e) for e in entities]
        rows = [s for s in rows if s.key not in rejected]
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
        self.panel.set_suggestions(rows, colours, self.writable, len(rejected))
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
        self.window.statusBar().showMessage(
            f"Suggested {s.label}: {s.text[:60]}" + (f" ({s.detail})" if s.detail else ""),
            STATUS_MS,
        )

    def move(self, step: int) -> None:
        """The next (+1) or previous (-1) suggestion after the current one or the caret."""
        if not self.suggestions:
            self.window.statusBar().showMessage("No suggestions left in this article.", STATUS_MS)
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
        try:
            if isinstance(s.candidate, QuoteCandidate):
                made = self.library.accept_quote(article.id, s.candidate)
            else:
                made = [self.library.accept_entity(article.id, s.candidate, label)]
        except ReaderError as e:
            show_error(self.window, e)
            return []
        self._accepted(s, made)
        return made

    def _accepted(self, s: Suggestion, made: list[Annotation]) -> None:
        article_id = made[0].article_id
        self._resume = s.start
        self.current = None
        self.annotate.apply(
            Changes(frozenset({article_id}), frozenset(a.id for a in made), entities=True)
        )
        self._registry_changed()
        what = made[0].label or made[0].kind
        self.window.statusBar().showMessage(f"Accepted {what}: {s.text[:60]}", STATUS_MS)

    def reject(self) -> None:
        """Hide the current suggestion for this session (nothing is stored)."""
        s, article = self.current, self.view.article
        if s is None or article is None:
            return
        self.rejected.setdefault(article.id, set()).add(s.key)
        self._resume = s.start
        self.current = None
        self.recompute()
        self.window.statusBar().showMessage(f"Rejected {s.label}: {s.text[:60]}", STATUS_MS)

    def accept_all(self, kind: str) -> int:
        """Accept every listed suggestion of a kind ("quotes" or "entities") as one undo
        step (rejected ones stay out); returns how many."""
        article = self.view.article
        want = "quote" if kind == "quotes" else "entity"
        todo = [s for s in self.suggestions if s.kind == want]
        if article is None or not todo or not self.writable:
            return 0
        made: list[Annotation] = []
        try:
            with self.library.undo_group(f"Accept all {kind}"):
                for s in todo:
                    if isinstance(s.candidate, QuoteCandidate):
                        made += self.library.accept_quote(article.id, s.candidate)
                    else:
                        made.append(self.library.accept_entity(article.id, s.candidate))
        except ReaderError as e:
            show_error(self.window, e)
            self.annotate.load()
            return 0
        self.current = None
        self.annotate.apply(
            Changes(frozenset({article.id}), frozenset(a.id for a in made), entities=True)
        )
        self._registry_changed()
        noun = kind if len(todo) != 1 else kind[:-1]
        self.window.statusBar().showMessage(f"Accepted {len(todo)} {noun}.", STATUS_MS)
        return len(todo)

    def _registry_changed(self) -> None:
        entities = getattr(self.window, "entities_window", None)
        if entities is not None and entities.isVisible():
            entities.refresh()

    # -- attribution -----------------------------------------------------------------------

    def _names(self) -> list[str]:
        try:
            return speaker_names(self.library.entities())
        except ReaderError:
            return []

    def _near(self, start: int) -> object:
        positions = self.view.positions
        cursor = self.view.textCursor()
        if positions is not None:
            cursor.setPosition(positions.offset_to_doc(start))
        return self.view.cursorRect(cursor)

    def ask_for_suggestion(self, s: Suggestion) -> None:
        """The attribution form for a quote suggestion; Enter accepts it with what the
        form says, Esc accepts it without a speaker."""
        c = s.candidate
        assert isinstance(c, QuoteCandidate)
        article = self.view.article
        assert article is not None

        def save(speaker: str, cue: str, quote_type: str) -> None:
            try:
                made = self.library.accept_quote(
                    article.id, c, speaker=speaker or "", cue=cue or "", quote_type=quote_type
                )
            except ReaderError as e:
                show_error(self.window, e)
                return
            self._accepted(s, made)

        self.form.ask(
            self._near(s.end),
            self._names(),
            save,
            speaker=c.speaker_entity_hint or c.speaker or "",
            cue=c.cue or "",
            quote_type=c.type or "direct",
        )

    def speaker_guess(self, start: int, end: int) -> QuoteCandidate | None:
        """The quote suggestion overlapping text[start:end] (its speaker, cue and type
        are the best guess for a quote marked by hand there)."""
        article = self.view.article
        if article is None:
            return None
        try:
            candidates = self.library.suggest_quotes(article.id)
        except ReaderError:
            return None
        overlapping = [c for c in candidates if c.start < end and start < c.end]
        return max(
            overlapping,
            key=lambda c: min(end, c.end) - max(start, c.start),
            default=None,
        )

    def quote_by_hand(self) -> Annotation | None:
        """Q: mark the selection as a quote, then ask who said it."""
        rng = self.view.selection_range()
        guess = self.speaker_guess(*rng) if rng else None
        made = self.annotate.quote()
        if made is not None:
            self.ask_for_quote(made, guess)
        return made

    def ask_for_quote(self, quote: Annotation, guess: QuoteCandidate | None = None) -> None:
        """The attribution form for a quote already marked (after Q, or "Attribute…")."""
        speaker = cue = ""
        quote_type = quote.quote_type or "direct"
        if quote.speaker_id:
            try:
                speaker = self.library.entity(quote.speaker_id).name
            except ReaderError:
                speaker = ""
            cue = quote.cue or ""
        elif guess is not None:
            speaker = guess.speaker_entity_hint or guess.speaker or ""
            cue = guess.cue or ""
            quote_type = guess.type or quote_type
        span = (
            (guess.speaker_start, guess.speaker_end)
            if guess is not None and guess.speaker_start is not None
            else None
        )
        self.form.ask(
            self._near(quote.end),
            self._names(),
            lambda who, said, kind: self.attribute(quote, who, said, kind, span, speaker),
            speaker=speaker,
            cue=cue,
            quote_type=quote_type,
        )

    def attribute(
        self,
        quote: Annotation,
        speaker: str,
        cue: str,
        quote_type: str,
        span: tuple[int | None, int | None] | None = None,
        guessed: str = "",
    ) -> None:
        """Save a quote's speaker (found in the registry or added as a person), cue and
        type, on every part of a split quote, as one undo step."""
        parts = [
            a.id
            for a in self.annotate.annotations
            if a.id == quote.id or (quote.group_id and a.group_id == quote.group_id)
        ] or [quote.id]
        try:
            with self.library.undo_group("Attribute quote"):
                speaker_id = self.library.resolve_speaker(speaker) if speaker else None
                values: dict[str, object] = {
                    "speaker_id": speaker_id,
                    "cue": cue or None,
                    "quote_type": quote_type,
                }
                # the speaker's place in the text only when it is the guessed speaker
                start, end = span if span and speaker and speaker == guessed else (None, None)
                values["speaker_start"], values["speaker_end"] = start, end
                for annotation_id in parts:
                    self.library.update_annotation(annotation_id, **values)
        except ReaderError as e:
            show_error(self.window, e)
            return
        self.annotate.apply(Changes(frozenset({quote.article_id}), frozenset(parts), entities=True))
        self._registry_changed()
        who = speaker or "nobody"
        self.window.statusBar().showMessage(f"Quote attributed to {who}.", STATUS_MS)

    # -- keys -------------------------------------------------------------------------------

    def _key_action(self, event: QKeyEvent):  # noqa: ANN202 - a callable or None
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        other = mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if other:
            return None
        if key == Qt.Key.Key_Tab or (key == Qt.Key.Key_J and not shift):
            return lambda: self.move(+1)
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_K and not shift):
            return lambda: self.move(-1)
        if self.current is None or not self.writable:
            return None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return lambda: self.accept(attribute=shift)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.reject
        if self.current.kind == "entity" and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            label = self.annotate.keys.get(int(key) - int(Qt.Key.Key_0))
            if label is not None:
                return lambda: self.accept(label=label.name)
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
