"""The numpy walk of py3langid's automaton gives py3langid's own answers, bit for bit."""

from __future__ import annotations

import random
import sys

import numpy as np
import pytest

from reader.importers import langid_fast

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_corpus  # noqa: E402

langid = pytest.importorskip("py3langid.langid")


@pytest.fixture(scope="module")
def fast():
    identifier = langid_fast.fast_identifier()
    if identifier is None:
        pytest.skip("another py3langid version or model: py3langid's own classify is used")
    return identifier


def test_the_automaton_is_no_deeper_than_the_walked_window(fast):
    # Aho-Corasick: each byte goes at most one state deeper, so the depth of a state is
    # its distance from the root; the state after a byte then depends only on the last
    # DEPTH bytes, which is what the numpy walk reads.
    nm, rowbase = fast._nm.astype(np.intp), fast._rowbase
    depth = np.full(len(rowbase), -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while frontier.size:
        level += 1
        nxt = np.unique(nm[(rowbase[frontier][:, None] + np.arange(256)[None, :]).ravel()])
        frontier = nxt[depth[nxt] < 0]
        depth[frontier] = level
    assert (depth >= 0).all() and depth.max() == langid_fast.DEPTH


def _same(fast, text):
    expected = langid.classify(text)
    got = fast.classify(text)
    assert got == expected and type(got[1]) is type(expected[1]), text[:80]


@pytest.mark.parametrize("cast", [False, True], ids=["float16 rows", "float32 table"])
def test_the_same_language_and_score_as_py3langid(fast, cast, monkeypatch):
    monkeypatch.setattr(langid_fast, "CAST_AFTER", 1 if cast else 10**9)
    fast._table, fast._calls = None, 0
    gen = make_corpus.Generator(seed=11)
    for i in range(300):  # every language and script of the corpus, every format
        doc = gen.doc(i)
        for text in (make_corpus.as_txt(doc), make_corpus.as_md(doc), make_corpus.as_html(doc)):
            _same(fast, text[:1500])
    rng = random.Random(5)
    alphabet = "ab zé\u0301中文лд\u0627\u0644 1.!\n_\ufeff\U0001f600"
    for _ in range(500):
        _same(fast, "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))))
    for text in ("", "a", "ab", "abcde", "abcdef", "abcdefg", "ABCDEF GHI", "é" * 7, "\x00" * 9):
        _same(fast, text)
    for _ in range(300):  # raw bytes, as py3langid also takes them
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 60)))
        assert fast.classify(data) == langid.classify(data)
    assert (fast._table is not None) == cast
