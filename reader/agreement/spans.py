"""Span scores between two annotators, as NER evaluations report them, and the speakers
of the quotes both marked.

Exact F1: a mark agrees when the other made one with the same start, end and label.
Overlap F1 (the lenient score): a mark agrees when one of the other's, with the same
label, shares at least one code point; precision and recall are counted on each side's
marks, F1 = 2PR / (P + R). F1 is symmetric: neither annotator is the reference.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """One annotator's mark, as agreement sees it."""

    article_id: int
    annotator: str
    kind: str
    label: str
    start: int
    end: int
    speaker: Hashable | None = None  # quotes: the speaker (entity id, or the span's text)

    @property
    def key(self) -> tuple[int, str, str, int, int]:
        return (self.article_id, self.kind, self.label, self.start, self.end)


def f1(agreed_a: int, total_a: int, agreed_b: int, total_b: int) -> float | None:
    """F1 from the marks of each side that found a match (None: neither marked any)."""
    if total_a + total_b == 0:
        return None
    if not total_a or not total_b:
        return 0.0
    recall, precision = agreed_a / total_a, agreed_b / total_b
    if recall + precision == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def exact_matches(a: Iterable[Mark], b: Iterable[Mark]) -> int:
    """How many (distinct) marks of `a` the other made alike."""
    return len({m.key for m in a} & {m.key for m in b})


def _overlapping(marks: Sequence[Mark], others: Sequence[Mark]) -> int:
    """How many of `marks` share a code point with one of `others` of the same label."""
    index: dict[tuple[int, str, str], list[tuple[int, int]]] = defaultdict(list)
    for o in others:
        index[(o.article_id, o.kind, o.label)].append((o.start, o.end))
    ends: dict[tuple[int, str, str], tuple[list[int], list[int]]] = {}
    for k, spans in index.items():
        spans.sort()
        # a running maximum of the ends lets one search find any span reaching past start
        reach, top = [], -1
        for _, e in spans:
            top = max(top, e)
            reach.append(top)
        ends[k] = ([s for s, _ in spans], reach)
    found = 0
    for m in marks:
        starts, reach = ends.get((m.article_id, m.kind, m.label), ([], []))
        last = bisect_left(starts, m.end)  # spans that start before the mark ends
        if last and reach[last - 1] > m.start:
            found += 1
    return found


def unique(marks: Iterable[Mark]) -> list[Mark]:
    """One mark per annotator and (article, kind, label, start, end): a duplicate is not
    a second mark."""
    seen: dict[tuple, Mark] = {}
    for m in marks:
        seen.setdefault((m.annotator, m.key), m)
    return list(seen.values())


def exact_f1(a: Sequence[Mark], b: Sequence[Mark]) -> float | None:
    both = exact_matches(a, b)
    return f1(both, len(a), both, len(b))


def overlap_f1(a: Sequence[Mark], b: Sequence[Mark]) -> float | None:
    return f1(_overlapping(a, b), len(a), _overlapping(b, a), len(b))


def paired_quotes(a: Sequence[Mark], b: Sequence[Mark]) -> list[tuple[Mark, Mark]]:
    """The quotes both marked: each of `a` with the overlapping one of `b` sharing most
    code points, one to one, the largest overlaps first."""
    candidates = []
    by_article: dict[int, list[Mark]] = defaultdict(list)
    for q in b:
        by_article[q.article_id].append(q)
    for i, q in enumerate(a):
        for j, r in enumerate(by_article[q.article_id]):
            shared = min(q.end, r.end) - max(q.start, r.start)
            if shared > 0:
                candidates.append((-shared, i, j, q, r))
    candidates.sort(key=lambda c: c[:3])
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, _, q, r in candidates:
        if i in used_a or id(r) in used_b:
            continue
        used_a.add(i)
        used_b.add(id(r))
        pairs.append((q, r))
    return sorted(pairs, key=lambda p: (p[0].article_id, p[0].start, p[0].end))
