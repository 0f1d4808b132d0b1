"""Which label each annotation key means (pure: tested without a window)."""

from __future__ import annotations

from reader.model import Label

DIGITS = range(1, 10)


def entity_keys(labels: list[Label]) -> dict[int, Label]:
    """Digit 1-9 -> entity label: a label's own digit shortcut first (the first label in
    the codebook's order keeps a digit two labels claim), then the remaining labels in
    that order take the free digits. The order is the tree's: roots by position, each
    followed by its children (the labels past nine: Tag with Label…, L)."""
    from reader.gui.codebook.tree import tree_rows

    entities = [lb for lb, _ in tree_rows(labels) if lb.kind == "entity"]
    keys: dict[int, Label] = {}
    rest: list[Label] = []
    for label in entities:
        shortcut = (label.shortcut or "").strip()
        if shortcut.isdigit() and int(shortcut) in DIGITS and int(shortcut) not in keys:
            keys[int(shortcut)] = label
        else:
            rest.append(label)
    free = [d for d in DIGITS if d not in keys]
    for digit, label in zip(free, rest, strict=False):
        keys[digit] = label
    return dict(sorted(keys.items()))


def key_label(labels: list[Label], kind: str, key: str) -> Label | None:
    """The label of `kind` whose shortcut is `key` (Q, H), else the first of that kind."""
    of_kind = sorted((lb for lb in labels if lb.kind == kind), key=lambda lb: lb.position)
    for label in of_kind:
        if (label.shortcut or "").upper() == key.upper():
            return label
    return of_kind[0] if of_kind else None
