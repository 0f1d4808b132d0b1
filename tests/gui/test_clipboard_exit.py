"""Copying to the clipboard and then quitting must not crash the process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from reader.gui.app import make_app
    from reader.gui.clipboard import copy_annotations

    app = make_app([])
    rows = [{"annotation_id": 1, "article_id": 1, "article_title": "T", "kind": "quote",
             "label": "QUOTE", "text": "x", "note": None}]
    copy_annotations(rows, "csv")
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("clean exit")
    """
)


def test_quit_after_copy_exits_cleanly():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "clean exit"
