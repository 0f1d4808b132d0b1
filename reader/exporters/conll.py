"""NER training data: CoNLL-2003 columns with IOB2 tags, and the spans behind them.

One token a line: `token -X- _ TAG` (CoNLL-2003's word, POS, chunk and NER columns;
Reader has no POS or chunk tags, so those are `-X-` and `_`; tools read the first
and last columns). `-DOCSTART- -X- O O` (the delimiter `spacy convert` looks for) and
a blank line open each article; a blank line ends each sentence. Tokens come from
`reader.text.train_tokens`.

An entity span must start and end on token boundaries; one that does not (or that
overlaps another) is left out, and counted in `TrainingReport`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from reader.text.train_tokens import sentences, tokens


@dataclass
class TrainingReport:
    articles: int = 0
    spans: int = 0  # entity spans written
    unaligned: int = 0  # spans not on token boundaries: left out
    overlapping: int = 0  # spans overlapping an earlier (longer) one: left out

    def notes(self) -> tuple[str, ...]:
        out = []
        if self.unaligned:
            out.append(
                f"{self.unaligned} of {self.spans + self.unaligned + self.overlapping} entity "
                "spans did not align to token boundaries and were left out"
            )
        if self.overlapping == 1:
            out.append("1 overlapping entity span was left out")
        elif self.overlapping:
            out.append(f"{self.overlapping} overlapping entity spans were left out")
        return tuple(out)


@dataclass(frozen=True)
class Tagged:
    """An article's tokens and the entity spans kept, as token index ranges."""

    text: str
    spans: list[tuple[int, int]]  # token (start, end) offsets
    ents: list[tuple[int, int, str]]  # (first token, last token + 1, label)


def tag_article(text: str, marks: Sequence[dict[str, Any]], report: TrainingReport) -> Tagged:
    """Tokenise `text` and place each entity mark on whole tokens (or count it out)."""
    spans = tokens(text)
    first = {s: i for i, (s, _) in enumerate(spans)}
    last = {e: i for i, (_, e) in enumerate(spans)}
    taken = [False] * len(spans)
    ents = []
    # Longest first, so a nested mark gives way to the one around it.
    for m in sorted(marks, key=lambda m: (m["start"] - m["end"], m["start"])):
        a, b = first.get(m["start"]), last.get(m["end"])
        if a is None or b is None:
            report.unaligned += 1
            continue
        if any(taken[a : b + 1]):
            report.overlapping += 1
            continue
        taken[a : b + 1] = [True] * (b + 1 - a)
        ents.append((a, b + 1, m["label"] or m.get("entity_type") or "MISC"))
        report.spans += 1
    return Tagged(text, spans, sorted(ents))


def iob2(tagged: Tagged) -> list[str]:
    tags = ["O"] * len(tagged.spans)
    for a, b, label in tagged.ents:
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags


def write_conll(
    out: TextIO,
    articles: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]],
    tick: Callable[[int], None] | None = None,
) -> TrainingReport:
    """Every article as a CoNLL document; returns what was written and left out."""
    report = TrainingReport()
    for article, marks in articles:
        tagged = tag_article(article["text"], [m for m in marks if m["kind"] == "entity"], report)
        tags = iob2(tagged)
        out.write("-DOCSTART- -X- O O\n\n")
        for sentence in sentences(tagged.text, tagged.spans):
            for i in sentence:
                s, e = tagged.spans[i]
                out.write(f"{tagged.text[s:e]} -X- _ {tags[i]}\n")
            out.write("\n")
        report.articles += 1
        if tick:
            tick(report.articles)
    return report
