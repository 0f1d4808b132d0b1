"""Times as Reader writes them: UTC, ISO 8601, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def normalise_published(value: str | None) -> str | None:
    """The one stored form of a publication date: `2021-11-01T09:52:50Z` (UTC, to the
    second) when a time is known, else `2025-02-27`.

    A time without an offset is taken as UTC. A value that is no ISO 8601 date is
    kept as it is (never lost); empty becomes None. So `published[:10]` is always
    the (UTC) date, and one column of a table parses with one format.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return value
    if len(text) <= 10 or ("T" not in text and " " not in text and ":" not in text):
        return parsed.date().isoformat()
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def list_date(published: str | None) -> str | None:
    """A stored publication date as the list shows it: always `YYYY-MM-DD` (the UTC date).

    A stored value that is no ISO 8601 date (kept as imported) is shown as it is.
    """
    if not published:
        return None
    try:
        datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return published
    return published[:10]
