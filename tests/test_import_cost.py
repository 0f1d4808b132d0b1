"""Every command imports the library; sqlite-utils would pull in pandas and numpy with it
(0.4 s, 30 MB) when they are installed. Reader imports it without them, and they import
as usual afterwards."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys
import reader.library
print(sorted(m for m in ("pandas", "numpy") if m in sys.modules))
import numpy
print(numpy.ones(2).sum())
"""


def test_the_library_imports_without_pandas_and_numpy():
    pytest.importorskip("pandas")  # installed with the test extras
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "2.0"]
