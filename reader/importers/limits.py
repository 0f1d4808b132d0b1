"""Bounds on what one imported file may ask of the parsers, so every import step stays quick.

libxml2 checks each new attribute against the element's others (quadratic: 200,000
attributes on one element take minutes), and extraction and canonical text cost about a
millisecond per paragraph. These limits sit far above any real article (the test pages'
maxima: 70 attributes on an element, 10,000 elements, 2,500 blocks) and are checked with
one linear scan before the costly step; the message names the limit.
"""

from __future__ import annotations

import re

from reader.errors import ImportFailed

MAX_ATTRIBUTES = 1_000  # on one HTML element
MAX_ELEMENTS = 50_000  # in one HTML page
MAX_BLOCKS = 10_000  # paragraphs, headings, list items, table rows… in one article

# A start tag with its attributes (names, `=`, quoted or bare values). Possessive
# quantifiers: the scan never backtracks, so it is linear in the page's length.
_VALUE = r"""(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
_NAME = r"""<([A-Za-z][^\s/>]*+)"""
_START_TAG = re.compile(_NAME + r"""(?:[\s/"'=]++|[^\s/>"'=]++""" + _VALUE + ")*+")
_ATTRIBUTE = re.compile(r"""[\s/"'=]++[^\s/>"'=]++""" + _VALUE)
# Where libxml2 reads text, not tags: comments, and the content of these elements up to
# their end tag. Ending a skip too early only counts more; it never lets a tag through.
_TOKEN = re.compile("<!--|" + _START_TAG.pattern)
_COMMENT_END = re.compile(r"--!?>")
_RAW_TEXT = {
    name: re.compile(f"</{name}", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title")
}
# Elements an extractor or the Markdown converter turns into a block of their own.
_BLOCKS = "p li h1 h2 h3 h4 h5 h6 blockquote pre tr dd dt div section article aside figure"
BLOCK_TAGS = frozenset((*_BLOCKS.split(), "figcaption", "table", "ul", "ol", "dl"))
_BLANK_LINE = re.compile(r"\n[ \t]*+\n")
_MARKDOWN_BLOCK_LINE = re.compile(r"^[ \t]{0,3}+(?:[-*+>#|]|\d{1,9}[.)])", re.MULTILINE)


def check_markup(html: str) -> None:
    """Refuse a page with an element of more than MAX_ATTRIBUTES attributes (before parsing).

    A quick pass finds start tags long enough to hold that many; only then a careful one
    counts them, skipping comments and script, style, textarea and title text as libxml2
    does (a `<p` in a script is no element).
    """
    # Each attribute takes at least two characters: shorter tags cannot be over the limit.
    if not any(m.end() - m.start() > 2 * MAX_ATTRIBUTES for m in _START_TAG.finditer(html)):
        return
    pos = 0
    while m := _TOKEN.search(html, pos):
        if m.group() == "<!--":
            end = _COMMENT_END.search(html, m.start() + 2)  # `<!-->` is a whole comment
            if end is None:
                return
            pos = end.end()
            continue
        if m.end() - m.start() > 2 * MAX_ATTRIBUTES:
            count = sum(1 for _ in _ATTRIBUTE.finditer(m.group()))
            if count > MAX_ATTRIBUTES:
                raise ImportFailed(
                    f"an element has {count:,} attributes (the limit is "
                    f"{MAX_ATTRIBUTES:,} attributes on one element)"
                )
        raw = _RAW_TEXT.get(m.group(1).lower())
        if raw is None:
            pos = m.end()
        elif (end := raw.search(html, m.end())) is None:
            return
        else:
            pos = end.start()


def check_tree(tree) -> None:
    """Refuse a parsed page of more than MAX_ELEMENTS elements or MAX_BLOCKS blocks."""
    elements = blocks = 0
    for el in tree.iter():
        elements += 1
        if el.tag in BLOCK_TAGS:
            blocks += 1
    if elements > MAX_ELEMENTS:
        raise ImportFailed(
            f"page too complex ({elements:,} elements; the limit is {MAX_ELEMENTS:,})"
        )
    _check_blocks(blocks)


def check_text_blocks(text: str, markdown: bool = False) -> None:
    """Refuse plain text or Markdown of more than MAX_BLOCKS paragraphs (or block lines)."""
    blocks = sum(1 for _ in _BLANK_LINE.finditer(text)) + 1
    if markdown:
        blocks += sum(1 for _ in _MARKDOWN_BLOCK_LINE.finditer(text))
    _check_blocks(blocks)


def _check_blocks(blocks: int) -> None:
    if blocks > MAX_BLOCKS:
        raise ImportFailed(
            f"too many paragraphs ({blocks:,} blocks; the limit is {MAX_BLOCKS:,} in one article)"
        )
