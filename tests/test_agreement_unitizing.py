"""Krippendorff's α for unitizing against the published worked examples and by hand."""

from __future__ import annotations

import pytest

from reader.agreement.unitizing import Segment, alpha_u, disagreement, distance, segments


def test_the_2004_books_example():
    """Krippendorff, Content Analysis (2nd ed., 2004), section 12.4, p. 254: two coders on
    a continuum from 150 to 450, categories c and k. The book gives D_o(c) = .0144,
    D_e(c) = .0532, α_u(c) = .7286; D_o(k) = 0, D_e(k) = .0490, α_u(k) = 1; over both
    α_u = .8591 (from the rounded disagreements: 1 − .0144/(.0532 + .0490))."""
    c = disagreement([[(225, 295), (370, 400)], [(220, 300), (355, 375), (400, 420)]], 150, 300)
    k = disagreement([[(180, 240), (300, 350)], [(180, 240), (300, 350)]], 150, 300)
    assert round(c.observed, 4) == 0.0144
    assert c.observed == 2600 / (2 * 300**2)  # 2 × (50 + 850 + 400), the book's δ² sums
    assert round(c.expected, 4) == 0.0532
    assert round(c.alpha, 4) == 0.7286
    assert k.observed == 0 and round(k.expected, 4) == 0.0490 and k.alpha == 1.0
    assert round(alpha_u([c, k]), 3) == 0.859
    assert round(1 - round(c.observed, 4) / (round(c.expected, 4) + round(k.expected, 4)), 4) == (
        0.8591
    )


def test_the_books_distances():
    """The book's δ² for the pairs of segments it shows (p. 254)."""
    assert distance(Segment(225, 70, True), Segment(220, 80, True)) == 50
    assert distance(Segment(370, 30, True), Segment(355, 20, True)) == 850
    assert distance(Segment(400, 50, False), Segment(400, 20, True)) == 400
    assert distance(Segment(400, 20, True), Segment(400, 50, False)) == 400
    assert distance(Segment(370, 30, True), Segment(400, 20, True)) == 0  # touch only
    assert distance(Segment(150, 70, False), Segment(150, 75, False)) == 0  # two gaps


# Krippendorff, "On the reliability of unitizing continuous data", Sociological
# Methodology 25 (1995), p. 57: four pairs of coders on 24 units of length (A: Bertha and
# Bill, B: John and Jill, C: Gerret and Gill, D: Heather and Hill). The paper reports
# α_u = .553, −.926, .679 and .066; it computes the expected disagreement as for a
# continuous scale, which the same units stretched over a long continuum approach.
PAPER_1995 = {
    "A": [[(2, 10), (14, 20)], [(4, 8), (15, 17)]],
    "B": [[(0, 18)], [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 9), (9, 10)]],
    "C": [[(2, 8), (10, 12), (14, 18), (20, 22)], [(0, 2), (4, 8), (10, 14), (16, 18), (20, 22)]],
    "D": [
        [(0, 2), (2, 10), (10, 14), (14, 20), (20, 24)],
        [(0, 4), (4, 8), (8, 15), (15, 17), (17, 24)],
    ],
}


@pytest.mark.parametrize(
    ("pair", "observed", "published", "ours"),
    [
        ("A", 0.03125, 0.553, 0.553),
        ("B", 2.26736, -0.926, -0.928),
        ("C", 0.02778, 0.679, 0.693),
        ("D", 0.38715, 0.066, 0.066),
    ],
)
def test_the_1995_papers_example(pair, observed, published, ours):
    stretch = 50_000  # 24 units → 1.2 million code points: the continuous limit
    coders = [[(s * stretch, e * stretch) for s, e in units] for units in PAPER_1995[pair]]
    d = disagreement(coders, 0, 24 * stretch)
    assert round(d.observed, 5) == observed  # the observed disagreement needs no stretch
    assert round(d.alpha, 3) == ours
    # The book's (2004) expected disagreement, used here, differs a little from the
    # paper's: A and D agree to three places, B and C to within .015.
    assert abs(d.alpha - published) < 0.015


def test_perfect_agreement_is_one_and_no_units_undefined():
    units = [(3, 7), (10, 12)]
    assert disagreement([units, units, units], 0, 20).alpha == 1.0
    assert disagreement([[], []], 0, 20).alpha is None
    assert alpha_u([disagreement([[], []], 0, 20)]) is None


def test_a_hand_computed_pair():
    """Length 10; one coder marks [2, 5), the other [3, 5).
    D_o: the two units overlap, δ² = (2 − 3)² + (5 − 5)² = 1, twice (both orders), over
    m(m − 1)L² = 200. D_e: units 3 and 2, gaps 2, 5 (first) and 3, 5 (second), N = 2;
    unit 3: (1/3)(54 − 27 + 3) + 9 × ((5 − 2) + (3 − 2) + (5 − 2)) = 10 + 63 = 73;
    unit 2: (1/3)(16 − 12 + 2) + 4 × (1 + 4 + 2 + 4) = 2 + 44 = 46;
    D_e = (2/10) × 119 / (20 × 19 − (3 × 2 + 2 × 1)) = 0.2 × 119 / 372."""
    d = disagreement([[(2, 5)], [(3, 5)]], 0, 10)
    assert d.observed == 2 / 200
    assert d.expected == pytest.approx(0.2 * 119 / 372, abs=1e-15)
    assert d.alpha == pytest.approx(1 - 0.01 / (0.2 * 119 / 372), abs=1e-12)


def test_one_coders_overlapping_marks_are_one_unit():
    assert segments([(2, 6), (4, 8), (8, 9)], 0, 10) == [
        Segment(0, 2, False),
        Segment(2, 6, True),
        Segment(8, 1, True),
        Segment(9, 1, False),
    ]
    assert disagreement([[(2, 6), (4, 8)], [(2, 8)]], 0, 10).observed == 0


def test_order_of_coders_does_not_matter():
    a, b, c = [(1, 4), (6, 9)], [(2, 4)], [(0, 9)]
    assert disagreement([a, b, c], 0, 12) == disagreement([c, a, b], 0, 12)
