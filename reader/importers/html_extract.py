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
import functools
import re
from collections.abc import Sequence

from reader.importers.html_align import PageWords
from reader.text.canonical import markdown_to_canonical

_WORD = re.compile(r"\w+")
_BLANK_INLINE = re.compile(r"<(em|i|b|strong|u|s|mark|small|span)\b[^>]*>\s+</\1>", re.I)
_EDGE_MIN_CHARS = 80  # as readability-lxml asks of a paragraph beside the article
_TITLE_SIMILAR = 0.75
_FRAGMENT = 2  # readability kept under half of what trafilatura kept
_SEMANTIC = ("article",)
_EDGE_BLOCK_MAX_SEEN = 0.9  # a block inside the article's container: only repeats are left out
_NEW_BLOCK_MAX_SEEN = 0.5  # a trafilatura block is new when under half its bigrams are in ours


@functools.cache
def _converter() -> type:
    """markdownify with definition lists as blocks of their own: the term a bold paragraph,
    each definition a paragraph. (Its own pandoc form, "Term\\n:   definition", is no
    CommonMark: the canonical text would run term, colon and definition together.)"""
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        def convert_dt(self, el, text, parent_tags):  # noqa: ANN001, ANN202 - markdownify's
            text = " ".join((text or "").split())
            if "_inline" in parent_tags:
                return f" {text} "
            if not text:
                return ""
            bold = text if text.startswith(("**", "__")) else f"**{text}**"
            return f"\n\n{bold}\n\n"

        def convert_dd(self, el, text, parent_tags):  # noqa: ANN001, ANN202
            text = (text or "").strip()
            if "_inline" in parent_tags:
                return f" {text} "
            return f"\n\n{text}\n\n" if text else ""

    return Converter


def to_markdown(html: str) -> str:
    """Extracted article HTML → Markdown (images dropped: never fetched, not in the text)."""
    # markdownify drops an emphasis that holds only a space, and the words either side
    # would run together ("means<em> </em>predictable"): keep the space itself.
    html = _BLANK_INLINE.sub(" ", html)
    markdown = _converter()(
        heading_style="ATX",
        bullets="-",
        strip=["img", "picture", "svg", "video", "audio"],
        escape_underscores=True,
        escape_asterisks=True,
    ).convert(html)
    # markdownify leaves runs of blank lines and trailing spaces: tidy, never reflow.
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip() + "\n"


def readability_html(html: str) -> tuple[str, str]:
    """readability-lxml on a sanitised page: (article HTML, its own title guess)."""
    from readability import Document

    doc = Document(html)
    try:
        title = _steady_short_title(doc)
        return doc.summary(html_partial=True), title
    except Exception:  # readability raises its own Unparseable and assorted errors
        return "", ""


def _steady_short_title(doc) -> str:
    """readability's short title, with ties broken the same way on every run.

    readability-lxml keeps the longest heading found inside `<title>`, taken
    from a set: between two of equal length the pick changed from run to run
    (string hashing). Among those, the one that comes first in `<title>` wins.
    """
    from readability.htmls import TITLE_CSS_HEURISTICS, add_match, norm_title

    title = doc.short_title()
    element = doc.html.find(".//title") if doc.html is not None else None
    if element is None or not element.text:
        return title
    orig = norm_title(element.text)
    found: set[str] = set()
    elements = [*doc.html.iterfind(".//h1"), *doc.html.iterfind(".//h2")]
    elements += [*doc.html.iterfind(".//h3")]
    for selector in TITLE_CSS_HEURISTICS:
        elements += doc.html.cssselect(selector)
    for el in elements:
        for text in (el.text, el.text_content()):
            if text:
                add_match(found, text, orig)
    ties = [c for c in found if len(c) == len(title)]
    if title in ties and len(ties) > 1:
        return min(ties, key=lambda c: (orig.find(c.replace('"', "")), c))
    return title


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


@functools.lru_cache(maxsize=4096)
def block_text(markdown_block: str) -> str:
    """A block's canonical text. Judging a page asks for each block's text five or six
    times over (readability's blocks, trafilatura's, the merge, the furniture test):
    6,072 Markdown parses for the 100 pages of bench.py's import, 1,062 different."""
    return markdown_to_canonical(markdown_block).text


@functools.lru_cache(maxsize=4096)
def _tokens(markdown_block: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(block_text(markdown_block).casefold()))


def _blocks(markdown: str) -> list[str]:
    return [b for b in markdown.strip().split("\n\n") if b.strip()]


def _ngrams(tokens: Sequence[str]) -> set:
    """Word pairs (single words for a one-word block): what makes a block's wording its own."""
    if len(tokens) < 2:
        return set(tokens)
    return set(zip(tokens, tokens[1:], strict=False))


