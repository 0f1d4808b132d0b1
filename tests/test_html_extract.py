"""Combining the extractors: blocks located in the page, title headings, Markdown details."""

from __future__ import annotations

from reader.importers.html_extract import (
    drop_title_headings,
    merge_markdown,
    page_words,
    readability_html,
    to_markdown,
)

P1 = "The council met on Tuesday and agreed on most points raised by residents in spring."
P2 = "Several questions remain open, among them the share of money that goes to schools."
CAPTION = "A photograph shows the old bridge over the river, seen from the northern bank at dusk."
CLOSING = "Work on the new bridge should begin next year if the regional government approves it."
TEASER = "Read our other stories about local politics, transport and weather in this edition."
RELATED = "Opinion: why the city needs a second bridge, and why it should not be built downtown."
PAGE = (
    f"<html><body><div class='promo'><p>{TEASER}</p></div>"
    f"<article><p>{CAPTION}</p><p>12.03.2021</p>"
    f"<div class='text'><p>{P1}</p><p>{P2}</p></div><p>{CLOSING}</p></article>"
    f"<div class='more'><p>{RELATED}</p></div></body></html>"
)
PRIMARY = f"{P1}\n\n{P2}\n"
SECONDARY = f"{TEASER}\n\n{CAPTION}\n\n12.03.2021\n\n{P1}\n\n{P2}\n\n{CLOSING}\n\n{RELATED}\n"


def test_edge_blocks_taken_only_inside_the_article():
    merged = merge_markdown(PRIMARY, SECONDARY, page_words(PAGE))
    # Caption and closing paragraph sit in the <article> that holds primary's blocks;
    # the teaser and related link do not, and the short date line is not article text.
    assert merged == f"{CAPTION}\n\n{P1}\n\n{P2}\n\n{CLOSING}\n"


def test_without_the_page_edges_are_left_out():
    assert merge_markdown(PRIMARY, SECONDARY) == PRIMARY


def test_repeated_edge_block_is_not_taken_twice():
    secondary = f"{P1}\n\n{P1}\n\n{P2}\n"
    assert merge_markdown(PRIMARY, secondary, page_words(PAGE)) == PRIMARY


def test_page_words_locate_and_container():
    words = page_words(PAGE)
    first = words.locate(["the", "council", "met"])
    second = words.locate(["several", "questions"])
    assert first is not None and second is not None and first[0] < second[0]
    assert words.container([first, second]).get("class") == "text"
    assert words.locate(["not", "in", "page"]) is None


def test_blank_emphasis_keeps_the_space():
    assert to_markdown("<p>means<em> </em>predictable and <i>\n</i>clear</p>") == (
        "means predictable and clear\n"
    )


def test_headings_repeating_the_title_are_dropped():
    markdown = "# Council decides on bridge\n\nBody text.\n\n## Budget\n\nMore text.\n"
    assert drop_title_headings(markdown, "Council decides on bridge | The Paper") == (
        "Body text.\n\n## Budget\n\nMore text.\n"
    )
    # A level-3 heading, or one that only shares a word, stays.
    kept = "### Council decides on bridge\n\n## Council budget details explained\n\nText.\n"
    assert drop_title_headings(kept, "Council decides on bridge") == kept
    assert drop_title_headings(markdown, None) == markdown


def test_short_title_ties_are_broken_the_same_way():
    html = (
        "<html><head><title>Evolve: Shared Mutable History — evolve extension for Mercurial"
        "</title></head><body><h1>evolve extension for Mercurial</h1>"
        f"<h2>Evolve: Shared Mutable History</h2><p>{P1}</p><p>{P2}</p></body></html>"
    )
    assert readability_html(html)[1] == "Evolve: Shared Mutable History"
