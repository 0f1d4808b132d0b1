"""scripts/eval_suggest.py: span scores, quote scores and the learning curve, on tiny
gold files written here."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.text.scoring import PRF, same_person, score

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "eval_suggest.py"


def run(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_scores_exact_and_overlap_with_and_without_label():
    gold = [(0, 10, "PERSON"), (20, 26, "LOCATION")]
    pred = [(0, 10, "PERSON"), (18, 26, "ORG"), (30, 35, "ORG")]
    assert score(pred, gold, overlap=False, labelled=False) == PRF(1, 3, 1, 2)
    assert score(pred, gold, overlap=True, labelled=False) == PRF(2, 3, 2, 2)
    assert score(pred, gold, overlap=True, labelled=True) == PRF(1, 3, 1, 2)
    prf = score(pred, gold, overlap=True, labelled=False)
    assert round(prf.precision, 3) == 0.667 and prf.recall == 1.0 and prf.f1 == 0.8
    assert same_person("Sergey Lavrov", "Lavrov") and not same_person("Lavrov", "Biden")


def test_entities_and_curve_on_an_iob_file(tmp_path):
    gold = tmp_path / "gold.iob"
    sentence = [
        ("Peter", "B-PER"),
        ("Mandelson", "I-PER"),
        ("met", "O"),
        ("Olaf", "B-PER"),
        ("Berger", "I-PER"),
        ("in", "O"),
        ("Vienna", "B-LOC"),
        (".", "O"),
    ]
    block = "".join(f"{w} {t}\n" for w, t in sentence) + "\n"
    gold.write_text(block * 6, encoding="utf-8")
    out = run("entities", str(gold), "--doc-sentences", "2", "--rules-only")
    assert "3 documents, 18 gold mentions" in out
    measures = [line.split()[0] for line in out.splitlines()[3:]]
    assert measures[:4] == ["exact", "exact", "overlap", "overlap"]
    assert "overlap +label" in out and "PERSON overlap" in out and "LOCATION exact" in out
    curve = run("curve", str(gold), "--doc-sentences", "1", "--sizes", "2", "--next", "2")
    assert curve.splitlines()[-1].split()[:2] == ["2", "2"]


def test_quotes_on_a_json_file(tmp_path):
    text = '“We will win,” said Tom Baker. She went on "Morning Joe" on Monday.'
    start = text.index("We")
    gold = [{"text": text, "quotes": [{"start": start, "end": start + 12, "speaker": "Baker"}]}]
    path = tmp_path / "quotes.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    out = run("quotes", str(path))
    assert "quotes overlap: P 0.500 R 1.000 F1 0.667" in out
    assert "named speaker right: 1/1 = 1.000" in out
    out = run("quotes", str(path), "--min-confidence", "0.5")
    assert "quotes overlap: P 1.000 R 1.000 F1 1.000" in out
