"""Safe handling of untrusted HTML: decoding, size and nesting limits, sanitising.

Nothing in a page is run or fetched: lxml parses with network access off,
and the sanitiser (lxml_html_clean) drops scripts, styles, frames, forms,
embedded objects, event-handler attributes and images before any extractor
sees the page.
"""

from __future__ import annotations

import codecs
import re

from reader.errors import ImportFailed
from reader.importers.decode import Decoded, decode
from reader.importers.limits import check_markup, check_tree
from reader.importers.sizes import too_large

MAX_HTML_BYTES = 10 * 1024 * 1024  # 10 MB of HTML: a saved article page is far smaller
MAX_DEPTH = 200  # deeper elements are flattened to their text (libxml2 itself stops at 256)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Elements removed with their content: never text a reader wants.
_KILL = {
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "input",
    "button",
    "select",
    "textarea",
    "option",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def check_size(size: int) -> None:
    """Refuse input above the hard cap, with the numbers in the message."""
    if size > MAX_HTML_BYTES:
        raise ImportFailed(f"page too large ({too_large(size, MAX_HTML_BYTES, ' of HTML')})")


def declared_charset(data: bytes) -> str | None:
    """The codec named by a `<meta charset>` or `http-equiv` declaration, if Python knows it."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(data: bytes) -> str:
    """Decode a saved page (see `decode_page`)."""
    return decode_page(data).text


def decode_page(data: bytes) -> Decoded:
    """Decode a saved page: BOM, then valid UTF-8, then the declared charset, then detection.

    Valid UTF-8 wins over a declaration because pages are often re-saved as
    UTF-8 with their old `charset=iso-8859-1` left in place, while legacy text
    is practically never valid UTF-8.
    """
    check_size(len(data))
    try:
        data.decode("utf-8")
        return decode(data)
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        try:
            text = decode(data.decode(declared).encode("utf-8")).text
            return Decoded(text, declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect instead
    return decode(data)


def parse_tree(html: str):
    """Parse HTML into an lxml tree (no network, bounded depth, size and attributes,
    `limits`); ImportFailed if impossible."""
    import lxml.etree
    import lxml.html

    check_size(len(html.encode("utf-8", errors="replace")))
    # lxml refuses str input that carries an XML encoding declaration.
    html = _XML_DECL.sub("", html)
    if not html.strip():
        raise ImportFailed("empty page")
    check_markup(html)  # libxml2 is quadratic in one element's attributes
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ImportFailed(f"not a readable HTML page ({e})") from e
    check_tree(tree)
    _flatten_deep(tree)
    return tree


def _flatten_deep(tree) -> None:
    """Replace elements nested deeper than MAX_DEPTH by their text (recursive tools need it)."""
    import lxml.etree

    depth = 0
    too_deep = []
    for event, el in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == MAX_DEPTH and len(el):
                too_deep.append(el)
        else:
            depth -= 1
    for el in too_deep:
        text = " ".join(el.itertext())
        for child in list(el):
            el.remove(child)
        el.text = text


def _drop_hidden(tree) -> None:
    """Remove what a browser would not show (hidden, aria-hidden, display:none)."""
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        style = el.get("style") or ""
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(style)
        ) and el.tag not in ("html", "body"):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def sanitize(tree):
    """A sanitised copy of a parsed page: only text structure (no script, style, form, ...)."""
    import copy

    from lxml.html import defs
    from lxml_html_clean import Cleaner

    cleaned = copy.deepcopy(tree)
    _drop_hidden(cleaned)
    cleaner = Cleaner(
        scripts=True,
        javascript=True,  # also removes on* event-handler attributes and javascript: links
        comments=True,
        style=True,
        inline_style=True,
        links=True,
        meta=True,
        page_structure=False,
        processing_instructions=True,
        embedded=True,
        frames=True,
        forms=True,
        annoying_tags=True,
        remove_unknown_tags=False,
        safe_attrs_only=True,
        # Microdata and roles help the extractors find the article; none of them runs anything.
        safe_attrs=defs.safe_attrs | {"itemprop", "itemscope", "itemtype", "datetime", "role"},
        add_nofollow=False,
        kill_tags=_KILL,
    )
    return cleaner.clean_html(cleaned)
