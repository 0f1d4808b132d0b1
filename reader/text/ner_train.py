"""Training the CRF: gold files in IOB columns, and sentences cut from marked texts.

`read_iob` reads CoNLL-style columns (the word first, the tag last; IOB1 tags are made
IOB2). `train` writes a CRFsuite model file; `marked_sentences` turns a text and its
entity marks into tagged sentences with the very words `ner_model.spans` will see.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.text.ner_features import sentence_features, words_of

Sentence = tuple[list[str], list[str]]  # words, IOB2 tags


def read_iob(lines: Iterable[str], labels: dict[str, str] | None = None) -> list[Sentence]:
    """Sentences of a CoNLL-style file; `labels` renames tag types (`PER` -> `PERSON`)."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in lines:
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                out.append((words, to_iob2(tags, labels)))
            words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1] if len(cols) > 1 else "O")
    if words:
        out.append((words, to_iob2(tags, labels)))
    return out


def to_iob2(tags: Sequence[str], labels: dict[str, str] | None = None) -> list[str]:
    """IOB1 or IOB2 tags as IOB2, types renamed by `labels` (a type mapped to "" is O)."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            prev = "O"
            continue
        bio, typ = t.split("-", 1)
        if labels is not None:
            typ = labels.get(typ, typ)
        if not typ:
            out.append("O")
            prev = "O"
            continue
        if bio == "I" and prev not in (f"B-{typ}", f"I-{typ}"):
            bio = "B"
        tag = f"{bio}-{typ}"
        out.append(tag)
        prev = tag
    return out


def marked_sentences(text: str, marks: Sequence[tuple[int, int, str]]) -> list[Sentence]:
    """The sentences of `text` tagged with its marks (start, end, label), word by word.

    Only sentences with at least one mark are kept: a researcher marks what matters to
    them, and unmarked sentences of a partly coded article would teach the model that
    names are not names.
    """
    marks = sorted(marks)
    out: list[Sentence] = []
    k = 0
    for sent in words_of(text):
        if not sent:
            continue
        s0, e0 = sent[0][0], sent[-1][1]
        while k < len(marks) and marks[k][1] <= s0:
            k += 1
        inside = [m for m in marks[k:] if m[0] < e0 and m[1] > s0]
        if not inside:
            continue
        tags = ["O"] * len(sent)
        for ms, me, label in inside:
            first = True
            for n, (ws, we, _) in enumerate(sent):
                if ws >= ms and we <= me:
                    tags[n] = ("B-" if first else "I-") + label
                    first = False
        out.append(([w for _, _, w in sent], tags))
    return out


def train(
    sentences: Sequence[Sentence],
    path: str | Path,
    max_iterations: int = 100,
    c1: float = 0.1,
    c2: float = 0.01,
    max_seconds: float | None = None,
) -> dict[str, float]:
    """Train a CRF on tagged sentences and write it to `path`; returns timings.

    `max_seconds` bounds the optimisation: the iteration count is cut to what the first
    iterations' pace allows (CRFsuite cannot be stopped from inside an iteration).
    """
    import pycrfsuite

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sentences:
        trainer.append(sentence_features(words), tags)
    t_features = time.perf_counter() - t0
    iterations = max_iterations
    if max_seconds is not None:
        # About 0.2 µs per feature occurrence and iteration measured on one core; twice
        # that leaves room for a busy machine.
        size = sum(len(w) for w, _ in sentences) * 30
        budget = max(1.0, max_seconds - t_features)
        iterations = max(10, min(max_iterations, int(budget / max(size * 0.4e-6, 1e-6))))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))
    return {
        "features_s": t_features,
        "total_s": time.perf_counter() - t0,
        "iterations": iterations,
    }
