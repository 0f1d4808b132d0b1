"""The byline a page shows with its article: the visible "By …" element.

Used after JSON-LD and `<meta>` authors (which the page states deliberately)
and before trafilatura's guess, which loses punctuation ("Nelson D Schwartz")
and sometimes picks a name from a teaser. The walk follows Firefox's reader
view (Mozilla Readability): in document order, skipping subtrees that are
navigation, sidebars, comments and the like, the first element marked as
author (`rel=author`, `itemprop~=author`, or a class/id naming a byline) whose
text is short enough to be a name. If it holds an `itemprop=name`, that is it.
"""

from __future__ import annotations

import re

_BYLINE = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|"
    r"footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
    r"skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
    r"yom-remote",
    re.I,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
_UNLIKELY_ROLES = {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog"}
_MAX_CHARS = 100  # longer text is a paragraph, not a byline
# "By", "Par", "Von", "Por", "Written by" before the name: not part of it.
_LEAD = re.compile(r"^(?:(?:written\s+)?by|par|von|por)\s*:?\s+", re.I)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A date after the name ("… March 11, 2015 3:46 PM", "… | 2015-03-11", "…, Updated …").
_TRAIL_DATE = re.compile(
    rf"[\s,|·•–—-]+(?:(?:updated|published|posted)\b.*|(?:{_MONTHS})\.?\s+\d{{1,2}}\b.*|"
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*)$",
    re.I,
)
# A separator then something with a digit: a time stamp ("… • 8h", "… | 3 hours ago").
_TRAIL_STAMP = re.compile(r"\s*[|·•]\s*[^|·•]*\d[^|·•]*$")
_PLACEHOLDERS = {"username", "user", "admin", "administrator", "author", "unknown", "anonymous"}


def clean_byline(text: str | None) -> str | None:
    """A byline as an author name: whitespace collapsed, "By" and a trailing date removed."""
    if not text:
        return None
    text = " ".join(text.split())
    text = _LEAD.sub("", text)
    text = _TRAIL_STAMP.sub("", _TRAIL_DATE.sub("", text)).strip(" ,|·•–—-")
    if not text or text.casefold() in _PLACEHOLDERS:
        return None
    return text


def _match_string(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_byline_element(el) -> bool:
    rel = (el.get("rel") or "").lower().split()
    itemprop = (el.get("itemprop") or "").lower()
    return "author" in rel or "author" in itemprop or bool(_BYLINE.search(_match_string(el)))


def _is_unlikely(el) -> bool:
    if el.tag in ("html", "body", "a"):
        return False
    if el.get("role") in _UNLIKELY_ROLES:
        return True
    match = _match_string(el)
    if not _UNLIKELY.search(match) or _MAYBE.search(match):
        return False
    return not any(a.tag in ("table", "code") for a in el.iterancestors())


def _text(el) -> str:
    return " ".join(el.text_content().split())


def find_byline(tree) -> str | None:
    """The first visible byline element's text in a sanitised page, cleaned, or None."""
    body = tree.find(".//body")
    stack = [body if body is not None else tree]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if _is_byline_element(el):
            text = _text(el)
            if 0 < len(text) < _MAX_CHARS:
                names = [
                    n for n in el.iterdescendants() if "name" in (n.get("itemprop") or "").split()
                ]
                name = _text(names[0]) if names else text
                if found := clean_byline(name or text):
                    return found
                continue  # a placeholder or a bare date: keep looking
        if _is_unlikely(el):
            continue
        stack.extend(reversed(el))
    return None
