"""Bytes to clean Unicode text: BOMs, legacy encodings, line ends, NFC, control characters."""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ImportFailed, ReaderError
from reader.importers.sizes import too_large

MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: far above any article, small enough to stay quick

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)
# C0/C1 controls other than tab and newline carry no text and break viewers and CSV.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ImportFailed with the reason.

    The kind of file is decided by `os.stat` before anything is opened: a FIFO would
    block the open, and `/dev/zero` or a terminal never ends.
    """
    try:
        info = os.stat(path)
        _check_regular(info.st_mode)
        _check_size(info.st_size, limit)
        # O_NONBLOCK: should the name be swapped for a FIFO after the stat, the open
        # does not wait for a writer, and the fstat below refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            _check_regular(os.fstat(f.fileno()).st_mode)
            data = f.read(limit + 1)  # never more, even if the file grows meanwhile
        _check_size(len(data), limit)
        return data
    except PermissionError as e:
        raise ImportFailed("cannot read the file (permission denied)") from e
    except IsADirectoryError as e:
        raise ImportFailed(_FOLDER) from e
    except FileNotFoundError as e:
        raise ImportFailed("no such file") from e
    except OSError as e:
        raise ImportFailed(f"cannot read the file ({e.strerror or e})") from e


_FOLDER = "is a folder (use --recursive to import folders)"
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(mode: int, verb: str = "imported") -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise ImportFailed(_FOLDER if verb == "imported" else "is a folder, not a file")
    kind = next((what for test, what in _KINDS if test(mode)), "a special file")
    raise ImportFailed(f"{kind}, not a regular file: only regular files are {verb}")


def require_regular_file(path: str | os.PathLike, error: type[ReaderError] = ImportFailed) -> None:
    """Refuse anything but an existing regular file, from `os.stat` alone (opening a FIFO
    would wait for a writer; `/dev/zero` never ends). The message starts with the name."""
    from reader.text.oneline import display_path

    name = display_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as e:
        raise error(f"{name}: no such file") from e
    except OSError as e:
        raise error(f"{name}: cannot read the file ({e.strerror or e})") from e
    try:
        _check_regular(info.st_mode, "read")
    except ImportFailed as e:
        raise error(f"{name}: {e}") from None


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ImportFailed(f"file too large ({too_large(size, limit)})")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the codec that decoded it (Python's name: `utf-8`, `cp1252`, …)."""

    text: str
    encoding: str


def _guess(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _legacy(data)


# Legacy encodings in order of how common they are for news text, to break ties.
_COMMON = (
    "cp1252",
    "cp1251",
    "cp1250",
    "gb18030",
    "cp932",
    "euc_kr",
    "big5",
    "cp1256",
    "cp1253",
    "cp1254",
    "koi8_r",
    "cp1255",
    "cp874",
    "latin_1",
    "iso8859_2",
)


def _legacy(data: bytes) -> tuple[str, str]:
    """A legacy 8-bit or CJK encoding: charset-normalizer proposes, language identity decides.

    charset-normalizer alone often takes a rarer code page (cp1257 for French)
    when several decode without visible mess; among those near its best, the
    decoding that py3langid finds most like a real language wins. Short inputs
    (a few lines) give it too little to go on: `decode_short` judges them.
    """
    from charset_normalizer import from_bytes

    from reader.importers.decode_short import SHORT_BYTES, short_legacy

    matches = list(from_bytes(data))
    if len(data) < SHORT_BYTES:
        found = short_legacy(data, [m.encoding for m in matches])
        if found is not None:
            return found
    if not matches:
        raise ImportFailed("not a text file (binary content, or an unknown encoding)")
    best_chaos = min(m.chaos for m in matches)
    near = [m for m in matches if m.chaos <= best_chaos + 0.1]
    if len(near) == 1:
        return str(near[0]), codecs.lookup(near[0].encoding).name
    from reader.importers.meta import language_confidence

    def score(m) -> tuple[float, int]:
        common = _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON)
        return (round(language_confidence(str(m)[:5000]), 3), -common)

    best = max(near, key=score)
    return str(best), codecs.lookup(best.encoding).name


def decode_bytes(data: bytes) -> str:
    """Decode an article's bytes to NFC text with "\\n" line ends.

    Raises ImportFailed for binary, empty or undecodable input.
    """
    return decode(data).text


def decode(data: bytes) -> Decoded:
    """`decode_bytes`, also saying which encoding was used."""
    if not data.strip():
        raise ImportFailed("empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportFailed(f"not a text article: this is {what}")
    if b"\x00" in data[:4096] and not data.startswith(tuple(b for b, _ in _BOMS)):
        # NUL bytes without a BOM: UTF-16 text without BOM, or binary.
        found = _utf16_without_bom(data)
        if found is None:
            raise ImportFailed("not a text file (binary content)")
        text, encoding = found
    else:
        text, encoding = _guess(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    replaced = text.count("\ufffd")
    if replaced > max(8, len(text) // 100):
        raise ImportFailed("not a text file (too many undecodable bytes)")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ImportFailed("empty file (only whitespace)")
    return Decoded(text, encoding)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM shows NULs in every other byte for Latin text."""
    even = data[0:4096:2].count(0)
    odd = data[1:4096:2].count(0)
    half = min(len(data), 4096) // 2
    if half == 0:
        return None
    encoding = None
    if odd > 0.3 * half and even < 0.05 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text[:2000] if ch.isprintable() or ch in "\n\r\t")
    return (text, encoding) if printable > 0.95 * min(len(text), 2000) else None


def read_text_file(path: Path) -> str:
    """Read and decode one file; every failure is an ImportFailed with a clear reason."""
    return decode_bytes(read_file_bytes(path))


def read_decoded(path: Path) -> Decoded:
    """`read_text_file`, also saying which encoding was used."""
    return decode(read_file_bytes(path))