def _container_edges(ours, theirs, page, first_shared, last_shared):
    """Indices of secondary's blocks before/after the shared part that lie in primary's container.

    The container is the deepest element of the page holding every block of
    primary's that can be found in it: its figure captions, standfirst or last
    paragraph belong to the article even where primary's scoring left them out.
    """
    spans, at = [], 0
    for block in ours:
        span = page.locate(_tokens(block), at) or page.locate(_tokens(block))
        if span:
            spans.append(span)
            at = span[1]
    container = page.container(spans)
    if container is not None:
        # An enclosing <article> is the article, captions and standfirst included.
        container = next((a for a in container.iterancestors() if a.tag in _SEMANTIC), container)
    if container is None or container.tag in ("html", "body"):
        return set()
    edges = set()
    for index in [*range(first_shared), *range(last_shared + 1, len(theirs))]:
        span = page.locate(_tokens(theirs[index]))
        # Short lines at the edges are dates, bylines and share buttons, not the article.
        long = len(block_text(theirs[index]).strip()) >= _EDGE_MIN_CHARS
        if long and span and page.inside(span, container):
            edges.add(index)
    return edges


def merge_markdown(primary: str, secondary: str, page: PageWords | None = None) -> str:
    """Primary's blocks, plus secondary's new blocks that fall inside the shared part.

    With the `page`, secondary's new blocks before or after the shared part
    are taken too when they sit in the element that holds primary's blocks.
    """
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
        seen |= _ngrams(key.split()) | set(key.split())
    edges = (
        _container_edges(ours, theirs, page, matches[0].b, matches[-1].b + matches[-1].size - 1)
        if page is not None
        else set()
    )

    def is_new(tokens: Sequence[str]) -> bool:
        grams = _ngrams(tokens)
        return bool(grams) and len(grams & seen) / len(grams) < _EDGE_BLOCK_MAX_SEEN

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
                    seen |= grams | set(tokens)
    lead, tail = [], []
    for j in sorted(edges):
        if is_new(their_tokens[j]):
            (lead if j < matches[0].b else tail).append(theirs[j])
            seen.update(_ngrams(their_tokens[j]), their_tokens[j])
    return "\n\n".join(lead + out + tail) + "\n"


def extract_markdown(clean_html: str) -> tuple[str, str]:
    """The article body of a sanitised page as Markdown, and readability's title guess."""
    r_html, r_title = readability_html(clean_html)
    primary = to_markdown(r_html) if r_html.strip() else ""
    secondary_html = trafilatura_html(clean_html)
    secondary = to_markdown(secondary_html) if secondary_html.strip() else ""
    page = page_words(clean_html)
    primary_words = len(_WORD.findall(markdown_to_canonical(primary).text))
    secondary_words = len(_WORD.findall(markdown_to_canonical(secondary).text))
    if not primary_words or secondary_words >= _FRAGMENT * primary_words:
        # readability settled on a fragment (a page of many short items), or trafilatura
        # kept a video page's menus, teasers and comments: trafilatura's blocks are the
        # spine, and each one it has beyond readability's is judged for what it is.
        return judged_markdown(primary, secondary, page), r_title
    merged = merge_markdown(primary, secondary, page)
    return judged_markdown(primary, merged, page), r_title


def judged_markdown(primary: str, secondary: str, page: PageWords | None) -> str:
    """Secondary's blocks in order, without those that are page furniture."""
    from reader.importers.html_boilerplate import Judge

    theirs = _blocks(secondary)
    if page is None or not theirs:
        return secondary or primary
    ours = _blocks(primary)
    our_keys = {" ".join(_tokens(b)) for b in ours}
    judge = Judge(page, _container(ours, page))
    kept = []
    for block in theirs:
        tokens = _tokens(block)
        if not judge.furniture(block, tokens, new=" ".join(tokens) not in our_keys):
            kept.append(block)
    return "\n\n".join(kept) + "\n" if kept else primary


def _container(ours: list[str], page: PageWords):
    spans, at = [], 0
    for block in ours:
        span = page.locate(_tokens(block), at) or page.locate(_tokens(block))
        if span:
            spans.append(span)
            at = span[1]
    return page.container(spans)


def drop_title_headings(markdown: str, title: str | None) -> str:
    """Remove level-1/2 headings that repeat the title: it is shown apart from the body.

    The test is Firefox's reader view's: over three quarters of the heading's
    text is made of words of the title.
    """
    if not title:
        return markdown
    title_words = set(_WORD.findall(title.casefold()))
    kept = []
    for block in _blocks(markdown):
        if re.match(r"#{1,2} ", block) and "\n" not in block:
            words = _tokens(block)
            unique = [w for w in words if w not in title_words]
            if words and 1 - len(" ".join(unique)) / len(" ".join(words)) > _TITLE_SIMILAR:
                continue
        kept.append(block)
    return "\n\n".join(kept) + "\n" if kept else markdown


def page_words(clean_html: str) -> PageWords | None:
    """The sanitised page's words located in its DOM (None if it does not parse)."""
    import lxml.html

    try:
        return PageWords(lxml.html.document_fromstring(clean_html))
    except (ValueError, lxml.etree.ParserError):
        return None
