"""κ and α on coded items: each coder gives one value to every item (here: a token and its
label, "O" when unlabelled; None: the coder gave none).

- Cohen's κ (1960), two coders: p_o and p_e from each coder's own label proportions.
- Fleiss' κ (1971), two or more: P̄ from the pairs of coders agreeing on each item, P̄_e
  from the labels' overall proportions (Fleiss generalises Scott's π; with two coders
  it is π).
- Krippendorff's α, nominal distance: from the coincidences of values within items.

They are computed from the counts of the items' value patterns: a hundred articles are
a hundred thousand tokens, and NLTK's `nltk.metrics.agreement.AnnotationTask` (which
computes the same three numbers as `kappa`, `pi` and `alpha`) needs about a minute for
them, walking its data once per item. tests/test_agreement_coefficients.py checks these
against NLTK, to 1e-12, on published examples and on random data. A coefficient whose
expected disagreement is zero (one value everywhere: nothing to agree on) is None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

Values = Sequence[Hashable | None]  # one coder's value for every item, in item order


def _patterns(coders: Sequence[Values]) -> Counter[tuple]:
    if len(coders) < 2:
        raise ValueError("agreement needs two or more coders")
    if len({len(c) for c in coders}) != 1:
        raise ValueError("every coder must give a value (or None) to every item")
    return Counter(zip(*coders, strict=True))


def cohen_kappa(a: Values, b: Values) -> float | None:
    """Cohen's κ of two coders, over the items both coded."""
    pairs = {p: n for p, n in _patterns([a, b]).items() if None not in p}
    total = sum(pairs.values())
    if not total:
        return None
    agreed = sum(n for (x, y), n in pairs.items() if x == y)
    first: Counter = Counter()
    second: Counter = Counter()
    for (x, y), n in pairs.items():
        first[x] += n
        second[y] += n
    p_o = agreed / total
    p_e = sum(first[k] * second[k] for k in first) / total**2
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def fleiss_kappa(coders: Sequence[Values]) -> float | None:
    """Fleiss' κ of two or more coders, each of whom coded every item."""
    patterns = _patterns(coders)
    if any(None in p for p in patterns):
        raise ValueError("Fleiss' κ needs a value from every coder for every item")
    c = len(coders)
    items = sum(patterns.values())
    if not items:
        return None
    totals: Counter = Counter()
    agreement = 0.0
    for pattern, n in patterns.items():
        counts = Counter(pattern)
        totals.update({k: v * n for k, v in counts.items()})
        agreement += n * (sum(v * v for v in counts.values()) - c) / (c * (c - 1))
    p_bar = agreement / items
    p_e = sum((v / (items * c)) ** 2 for v in totals.values())
    return None if p_e == 1 else (p_bar - p_e) / (1 - p_e)


def kappa(coders: Sequence[Values]) -> float | None:
    """Cohen's κ for two coders, Fleiss' κ for more."""
    return cohen_kappa(coders[0], coders[1]) if len(coders) == 2 else fleiss_kappa(coders)


def nominal_alpha(coders: Sequence[Values]) -> float | None:
    """Krippendorff's α with the nominal distance; items with fewer than two values
    cannot be paired and do not count."""
    values: Counter = Counter()  # n_c: the pairable values
    observed = 0.0  # Σ_u Σ_{c≠k} n_uc n_uk / (m_u − 1)
    for pattern, n in _patterns(coders).items():
        counts = Counter(v for v in pattern if v is not None)
        m = sum(counts.values())
        if m < 2:
            continue
        values.update({k: v * n for k, v in counts.items()})
        observed += n * (m * m - sum(v * v for v in counts.values())) / (m - 1)
    total = sum(values.values())
    expected = total * total - sum(v * v for v in values.values())  # Σ_{c≠k} n_c n_k
    if not expected:
        return None
    return 1 - (total - 1) * observed / expected
