"""Fetching a web page for an explicit import, with httpx (BSD-3-Clause).

Only `reader import URL` (and `--urls FILE`) fetch; nothing else in Reader makes a
request — the article view never does. Bounded in every way: http and https only (a
redirect elsewhere, `file://` or `ftp://`, is refused), at most 5 redirects, a timeout
on every step and on the whole fetch, at most 10 MB of (decoded) body read as a stream,
no cookies kept, a User-Agent naming Reader and its version.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import ImportFailed

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 20.0  # seconds for each connect, read and write
TOTAL_TIMEOUT = 60.0  # seconds for the whole fetch: a server trickling bytes is cut off
USER_AGENT = f"Reader/{__version__} (news research reader; explicit import)"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass
class Page:
    url: str  # the final URL, after redirects
    data: bytes
    content_type: str  # e.g. "text/html", lower case, without parameters
    charset: str | None
    status: int = 200  # 304: not modified since the validators sent (no body)
    etag: str | None = None
    last_modified: str | None = None


def check_scheme(url: str) -> str:
    """The URL if it is http(s) with a host; ImportFailed naming the scheme otherwise."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "no scheme"
        raise ImportFailed(f"only http and https addresses are fetched, not {shown}")
    if not parts.hostname:
        raise ImportFailed("the address has no host name")
    return url.strip()


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    headers: dict[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Page:
    """GET a page, following at most `max_redirects` redirects by hand (each checked).

    `headers` are sent too (a feed's `If-None-Match` and `If-Modified-Since`); a 304
    answer is a Page with `status` 304 and no data. `cancelled()` is asked between the
    body's chunks (a window closing during a feed update does not wait for the body)."""
    import httpx

    deadline = time.monotonic() + total_timeout
    current = check_scheme(url)
    seen = {current}
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
            for _ in range(max_redirects + 1):
                client.cookies.clear()  # no cookie is ever sent back
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = urljoin(current, response.headers["location"])
                        current = _redirect(target, seen)
                        continue
                    if response.status_code == 304:
                        return Page(str(response.url), b"", "", None, 304, *_validators(response))
                    if response.status_code >= 400:
                        phrase = response.reason_phrase or "error"
                        raise ImportFailed(f"the server answered {response.status_code} {phrase}")
                    data = _read(response, max_bytes, deadline, cancelled)
                    kind = response.headers.get("content-type", "")
                    media = kind.split(";")[0].strip().lower()
                    charset = response.charset_encoding
                    return Page(
                        str(response.url), data, media, charset, 200, *_validators(response)
                    )
    except httpx.TimeoutException as e:
        raise ImportFailed(f"the server did not answer in time ({timeout:g} s)") from e
    except httpx.DecodingError as e:
        raise ImportFailed("the server sent a body that cannot be decompressed") from e
    except httpx.ConnectError as e:
        raise ImportFailed("cannot connect to the server") from e
    except httpx.HTTPError as e:
        # httpx's own words may say "unexpected": the kind of error is enough.
        raise ImportFailed(f"cannot fetch the page ({type(e).__name__})") from e
    raise ImportFailed(f"too many redirects (more than {max_redirects})")


def _validators(response) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a later conditional request sends back."""
    return response.headers.get("etag"), response.headers.get("last-modified")


def _redirect(target: str, seen: set[str]) -> str:
    try:
        target = check_scheme(target)
    except ImportFailed as e:
        raise ImportFailed(f"redirected to a refused address: {e}") from e
    if target in seen:
        raise ImportFailed("the server redirects in a loop")
    seen.add(target)
    return target


def _read(
    response, max_bytes: int, deadline: float, cancelled: Callable[[], bool] | None = None
) -> bytes:
    """The decoded body, at most `max_bytes`, before `deadline` (a stream: never more)."""
    declared = response.headers.get("content-length", "")
    limit = f"the page is larger than {max_bytes // (1024 * 1024)} MB"
    if declared.isdigit() and int(declared) > max_bytes:
        raise ImportFailed(limit)
    chunks = []
    size = 0
    # iter_bytes decompresses: a gzip bomb is counted by what it inflates to.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise ImportFailed(limit)
        if time.monotonic() > deadline:
            raise ImportFailed("the page took too long to arrive")
        if cancelled is not None and cancelled():
            raise ImportFailed("cancelled")
        chunks.append(chunk)
    return b"".join(chunks)
