"""Authors of web pages: metadata first, then the visible byline, cleaned for display."""

from __future__ import annotations

import lxml.html
import pytest

from reader.importers.html import parse_html
from reader.importers.html_byline import clean_byline, find_byline

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the report says what the council decided about the new bridge, "
    "the schools and the budget for the coming year, in some detail.</p>"
    for i in range(4)
)


def tree(body: str):
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("By Nelson D. Schwartz", "Nelson D. Schwartz"),
        ("  Par\n  Sébastien Farcis ", "Sébastien Farcis"),
        ("Written by Rob Ewaschuk", "Rob Ewaschuk"),
        ("By GILLIAN MOHNEY\n    March 11, 2015 3:46 PM", "GILLIAN MOHNEY"),
        ("Jane Roe, Updated 3 hours ago", "Jane Roe"),
        ("James Akinaka • 8h", "James Akinaka"),
        ("Anna Lee | 2015-03-11", "Anna Lee"),
        ("Bypass Authors", "Bypass Authors"),  # "By" only as a word of its own
        ("Username", None),
        ("", None),
    ],
)
def test_clean_byline(raw, clean):
    assert clean_byline(raw) == clean


def test_first_byline_element_in_document_order():
    page = tree(
        '<div class="sidebar"><span class="byline">By Sidebar Person</span></div>'
        '<nav role="navigation"><a rel="author">Nav Person</a></nav>'
        '<article><p class="byline">By <a href="/w/jr">Joanna Rothkopf</a></p>'
        '<span class="author">Second Writer</span></article>'
    )
    assert find_byline(page) == "Joanna Rothkopf"


def test_byline_itemprop_name_and_rel_author():
    page = tree(
        '<div itemprop="author" itemscope><span>Staff</span> <span itemprop="name">'
        "Erin Cunningham</span></div>"
    )
    assert find_byline(page) == "Erin Cunningham"
    assert find_byline(tree('<p>x</p><a rel="author" href="/a">By Dan Goodin</a>')) == "Dan Goodin"


def test_long_author_block_is_not_a_byline():
    bio = "<div class='author-bio'>" + "A long biography of the writer. " * 5 + "</div>"
    assert find_byline(tree(bio + '<span class="byline">By Ann Short</span>')) == "Ann Short"
    assert find_byline(tree(PARAGRAPHS)) is None


def page(head: str, body: str) -> str:
    return (
        f"<html><head><title>Council decides</title>{head}</head>"
        f"<body><article>{body}{PARAGRAPHS}</article></body></html>"
    )


def test_visible_byline_keeps_the_page_punctuation():
    article = parse_html(page("", '<p class="byline">By Nelson D. Schwartz</p>'))
    assert article.author == "Nelson D. Schwartz"


def test_metadata_author_wins_over_visible_byline():
    html = page('<meta name="author" content="Meta Writer">', '<p class="byline">By Other</p>')
    assert parse_html(html).author == "Meta Writer"


def test_every_meta_author_is_kept_property_first():
    html = page(
        '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" '
        'content="Jong, Michiel de">',
        "",
    )
    assert parse_html(html).author == "Kooman, F.; Jong, Michiel de"
    html = page(
        '<meta name="DC.creator" content="Name Author"><meta property="dc:creator" '
        'content="Property Author"><meta property="dc:creator" content="Second Author">',
        "",
    )
    assert parse_html(html).author == "Property Author, Second Author"


def test_hidden_byline_is_not_used():
    html = page("", '<p class="byline" hidden>By Hidden Person</p><p class="byline">By Shown</p>')
    assert parse_html(html).author == "Shown"
