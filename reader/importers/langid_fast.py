"""py3langid's `classify`, the same answers at about a third of the cost.

py3langid walks its byte automaton in a Python loop and counts the features it meets
in a `Counter`: ~0.6 ms of the ~1.3 ms a press release takes to parse. Its automaton is
Aho-Corasick's over byte n-grams, so the state after a byte depends only on the last
`DEPTH` bytes (its deepest state, 6 for the model of py3langid 0.4.0): the state at
every position is found at once, with numpy, by walking each position's last `DEPTH`
bytes from the root. The features are then counted in the order they first occur and
scored by py3langid's own expression on the same arrays, so the scores are the same
bit for bit (tests/test_langid_fast.py checks the automaton's depth and compares the
answers with py3langid's on every language of the generated corpus and random bytes).

Any other py3langid version or model is left to py3langid itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np

TESTED = ("0.4.0", 104_583)  # py3langid's version and its model's number of states
DEPTH = 6
CAST_AFTER = 64  # classifications: casting the table takes as long as ~500 of them


class FastIdentifier:
    """`classify(text)` of py3langid's default identifier (no probability norming)."""

    def __init__(self, identifier: Any) -> None:
        self._id = identifier
        self._nm = np.frombuffer(identifier.tk_nextmove, dtype=_dtype(identifier.tk_nextmove))
        row = np.frombuffer(identifier.tk_row, dtype=_dtype(identifier.tk_row))
        self._rowbase = row.astype(np.intp) << 8
        self._out = np.asarray(identifier.tk_output, dtype=np.intp)
        # The row of the state two bytes from the root, for every pair of bytes.
        first = self._nm[self._rowbase[0] + np.arange(256)]
        pairs = self._nm[(self._rowbase[first][:, None] + np.arange(256)[None, :]).ravel()]
        self._pair_rowbase = self._rowbase[pairs]
        self._calls = 0
        self._table: np.ndarray | None = None  # the float16 table cast to float32

    def classify(self, text: str) -> tuple[str, float]:
        ident = self._id
        data = ident._encode(text)
        features = self._features(data)
        if features is None:
            scores = np.full(len(ident.nb_classes), _raw_floor(), dtype=np.float32)
        else:
            idx, counts = features
            # py3langid's _sparse_score, on the same arrays in the same order. Its
            # float16 rows are cast to float32 for the product (numpy casts the operand
            # whole, then multiplies as for float32): after a few calls, the table is
            # cast once (57 MB) and its rows taken as they are, the same numbers at a
            # fifth of the cost.
            self._calls += 1
            if self._table is None and self._calls >= CAST_AFTER:
                self._table = ident.nb_ptc.astype(np.float32)
            if self._table is not None:
                rows = np.take(self._table, idx, axis=0)
            else:
                rows = ident.nb_ptc[idx]
            scores = np.log1p(counts) @ rows + ident.nb_pc
        for i, j in ident._alias_pairs:
            scores[i] = max(scores[i], scores[j])
            scores[j] = _raw_floor()
        i = int(scores.argmax())
        return ident.nb_classes[i], float(scores[i])

    def _features(self, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """The features met walking `data`, in the order first met, and their counts."""
        n = len(data)
        nm, rowbase = self._nm, self._rowbase
        head = []  # the states of the first DEPTH - 1 bytes, walked one by one
        state = 0
        for letter in data[: DEPTH - 1]:
            state = int(nm[rowbase[state] + letter])
            head.append(state)
        states = np.asarray(head, dtype=np.intp)
        if n >= DEPTH:
            b = np.frombuffer(data, dtype=np.uint8)
            m = n - DEPTH + 1  # the windows ending at DEPTH - 1 … n - 1
            base = self._pair_rowbase[b[:m].astype(np.intp) * 256 + b[1 : m + 1]]
            for k in range(2, DEPTH):
                window = nm[base + b[k : k + m]]
                if k < DEPTH - 1:
                    base = rowbase[window]
            states = np.concatenate([states, window.astype(np.intp)])
        found = self._out[states]
        found = found[found >= 0]
        if not found.size:
            return None
        features, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first)
        return features[order].astype(np.intp), counts[order].astype(np.float32)


def _dtype(array: Any) -> np.dtype:
    return np.dtype(f"u{array.itemsize}")


def _raw_floor() -> float:
    from py3langid.langid import RAW_FLOOR

    return RAW_FLOOR


def fast_identifier() -> FastIdentifier | None:
    """The fast classifier over py3langid's loaded model, or None if it is not the
    version and model this was checked against."""
    import py3langid
    from py3langid import langid

    identifier = langid._get_identifier()
    checked = (py3langid.__version__, len(identifier.tk_row)) == TESTED
    if not checked or identifier._norm_probs or identifier.min_confidence is not None:
        return None
    return FastIdentifier(identifier)
