"""The facade's methods for working as a team: merging another coder's library,
curation, and agreement between annotators (reader/merging.py, reader/curating.py,
reader/agreement)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from reader.agreement.model import AgreementReport
from reader.curating import CURATED
from reader.model import (
    Annotation,
    CurationReport,
    MergeReport,
    Scope,
)

if TYPE_CHECKING:
    from reader.curation import Unit


class TeamMethods:
    """Merging, curation and agreement: one-line delegations, as in `Library`."""

    # -- working as a team (reader/merging.py) ---------------------------------------

    def merge(
        self,
        path: str | os.PathLike,
        annotator: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> MergeReport:
        """Bring another Reader library's marks, entities and missing articles into this
        one (one transaction, one undo step; merging twice adds nothing)."""
        from reader.errors import LibraryError
        from reader.importers.decode import require_regular_file

        self._refuse_self(path, "merge the library into itself")
        require_regular_file(path, LibraryError)
        return self._merging.merge(path, annotator, progress, cancelled)

    def annotators(self) -> list[str]:
        """Every annotator name on a mark of the library, sorted."""
        return self._curation.annotators()

    def disagreements(
        self, article_id: int, annotators: list[str] | tuple[str, ...], into: str = CURATED
    ) -> list[Unit]:
        """Where these coders' marks on the article differ (reader/curation.py)."""
        return self._curation.disagreements(article_id, annotators, into)

    def curate_agreed(
        self,
        annotators: list[str] | tuple[str, ...] | None = None,
        into: str = CURATED,
        scope: Scope | None = None,
        dry_run: bool = False,
    ) -> CurationReport:
        return self._curation.curate_agreed(annotators, into, scope, dry_run)

    def curate_marks(self, annotation_ids: Iterable[int], into: str = CURATED) -> list[Annotation]:
        return self._curation.curate_marks(annotation_ids, into)

    # -- agreement between annotators (reader/agreement) -------------------------------

    def agreement(
        self,
        annotators: list[str] | tuple[str, ...] | None = None,
        labels: list[str] | tuple[str, ...] | None = None,
        kind: str | None = None,
        scope: Scope | None = None,
    ) -> AgreementReport:
        return self._agreement.agreement(annotators, labels, kind, scope)
