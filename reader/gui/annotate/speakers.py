"""Who said it, asked for and saved: the attribution form after Q, after "Attribute…"
and for a quote suggestion accepted with Shift+Enter; the speaker a suggestion guesses
offered first; a split quote's parts attributed together, as one undo step.
"""

from __future__ import annotations

from reader.errors import ReaderError
from reader.gui.annotate.attribution import speaker_names
from reader.gui.annotate.controller import STATUS_MS
from reader.gui.widgets.suggestion_panel import Suggestion
from reader.model import Annotation, QuoteCandidate


class SpeakerMethods:
    """Mixed into `ReviewController`, whose view, library, events, form and accepting
    (`_run_accept`) these use."""

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
            self._run_accept(
                s,
                lambda: self.library.accept_quote(
                    article.id, c, speaker=speaker or "", cue=cue or "", quote_type=quote_type
                ),
            )

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

        def save() -> bool:
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
            return True

        if self.events.run(self, save, parent=self.view):
            self.status(f"Quote attributed to {speaker or 'nobody'}.", STATUS_MS)
