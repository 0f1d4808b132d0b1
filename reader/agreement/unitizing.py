"""Krippendorff's α for unitizing (α_u): agreement on where units of a category lie on a
continuum, not only on what they are called.

The formulas are those of Krippendorff, *Content Analysis: An Introduction to Its
Methodology* (2nd ed., 2004), section 12.4 (first set out in "On the reliability of
unitizing continuous data", Sociological Methodology 25, 1995). Each coder divides the
continuum (here: code points of the articles' texts, end to end) into units of the
category and the gaps between them. Two coders' segments are compared pairwise:

- two overlapping units differ by the squared distances of their starts and ends;
- a unit lying inside the other coder's gap differs by its squared length;
- anything else (two gaps, or segments that do not meet that way) does not differ.

`D_o` sums that over every ordered pair of coders, over m(m−1)L²; `D_e` is what the
same units would give if placed at random (the book's equation for the expected
disagreement). α_u = 1 − D_o / D_e, and over several categories 1 − ΣD_o / ΣD_e.

No maintained library computes it, so it is written here and checked in
tests/test_agreement_unitizing.py against the book's and the 1995 paper's examples.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]  # start, end (end exclusive)


@dataclass(frozen=True)
class Segment:
    begin: int
    length: int
    unit: bool  # a unit of the category (True) or a gap (False)

    @property
    def end(self) -> int:
        return self.begin + self.length


@dataclass(frozen=True)
class Disagreement:
    """Observed and expected disagreement of one category; α_u is 1 − observed/expected."""

    observed: float
    expected: float

    @property
    def alpha(self) -> float | None:
        if self.expected == 0:
            return None  # no units at all, or the whole continuum one unit: undefined
        return 1.0 - self.observed / self.expected


def union(spans: Sequence[Span]) -> list[Span]:
    """Overlapping spans of one coder as one unit (a category's units do not overlap);
    touching spans stay two units."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def segments(units: Sequence[Span], begin: int, length: int) -> list[Segment]:
    """A coder's units (clipped to the continuum, overlaps joined) and the gaps between."""
    stop = begin + length
    out: list[Segment] = []
    pos = begin
    for start, end in union([(max(s, begin), min(e, stop)) for s, e in units]):
        if start > pos:
            out.append(Segment(pos, start - pos, False))
        out.append(Segment(start, end - start, True))
        pos = end
    if pos < stop:
        out.append(Segment(pos, stop - pos, False))
    return out


def distance(a: Segment, b: Segment) -> int:
    """δ² between one coder's segment `a` and another's `b` (Krippendorff 2004, 12.4)."""
    offset = a.begin - b.begin
    if a.unit and b.unit:
        if -a.length < offset < b.length:  # they overlap
            return offset**2 + (a.end - b.end) ** 2
        return 0
    if a.unit and b.length - a.length >= offset >= 0:  # a lies inside the gap b
        return a.length**2
    if b.unit and a.length - b.length >= -offset >= 0:  # b lies inside the gap a
        return b.length**2
    return 0


def _pair_sum(mine: list[Segment], theirs: list[Segment]) -> int:
    """Σ δ² over the segments of two coders; only segments that meet can differ, and
    each coder's segments tile the continuum in order, so a search finds them."""
    begins = [s.begin for s in theirs]
    total = 0
    for seg in mine:
        first = max(bisect_right(begins, seg.begin) - 1, 0)
        last = bisect_left(begins, seg.end)
        for other in theirs[first:last]:
            if seg.unit or other.unit:
                total += distance(seg, other)
    return total


def disagreement(coders: Sequence[Sequence[Span]], begin: int, length: int) -> Disagreement:
    """Observed and expected disagreement of one category over the continuum
    [begin, begin + length), each coder's units given as (start, end) spans."""
    m = len(coders)
    if m < 2:
        raise ValueError("unitizing agreement needs two or more coders")
    if length <= 0:
        return Disagreement(0.0, 0.0)
    segs = [segments(units, begin, length) for units in coders]
    observed = sum(_pair_sum(segs[i], segs[j]) for i in range(m) for j in range(m) if i != j) / (
        m * (m - 1) * length * length
    )
    return Disagreement(observed, _expected(segs, length))


def _expected(segs: list[list[Segment]], length: int) -> float:
    """D_e: for every unit, its disagreement with the units (N−1 of them, any coder) and
    with the gaps long enough to hold it, were all placed at random."""
    m = len(segs)
    units = [s.length for coder in segs for s in coder if s.unit]
    if not units:
        return 0.0
    n = len(units)
    gaps = sorted(s.length for coder in segs for s in coder if not s.unit)
    tail = [0] * (len(gaps) + 1)  # tail[k] = sum of gaps[k:]
    for k in range(len(gaps) - 1, -1, -1):
        tail[k] = tail[k + 1] + gaps[k]
    numerator = 0.0
    for u in units:
        k = bisect_left(gaps, u)  # the gaps at least as long as the unit
        fits = tail[k] - (len(gaps) - k) * (u - 1)  # Σ (l_gap − l_unit + 1)
        numerator += (n - 1) / 3 * (2 * u**3 - 3 * u**2 + u) + u**2 * fits
    denominator = m * length * (m * length - 1) - sum(u * (u - 1) for u in units)
    if denominator <= 0:
        return 0.0
    return 2 / length * numerator / denominator


def alpha_u(categories: Sequence[Disagreement]) -> float | None:
    """α_u over several categories: 1 − ΣD_o / ΣD_e (None when undefined)."""
    expected = sum(d.expected for d in categories)
    if expected == 0:
        return None
    return 1.0 - sum(d.observed for d in categories) / expected
