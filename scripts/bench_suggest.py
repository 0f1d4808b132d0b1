#!/usr/bin/env python3
"""Time the suggesters on a 10,000-word article, against a baseline from the same run.

The article is the sample press release repeated to 10,000 words (paragraphs kept). The
baseline is building its canonical text from Markdown (what every import already does).
Targets: suggesting (entities with the shipped model and the rules, and quotes) for the
10,000-word article under 100 ms; training a library's model on 5,000 marks under 30 s.
Each line gives the best wall-clock time and the best CPU time of 7 runs, with their
ratios to the baseline's: on a loaded machine the CPU times and the ratios say more.

    .venv/bin/python scripts/bench_suggest.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reader.learning import sentences_of, train_bytes
from reader.library import Library
from reader.model import Mention
from reader.text import tagging
from reader.text.canonical import markdown_to_canonical
from reader.text.entities import suggest, suggest_with_tokens
from reader.text.names import suggest_entities
from reader.text.quotes import suggest_quotes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "samples" / "seaprwire-id-2025-02-27-lavrov.txt"


CPU: list[float] = []  # the CPU times of the last _best, beside its wall-clock time


def _best(fn, repeat: int = 7) -> float:
    """The best wall-clock time of `repeat` runs, in ms (its best CPU time in CPU[-1])."""
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU.append(min(cpu) * 1000)
    return min(times) * 1000


def main() -> None:
    with Library(None) as lib:
        article = lib.article(lib.import_file(SEED).article_id)
    paras = article.markdown.strip().split("\n\n")
    out, words = [], 0
    while words < 10_000:
        for p in paras:
            out.append(p)
            words += len(p.split())
    markdown = "\n\n".join(out)
    text = markdown_to_canonical(markdown).text
    print(f"article: {len(text.split())} words, {len(text)} code points")
    suggest(text)  # load the model once, as a session does
    base = _best(lambda: markdown_to_canonical(markdown))
    base_cpu = CPU[-1]

    def line(name: str, ms: float) -> str:
        cpu = CPU[-1]
        return (
            f"{name:31} {ms:7.1f} ms  ({ms / base:5.2f}x baseline); "
            f"CPU {cpu:6.1f} ms ({cpu / base_cpu:5.2f}x)"
        )

    print(f"{'baseline markdown_to_canonical:':31} {base:7.1f} ms; CPU {base_cpu:6.1f} ms")
    print(line("suggest_quotes:", _best(lambda: suggest_quotes(text))))
    print(line("entities, rules only:", _best(lambda: suggest_entities(text))))
    print(line("entities, model + rules:", _best(lambda: suggest(text))))

    def as_the_library() -> None:
        """Entities once; quotes with the person mentions among them (reader/suggesting)."""
        cands, tokens = suggest_with_tokens(text)
        persons = [Mention(c.start, c.end, c.text) for c in cands if c.label == "PERSON"]
        suggest_quotes(text, persons, tokens)

    os.environ["READER_TAGGING_PROCESS"] = "0"
    print(line("the same, all in this process:", _best(as_the_library)))
    del os.environ["READER_TAGGING_PROCESS"]
    # The window's session: its worker started by its first long article
    # (reader/text/tagging.py).
    tagging.use_worker(True)
    worker = tagging.enabled() and tagging.wait_ready()
    both = _best(as_the_library)
    verdict = "ok" if both < 100 else "OVER"
    how = "model tagging in the worker" if worker else "no worker (one core?)"
    print(line("suggesting as the library does:", both) + f"; target < 100 ms: {verdict} ({how})")
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )

    # 5,000 marks: the model's own mentions over enough copies of the article's paragraphs.
    cands = suggest(text)
    per_copy = [(c.start, c.end, c.label) for c in cands]
    copies = -(-5000 // max(1, len(per_copy)))
    texts = [(text, per_copy)] * copies
    marks = sum(len(m) for _, m in texts)
    t0 = time.perf_counter()
    sentences = sentences_of(texts)
    data = train_bytes(sentences, max_seconds=30)
    secs = time.perf_counter() - t0
    words = sum(len(w) for w, _ in sentences)
    print(f"training data: {len(sentences)} sentences, {words} words")
    verdict = "ok" if secs < 30 else "OVER"
    print(
        f"training on {marks} marks:      {secs:7.1f} s   ({len(data) / 1e6:.2f} MB) "
        f"target < 30 s: {verdict}"
    )


if __name__ == "__main__":  # the guard also keeps the tagging worker from running main
    main()
