"""Text contrast by WCAG 2: relative luminance and contrast ratio of sRGB colours.

Colours are (r, g, b) floats from 0 to 1. The marks in the article are drawn with a
text colour that keeps at least `AA` against their background (`readable_ink`).
"""

from __future__ import annotations

RGB = tuple[float, float, float]
AA = 4.5  # WCAG 2 level AA for body text
DARK_INK: RGB = (0x1D / 255, 0x1D / 255, 0x1F / 255)
LIGHT_INK: RGB = (1.0, 1.0, 1.0)


def linear(channel: float) -> float:
    """An sRGB channel (0-1) in linear light (WCAG 2's formula)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(colour: RGB, alpha: float, page: RGB) -> RGB:
    """`colour` at `alpha` painted on an opaque `page`."""
    r, g, b = (alpha * c + (1 - alpha) * p for c, p in zip(colour, page, strict=True))
    return (r, g, b)


BLACK: RGB = (0.0, 0.0, 0.0)


def readable_ink(background: RGB, ink: RGB) -> RGB:
    """The theme's text colour when it reads on `background` (at least AA), else dark or
    light ink, else black: black or white always reaches AA (a background's luminance
    is above 0.175 or below 0.183)."""
    for candidate in (ink, DARK_INK, LIGHT_INK):
        if contrast_ratio(candidate, background) >= AA:
            return candidate
    return BLACK
