"""The one error family of the core. Every message is meant for the user: one clear line."""


class ReaderError(Exception):
    """Base of every error Reader reports to a user."""


class LibraryError(ReaderError):
    """The library file cannot be opened or used (foreign, damaged, newer, locked)."""


class ImportFailed(ReaderError):
    """One input could not be imported; the library is unchanged by it."""


class NotFound(ReaderError):
    """An article, annotation or entity id that does not exist."""


class ExportFailed(ReaderError):
    """An export could not be written; no partial file is left at the destination."""


class ExportCancelled(ExportFailed):
    """The user cancelled an export; nothing was written at the destination."""
