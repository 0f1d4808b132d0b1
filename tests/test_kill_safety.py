"""A committed annotation survives SIGKILL of the process right after the call returns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from reader.library import Library

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from reader.library import Library
    lib = Library(sys.argv[1])
    a = lib.annotate(int(sys.argv[2]), "quote", 0, 5, note="survive")
    print(a.id, flush=True)
    os.kill(os.getpid(), 9)
    """
)


def test_annotation_survives_sigkill(db_path, seed_path):
    with Library(db_path) as lib:
        article_id = lib.import_file(seed_path).article_id
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db_path), str(article_id)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == -signal.SIGKILL
    annotation_id = int(proc.stdout.strip())
    with Library(db_path) as lib:
        a = lib.annotation(annotation_id)
        assert (a.note, a.exact) == ("survive", "Diplo")
        integrity = lib._store.db.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"
    assert os.path.exists(db_path)
