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


def body(markdown: str) -> str:
    """An article's own Markdown with its raw HTML made text (`\\<img …>`).

    Reader's canonical text already reads inline and block HTML as literal text; a
    notes app would run it as HTML. Everything else of the article's Markdown stays.
    """
    from markdown_it import MarkdownIt

    markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = markdown.split("\n")
    tokens = MarkdownIt("commonmark").parse(markdown)
    for tok in tokens:
        if tok.map is None:
            continue
        first, last = tok.map
        if tok.type == "html_block":
            for i in range(first, last):
                lines[i] = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", lines[i])
        elif tok.type == "inline":
            for html in {c.content for c in tok.children or [] if c.type == "html_inline"}:
                unescaped = re.compile(r"(?<!\\)" + re.escape(html))
                for i in range(first, last):
                    lines[i] = unescaped.sub(lambda m: "\\" + m.group(), lines[i])
    return "\n".join(lines)
