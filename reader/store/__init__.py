"""Storage: the only package that talks SQL (through sqlite-utils)."""

import sys

# sqlite-utils imports pandas and numpy, when they are installed, only to map their
# types for inserts, which Reader never makes: 0.4 s and 30 MB on every command. It is
# imported without them here (an `import pandas` later works as usual).
_absent = [name for name in ("pandas", "numpy") if name not in sys.modules]
sys.modules.update(dict.fromkeys(_absent))  # None: "not installed" to an import
try:
    import sqlite_utils  # noqa: F401
finally:
    for _name in _absent:
        if sys.modules.get(_name, 0) is None:
            del sys.modules[_name]

from reader.store.database import Store  # noqa: E402

__all__ = ["Store"]
