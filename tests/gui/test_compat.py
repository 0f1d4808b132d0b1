"""Many Qt calls in one process must not run Python out of references to None."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QTextCharFormat

import reader.gui  # noqa: F401  (applies the guard, as every window does)


def test_tens_of_thousands_of_qt_setter_calls_are_safe(qapp):
    colour, fmt = QColor("#123456"), QTextCharFormat()
    for _ in range(40_000):  # more than None's whole reference count on Python 3.11
        colour.setRgbF(0.1, 0.2, 0.3, 0.4)
        fmt.setBackground(colour)
    assert sys.getrefcount(None) > 0
