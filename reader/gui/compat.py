"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

Shiboken 6.12.0 releases one reference to None on every call of a Qt method that
returns nothing (`QColor.setRgbF`, `QTextCharFormat.setBackground`, ...), and to
True/False returned from Python overrides (`eventFilter`). On Python 3.12 and later
these are immortal and nothing happens; on 3.11 they are freed after some tens of
thousands of such calls and the interpreter aborts ("deallocating None") — opening a
few long articles with many marks is enough (6.11 does not do this). pyproject.toml
excludes 6.12.0; should it be installed anyway, the window gives these objects a
reference count they cannot run out of.
"""

from __future__ import annotations

import ctypes
import sys

GUARD = 1 << 40
_protected = False


def protect_none() -> None:
    """Make None, True and False effectively immortal on Python < 3.12 (no-op later)."""
    global _protected
    if sys.version_info >= (3, 12) or _protected:
        return
    import PySide6

    if not PySide6.__version__.startswith("6.12.0"):
        return
    # ob_refcnt is the first field of every CPython object
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += GUARD
    _protected = True
