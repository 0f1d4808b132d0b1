"""The one check every article URL passes before it is stored: http(s) only.

A URL from a page, a Markdown front matter, the clipboard or an import file is shown
as a link and opened on a click; `javascript:`, `file:`, `data:` and the like must never
reach the library.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 2048
_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def http_url(value: object) -> str | None:
    """`value` stripped if it is an absolute http or https URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL_CHARS or _WHITESPACE_OR_CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
