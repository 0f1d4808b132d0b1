"""PySide6 6.12 releases a reference to None on each void call; on Python 3.11 that
crashed the window after a few long articles. The window's start guards against it."""

from __future__ import annotations

import os
import subprocess
import sys

LOOP = """
import sys
from PySide6.QtGui import QFont, QTextCharFormat
calls = sys.getrefcount(None) + 10_000  # more than None had: fatal without the guard
{guard}
fmt, font = QTextCharFormat(), QFont()
for _ in range(calls):
    fmt.setFont(font)
print("alive")
"""


def _run(guard: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = LOOP.format(guard=guard)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_many_void_calls_after_the_guard_do_not_crash():
    guard = "from reader.gui.app import make_app\napp = make_app(['reader'])"
    proc = _run(guard)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "alive"
