"""A guard against a PySide6 bug that crashes Reader on Python 3.11.

PySide6 6.12 releases one reference to `None` on every call of a method that returns
nothing (`QFont.setBold`, `QTextCharFormat.setFont`, …): harmless from Python 3.12,
where `None` is immortal, fatal on 3.11 once the count reaches zero ("none_dealloc"),
which rendering a few long articles did. On 3.11 we give `None` references enough for
any session; on 3.12 and later this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_GUARDED = False


def keep_none_alive() -> None:
    """Make `None`'s reference count too large for the leak ever to reach zero."""
    global _GUARDED
    if _GUARDED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every CPython object, and id() is its address.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _GUARDED = True
