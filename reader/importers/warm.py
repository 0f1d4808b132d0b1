"""Imported once by the parse workers' fork server: loads what every worker would
otherwise load for itself on its first file (py3langid's model, dateparser's data,
the HTML extractors), so that each worker forked from the server starts warm.

Importing it never raises: a failed warm-up only leaves the loading to the workers."""

from __future__ import annotations

import contextlib

_PRESS = (
    "Minister meets partners on trade\n\n"
    "February 27, 2025\n\n"
    "JAKARTA (Wire) - The minister said the talks on trade and energy would go on "
    "next week, after the partners met in the capital to agree on the next steps.\n"
)
_HTML = (
    "<html><head><title>Minister meets partners</title></head><body><article>"
    "<h1>Minister meets partners</h1><p>The minister said the talks on trade and "
    "energy would go on next week, after the partners met in the capital.</p>"
    "</article></body></html>"
)

_DATES = ("27 February 2025", "27 Februari 2025", "27 février 2025", "27. Februar 2025")


def warm() -> None:
    from reader.importers.html import parse_html_bytes
    from reader.importers.press import parse_press

    with contextlib.suppress(Exception):
        parse_press(_PRESS)
    with contextlib.suppress(Exception):
        parse_html_bytes(_HTML.encode())
    from reader.importers.meta import parse_date

    # dateparser loads its data on its first date without a language hint
    for value in _DATES:
        with contextlib.suppress(Exception):
            parse_date(value)


with contextlib.suppress(Exception):
    warm()
