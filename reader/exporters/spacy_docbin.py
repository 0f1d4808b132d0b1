"""NER training data as a spaCy `DocBin` (`.spacy`), for `spacy train`.

Needs the optional extra `reader[spacy]`. Each article is one `Doc` whose text is the
article's text exactly (the gaps between tokens become spaces or whitespace tokens),
with the tokens and sentences of `reader.text.train_tokens` and the entity spans
that align to them (the same as the CoNLL export; the rest are counted out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reader.errors import ExportFailed
from reader.exporters.conll import Tagged, TrainingReport, tag_article
from reader.text.train_tokens import sentences


def _doc(vocab: Any, tagged: Tagged) -> Any:
    from spacy.tokens import Doc, Span

    text, spans = tagged.text, tagged.spans
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []
    index: dict[int, int] = {}  # token -> word index
    opens = {sentence[0] for sentence in sentences(text, spans)}
    if spans and spans[0][0] > 0:
        words.append(text[: spans[0][0]])
        spaces.append(False)
        starts.append(None)
    for i, (s, e) in enumerate(spans):
        index[i] = len(words)
        words.append(text[s:e])
        starts.append(i in opens)
        gap = text[e : spans[i + 1][0] if i + 1 < len(spans) else len(text)]
        spaces.append(gap.startswith(" "))
        rest = gap[1:] if gap.startswith(" ") else gap
        if rest:  # other whitespace: a token of its own, as spaCy's tokenizer makes it
            words.append(rest)
            spaces.append(False)
            starts.append(False)
    if not words:
        return Doc(vocab, words=[], spaces=[])
    starts[0] = True
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    doc.ents = [Span(doc, index[a], index[b - 1] + 1, label=lb) for a, b, lb in tagged.ents]
    return doc


def write_docbin(
    articles: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]],
    tick: Callable[[int], None] | None = None,
) -> tuple[bytes, TrainingReport]:
    """The serialised DocBin of every article, and what was left out."""
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError as e:
        raise ExportFailed("the spacy format needs spaCy: pip install 'reader[spacy]'") from e
    vocab = spacy.blank("xx").vocab
    report = TrainingReport()
    docs = DocBin(
        attrs=["ORTH", "SPACY", "SENT_START", "ENT_IOB", "ENT_TYPE"], store_user_data=True
    )
    for article, marks in articles:
        tagged = tag_article(article["text"], [m for m in marks if m["kind"] == "entity"], report)
        doc = _doc(vocab, tagged)
        doc.user_data["article_id"] = article["id"]
        docs.add(doc)
        report.articles += 1
        if tick:
            tick(report.articles)
    return docs.to_bytes(), report
