"""Suggestions the user reviews: quote and entity candidates for an article.

Candidates are computed on demand and never stored until accepted; accepting one
writes ordinary annotations with `origin="suggested"`, undoable like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.errors import NotFound, ReaderError
from reader.model import (
    Annotation,
    Changes,
    EntityCandidate,
    KnownEntity,
    Mention,
    QuoteCandidate,
    Rejection,
)
from reader.store.annotations import Step
from reader.undo_names import named

if TYPE_CHECKING:
    from reader.annotating import MarksService
    from reader.learning import Learner
    from reader.registry import RegistryService
    from reader.store import Store
    from reader.undo import History

QUOTE_TYPES = ("direct", "indirect", "mixed")
SUGGESTION_KINDS = ("quote", "entity")


def _rejection(row: dict) -> Rejection:
    return Rejection(
        row["id"],
        row["article_id"],
        row["kind"],
        row["label"],
        row["start"],
        row["end"],
        row["exact"],
        row["created"],
    )


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


class SuggestionsService:
    """Suggesting marks, and accepting them through the marks and the registry."""

    def __init__(
        self,
        store: Store,
        history: History,
        marks: MarksService,
        registry: RegistryService,
        annotator: Callable[[], str | None] = lambda: None,
    ) -> None:
        self._annotator = annotator
        self._store = store
        self._history = history
        self._marks = marks
        self._registry = registry

    def _text(self, article_id: int) -> str:
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return row["text"]

    def _known_entities(self) -> list[KnownEntity]:
        return [
            KnownEntity(e.name, e.type, tuple(e.aliases), e.id) for e in self._registry.entities()
        ]

    @property
    def learner(self) -> Learner:
        """The library's own entity model (reader/learning.py)."""
        from reader.learning import Learner

        if getattr(self, "_learner", None) is None:
            self._learner = Learner(self._store)
        return self._learner

    def learn_entities(self, background: bool = True, max_seconds: float = 30.0) -> bool:
        """Retrain the library's entity model on its marks when they changed (writes the
        `models` table; in the background the model is saved by a later call)."""
        return self.learner.learn(background=background, max_seconds=max_seconds)

    def _entity_candidates(self, text: str) -> list[EntityCandidate]:
        """All entity candidates of a text; the last result is kept, as the quote and the
        entity suggestions of one article ask for the same."""
        return self._candidates_and_tokens(text)[0]

    def _candidates_and_tokens(self, text: str) -> tuple[list[EntityCandidate], list]:
        from reader.text.entities import suggest_with_tokens

        known = tuple(self._known_entities())
        model = self.learner.model()
        key = (hash(text), len(text), known, model)
        cached = getattr(self, "_candidates_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        found, tokens = suggest_with_tokens(text, known, library_model=model)
        self._candidates_cache = (key, found, tokens)
        return found, tokens

    def suggest_entities(
        self, article_id: int, min_confidence: float = 0.0
    ) -> list[EntityCandidate]:
        """Entity candidates (registry names and aliases, the library's and the shipped
        model's, dates and places from the rules) not yet marked in the article."""
        text = self._text(article_id)
        marked = [
            (a.start, a.end) for a in self._marks.annotations(article_id) if a.kind == "entity"
        ]
        rejected = self._rejected(article_id, text, "entity")
        return [
            c
            for c in self._entity_candidates(text)
            if not _overlaps(c.start, c.end, marked)
            and c.confidence >= min_confidence
            and (c.start, c.end) not in rejected
        ]

    def suggest_quotes(self, article_id: int, min_confidence: float = 0.0) -> list[QuoteCandidate]:
        """Quote candidates not yet marked as quotes, each with a speaker guess from the
        person mentions already marked and those suggested."""
        from reader.text.quotes import suggest_quotes

        text = self._text(article_id)
        marks = self._marks.annotations(article_id)
        entity = self._registry.entity
        persons = [
            Mention(a.start, a.end, entity(a.entity_id).name if a.entity_id else a.exact)
            for a in marks
            if a.kind == "entity" and a.label == "PERSON" and a.status == "ok"
        ]
        taken = [(m.start, m.end) for m in persons]
        candidates, tokens = self._candidates_and_tokens(text)
        persons += [
            Mention(c.start, c.end, c.entity or c.text)
            for c in candidates
            if c.label == "PERSON" and not _overlaps(c.start, c.end, taken)
        ]
        persons.sort(key=lambda m: m.start)
        quoted = [(a.start, a.end) for a in marks if a.kind == "quote"]
        rejected = self._rejected(article_id, text, "quote")
        return [
            q
            for q in suggest_quotes(text, persons, tokens)
            if not _overlaps(q.start, q.end, quoted)
            and q.confidence >= min_confidence
            and (q.start, q.end) not in rejected
        ]

    # -- rejecting ----------------------------------------------------------------------

    def rejections(self, article_id: int) -> list[Rejection]:
        """The article's rejected suggestions that still hold (their text is still at
        their offsets), in text order."""
        text = self._text(article_id)
        return [
            _rejection(r)
            for r in self._store.rejections.for_article(article_id)
            if text[r["start"] : r["end"]] == r["exact"]
        ]

    def _rejected(self, article_id: int, text: str, kind: str) -> set[tuple[int, int]]:
        return {
            (r["start"], r["end"])
            for r in self._store.rejections.for_article(article_id)
            if r["kind"] == kind and text[r["start"] : r["end"]] == r["exact"]
        }

    def reject_suggestion(
        self, article_id: int, kind: str, start: int, end: int, label: str | None = None
    ) -> Rejection:
        """Reject the suggested quote or entity at start–end (code points): it is not
        suggested again (after a restart too) until the rejection is undone."""
        from reader.timestamps import utc_now

        if kind not in SUGGESTION_KINDS:
            raise ReaderError(f"unknown suggestion kind {kind!r} (quote or entity)")
        with self._store.atomic():
            text = self._text(article_id)
            if not (0 <= start < end <= len(text)):
                raise ReaderError(
                    f"range {start}–{end} is not a stretch of the article (0–{len(text)})"
                )
            for r in self._store.rejections.for_article(article_id):
                if (r["kind"], r["start"], r["end"], r["exact"]) == (
                    kind,
                    start,
                    end,
                    text[start:end],
                ):
                    return _rejection(r)  # rejected already: nothing to write
            values = {
                "article_id": article_id,
                "kind": kind,
                "label": label,
                "start": start,
                "end": end,
                "exact": text[start:end],
                "annotator": self._annotator(),
                "created": utc_now(),
            }
            rejection_id = self._store.rejections.insert(values)
        self._history.record(
            named(f"Reject suggestion {label or kind}", values["exact"]),
            undo=[Step("delete", "rejections", rejection_id)],
            redo=[Step("insert", "rejections", rejection_id, tuple(values.items()))],
            changes=Changes(rejections=frozenset({article_id})),
        )
        return _rejection({"id": rejection_id, **values})

    def accept_entity(
        self, article_id: int, candidate: EntityCandidate, label: str | None = None
    ) -> Annotation:
        """Mark a suggested entity (linked to its registry entity when it came from one).

        A suggestion another program (or window) accepted meanwhile is not marked
        twice: the entity mark already there is returned instead.
        """
        extra = {"entity_id": candidate.entity_id} if candidate.entity_id else {}
        with self._store.atomic():  # the check and the mark: one write transaction
            existing = self._marked(article_id, "entity", candidate.start, candidate.end)
            if existing is not None:
                return existing
            return self._marks.annotate(
                article_id,
                "entity",
                candidate.start,
                candidate.end,
                label or candidate.label,
                origin="suggested",
                **extra,
            )

    def _marked(self, article_id: int, kind: str, start: int, end: int) -> Annotation | None:
        """A mark of `kind` overlapping start–end (what suggestions leave out), or None."""
        for a in self._marks.annotations(article_id):
            if a.kind == kind and a.start < end and start < a.end:
                return a
        return None

    def accept_quote(
        self,
        article_id: int,
        candidate: QuoteCandidate,
        speaker: str | None = None,
        cue: str | None = None,
        quote_type: str | None = None,
    ) -> list[Annotation]:
        """Mark a suggested quote (every part of a split quote, as one quote) with its
        speaker (a PERSON of the registry, found by name or alias, created if new), cue
        and type. `speaker`, `cue` and `quote_type` override the suggestion's guesses."""
        quote_type = quote_type or candidate.type or "direct"
        if quote_type not in QUOTE_TYPES:
            raise ReaderError(f"unknown quote type {quote_type!r} (direct, indirect or mixed)")
        name = (
            speaker if speaker is not None else (candidate.speaker_entity_hint or candidate.speaker)
        )
        with self._history.group("Accept quote"):
            first = (candidate.parts or ((candidate.start, candidate.end),))[0]
            existing = self._marked(article_id, "quote", *first)
            if existing is not None:  # accepted meanwhile by another program or window
                group = existing.group_id or existing.id
                marks = self._marks.annotations(article_id)
                return [a for a in marks if a.id == existing.id or a.group_id == group]
            speaker_id = self._registry.resolve_speaker(name) if name and name.strip() else None
            fields = {
                "speaker_id": speaker_id,
                "cue": cue if cue is not None else candidate.cue,
                "quote_type": quote_type,
            }
            if speaker is None and candidate.speaker_start is not None:
                fields["speaker_start"] = candidate.speaker_start
                fields["speaker_end"] = candidate.speaker_end
            parts = candidate.parts or ((candidate.start, candidate.end),)
            made: list[Annotation] = []
            for start, end in parts:
                group = {"group_id": made[0].id} if made else {}
                made.append(
                    self._marks.annotate(
                        article_id, "quote", start, end, origin="suggested", **fields, **group
                    )
                )
            if len(made) > 1:
                first = self._marks.update_annotation(made[0].id, group_id=made[0].id)
                made[0] = first
        return made

    def accept_all(self, article_id: int, kind: str, min_confidence: float = 0.0) -> int:
        """Accept every current suggestion of a kind (`quotes` or `entities`) at least
        `min_confidence` sure, as one undo step; returns how many were accepted."""
        if kind not in ("quotes", "entities"):
            raise ReaderError(f"unknown suggestion kind {kind!r} (quotes or entities)")
        with self._history.group(f"Accept all {kind}"):
            if kind == "entities":
                candidates = self.suggest_entities(article_id, min_confidence)
                for c in candidates:
                    self.accept_entity(article_id, c)
            else:
                candidates = self.suggest_quotes(article_id, min_confidence)
                for q in candidates:
                    self.accept_quote(article_id, q)
        return len(candidates)
