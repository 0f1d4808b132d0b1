"""Comparing coders' marks on one article (pure: no storage).

The marks of each kind are grouped into *units*: marks that overlap, directly or
through one another, whoever made them. A unit is *agreed* when every chosen coder has
exactly one mark in it and all those marks have the same span and label (and, for a
quote, the same speaker); otherwise it is a *disagreement*, with each coder's version
(their marks in the unit, possibly none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.model import Annotation, Unit

__all__ = ["Unit", "agreed_and_disagreed", "is_agreed", "signature", "units"]


def signature(mark: Annotation) -> tuple:
    """What two coders must share for their marks to agree."""
    speaker = mark.speaker_id if mark.kind == "quote" else None
    return (mark.kind, mark.label, mark.start, mark.end, speaker)


def is_agreed(unit: Unit) -> bool:
    marks = [m for _, ms in unit.versions for m in ms]
    if any(len(ms) != 1 for _, ms in unit.versions):
        return False
    return len({signature(m) for m in marks}) == 1


def units(
    article_id: int,
    marks: Iterable[Annotation],
    coders: Sequence[str],
    curator: str | None = None,
) -> list[Unit]:
    """The units of an article's marks made by `coders` (in text order); the marks of
    `curator` are attached to the units they overlap (they never make one)."""
    chosen = set(coders)
    by_kind: dict[str, list[Annotation]] = {}
    curated: list[Annotation] = []
    for m in marks:
        if m.annotator in chosen:
            by_kind.setdefault(m.kind, []).append(m)
        elif curator is not None and m.annotator == curator:
            curated.append(m)
    out: list[Unit] = []
    for kind, ms in by_kind.items():
        ms.sort(key=lambda m: (m.start, m.end, m.id))
        group: list[Annotation] = []
        end = -1
        for m in ms:
            if group and m.start >= end:
                out.append(_unit(article_id, kind, group, coders, curated))
                group = []
            group.append(m)
            end = max(end, m.end) if len(group) > 1 else m.end
        if group:
            out.append(_unit(article_id, kind, group, coders, curated))
    out.sort(key=lambda u: (u.start, u.end, u.kind))
    return out


def _unit(
    article_id: int,
    kind: str,
    group: list[Annotation],
    coders: Sequence[str],
    curated: list[Annotation],
) -> Unit:
    start = min(m.start for m in group)
    end = max(m.end for m in group)
    versions = tuple((c, tuple(m for m in group if m.annotator == c)) for c in coders)
    done = tuple(m for m in curated if m.kind == kind and m.start < end and start < m.end)
    return Unit(article_id, kind, start, end, versions, done)


def agreed_and_disagreed(units_: Iterable[Unit]) -> tuple[list[Unit], list[Unit]]:
    agreed: list[Unit] = []
    disagreed: list[Unit] = []
    for u in units_:
        (agreed if is_agreed(u) else disagreed).append(u)
    return agreed, disagreed
