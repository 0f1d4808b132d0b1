from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.blocks import blocks_from_json, blocks_to_json, is_rtl
from reader.text.canonical import (
    escape_markdown,
    markdown_to_canonical,
    normalize_paragraph,
    paragraphs_to_markdown,
)

MD = (
    "# Title *x*\n\nPara **bold** [link](http://x)\nsoft\n\n> quoted\n> more\n\n"
    "- a\n- b\n  1. c\n\n| h1 | h2 |\n|---|---|\n| a | b |\n\n```\ncode\n```\n\nمرحبا بالعالم\n"
)


def test_blocks_and_separators():
    c = markdown_to_canonical(MD)
    assert c.text == (
        "Title x\n\nPara bold link soft\n\nquoted more\n\na\nb\nc\n\nh1\th2\na\tb\n\ncode"
        "\n\nمرحبا بالعالم"
    )
    got = [(b.kind, c.text[b.start : b.end]) for b in c.blocks]
    assert got == [
        ("heading", "Title x"),
        ("paragraph", "Para bold link soft"),
        ("quote", "quoted more"),
        ("list_item", "a"),
        ("list_item", "b"),
        ("list_item", "c"),
        ("table_row", "h1\th2"),
        ("table_row", "a\tb"),
        ("code", "code"),
        ("paragraph", "مرحبا بالعالم"),
    ]
    heading, para = c.blocks[0], c.blocks[1]
    assert heading.level == 1
    assert [(s.kind, c.text[s.start : s.end]) for s in heading.spans] == [("em", "x")]
    assert [(s.kind, c.text[s.start : s.end], s.href) for s in para.spans] == [
        ("strong", "bold", None),
        ("link", "link", "http://x"),
    ]
    nested = c.blocks[5]
    assert (nested.list_depth, nested.ordered, nested.number) == (2, True, 1)
    assert c.blocks[-1].rtl and not c.blocks[0].rtl
    assert blocks_from_json(blocks_to_json(c.blocks)) == c.blocks


def test_images_dropped_and_html_not_interpreted():
    c = markdown_to_canonical("Look ![a cat](http://x/cat.png) here <script>x</script>\n")
    assert c.text == "Look  here <script>x</script>"


def test_rtl_detection():
    assert is_rtl("  «שלום»") and is_rtl("123 مرحبا")
    assert not is_rtl("Hello مرحبا") and not is_rtl("123")


def test_escape_keeps_special_lines_as_text():
    paras = ["2025. A year", "- not a list", "# not a heading", "> nor a quote", "a *b* _c_ `d`"]
    c = markdown_to_canonical(paragraphs_to_markdown(paras))
    assert c.text.split("\n\n") == paras
    assert all(b.kind == "paragraph" for b in c.blocks)


# Any printable text, markup characters weighted in.
_chars = st.one_of(
    st.sampled_from(string.punctuation + " \t#>-+*_`[]()!&<>|\\0123456789.~"),
    st.characters(blacklist_categories=("Cs", "Cc")),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(_chars, min_size=1, max_size=40), min_size=1, max_size=5))
def test_plain_paragraphs_round_trip_exactly(paras):
    expected = [p for p in (normalize_paragraph(x) for x in paras) if p]
    c = markdown_to_canonical(paragraphs_to_markdown(paras))
    assert [c.text[b.start : b.end] for b in c.blocks] == expected
    assert c.text == "\n\n".join(expected)


@settings(max_examples=200, deadline=None)
@given(st.text(_chars, max_size=200))
def test_any_markdown_gives_consistent_blocks(md):
    c = markdown_to_canonical(md)
    last = 0
    for b in c.blocks:
        assert last <= b.start < b.end <= len(c.text)
        assert c.text[b.start : b.end] == c.text[b.start : b.end].strip()
        for s in b.spans:
            assert b.start <= s.start < s.end <= b.end
        last = b.end


def test_escape_is_idempotent_on_plain_words():
    assert escape_markdown("Sergey Lavrov") == "Sergey Lavrov"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_chars, min_size=1, max_size=40), max_size=6))
def test_direct_paragraph_path_equals_the_markdown_path(paras):
    from reader.text.canonical import paragraphs_canonical

    kept = [p for p in paras if normalize_paragraph(p)]
    assert paragraphs_canonical(kept) == markdown_to_canonical(paragraphs_to_markdown(kept))


_SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_SPACES + "ab発表。 \u00e9e\u0301")), max_size=40))
def test_paragraph_whitespace_is_collapsed_as_the_regex_does(text):
    """The fast path (no line break) gives what the regex gives: every run of Unicode
    whitespace one space, none at the ends, NFC."""
    import re
    import unicodedata

    from reader.text.canonical import normalize_paragraph

    nfc = unicodedata.normalize("NFC", text).strip()
    if "\n" in nfc or "\r" in nfc:
        return  # the line-break path has its own tests (test_cjk_breaks.py)
    assert normalize_paragraph(text) == re.sub(r"\s+", " ", nfc)
