"""The facade's methods for entities and suggestions: the entity registry
(reader/registry.py), and the quote and entity candidates, accepting or rejecting them
and the model learnt from the library's marks (reader/suggesting.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.model import (
    Annotation,
    Entity,
    EntityCandidate,
    EntityMention,
    EntitySummary,
    QuoteCandidate,
    Rejection,
    Scope,
    TagReport,
)

if TYPE_CHECKING:
    from reader.learning import Learner


class EntityMethods:
    """The entity registry and suggestions: one-line delegations, as in `Library`."""

    # -- the entity registry ---------------------------------------------------------------

    def entity(self, entity_id: int) -> Entity:
        return self._registry.entity(entity_id)

    def find_entity(self, name: str, type_: str) -> Entity | None:
        return self._registry.find_entity(name, type_)

    def entities(self) -> list[Entity]:
        return self._registry.entities()

    def entity_summaries(self, type_: str | None = None) -> list[EntitySummary]:
        return self._registry.entity_summaries(type_)

    def mentions(self, entity_id: int) -> list[EntityMention]:
        return self._registry.mentions(entity_id)

    def tag_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> TagReport:
        return self._registry.tag_entity(name, type_, aliases, scope, dry_run)

    def create_entity(
        self,
        name: str,
        type_: str,
        aliases: list[str] | tuple[str, ...] = (),
        wikidata: str | None = None,
        note: str | None = None,
    ) -> Entity:
        return self._registry.create_entity(name, type_, aliases, wikidata, note)

    def update_entity(self, entity_id: int, **values: Any) -> Entity:
        return self._registry.update_entity(entity_id, **values)

    def merge_entities(self, keep_id: int, other_id: int) -> Entity:
        return self._registry.merge_entities(keep_id, other_id)

    def delete_entity(self, entity_id: int) -> None:
        self._registry.delete_entity(entity_id)

    def delete_entities(self, entity_ids: Iterable[int]) -> int:
        return self._registry.delete_entities(entity_ids)

    def resolve_speaker(self, name: str) -> int:
        return self._registry.resolve_speaker(name)

    # -- suggestions -------------------------------------------------------------------------

    @staticmethod
    def tag_in_second_process(wanted: bool = True) -> None:
        """Let a long article's entity model run in a second process while the rules run
        here (reader/text/tagging.py): for a process that suggests for many articles,
        such as the window."""
        from reader.text.tagging import use_worker

        use_worker(wanted)

    def suggest_entities(
        self, article_id: int, min_confidence: float = 0.0
    ) -> list[EntityCandidate]:
        return self._suggestions.suggest_entities(article_id, min_confidence)

    def suggest_quotes(self, article_id: int, min_confidence: float = 0.0) -> list[QuoteCandidate]:
        return self._suggestions.suggest_quotes(article_id, min_confidence)

    @property
    def learner(self) -> Learner:
        return self._suggestions.learner

    def learn_entities(self, background: bool = True, max_seconds: float = 30.0) -> bool:
        return self._suggestions.learn_entities(background, max_seconds)

    def accept_entity(
        self, article_id: int, candidate: EntityCandidate, label: str | None = None
    ) -> Annotation:
        return self._suggestions.accept_entity(article_id, candidate, label)

    def accept_quote(
        self,
        article_id: int,
        candidate: QuoteCandidate,
        speaker: str | None = None,
        cue: str | None = None,
        quote_type: str | None = None,
    ) -> list[Annotation]:
        return self._suggestions.accept_quote(article_id, candidate, speaker, cue, quote_type)

    def accept_all(self, article_id: int, kind: str, min_confidence: float = 0.0) -> int:
        return self._suggestions.accept_all(article_id, kind, min_confidence)

    def reject_suggestion(
        self, article_id: int, kind: str, start: int, end: int, label: str | None = None
    ) -> Rejection:
        return self._suggestions.reject_suggestion(article_id, kind, start, end, label)

    def rejections(self, article_id: int) -> list[Rejection]:
        return self._suggestions.rejections(article_id)
