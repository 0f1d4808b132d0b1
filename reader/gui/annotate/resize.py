"""A selected mark's ends moved a whole word at a time (Alt+Left/Right: its end,
Alt+Shift+Left/Right: its start), each move one undoable edit through the library that
keeps the mark's label, entity, speaker and note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.gui.views.marks import describe
from reader.model import Annotation

if TYPE_CHECKING:
    from reader.gui.annotate.controller import AnnotateController

STATUS_MS = 5000
WHY_NOT = {
    ("end", +1): "the text ends there",
    ("end", -1): "no word would be left",
    ("start", -1): "the text begins there",
    ("start", +1): "no word would be left",
}


def resize_mark(annotate: AnnotateController, edge: str, step: int) -> Annotation | None:
    """Move the selected mark's `edge` ("start" or "end") one word later (+1) or
    earlier (-1); returns the mark as saved, or None when nothing moved."""
    target, article = annotate.annotation(annotate.selected), annotate.view.article
    if target is None or article is None:
        annotate.status("Click a mark first, then move its ends with Alt+arrows.", STATUS_MS)
        return None
    if target.status != "ok":
        annotate.status("This mark is orphaned: its text is no longer in the article.", STATUS_MS)
        return None
    rng = annotate.library.step_by_word(article.text, target.start, target.end, edge, step)
    if rng is None:
        where = WHY_NOT[(edge, step)]
        annotate.status(f"The mark's {edge} cannot move: {where}.", STATUS_MS)
        return None
    made = annotate.events.run(
        annotate,
        lambda: annotate.library.resize_annotation(target.id, *rng),
        parent=annotate.view,
    )
    if made is not None:
        annotate.status(describe(made), STATUS_MS)
    return made
