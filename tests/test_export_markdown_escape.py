"""Markdown export: what an article or a user wrote renders as that text, nothing more.

Each exported file is rendered with markdown-it-py (CommonMark, raw HTML allowed, as
notes apps do) and every mark's rendered text is compared with its source text.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reader.exporters import md_escape
from reader.exporters.markdown import file_name
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

HOSTILE = [
    "*do it now*",
    "<editor@example.com>",
    "<img src=x onerror=alert(1)>",
    "[click](http://evil.example)",
    "`rm -rf`",
    "__strong__ and ~~gone~~",
    "&amp; &#65; &copy;",
    "| a | b |",
    "ends with a backslash \\",
]
NOTES = [
    "# not a heading",
    "first line\r\nsecond line\rthird line",
    "- not a list\n1. not ordered\n    not code\n===",
    "> not nested\n\n+ plus\nspaces at the end  ",
    "<script>alert(1)</script>",
]
TITLE = "<img src=x onerror=alert(1)> *Breaking*: [news](x)"


@pytest.fixture
def exported(tmp_path):
    with Library(tmp_path / "lib.db") as lib:
        parsed = ParsedArticle(title=TITLE, markdown=paragraphs_to_markdown(HOSTILE))
        _, aid = lib.add_article(parsed)
        text = lib.article(aid).text
        entity = lib.create_entity("*Evil* <Corp> & [Co]", "ORG")
        speaker = lib.create_entity("_Jane_ `Doe`", "PERSON")
        sources = []
        for i, value in enumerate(HOSTILE):
            start = text.index(value)
            kind = "quote" if i % 2 else "highlight"
            extra = {"speaker_id": speaker.id, "cue": "*said*"} if i == 1 else {}
            if i == 3:
                extra = {"cue": "said"}  # a cue without a speaker
            note = NOTES[i] if i < len(NOTES) else None
            lib.annotate(aid, kind, start, start + len(value), note=note, **extra)
            sources.append((value, note))
        start = text.index("evil.example")
        lib.annotate(aid, "entity", start, start + 4, label="ORG", entity_id=entity.id)
        folder = tmp_path / "md"
        lib.export_annotations("markdown", folder, Scope())
    (path,) = folder.iterdir()
    return path.read_bytes().decode("utf-8"), sources


def _blocks(doc: str) -> list[tuple[str, str]]:
    """(kind, rendered text) of every top-level block, kind from its opening token."""
    assert doc.startswith("---\n")
    body = doc.split("\n---\n", 1)[1]  # notes apps read the YAML front matter apart
    tokens = MarkdownIt("commonmark").parse(body)
    out, depth, kind, text = [], 0, "", []
    for tok in tokens:
        if depth == 0 and tok.nesting == 1:
            kind, text = tok.type, []
        depth += tok.nesting
        if tok.type == "inline":
            if text:
                text.append("\n")
            for child in tok.children or []:
                assert child.type not in ("html_inline", "link_open", "image", "code_inline"), (
                    child.type,
                    tok.content,
                )
                text.append("\n" if child.type in ("softbreak", "hardbreak") else child.content)
        assert tok.type not in ("html_block", "code_block", "fence"), tok.content
        if (
            depth == 0
            and tok.nesting == -1
            or (depth == 0 and tok.nesting == 0 and tok.type != "inline")
        ):
            out.append((kind or tok.type, "".join(text)))
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_mark_renders_as_its_source_text(exported):
    doc, sources = exported
    assert "\r" not in doc
    blocks = _blocks(doc)
    # A quote's block ends with its attribution line, if any: `— speaker (cue)`.
    quotes = [_flat(t.split("\n— ")[0]) for k, t in blocks if k == "blockquote_open"]
    for value, note in sources:
        assert _flat(value) in quotes, value
        if note:
            assert _flat("Note: " + note.replace("\r", "\n")) in quotes, note
    headings = [t for k, t in blocks if k == "heading_open"]
    assert headings == [TITLE, "Quotes", "Highlights", "Entities"]
    (entities,) = [t for k, t in blocks if k == "bullet_list_open"]
    assert entities == "*Evil* <Corp> & [Co] (ORG) × 1"


def test_multi_line_note_stays_in_its_block_quote(exported):
    doc, _ = exported
    blocks = _blocks(doc)
    note = [t for k, t in blocks if k == "blockquote_open" and t.startswith("Note: - not")]
    assert note == ["Note: - not a list\n1. not ordered\nnot code\n==="]
    assert not [k for k, _ in blocks if k in ("ordered_list_open", "hr")]


def test_attribution(exported):
    doc, _ = exported
    quotes = [t for k, t in _blocks(doc) if k == "blockquote_open"]
    assert "<editor@example.com>\n— _Jane_ `Doe` (*said*)" in quotes
    assert "[click](http://evil.example)\n— no speaker; cue: said" in quotes
    assert not any(q.endswith("\n(said)") or "\n(said)" in q for q in quotes)


def test_escape_helpers():
    assert md_escape.inline("  a\n *b* ") == "a \\*b\\*"
    assert md_escape.block_quote("x\n\n# y", lead="**N:** ") == "> **N:** x\n>\n> \\# y"
    assert md_escape.autolink("https://example.org/a?b=1") == "<https://example.org/a?b=1>"
    assert md_escape.autolink("javascript:<x>") == "javascript:\\<x\\>"


@pytest.mark.parametrize(
    "title, name",
    [
        ("王毅会见拉夫罗夫", "00007-王毅会见拉夫罗夫.md"),
        ("Combining marks: q̃ and नमस्ते", "00007-combining-marks-q̃-and-नमस्ते.md"),
        ("قال سيرغي لافروف", "00007-قال-سيرغي-لافروف.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "00007-a-b-c-d-e-f-g-h-i-j.md"),
        ("", "00007-article.md"),
        ("💥!!", "00007-article.md"),
    ],
)
def test_file_names_keep_any_script(title, name):
    assert file_name({"id": 7, "title": title}) == name


def test_long_titles_are_cut_at_a_word_within_the_byte_limit():
    name = file_name({"id": 1, "title": "Завтра " * 40})
    assert name.startswith("00001-завтра-завтра") and name.endswith("завтра.md")
    assert len(name.encode()) <= 200


BODY = (
    "Use <img src=x onerror=alert(1)> and <b>bold</b> twice: <b>again</b>.\n\n"
    "<div onclick=x>\nblock\n</div>\n\n> quoted <i>x</i>\r\n\nand *emphasis* stays"
)


def test_the_articles_own_html_stays_text(tmp_path):
    with Library(tmp_path / "lib.db") as lib:
        _, aid = lib.add_article(ParsedArticle(title="Body", markdown=BODY))
        text = lib.article(aid).text
        lib.export_annotations("markdown", tmp_path / "md", Scope())
    doc = next((tmp_path / "md").iterdir()).read_text(encoding="utf-8")
    blocks = _blocks(doc)  # asserts no html_inline, html_block, link, image anywhere
    rendered = [t for k, t in blocks if k != "heading_open"]
    # The rendered body says what the canonical text says, block by block.
    assert [_flat(t) for t in rendered] == [_flat(p) for p in text.split("\n\n")]
    assert "\r" not in doc and "<img" in text
