"""Opening a library file safely: recognise it, check it, migrate it, configure the connection."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from reader import libfiles as files
from reader.errors import LibraryError, ReaderError, disk_full, is_disk_full
from reader.store.agreement import AgreementQueries
from reader.store.annotations import AnnotationTable, EntityTable, LabelTable, RejectionTable
from reader.store.articles import ArticleTable
from reader.store.attributes import AttributeTable
from reader.store.exports import ExportQueries
from reader.store.feeds import FeedTable
from reader.store.locking import LockWaiting, begin_immediate
from reader.store.models import ModelTable
from reader.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from reader.store.sources import register as register_source_key
from reader.store.stats import StatsQueries

BUSY_TIMEOUT_MS = 10_000
# quick_check reads the whole file; above this size it is left to `reader check`
# (and the GUI's background check) so that opening stays instant.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
RECOVER_HINT = (
    "restore a backup with `reader restore BACKUP_FILE` "
    "(backups are made with `reader backup FILE` and before every upgrade)"
)


def _refuse_by_header(path: Path, header: files.Header) -> None:
    """Refuse, before SQLite opens it for writing, a file that is not a Reader library
    this Reader can open: decided from the header alone, so the file (and its -wal and
    -shm) stay byte for byte as they were."""
    if header.empty:
        return
    if header.application_id != APPLICATION_ID and (
        header.application_id or header.user_version or header.schema_cookie
    ):
        raise LibraryError(
            f"{path}: this SQLite database is not a Reader library; the file was left untouched"
        )
    if header.user_version > SCHEMA_VERSION:
        raise LibraryError(_newer(path, header.user_version))


def _newer(path: Path | None, version: int) -> str:
    return (
        f"{path}: this library has schema version {version}, newer than this "
        f"Reader supports ({SCHEMA_VERSION}); update Reader to open it"
    )


def _writable(path: Path) -> bool:
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(path.parent if path.parent.exists() else Path.cwd(), os.W_OK)


def _connect(path: Path | None, readonly: bool) -> sqlite3.Connection:
    if path is None:
        return sqlite3.connect(":memory:", check_same_thread=False)
    if readonly:
        return _connect_readonly(path)
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that reads the newest committed state, -wal included.

    `immutable=1` (needed when the folder is read-only and there is no -wal, so SQLite
    cannot make its -shm) would silently ignore a -wal: it is used only without one.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if os.access(path.parent, os.W_OK):
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    if not wal.exists() or wal.stat().st_size == 0:
        return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as e:
        conn.close()
        raise LibraryError(
            f"{path}: the latest changes are in {wal.name}, which cannot be read in this "
            f"read-only folder without {path.name}-shm ({e}); open the library once "
            "where its folder can be written, or copy it with its -wal to such a folder"
        ) from e
    return conn


def backup_to(conn: sqlite3.Connection, destination: Path, stale: str | None = None) -> None:
    """A consistent copy of an open database (SQLite's online backup), written atomically.

    The copy is written to `.NAME.PID.part` beside the destination, without a journal,
    and renamed; on any failure (a full disk) it is removed. Parts left by a killed
    process (`stale`, a glob in the destination's folder) are removed first.
    """
    destination = Path(destination)
    if (why := files.refusal(destination)) is not None:
        raise LibraryError(why)
    if destination.exists() and not destination.is_file():
        raise LibraryError(f"{destination}: not a regular file; choose a file for the backup")
    files.remove_stale_parts(destination.parent, stale or f".{destination.name}.*.part")
    tmp = destination.with_name(f".{destination.name}.{os.getpid()}.part")
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as target:
            target.execute("PRAGMA journal_mode = OFF")  # no -journal beside the part
            conn.backup(target)
        os.replace(tmp, destination)
    except (OSError, sqlite3.Error) as e:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if is_disk_full(e):
            raise disk_full(destination, "no backup was written") from e
        raise LibraryError(f"{destination}: cannot write the backup ({e})") from e


class Store:
    """One open library file. `path=None` opens a private in-memory library (tests).

    A file that cannot be written (permissions) opens read-only: reading works,
    every write raises LibraryError.
    """

    def __init__(self, path: Path | None, readonly: bool = False, older_ok: bool = False) -> None:
        self.path = path
        self._older_ok = older_ok
        self._key: tuple[int, int] | None = None
        # How long a write waits for another program's, and who hears about the wait.
        self.lock_limit: float = BUSY_TIMEOUT_MS / 1000
        self.on_lock_wait: LockWaiting | None = None
        self.readonly = readonly
        self.checked_on_open = False
        # One lock for reading a library's bytes, connecting and registering: Python
        # opens the file only while no connection of this process holds it.
        with files.registry():
            conn = self._open(path, readonly)
            self._key = files.hold(path) if path is not None else None
        register_source_key(conn)
        self.db = sqlite_utils.Database(conn)
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._recognise()
            # Checked before configured: a damaged or refused file is left as it was.
            self._check()
            self._configure()
            if not self.readonly:
                self._migrate()
        except BaseException as e:
            self.close()
            if isinstance(e, sqlite3.DatabaseError):
                raise self._database_error(e) from e
            raise
        self.articles = ArticleTable(self.db)
        self.annotations = AnnotationTable(self.db)
        self.labels = LabelTable(self.db)
        self.entities = EntityTable(self.db)
        self.rejections = RejectionTable(self.db)
        self.stats = StatsQueries(self.db, self.articles)
        self.exports = ExportQueries(self.db, self.articles)
        self.models = ModelTable(self.db)
        self.attributes = AttributeTable(self.db)
        self.feeds = FeedTable(self.db)
        self.agreement = AgreementQueries(self.db, self.articles)

    def _open(self, path: Path | None, readonly: bool) -> sqlite3.Connection:
        """The connection (inside `files.registry()`), after the header allows it."""
        if path is not None:
            if path.exists():
                if not files.held(path):
                    _refuse_by_header(path, files.read_header(path))
                readonly = readonly or not _writable(path)
            elif readonly:
                raise LibraryError(f"{path}: no such library")
            else:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise LibraryError(f"{path}: cannot create the library ({e})") from e
        self.readonly = readonly
        try:
            return _connect(path, readonly)
        except sqlite3.Error as e:
            raise LibraryError(f"{path}: cannot open the library ({e})") from e

    def _database_error(self, e: Exception) -> ReaderError:
        """The one-line error for an SQLite failure: a full disk, damage, or other."""
        if is_disk_full(e):
            return disk_full(self.path, "nothing more was stored")
        return LibraryError(self._damaged_message(e))

    def _damaged_message(self, e: Exception) -> str:
        if "malformed" in str(e) or "corrupt" in str(e) or "not a database" in str(e):
            return f"{self.path}: the library file is damaged ({e}); {RECOVER_HINT}"
        return f"{self.path}: cannot open the library ({e})"

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
            raise LibraryError(_newer(self.path, version))
        if self.readonly and version < SCHEMA_VERSION and not self._older_ok:
            raise LibraryError(
                f"{self.path}: read-only library at schema version {version} needs an "
                f"upgrade to {SCHEMA_VERSION}, which cannot be written"
            )

    def _configure(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        if not self.readonly and self.path is not None:
            self.db.enable_wal()
            # WAL + NORMAL: a committed transaction survives a crash of the process.
            self.db.execute("PRAGMA synchronous = NORMAL")

    def _check(self) -> None:
        if self.path is None or self.path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return
        result = self.quick_check()
        if result != "ok":
            raise LibraryError(
                f"{self.path}: the library file is damaged ({result}); {RECOVER_HINT}"
            )
        self.checked_on_open = True

    def interrupt(self) -> None:
        """Stop the statement this connection runs (callable from any thread): it
        raises "interrupted" there and its transaction is rolled back."""
        with contextlib.suppress(sqlite3.ProgrammingError):  # already closed
            self.db.conn.interrupt()

    def quick_check(self) -> str:
        """SQLite's `quick_check`: "ok", or the first problem found."""
        try:
            rows = self.db.execute("PRAGMA quick_check(5)").fetchall()
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                raise  # stopped by `interrupt()`: no verdict on the file
            return str(e)
        except sqlite3.DatabaseError as e:
            return str(e)
        return "; ".join(r[0] for r in rows)

    def _migrate(self) -> None:
        version = self._pragma("user_version")
        if version < SCHEMA_VERSION and version > 0 and self.path is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            backup = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
            backup_to(self.db.conn, backup, stale=f".{self.path.name}.v*.bak.*.part")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {number}")

    def data_version(self) -> int:
        """SQLite's `data_version`: changes when ANOTHER connection commits (not this one)."""
        try:
            return self._pragma("data_version")
        except sqlite3.Error as e:  # closed, or the file went away
            raise LibraryError(f"{self.path}: cannot read the library ({e})") from e

    @property
    def schema_version(self) -> int:
        return self._pragma("user_version")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested). Refused on a read-only library."""
        if self.readonly:
            raise LibraryError(f"{self.path}: the library is read-only; nothing can be changed")
        try:
            if self.db.conn.in_transaction:
                with self.db.atomic():  # a savepoint
                    yield
            else:
                with self._immediate():
                    yield
        except sqlite3.DatabaseError as e:
            error = self._write_error(e)
            if error is e:
                raise
            raise error from e

    def _write_error(self, e: sqlite3.DatabaseError) -> Exception:
        """The one-line error for a failed write (the SQLite error itself when unknown)."""
        if isinstance(e, sqlite3.OperationalError):
            if is_disk_full(e):
                return disk_full(self.path, "this change was not stored")
            if "readonly" in str(e) or "read-only" in str(e):
                return LibraryError(f"{self.path}: the library is read-only ({e})")
            if "locked" in str(e) or "busy" in str(e):
                return LibraryError(
                    f"{self.path}: the library is busy in another program; try again ({e})"
                )
            return e
        return self._database_error(e)

    # A batch: one transaction over many writes, each in `atomic` (then a savepoint, so
    # that a failed one is rolled back alone). Imports store their articles so: one
    # commit per batch instead of per article (FTS5 writes its index once per commit).

    def begin(self) -> None:
        """Open a batch's transaction, waiting for another program's write as `atomic`
        does (`LibraryLocked` past `lock_limit`); `commit` or `rollback` ends it."""
        if self.readonly:
            raise LibraryError(f"{self.path}: the library is read-only; nothing can be changed")
        try:
            begin_immediate(self.db.conn, self.lock_limit, self.on_lock_wait, BUSY_TIMEOUT_MS)
        except sqlite3.DatabaseError as e:
            error = self._write_error(e)
            if error is e:
                raise
            raise error from e

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (false after SQLite rolled one back by itself,
        as it may on a full disk)."""
        return self.db.conn.in_transaction

    def commit(self) -> None:
        """Commit the batch's transaction; on failure it is rolled back and the error
        raised (every write of the batch is then lost, none is half kept)."""
        conn = self.db.conn
        if not conn.in_transaction:
            return
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            if conn.in_transaction:
                conn.rollback()
            error = self._write_error(e)
            if error is e:
                raise
            raise error from e

    def rollback(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.rollback()

    @contextlib.contextmanager
    def _immediate(self) -> Iterator[None]:
        """A top-level transaction that takes the write lock first.

        A deferred transaction that reads before it writes cannot wait for another
        program's write to end: SQLite fails it with "database is locked" once that
        program commits. BEGIN IMMEDIATE waits (busy timeout) and then always succeeds.
        """
        conn = self.db.conn
        begin_immediate(conn, self.lock_limit, self.on_lock_wait, BUSY_TIMEOUT_MS)
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise

    def backup(self, destination: Path) -> None:
        backup_to(self.db.conn, destination)

    def restore_from(self, source: Path) -> None:
        """Replace this library's content with a backup (which is checked first)."""
        checked = Store(Path(source), readonly=True, older_ok=True)
        try:
            result = checked.quick_check()
            if result != "ok":
                raise LibraryError(f"{source}: the backup is damaged ({result})")
            if self.readonly:
                raise LibraryError(f"{self.path}: the library is read-only")
            checked.db.conn.backup(self.db.conn)
        except sqlite3.Error as e:
            if is_disk_full(e):
                raise disk_full(self.path, "the library was not restored") from e
            raise LibraryError(f"{self.path}: cannot restore ({e})") from e
        finally:
            checked.close()
        self._migrate()

    def close(self) -> None:
        with files.registry():
            self.db.close()
            files.release(self._key)
            self._key = None
