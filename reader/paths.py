"""Where the library lives: `--db`, then `READER_DB`, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"
ENV_DB = "READER_DB"


def user_data_dir() -> Path:
    import appdirs

    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The library used when neither `--db` nor `READER_DB` is given."""
    return user_data_dir() / "library.db"


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """Pick the library file: an explicit path wins, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()
