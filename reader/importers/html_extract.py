"""Main-content extraction: readability-lxml and trafilatura combined, then Markdown.

Measured on the mozilla/readability test pages (scripts/eval_extraction.py),
readability-lxml keeps the article body more faithfully, while trafilatura
more often keeps paragraphs that readability leaves out in the middle of an
article (a list of materials, a second section). So readability's blocks are
the spine, and a block of trafilatura's is added only where it falls between
two blocks both extractors kept and its words are new. Trafilatura's extra
blocks before or after the shared part (teasers, related links) are not taken.
"""

from __future__ import annotations

import difflib
import re

from reader.text.canonical import markdown_to_canonical

_WORD = re.compile(r"\w+")
_NEW_BLOCK_MAX_SEEN = 0.5  # a trafilatura block is new when under half its bigrams are in ours


def to_markdown(html: str) -> str:
    """Extracted article HTML → Markdown (images dropped: never fetched, not in the text)."""
    from markdownify import markdownify

    markdown = markdownify(
        html,
        heading_style="ATX",
        bullets="-",
        strip=["img", "picture", "svg", "video", "audio"],
        escape_underscores=True,
        escape_asterisks=True,
    )
    # markdownify leaves runs of blank lines and trailing spaces: tidy, never reflow.
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip() + "\n"


def readability_html(html: str) -> tuple[str, str]:
    """readability-lxml on a sanitised page: (article HTML, its own title guess)."""
    from readability import Document

    doc = Document(html)
    try:
        return doc.summary(html_partial=True), doc.short_title()
    except Exception:  # readability raises its own Unparseable and assorted errors
        return "", ""


def trafilatura_html(html: str) -> str:
    """trafilatura on a sanitised page: article HTML (headings, lists, tables, links kept)."""
    import trafilatura

    try:
        out = trafilatura.extract(
            html,
            output_format="html",
            include_tables=True,
            include_links=True,
            include_formatting=True,
            include_comments=False,
            include_images=False,
            favor_recall=True,
            with_metadata=False,
        )
    except Exception:  # trafilatura can fail on odd trees; readability still answers
        return ""
    return out or ""


def _tokens(markdown_block: str) -> list[str]:
    return _WORD.findall(markdown_to_canonical(markdown_block).text.casefold())


def _blocks(markdown: str) -> list[str]:
    return [b for b in markdown.strip().split("\n\n") if b.strip()]


def _ngrams(tokens: list[str]) -> set:
    return set(zip(tokens, tokens[1:], strict=False)) | set(tokens)


def merge_markdown(primary: str, secondary: str) -> str:
    """Primary's blocks, plus secondary's new blocks that fall inside the shared part."""
    ours = _blocks(primary)
    theirs = _blocks(secondary)
    if not ours:
        return secondary
    if not theirs:
        return primary
    our_keys = [" ".join(_tokens(b)) for b in ours]
    their_tokens = [_tokens(b) for b in theirs]
    their_keys = [" ".join(t) for t in their_tokens]
    matcher = difflib.SequenceMatcher(None, our_keys, their_keys, autojunk=False)
    matches = [m for m in matcher.get_matching_blocks() if m.size]
    if not matches:
        return primary
    first_shared = matches[0].b + matches[0].size
    last_shared = matches[-1].b
    seen = set()
    for key in our_keys:
        seen |= _ngrams(key.split())
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(ours[i1:i2])
        if tag in ("insert", "replace") and j1 >= first_shared and j2 <= last_shared:
            if "\n".join(out).count("```") % 2:
                continue  # never split a fenced code block
            for block, tokens in zip(theirs[j1:j2], their_tokens[j1:j2], strict=True):
                grams = _ngrams(tokens)
                if grams and len(grams & seen) / len(grams) < _NEW_BLOCK_MAX_SEEN:
                    out.append(block)
                    seen |= grams
    return "\n\n".join(out) + "\n"


def extract_markdown(clean_html: str) -> tuple[str, str]:
    """The article body of a sanitised page as Markdown, and readability's title guess."""
    r_html, r_title = readability_html(clean_html)
    primary = to_markdown(r_html) if r_html.strip() else ""
    secondary_html = trafilatura_html(clean_html)
    secondary = to_markdown(secondary_html) if secondary_html.strip() else ""
    if not markdown_to_canonical(primary).text.strip():
        return secondary, r_title
    return merge_markdown(primary, secondary), r_title
