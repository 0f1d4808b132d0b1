#!/usr/bin/env python3
"""Train the entity models shipped in reader/text/data/ (see the README for the data).

    .venv/bin/python scripts/train_ner.py id --gold ../shared/gold/idner-news-2k/train.txt
    .venv/bin/python scripts/train_ner.py en --gmb ner_dataset.csv --wikigold wikigold.conll

Indonesian: idner-news-2k's train split (MIT), all of it. English: the GMB extract in the
Kaggle `ner_dataset.csv` layout (public-domain news texts; see the README) and wikigold
(CC BY 4.0). `--holdout F` keeps the last fraction F of the sentences out of training
(scripts/eval_suggest.py scores on them).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from reader.text.entities import _title
from reader.text.ner_model import LABELS
from reader.text.ner_train import Sentence, read_iob, to_iob2, train

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reader" / "text" / "data"
# ../shared beside the repository (or beside the worktrees' parent).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "gold").is_dir()), ROOT)

# GMB types: geo and gpe nouns are places, gpe adjectives (`British`) nationalities;
# times are left to the date rules; art/nat are MISC, eve EVENT.
_GMB = {"per": "PERSON", "org": "ORG", "geo": "LOCATION", "gpe": "LOCATION", "tim": ""}
_GMB.update({"art": "MISC", "nat": "MISC", "eve": "EVENT"})


def read_gmb(path: Path) -> list[Sentence]:
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for row in csv.reader(f):
            if len(row) < 4 or row[0] == "Sentence #":
                continue
            if row[0].startswith("Sentence:") and words:
                out.append((words, to_iob2(tags)))
                words, tags = [], []
            word, pos, tag = row[1], row[2], row[3]
            if tag != "O" and "-" in tag:
                bio, typ = tag.split("-", 1)
                label = _GMB.get(typ, "MISC")
                if typ == "gpe" and pos.startswith("JJ") or typ == "gpe" and pos == "NNPS":
                    label = "MISC"
                tag = f"{bio}-{label}" if label else "O"
            elif tag != "O":
                tag = "O"
            words.append(word)
            tags.append(tag)
    if words:
        out.append((words, to_iob2(tags)))
    return [(w, _untitled(w, t)) for w, t in out]


def _untitled(words: list[str], tags: list[str]) -> list[str]:
    """GMB tags titles as part of a person (`President Bush`); Reader keeps them out."""
    tags = list(tags)
    for i, t in enumerate(tags):
        if t != "B-PERSON":
            continue
        j = i
        while j + 1 < len(tags) and tags[j + 1] == "I-PERSON" and _title(words[j].casefold()):
            tags[j] = "O"
            j += 1
        tags[j] = "B-PERSON"
    return tags


def sentences_for(args: argparse.Namespace) -> list[Sentence]:
    if args.lang == "id":
        return read_iob(args.gold.read_text(encoding="utf-8").splitlines(), LABELS)
    out: list[Sentence] = []
    if args.wikigold:  # first, so that a holdout comes from the news (GMB)
        out += read_iob(args.wikigold.read_text(encoding="utf-8").splitlines(), LABELS)
    if args.gmb:
        out += read_gmb(args.gmb)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["id", "en"])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold/idner-news-2k/train.txt")
    ap.add_argument("--gmb", type=Path)
    ap.add_argument("--wikigold", type=Path)
    ap.add_argument("--holdout", type=float, default=0.0)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--write-holdout", type=Path, help="the held-out sentences, IOB2 columns")
    args = ap.parse_args()
    sents = sentences_for(args)
    cut = int(len(sents) * (1 - args.holdout))
    out = args.out or OUT / f"ner-{args.lang}.crfsuite"
    info = train(sents[:cut], out, max_iterations=args.iterations)
    if args.write_holdout:
        with args.write_holdout.open("w", encoding="utf-8") as f:
            for words, tags in sents[cut:]:
                f.writelines(f"{w} {t}\n" for w, t in zip(words, tags, strict=True))
                f.write("\n")
    size = out.stat().st_size / 1e6
    print(f"{args.lang}: {cut} sentences, {info['total_s']:.1f} s, {out} ({size:.2f} MB)")


if __name__ == "__main__":
    main()
