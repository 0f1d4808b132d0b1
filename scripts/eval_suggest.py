#!/usr/bin/env python3
"""Score the entity and quote suggesters against gold files; print the learning curve.

    # entities: IOB2 columns (word first, tag last), sentences separated by blank lines,
    # documents by `-DOCSTART-` lines or, without them, every --doc-sentences sentences
    .venv/bin/python scripts/eval_suggest.py entities GOLD.iob [--model M.crfsuite]
    # quotes: JSON [{"text": ..., "quotes": [{"start", "end", "speaker"}]}, ...]
    .venv/bin/python scripts/eval_suggest.py quotes GOLD.json
    # learning curve: a library model trained on the first 5, 10, 20, 50 documents,
    # scored on the next --next documents
    .venv/bin/python scripts/eval_suggest.py curve GOLD.iob
    # no gold: candidates per readability test page, and a random sample to check by hand
    .venv/bin/python scripts/eval_suggest.py pages [--sample-quotes 40]

The gold text is rebuilt from the words (one space between words, a paragraph per
sentence group), so rules and models see it as they see an article. Predicted labels the
gold scheme does not have (DATE in CoNLL-style files) are left out; EVENT counts as MISC
where the gold has MISC and no EVENT.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from reader.model import EntityCandidate, Mention, QuoteCandidate
from reader.text import entities, scoring
from reader.text.ner_model import LABELS, NerModel
from reader.text.ner_train import Sentence, marked_sentences, read_iob, train
from reader.text.quotes import suggest_quotes
from reader.text.tokens import tokenize

Doc = tuple[str, list[scoring.Span]]
_HERE = Path(__file__).resolve()
ROOT = _HERE.parent.parent
# ../shared beside the repository (or beside the worktrees' parent).
SHARED = next((p / "shared" for p in _HERE.parents if (p / "shared").is_dir()), ROOT)
PAGES = SHARED / "corpus/readability-pages"


def read_docs(path: Path, per_doc: int) -> list[Doc]:
    lines = path.read_text(encoding="utf-8").splitlines()
    docs: list[list[Sentence]] = [[]]
    chunk: list[str] = []
    explicit = any(line.startswith("-DOCSTART-") for line in lines)
    for line in [*lines, ""]:
        if line.startswith("-DOCSTART-"):
            if docs[-1]:
                docs.append([])
            continue
        if line.strip():
            chunk.append(line)
            continue
        if chunk:
            docs[-1] += read_iob(chunk, LABELS)
            chunk = []
            if not explicit and len(docs[-1]) >= per_doc:
                docs.append([])
    return [_as_text(d) for d in docs if d]


def _as_text(sents: list[Sentence]) -> Doc:
    parts: list[str] = []
    spans: list[scoring.Span] = []
    pos = 0
    for n, (words, tags) in enumerate(sents):
        if n:
            sep = "\n\n" if n % 4 == 0 else " "
            parts.append(sep)
            pos += len(sep)
        start = None
        label = ""
        end = pos
        for k, (w, t) in enumerate(zip(words, tags, strict=True)):
            if k:
                parts.append(" ")
                pos += 1
            if start is not None and not t.startswith("I-"):
                spans.append((start, end, label))
                start = None
            if t.startswith("B-"):
                start, label = pos, t[2:]
            parts.append(w)
            pos += len(w)
            end = pos
        if start is not None:
            spans.append((start, end, label))
    return "".join(parts), spans


def _predicted(
    cands: Sequence[EntityCandidate], gold_labels: set[str], min_conf: float
) -> list[scoring.Span]:
    out = []
    for c in cands:
        label = c.label
        if label == "EVENT" and "EVENT" not in gold_labels and "MISC" in gold_labels:
            label = "MISC"
        if label in gold_labels and c.confidence >= min_conf:
            out.append((c.start, c.end, label))
    return out


def eval_entities(docs: list[Doc], suggest, min_conf: float = 0.0) -> dict[str, scoring.PRF]:  # noqa: ANN001
    gold_labels = {s[2] for _, spans in docs for s in spans}
    totals: dict[str, scoring.PRF] = {}
    for text, gold in docs:
        pred = _predicted(suggest(text), gold_labels, min_conf)
        for overlap in (False, True):
            for labelled in (False, True):
                key = f"{'overlap' if overlap else 'exact'}{' +label' if labelled else ''}"
                totals[key] = totals.get(key, scoring.ZERO) + scoring.score(
                    pred, gold, overlap, labelled
                )
        for label in sorted(gold_labels):
            p = [s for s in pred if s[2] == label]
            g = [s for s in gold if s[2] == label]
            for overlap in (False, True):
                key = f"{label} {'overlap' if overlap else 'exact'}"
                totals[key] = totals.get(key, scoring.ZERO) + scoring.score(p, g, overlap, True)
    return totals


def _print(totals: dict[str, scoring.PRF]) -> None:
    print(f"{'measure':24} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}")
    for key, prf in totals.items():
        print(
            f"{key:24} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} "
            f"{prf.n_pred:6} {prf.n_gold:6}"
        )


def cmd_entities(args: argparse.Namespace) -> None:
    docs = read_docs(args.gold, args.doc_sentences)
    model = NerModel(args.model) if args.model else None
    shipped = model is None and not args.rules_only

    def run(text: str) -> list[EntityCandidate]:
        return entities.suggest(text, library_model=model, shipped=shipped)

    print(f"{args.gold}: {len(docs)} documents, {sum(len(s) for _, s in docs)} gold mentions")
    name = f"model {args.model}" if model else "rules only" if args.rules_only else "shipped"
    print(f"suggester: {name}")
    _print(eval_entities(docs, run, args.min_confidence))


def cmd_curve(args: argparse.Namespace) -> None:
    docs = read_docs(args.gold, args.doc_sentences)
    print(f"{args.gold}: {len(docs)} documents; scored on the {args.next} after the first N")
    head = ("N", "sentences", "train s", "overlap F1", "+label F1", "exact+label")
    print(" ".join(f"{h:>11}" for h in head))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            if n + args.next > len(docs):
                print(f"{n:11} (not enough documents)")
                continue
            sents = [s for text, spans in docs[:n] for s in marked_sentences(text, spans)]
            path = Path(tmp) / f"m{n}.crfsuite"
            t0 = time.perf_counter()
            train(sents, path, max_iterations=100)
            secs = time.perf_counter() - t0
            model = NerModel(path)
            test = docs[n : n + args.next]
            totals = eval_entities(
                test, lambda t, m=model: entities.suggest(t, library_model=m, shipped=False)
            )
            row = (totals["overlap"].f1, totals["overlap +label"].f1, totals["exact +label"].f1)
            print(f"{n:11} {len(sents):11} {secs:11.1f} " + " ".join(f"{x:11.3f}" for x in row))


def _gold_text(doc: dict, lib) -> str:  # noqa: ANN001 - a Library
    """A gold document's text: given, or the corpus file at `path` (`../shared/…`, found
    beside the repository or one of its parents) as Reader imports it."""
    if "text" in doc:
        return doc["text"]
    rel = Path(doc["path"])
    parts = rel.parts[2:] if rel.parts[:2] == ("..", "shared") else None
    path = SHARED / Path(*parts) if parts else (ROOT / rel)
    if not path.is_file():
        raise SystemExit(f"{path}: no such file (gold paths are read beside the repository)")
    if path.suffix in (".html", ".htm"):
        outcome = lib.import_html(path.read_text(encoding="utf-8"), origin=path.parent.name)
    else:
        outcome = lib.import_file(path)
    return lib.article(outcome.article_id).text


def _located(text: str, g: dict) -> tuple[int, int] | None:
    """The gold quote's offsets, checked against its `head` and `tail` strings; found
    again nearby when the import has moved the text a little, None when it is gone."""
    s, e = g["start"], g["end"]
    head, tail = g.get("head"), g.get("tail")
    if head is None or (text[s:e].startswith(head) and text[s:e].endswith(tail)):
        return s, e
    hits = [m.start() for m in re.finditer(re.escape(head), text)]
    for m in sorted(hits, key=lambda m: abs(m - s)):
        n = text.find(tail, m)
        if n >= 0 and n + len(tail) - m <= (e - s) + 40:
            return m, n + len(tail)
    return None


def _quotes_as_library(text: str) -> list[QuoteCandidate]:
    """Quotes with the person candidates among the entity suggestions, as
    reader/suggesting.py gives them to a library's review."""
    tokens = tokenize(text)
    cands = entities.suggest(text, tokens=tokens)
    persons = [Mention(c.start, c.end, c.entity or c.text) for c in cands if c.label == "PERSON"]
    return suggest_quotes(text, persons, tokens)


