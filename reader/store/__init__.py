"""Storage: the only package that talks SQL (through sqlite-utils)."""

from reader.store.database import Store

__all__ = ["Store"]
