"""Scores of suggestions against gold annotations (used by scripts/eval_suggest.py).

Spans are (start, end, label) in code points. Exact: same offsets; overlap: any shared
code point. Precision counts predictions that match a gold span, recall gold spans that
some prediction matches; with or without the label having to agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int, str]


@dataclass(frozen=True)
class PRF:
    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.tp_pred + other.tp_pred,
            self.n_pred + other.n_pred,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )


ZERO = PRF(0, 0, 0, 0)


def _match(a: Span, b: Span, overlap: bool, labelled: bool) -> bool:
    if labelled and a[2] != b[2]:
        return False
    if overlap:
        return a[0] < b[1] and b[0] < a[1]
    return a[0] == b[0] and a[1] == b[1]


def score(pred: Sequence[Span], gold: Sequence[Span], overlap: bool, labelled: bool) -> PRF:
    """Precision/recall counts of one document."""
    tp_pred = sum(1 for p in pred if any(_match(p, g, overlap, labelled) for g in gold))
    tp_gold = sum(1 for g in gold if any(_match(p, g, overlap, labelled) for p in pred))
    return PRF(tp_pred, len(pred), tp_gold, len(gold))


def same_person(a: str | None, b: str | None) -> bool:
    """Two names of one speaker: equal, or one's last word is the other's last word."""
    if not a or not b:
        return False
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return a == b or a.split()[-1] == b.split()[-1] or a in b or b in a
