"""File sizes in messages: one unit (MB of 1024 × 1024 bytes, as the limits are set), and a
size over a limit never reads as the limit itself ("20.1 MB; the limit is 20 MB")."""

from __future__ import annotations

import math

MB = 1024 * 1024


def too_large(size: int, limit: int, of: str = "") -> str:
    """ "20.1 MB; the limit is 20 MB" for a size over the limit (rounded up, so it is
    always shown larger than the limit)."""
    shown = math.ceil(size * 10 / MB) / 10
    limit_shown = f"{limit / MB:.1f}".removesuffix(".0")
    return f"{shown:.1f} MB{of}; the limit is {limit_shown} MB"