def cmd_quotes(args: argparse.Namespace) -> None:
    from reader.library import Library

    docs = json.loads(args.gold.read_text(encoding="utf-8"))
    found = scoring.ZERO
    exact = scoring.ZERO
    named = right = lost = 0
    errors: list[str] = []
    with Library(None) as lib:
        for doc in docs:
            text = _gold_text(doc, lib)
            name = doc.get("path", "text")
            gold = []
            for g in doc["quotes"]:
                at = _located(text, g)
                if at is None:
                    lost += 1
                    errors.append(f"{name}: gold quote not found: {g.get('head')!r}")
                else:
                    gold.append({**g, "start": at[0], "end": at[1]})
            pred = [q for q in _quotes_as_library(text) if q.confidence >= args.min_confidence]
            ps = [(q.start, q.end, "Q") for q in pred]
            gs = [(g["start"], g["end"], "Q") for g in gold]
            found += scoring.score(ps, gs, overlap=True, labelled=False)
            exact += scoring.score(ps, gs, overlap=False, labelled=False)
            for q in pred:
                if not any(q.start < g["end"] and g["start"] < q.end for g in gold):
                    errors.append(f"{name}: not a quote: {_context(text, q.start, q.end, 20)}")
            for g in gold:
                q = next((q for q in pred if q.start < g["end"] and g["start"] < q.end), None)
                if q is None:
                    errors.append(f"{name}: missed: {_context(text, g['start'], g['end'], 20)}")
                if not g.get("speaker"):
                    continue
                named += 1
                guess = q and (q.speaker_entity_hint or q.speaker)
                ok = scoring.same_person(guess, g["speaker"])
                right += ok
                if q is not None and not ok:
                    errors.append(
                        f"{name}: speaker {guess!r} for {g['speaker']!r}: "
                        f"{_context(text, g['start'], g['end'], 20)}"
                    )
    print(f"{args.gold}: {len(docs)} documents, {found.n_gold} gold quotes")
    if lost:
        print(f"gold quotes not found in the imported text: {lost}")
    print(f"quotes overlap: P {found.precision:.3f} R {found.recall:.3f} F1 {found.f1:.3f}")
    print(f"quotes exact:   P {exact.precision:.3f} R {exact.recall:.3f} F1 {exact.f1:.3f}")
    acc = right / named if named else 0.0
    print(f"named speaker right: {right}/{named} = {acc:.3f}")
    if args.errors:
        print("\n".join(errors))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def cmd_pages(args: argparse.Namespace) -> None:
    import random

    from reader.library import Library

    quotes, found = [], []
    print(f"{'page':40} {'words':>7} {'quotes':>7} {'attrib':>7} {'entities':>8}")
    with Library(None) as lib:
        for path in sorted(args.pages.glob("*/expected.html")):
            page = path.parent.name
            outcome = lib.import_html(path.read_text(encoding="utf-8"), origin=page)
            if outcome.article_id is None:
                print(f"{page:40} {'(' + str(outcome.status) + ')':>7}")
                continue
            text = lib.article(outcome.article_id).text
            qs = suggest_quotes(text)
            es = entities.suggest(text)
            quotes += [(page, text, q) for q in qs]
            found += [(page, text, e) for e in es]
            attributed = sum(1 for q in qs if q.speaker)
            print(f"{page:40} {len(text.split()):7} {len(qs):7} {attributed:7} {len(es):8}")
    attributed = sum(1 for _, _, q in quotes if q.speaker)
    print(f"{'TOTAL':40} {'':7} {len(quotes):7} {attributed:7} {len(found):8}")
    rng = random.Random(args.seed)
    print("\n## Sample of quote candidates")
    for n, (page, text, q) in enumerate(
        rng.sample(quotes, min(args.sample_quotes, len(quotes))), 1
    ):
        print(f"Q{n:02} {page}: {_context(text, q.open_mark_start, q.close_mark_end)}")
        print(f"     speaker={q.speaker!r} cue={q.cue!r} confidence={q.confidence:.2f}")
    print("\n## Sample of entity candidates")
    for n, (page, text, e) in enumerate(
        rng.sample(found, min(args.sample_entities, len(found))), 1
    ):
        print(f"E{n:02} {page}: {e.label:8} {e.source:8} {_context(text, e.start, e.end, 40)}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("entities")
    e.add_argument("gold", type=Path)
    e.add_argument("--model", type=Path, help="score this CRF file instead of the shipped one")
    e.add_argument("--rules-only", action="store_true")
    e.add_argument("--min-confidence", type=float, default=0.0)
    e.add_argument("--doc-sentences", type=int, default=10)
    c = sub.add_parser("curve")
    c.add_argument("gold", type=Path)
    c.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 50])
    c.add_argument("--next", type=int, default=20)
    c.add_argument("--doc-sentences", type=int, default=10)
    q = sub.add_parser("quotes")
    q.add_argument("gold", type=Path)
    q.add_argument("--min-confidence", type=float, default=0.0)
    q.add_argument("--errors", action="store_true", help="list misses and wrong speakers")
    g = sub.add_parser("pages")
    g.add_argument("--pages", type=Path, default=PAGES)
    g.add_argument("--sample-quotes", type=int, default=40)
    g.add_argument("--sample-entities", type=int, default=60)
    g.add_argument("--seed", type=int, default=6)
    args = ap.parse_args(argv)
    commands = {"entities": cmd_entities, "curve": cmd_curve, "quotes": cmd_quotes}
    commands["pages"] = cmd_pages
    commands[args.cmd](args)


if __name__ == "__main__":
    main(sys.argv[1:])
