"""κ and α (reader.agreement.coefficients) against published examples and NLTK."""

from __future__ import annotations

import pytest

from reader.agreement.coefficients import cohen_kappa, fleiss_kappa, kappa, nominal_alpha


def test_cohens_kappa_on_the_textbook_example():
    """Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, both readers say
    yes to 20, no to 15, they split on 5 + 10; p_o = .7, p_e = .5, κ = .4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-12)
    assert kappa([a, b]) == cohen_kappa(a, b)


def test_fleiss_kappa_on_the_worked_example():
    """Wikipedia, "Fleiss' kappa", worked example: 14 raters put 10 subjects in 5
    categories; P̄ = .378, P̄_e = .213, κ = .210 (Fleiss 1971's statistic)."""
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    raters: list[list[int]] = [[] for _ in range(14)]
    for row in table:
        values = [category for category, n in enumerate(row) for _ in range(n)]
        for rater, value in enumerate(values):
            raters[rater].append(value)
    assert round(fleiss_kappa(raters), 3) == 0.210
    assert kappa(raters) == fleiss_kappa(raters)


def test_krippendorffs_alpha_on_his_example():
    """Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), nominal data:
    four observers, twelve units, some values missing (None); α = .743."""
    rows = {
        "A": "1 2 3 3 2 1 4 1 2 . . .",
        "B": "1 2 3 3 2 2 4 1 2 5 . 3",
        "C": ". 3 3 3 2 3 4 2 2 5 1 .",
        "D": "1 2 3 3 2 4 4 1 2 5 1 .",
    }
    coders = [[None if v == "." else v for v in row.split()] for row in rows.values()]
    assert round(nominal_alpha(coders), 3) == 0.743


def test_perfect_and_undefined():
    a = ["PER", "O", "O", "LOC"]
    assert cohen_kappa(a, a) == 1.0
    assert fleiss_kappa([a, a, a]) == 1.0
    assert nominal_alpha([a, a]) == 1.0
    same = ["O"] * 5  # nobody labelled anything: nothing to agree on
    assert cohen_kappa(same, same) is None
    assert fleiss_kappa([same, same, same]) is None
    assert nominal_alpha([same, same]) is None


def test_unequal_lengths_are_refused():
    with pytest.raises(ValueError):
        nominal_alpha([["a", "b"], ["a"]])
    with pytest.raises(ValueError):
        fleiss_kappa([["a", None], ["a", "b"], ["b", "b"]])


def _nltk(coders):
    from nltk.metrics.agreement import AnnotationTask

    data = [(str(c), i, v) for c, values in enumerate(coders) for i, v in enumerate(values) if v]
    return AnnotationTask(data)


@pytest.mark.parametrize("seed", range(6))
def test_the_same_numbers_as_nltk(seed):
    """NLTK's AnnotationTask computes the three coefficients (kappa, pi = Fleiss' κ,
    alpha); ours, from pattern counts, must give the same numbers."""
    import random

    rng = random.Random(seed)
    labels = ["O", "PER", "O", "LOC", "O", "ORG"][: 2 + seed % 5]
    coders = [[rng.choice(labels) for _ in range(300)] for _ in range(2 + seed % 3)]
    task = _nltk(coders)
    assert fleiss_kappa(coders) == pytest.approx(task.pi(), abs=1e-12)
    assert nominal_alpha(coders) == pytest.approx(task.alpha(), abs=1e-12)
    if len(coders) == 2:
        assert cohen_kappa(*coders) == pytest.approx(task.kappa(), abs=1e-12)


def test_the_published_examples_agree_with_nltk():
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(_nltk([a, b]).kappa(), abs=1e-12)
    rows = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 ."]
    coders = [[None if v == "." else v for v in row.split()] for row in rows]
    assert nominal_alpha(coders) == pytest.approx(_nltk(coders).alpha(), abs=1e-12)
