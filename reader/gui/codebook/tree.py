"""The label tree as the window shows it (pure: no widgets): labels in tree order with
their depth, their paths (`Sources/Official`) and the tooltip of a label's notes."""

from __future__ import annotations

from reader.model import Label

KIND_TITLES = {"entity": "Entities", "quote": "Quotes", "highlight": "Highlights"}


def tree_rows(labels: list[Label]) -> list[tuple[Label, int]]:
    """Every label with its depth, parents first; siblings by position (as
    `reader codebook export` writes them)."""
    by_id = {lb.id: lb for lb in labels}
    children: dict[int | None, list[Label]] = {}
    for lb in labels:
        parent = by_id.get(lb.parent_id) if lb.parent_id is not None else None
        children.setdefault(parent.id if parent and parent.kind == lb.kind else None, []).append(lb)
    out: list[tuple[Label, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for lb in sorted(children.get(parent, []), key=lambda x: (x.kind, x.position, x.id)):
            if lb.id not in seen:
                seen.add(lb.id)
                out.append((lb, depth))
                walk(lb.id, depth + 1)

    walk(None, 0)
    return out


def paths(labels: list[Label]) -> dict[int, str]:
    """Label id -> its path, the names of its parents and its own joined by /."""
    by_id = {lb.id: lb for lb in labels}
    out: dict[int, str] = {}
    for lb in labels:
        names, current, seen = [lb.name], lb, {lb.id}
        while current.parent_id in by_id and current.parent_id not in seen:
            current = by_id[current.parent_id]
            seen.add(current.id)
            names.insert(0, current.name)
        out[lb.id] = "/".join(names)
    return out


def label_tip(label: Label, labels: list[Label]) -> str:
    """What hovering a label shows: its path, definition, notes and example."""
    lines = [paths(labels).get(label.id, label.name)]
    if label.definition:
        lines.append(label.definition)
    for title, value in (
        ("Include", label.inclusion),
        ("Exclude", label.exclusion),
        ("Example", label.example),
    ):
        if value:
            lines.append(f"{title}: {value}")
    return "\n".join(lines)


def label_tips(labels: list[Label]) -> dict[tuple[str, str], str]:
    """(kind, name) -> `label_tip`, for the labels with a definition, notes or example."""
    return {
        (lb.kind, lb.name): label_tip(lb, labels)
        for lb in labels
        if lb.definition or lb.inclusion or lb.exclusion or lb.example
    }


def codable(labels: list[Label]) -> list[tuple[Label, str]]:
    """Every label with its path, in tree order: what the quick filter offers."""
    where = paths(labels)
    return [(lb, where[lb.id]) for lb, _ in tree_rows(labels)]
