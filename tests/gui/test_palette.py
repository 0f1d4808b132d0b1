"""The colours of marks and themes: quotes and highlights apart, also for colour-blind
eyes (Machado et al. 2009 simulations of protanopia, deuteranopia and tritanopia), and
text at WCAG AA contrast (4.5:1) on every mark and every palette pair, light and dark.
"""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtGui import QColor, QPalette

from reader.gui import theme
from reader.gui.contrast import contrast_ratio, linear, relative_luminance
from reader.gui.views.marks import label_colours, merged_format
from reader.model import Annotation, Label
from reader.store.schema import DEFAULT_LABELS, OLD_DEFAULT_COLOURS

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation
# of Color Vision Deficiency", severity 1.0; they apply to linear RGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
    "typical": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}
APART = 15.0  # CIE76 ΔE between any two background marks, in every simulation
QUOTE_APART = 20.0  # between a quote and the default highlight (H)
Role = QPalette.ColorRole
THEMES = ("light", "dark")


def encode(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(rgb, matrix):  # noqa: ANN001, ANN201
    lin = [linear(c) for c in rgb]
    return tuple(encode(sum(row[j] * lin[j] for j in range(3))) for row in matrix)


def lab(rgb):  # noqa: ANN001, ANN201
    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def delta_e(a, b) -> float:  # noqa: ANN001
    return math.dist(lab(a), lab(b))


def rgb(colour: QColor) -> tuple[float, float, float]:
    return (colour.redF(), colour.greenF(), colour.blueF())


def labels(colours: dict[tuple[str, str], str] | None = None) -> list[Label]:
    out = []
    for i, (name, kind, colour, key) in enumerate(DEFAULT_LABELS):
        out.append(Label(i + 1, name, kind, (colours or {}).get((name, kind), colour), key, i))
    return out


def mark(i: int, kind: str, label: str, start: int = 0, end: int = 10) -> Annotation:
    return Annotation(i, 1, kind, start, end, "x" * (end - start), label)


def drawn(marks, theme_name: str, all_labels=None, selected=None):  # noqa: ANN001, ANN201
    """(background, text colour) of text covered by `marks`, as the view draws it."""
    palette = theme.palette_for(theme_name)
    fmt = merged_format(
        marks,
        label_colours(all_labels or labels()),
        selected,
        palette.color(Role.Highlight),
        palette.color(Role.Base),
        palette.color(Role.Text),
    )
    background = fmt.background().color()
    assert background.alpha() == 255  # painted on the page: what the eye sees
    text = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else None
    return rgb(background), rgb(text) if text is not None else rgb(palette.color(Role.Text))


def background_marks(all_labels: list[Label]) -> dict[str, Annotation]:
    return {
        lb.name: mark(i, lb.kind, lb.name)
        for i, lb in enumerate(all_labels)
        if lb.kind in ("quote", "highlight")
    }


def closest_pair(theme_name: str, all_labels: list[Label]) -> tuple[float, str]:
    shown = {
        n: drawn([m], theme_name, all_labels)[0] for n, m in background_marks(all_labels).items()
    }
    worst = (math.inf, "")
    for name, matrix in MACHADO.items():
        for (a, ca), (b, cb) in itertools.combinations(shown.items(), 2):
            d = delta_e(simulate(ca, matrix), simulate(cb, matrix))
            worst = min(worst, (d, f"{a}/{b} ({name})"))
    return worst


@pytest.mark.parametrize("theme_name", THEMES)
def test_quotes_and_highlights_stay_apart_for_every_colour_vision(theme_name):
    all_labels = labels()
    marks = background_marks(all_labels)
    quote = drawn([marks["QUOTE"]], theme_name)[0]
    important = drawn([marks["important"]], theme_name)[0]
    for name, matrix in MACHADO.items():
        d = delta_e(simulate(quote, matrix), simulate(important, matrix))
        assert d >= QUOTE_APART, (theme_name, name, d)
    distance, pair = closest_pair(theme_name, all_labels)
    assert distance >= APART, pair


def test_the_old_defaults_fail_that_check():
    # why they changed: under tritanopia a quote and an important highlight were one colour
    old = labels(OLD_DEFAULT_COLOURS)
    marks = background_marks(old)
    quote = drawn([marks["QUOTE"]], "light", old)[0]
    important = drawn([marks["important"]], "light", old)[0]
    tritan = MACHADO["tritanopia"]
    assert delta_e(simulate(quote, tritan), simulate(important, tritan)) < 6
    assert closest_pair("light", old)[0] < APART


@pytest.mark.parametrize("theme_name", THEMES)
def test_text_on_every_mark_reaches_aa(theme_name):
    all_labels = labels()
    kinds = {lb.name: lb.kind for lb in all_labels}
    singles = [[mark(i, kinds[n], n)] for i, n in enumerate(kinds)]
    combos = [
        [mark(1, "quote", "QUOTE"), mark(2, "highlight", "important")],
        [mark(1, "quote", "QUOTE"), mark(2, "entity", "PERSON")],
        [mark(1, "highlight", "background"), mark(2, "entity", "ORG")],
        [mark(1, "quote", "QUOTE"), mark(2, "highlight", "question"), mark(3, "entity", "DATE")],
    ]
    for marks in singles + combos:
        for selected in (None, marks[-1].id):
            background, text = drawn(marks, theme_name, all_labels, selected)
            ratio = contrast_ratio(text, background)
            assert ratio >= 4.5, (theme_name, [m.label for m in marks], selected, ratio)


def test_dark_theme_text_on_a_highlight_was_unreadable_and_is_now_dark():
    palette = theme.palette_for("dark")
    light_text = rgb(palette.color(Role.Text))
    background, text = drawn([mark(1, "highlight", "important")], "dark")
    assert contrast_ratio(light_text, background) < 4.5  # the theme's own light text
    assert text != light_text and contrast_ratio(text, background) >= 4.5
    assert relative_luminance(text) < 0.05  # dark ink on the bright highlight


@pytest.mark.parametrize("theme_name", THEMES)
def test_every_text_pair_of_the_palette_reaches_aa(theme_name):
    palette = theme.palette_for(theme_name)
    for fg, bg in [
        (Role.Text, Role.Base),
        (Role.Text, Role.AlternateBase),
        (Role.WindowText, Role.Window),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.PlaceholderText, Role.Base),
        (Role.PlaceholderText, Role.Window),
        (Role.Link, Role.Base),
        (Role.ToolTipText, Role.ToolTipBase),
    ]:
        ratio = contrast_ratio(rgb(palette.color(fg)), rgb(palette.color(bg)))
        assert ratio >= 4.5, (theme_name, fg, bg, ratio)


def test_contrast_formula_matches_wcag():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    # #767676 on white is the well-known 4.54:1
    grey = (0x76 / 255,) * 3
    assert contrast_ratio(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)
