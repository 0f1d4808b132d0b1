"""Names of undo steps that say which item they touched: "Tag PERSON: Sergey Lavrov"."""

from __future__ import annotations

MAX_ITEM_CHARS = 40


def named(action: str, item: str | None) -> str:
    """`action: item`, the item on one line and cut to `MAX_ITEM_CHARS` with "…"."""
    text = " ".join((item or "").split())
    if not text:
        return action
    if len(text) > MAX_ITEM_CHARS:
        text = text[: MAX_ITEM_CHARS - 1].rstrip() + "…"
    return f"{action}: {text}"
