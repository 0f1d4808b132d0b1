"""Text from an article or a user, written into Markdown so that it renders as itself.

CommonMark lets a backslash escape any ASCII punctuation. Inline markup (`*`, `_`,
`` ` ``, `[`, `]`, `<`, `>`, `&`, `~`, `|`, `\\`) is escaped everywhere; what only counts
at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped there. Leading
spaces (indented code) and trailing spaces (hard line breaks) are dropped, as a
rendered paragraph drops them anyway; carriage returns become line ends.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>&~|])")
_LINE_START = re.compile(r"^([#>+\-=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\\]+$", re.IGNORECASE)


def _line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip(" \t"))
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def lines(text: str) -> list[str]:
    """`text` (any number of lines) escaped, one Markdown line per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_line(ln) for ln in text.split("\n")]


def inline(text: str) -> str:
    """`text` on one line (whitespace collapsed), escaped: for headings and list items."""
    return _line(" ".join(text.split()))


def block_quote(text: str, lead: str = "") -> str:
    """`text` as one block quote, every line of it inside (`lead` is Markdown put first)."""
    body = lines(text)
    body[0] = lead + body[0]
    return "\n".join(f"> {ln}" if ln else ">" for ln in body)


def autolink(url: str) -> str:
    """`<url>` when it is a plain URL, else the URL as escaped text."""
    return f"<{url}>" if _URL.match(url) else inline(url)
