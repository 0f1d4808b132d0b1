"""The desktop window (PySide6). The only package that imports Qt; it talks to `Library` only."""

from reader.gui.compat import protect_none

protect_none()
