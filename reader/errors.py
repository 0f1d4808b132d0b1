"""The one error family of the core. Every message is meant for the user: one clear line."""


class ReaderError(Exception):
    """Base of every error Reader reports to a user."""


class LibraryError(ReaderError):
    """The library file cannot be opened or used (foreign, damaged, newer, locked)."""


class LibraryLocked(LibraryError):
    """Another program held the library's write lock for longer than Reader waits."""


class ImportFailed(ReaderError):
    """One input could not be imported; the library is unchanged by it."""


class NotFound(ReaderError):
    """An article, annotation or entity id that does not exist."""


class ExportFailed(ReaderError):
    """An export could not be written; no partial file is left at the destination."""


class Cancelled(ReaderError):
    """The user stopped a long task; nothing of it was kept."""


class ExportCancelled(ExportFailed, Cancelled):
    """The user cancelled an export; nothing was written at the destination."""


class MergeCancelled(Cancelled):
    """The user stopped a merge: nothing of it was stored."""


class DiskFull(ReaderError):
    """The file system ran out of space while Reader wrote; the message says where.
    Nothing partial is left: the transaction or the file being written is undone."""


_FULL_ERRNOS = {28, 122}  # ENOSPC, EDQUOT (a quota counts as full, too)
SQLITE_FULL = 13


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` (an OSError or an sqlite3 error) means "no space left"."""
    if isinstance(error, OSError) and error.errno in _FULL_ERRNOS:
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return code == SQLITE_FULL or "database or disk is full" in str(error)


def disk_full(where: object, what: str) -> DiskFull:
    """The one message for a full disk: where, and what was (not) kept."""
    return DiskFull(f"the disk is full: no space left to write {where}; {what}")


# What a disk-full message starts with (the import batch stops on it).
DISK_FULL = "the disk is full"


class AgreementError(ReaderError):
    """Agreement cannot be computed for this choice: fewer than two annotators, no
    article coded by all of them, an unknown annotator, kind or label."""
