"""Training data for NER tools: doccano's JSONL, one article per line.

`{"id": article id, "text": the article text, "label": [[start, end, LABEL], ...]}`,
offsets in code points (Python string indexing), as doccano and spaCy's
converters expect.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO


def line(article: dict[str, Any], marks: Sequence[dict[str, Any]]) -> str:
    labels = [[m["start"], m["end"], m["label"] or m["kind"].upper()] for m in marks]
    return json.dumps(
        {"id": article["id"], "text": article["text"], "label": labels}, ensure_ascii=False
    )


def write_doccano(
    out: TextIO,
    articles: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]],
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write every (article, its marks) pair; returns how many articles."""
    count = 0
    for article, marks in articles:
        out.write(line(article, marks) + "\n")
        count += 1
        if tick:
            tick(count)
    return count
