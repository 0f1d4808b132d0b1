"""Names and values shown to a user on one line, whatever bytes they carry.

A file name may hold bytes that are not UTF-8 (Python keeps them as lone surrogates,
which SQLite and a terminal refuse) and line breaks or control characters (which split
or garble a message). `one_line` escapes those, the way Python writes them in a string.
"""

from __future__ import annotations

import os
import re

# Controls (C0, DEL, C1), Unicode line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def one_line(text: str) -> str:
    """`text` with line breaks, control characters and undecodable bytes escaped."""
    return _UNSAFE.sub(_escape, text)


def display_path(path: str | os.PathLike) -> str:
    """A file name fit for a message, a log line or the library: always valid, one line."""
    return one_line(os.fsdecode(path))
