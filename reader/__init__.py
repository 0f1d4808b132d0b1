"""Reader: a library of news articles to read, annotate and export.

Public names are loaded lazily so that `reader --version` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Library", "ReaderError", "__version__"]

if TYPE_CHECKING:
    from reader.errors import ReaderError
    from reader.library import Library


def __getattr__(name: str):
    if name == "Library":
        from reader.library import Library

        return Library
    if name == "ReaderError":
        from reader.errors import ReaderError

        return ReaderError
    raise AttributeError(name)
