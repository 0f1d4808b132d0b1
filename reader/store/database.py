"""Opening a library file safely: recognise it, migrate it, configure the connection."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from reader.errors import LibraryError
from reader.store.annotations import AnnotationTable, EntityTable, LabelTable
from reader.store.articles import ArticleTable
from reader.store.exports import ExportQueries
from reader.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def _check_header(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as e:
        raise LibraryError(f"{path}: cannot read the library file ({e.strerror or e})") from e
    if head and head != SQLITE_MAGIC:
        raise LibraryError(
            f"{path}: not a Reader library (not an SQLite database); the file was left untouched"
        )


def _connect(path: Path | None, readonly: bool) -> sqlite3.Connection:
    if path is None:
        return sqlite3.connect(":memory:", check_same_thread=False)
    if readonly:
        uri = path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)


class Store:
    """One open library file. `path=None` opens a private in-memory library (tests)."""

    def __init__(self, path: Path | None, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        if path is not None:
            if path.exists():
                _check_header(path)
            elif readonly:
                raise LibraryError(f"{path}: no such library")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = _connect(path, readonly)
            self.db = sqlite_utils.Database(conn)
            self._recognise()
            self._configure()
            if not readonly:
                self._migrate()
        except sqlite3.DatabaseError as e:
            raise LibraryError(f"{path}: cannot open the library ({e})") from e
        self.articles = ArticleTable(self.db)
        self.annotations = AnnotationTable(self.db)
        self.labels = LabelTable(self.db)
        self.entities = EntityTable(self.db)
        self.exports = ExportQueries(self.db, self.articles)

    def _pragma(self, name: str) -> int:
        return self.db.execute(f"PRAGMA {name}").fetchone()[0]

    def _recognise(self) -> None:
        app_id = self._pragma("application_id")
        version = self._pragma("user_version")
        tables = self.db.table_names()
        if app_id != APPLICATION_ID and (tables or version):
            raise LibraryError(
                f"{self.path}: this SQLite database is not a Reader library; "
                "the file was left untouched"
            )
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path}: this library has schema version {version}, newer than this "
                f"Reader supports ({SCHEMA_VERSION}); update Reader to open it"
            )
        if self.readonly and version < SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path}: read-only library at schema version {version} needs an "
                f"upgrade to {SCHEMA_VERSION}, which cannot be written"
            )

    def _configure(self) -> None:
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA foreign_keys = ON")
        if not self.readonly and self.path is not None:
            self.db.enable_wal()
            # WAL + NORMAL: a committed transaction survives a crash of the process.
            self.db.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self) -> None:
        version = self._pragma("user_version")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return self._pragma("user_version")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested)."""
        with self.db.atomic():
            yield

    def close(self) -> None:
        self.db.close()
