"""No file is ever written outside the chosen library, export or backup path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEED


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir()}


def test_import_tag_export_backup_write_only_the_chosen_paths(tmp_path):
    home, work, temp = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    data, out = tmp_path / "data", tmp_path / "out"
    for folder in (home, work, temp, data, out):
        folder.mkdir()
    source = data / SEED.name
    source.write_bytes(SEED.read_bytes())
    library = data / "library.db"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TMPDIR": str(temp),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
    }
    before = files_under(tmp_path)

    def reader(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(library), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr

    reader("import", str(source))
    reader("tag", "--entity", "Sergey Lavrov", "--type", "PERSON")
    reader("export", "annotations", "--format", "csv", "--excel", "-o", str(out / "a.csv"))
    reader("export", "annotations", "--format", "markdown", "-o", str(out / "notes"))
    reader("export", "articles", "--format", "jsonl", "-o", str(out / "articles.jsonl"))
    reader("backup", str(out / "backup.db"))

    written = files_under(tmp_path) - before
    notes = {f"out/notes/{p.name}" for p in (out / "notes").iterdir()}
    assert len(notes) == 1
    chosen = {"data/library.db", "out/a.csv", "out/articles.jsonl", "out/backup.db", *notes}
    sidecars = {"data/library.db-wal", "data/library.db-shm"}  # SQLite's WAL files
    assert chosen <= written <= chosen | sidecars, written - chosen
    assert files_under(home) == set() and files_under(work) == set()
    assert files_under(temp) == set()
