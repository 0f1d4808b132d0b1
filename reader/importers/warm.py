"""Imported once by the parse workers' fork server: loads what every worker would
otherwise load for itself on its first file (py3langid's model, dateparser's parsers
for the commonest date lines), so that each worker forked from the server starts warm.

Nothing is parsed until the server has loaded them, so it loads only what nearly
every file needs: the HTML extractors (0.27 s) and dateparser's guess at a date in
any language (0.4 s) load in each worker on its first page or unhinted date. That
costs a little CPU more where a batch has pages and starts the parsing 0.4 s sooner
(4.3 s against 4.5-4.9 s for bench.py's 5,000 files).

Importing it never raises: a failed warm-up only leaves the loading to the workers."""

from __future__ import annotations

import contextlib

_PRESS = (
    "Minister meets partners on trade\n\n"
    "February 27, 2025\n\n"
    "JAKARTA (Wire) - The minister said the talks on trade and energy would go on "
    "next week, after the partners met in the capital to agree on the next steps.\n"
)
_DATES = ("27 February 2025", "27 Februari 2025", "27 février 2025", "27. Februar 2025")


def warm() -> None:
    from reader.importers.press import parse_press

    with contextlib.suppress(Exception):
        parse_press(_PRESS)
    from reader.importers.meta import parse_date

    for value, language in zip(_DATES, ("en", "id", "fr", "de"), strict=True):
        with contextlib.suppress(Exception):
            parse_date(value, [language])


with contextlib.suppress(Exception):
    warm()
