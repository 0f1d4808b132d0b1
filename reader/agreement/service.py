"""Agreement, a service of the `Library` facade (read only): which annotators, which
articles, which labels, checked here with one-line errors; the numbers in `compute`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.agreement.compute import KIND_ORDER, CodedArticle, report
from reader.agreement.model import AgreementReport
from reader.agreement.spans import Mark
from reader.errors import AgreementError
from reader.model import Scope

if TYPE_CHECKING:
    from reader.store import Store


def _names(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "none"


class AgreementService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def agreement(
        self,
        annotators: Sequence[str] | None = None,
        labels: Sequence[str] | None = None,
        kind: str | None = None,
        scope: Scope | None = None,
    ) -> AgreementReport:
        """Agreement of `annotators` (default: everyone who marked the scope, but a
        name holding only curated marks) on the
        scope's articles that every one of them coded (left at least one mark on), for
        the marks of `kind` (default every kind) and `labels` (default every label)."""
        scope = scope or Scope()
        q = self._store.agreement
        if annotators is None:  # a curated set is not a coder
            chosen = [name for name, _ in q.annotators(scope, coders_only=True)]
        else:
            chosen = list(dict.fromkeys(a.strip() for a in annotators if a.strip()))
            known = [name for name, _ in q.annotators(Scope())]
            unknown = [a for a in chosen if a not in known]
            if unknown:
                raise AgreementError(
                    f"unknown annotator {unknown[0]!r} (annotators: {_names(known)})"
                )
        if len(chosen) < 2:
            raise AgreementError(f"agreement needs two or more annotators (here: {_names(chosen)})")
        if kind is not None and kind not in KIND_ORDER:
            raise AgreementError(f"unknown kind {kind!r} (quote, entity or highlight)")
        kinds = (kind,) if kind else KIND_ORDER
        categories = self._categories(labels or (), kinds)
        article_ids = q.coded_by_all(scope, chosen)
        if not article_ids:
            raise AgreementError(f"no article here was coded by every one of {_names(chosen)}")
        articles = [CodedArticle(i, t, x) for i, t, x in q.texts(article_ids)]
        wanted = {label for _, label in categories}
        marks = []
        for r in q.marks(article_ids, chosen, kinds):
            label = r["label"] or r["kind"]
            if wanted and label not in wanted:
                continue
            speaker = r["speaker_id"]
            if speaker is None and r["speaker_text"]:
                speaker = r["speaker_text"].casefold()
            marks.append(
                Mark(
                    r["article_id"], r["annotator"], r["kind"], label, r["start"], r["end"], speaker
                )
            )
        return report(chosen, articles, marks, kinds, categories)

    def _categories(self, labels: Sequence[str], kinds: Sequence[str]) -> list[tuple[str, str]]:
        """The (kind, label) of each label asked for; an unknown one is an error."""
        known = [(r["kind"], r["name"]) for r in self._store.labels.all() if r["kind"] in kinds]
        out = []
        for name in dict.fromkeys(labels):
            found = [c for c in known if c[1] == name]
            if not found:
                names = _names(sorted({n for _, n in known}))
                raise AgreementError(f"unknown label {name!r} (labels: {names})")
            out.extend(found)
        return out
