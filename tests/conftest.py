from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.library import Library

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "samples" / "seaprwire-id-2025-02-27-lavrov.txt"
# The shared corpus sits beside the main checkout; a worktree elsewhere names it.
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Never touch the user's library or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("READER_DB", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def lib(db_path):
    with Library(db_path) as library:
        yield library


@pytest.fixture
def seed_path(tmp_path) -> Path:
    dest = tmp_path / SEED.name
    shutil.copy(SEED, dest)
    return dest
