"""Definition lists (`<dl>`) import with their terms, each term and definition a block."""

from __future__ import annotations

from reader.text.blocks import Span

BODY = "".join(
    f"<p>Paragraph {i} of the long article on the talks between ministers, with words.</p>"
    for i in range(5)
)
DL = (
    "<dl><dt>Sanctions</dt><dd>Measures taken against a state by other states.</dd>"
    "<dt>Embargo</dt><dt><b>Ban</b></dt>"
    "<dd><p>A stop on trade.</p><p>For a time agreed by the ministers.</p></dd></dl>"
)


def test_terms_and_definitions_are_blocks(lib):
    article = f"<article><h1>Talks</h1>{BODY}{DL}{BODY}</article>"
    page = f"<html><head><title>Talks</title></head><body>{article}</body></html>"
    article_id = lib.import_html(page).article_id
    text = lib.article(article_id).text
    tail = text.split("\n\n")[5:11]
    assert tail == [
        "Sanctions",
        "Measures taken against a state by other states.",
        "Embargo",
        "Ban",
        "A stop on trade.",
        "For a time agreed by the ministers.",
    ]
    blocks = lib.blocks(article_id)[5:11]
    assert [b.kind for b in blocks] == ["paragraph"] * 6
    start = text.index("Sanctions")
    assert blocks[0].spans == (Span("strong", start, start + len("Sanctions")),)
    assert ":" not in text
    assert "**Ban**\n\nA stop on trade." in lib.article(article_id).markdown
