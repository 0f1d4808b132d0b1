"""The faster paths of suggesting give exactly what the plain ones gave: the tokenizer's
inline common case, the gazetteer's first-word check, and the features a model has no
weight for left out before tagging (texts written here)."""

from __future__ import annotations

import re

import pytest

from reader.text import ner_features as nf
from reader.text.entities import suggest
from reader.text.ner_model import NerModel, shipped_model
from reader.text.tokens import _ENDING, _TERMINATORS, ABBREVIATIONS, _opens, tokenize

TEXTS = [
    "Foreign Minister Sergey Lavrov said on Wednesday in Doha, Qatar, that the talks in "
    "Istanbul would be “quick and effective,” adding: “We are ready.” Mr. Lavrov’s aide, "
    "Maria Zakharova, told RIA Novosti that George W. Bush and the U.S. had agreed.\n\n"
    "BONN 1996-12-06 — The New York Stock Exchange opened.  Two spaces here (and a "
    "bracket). No. 5 is next; then e.g. the Rusia-AS talks. “Quoted,” she said.\n"
    "A line\nanother line without a stop\n\n“Opening a paragraph” with a quote.",
    "Menteri Luar Negeri Rusia Sergey Lavrov menyampaikan di Jakarta, Indonesia, bahwa "
    "Kementerian Luar Negeri-nya siap. “Kita bergerak maju,” kata Lavrov kepada wartawan "
    "di Kuala Lumpur. Presiden Joe Biden dan Duta Besar Lynne Tracy bertemu di New York.",
    "Ada Whitfield met Bram Okafor in São Paulo and Rio de Janeiro; later, in BUENOS "
    "AIRES, the SOUTH AFRICA team and the United Kingdom delegation joined them.",
]


def _old_tokenize(text: str) -> list[tuple]:
    """The tokenizer as it was before its inline common case (a reference to compare)."""
    word_re = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-’'][^\W_]+)*")
    out: list[tuple] = []
    prev_end, prev_text = 0, ""
    for m in word_re.finditer(text):
        start, end = m.span()
        word = m.group()
        if len(word) == 1 and word.isupper() and text[end : end + 1] == ".":
            end += 1
            word += "."
        gap = text[prev_end:start]
        if gap == " " and out:
            initial = False
        elif not out or _opens(gap.rstrip()):
            initial = True
        elif not _TERMINATORS.isdisjoint(gap):
            initial = not (
                gap.strip() == "."
                and (prev_text.casefold() in ABBREVIATIONS or prev_text.endswith("."))
            )
        else:
            initial = False
        base = word
        if word[-1:] in "sa":
            e = _ENDING.search(word)
            if e and e.start() > 1:
                base = word[: e.start()]
        out.append((start, end, word, initial, base, base.casefold(), word[:1].isupper()))
        prev_end, prev_text = end, word
    return out


def _old_gazetteer(words: list[str]) -> list[str]:
    """The gazetteer feature as it was, trying every capitalised word (a reference)."""
    places, longest, _ = nf._places()
    out = [""] * len(words)
    titled = [w.title() if w.isupper() and len(w) > 2 else w for w in words]
    for i in range(len(words)):
        if out[i] or not words[i][:1].isupper():
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in places or tuple(titled[i : i + n]) in places:
                out[i] = "B"
                for j in range(i + 1, i + n):
                    out[j] = "I"
                break
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_tokenize_gives_what_the_plain_loop_gave(text):
    assert [tuple(t) for t in tokenize(text)] == _old_tokenize(text)
    assert tokenize(text)[0].initial and tokenize(text)[0].start == 0


@pytest.mark.parametrize("text", TEXTS)
def test_gazetteer_with_first_word_check_gives_the_same_tags(text):
    for sent in nf.words_of(text):
        words = [w for _, _, w in sent]
        assert nf._gazetteer(words) == _old_gazetteer(words)
    words = [w for _, _, w in nf.words_of(TEXTS[2])[0]]
    got = dict(zip(words, nf._gazetteer(words), strict=True))
    assert got["BUENOS"] == "B" and got["AIRES"] == "I" and got["Paulo"] == "I"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_tagging_with_known_features_only_gives_the_same_tags_and_marginals(lang):
    model = shipped_model(lang)
    assert model is not None
    tagger = model._tagger()
    known = model.known()
    dropped = 0
    for text in TEXTS:
        for sent in nf.words_of(text):
            words = [w for _, _, w in sent]
            full = nf.sentence_features(words)
            kept = nf.sentence_features(words, known)
            dropped += sum(len(a) - len(b) for a, b in zip(full, kept, strict=True))
            tags = tagger.tag(full)
            marginals = [tagger.marginal(t, i) for i, t in enumerate(tags)]
            assert tagger.tag(kept) == tags
            assert [tagger.marginal(t, i) for i, t in enumerate(tags)] == marginals
            assert [t for t, _ in model.tag(words)] == tags
    assert dropped > 0  # the filter does leave features out


def test_a_library_model_filters_by_its_own_attributes(tmp_path):
    from reader.text.ner_train import train

    sents = [(["Ada", "Whitfield", "spoke", "."], ["B-PERSON", "I-PERSON", "O", "O"])] * 5
    train(sents, tmp_path / "m.crfsuite", max_iterations=20)
    model = NerModel(tmp_path / "m.crfsuite")
    assert "w=whitfield" in model.known().known
    assert "w=lavrov" not in model.known().known
    assert [t for t, _ in model.tag(["Ada", "Whitfield", "spoke", "."])][:2] == [
        "B-PERSON",
        "I-PERSON",
    ]
    words = ["Then", "Ada", "Whitfield", "met", "Lavrov", "."]
    assert model._tagger().tag(nf.sentence_features(words)) == [t for t, _ in model.tag(words)]
    cands = suggest("Ada Whitfield spoke.", library_model=model, shipped=False)
    assert [(c.text, c.label, c.source) for c in cands] == [("Ada Whitfield", "PERSON", "library")]


def _old_words_of(text: str) -> list[list[tuple[int, int, str]]]:
    """The model's sentences as they were cut line by line (a reference to compare)."""
    out: list[list[tuple[int, int, str]]] = []
    for line in re.finditer(r"[^\n]+", text):
        sent: list[tuple[int, int, str]] = []
        for m in nf._WORD.finditer(line.group()):
            s, e = m.start() + line.start(), m.end() + line.start()
            w = m.group()
            if w == "." and sent and sent[-1][1] == s and nf._takes_dot(sent[-1][2]):
                sent[-1] = (sent[-1][0], e, sent[-1][2] + ".")
                continue
            sent.append((s, e, w))
            if (w in nf._ENDS and len(sent) > 1) or len(sent) >= nf._MAX_SENTENCE:
                out.append(sent)
                sent = []
        if sent:
            out.append(sent)
    return out


@pytest.mark.parametrize("text", [*TEXTS, "Mr.\nW. Bush-nya\n\nU.S.\r\nx’s -nya. A.", ""])
def test_sentences_in_one_pass_are_the_line_by_line_sentences(text: str) -> None:
    assert nf.words_of(text) == _old_words_of(text)
    assert nf.words_of(text * 60) == _old_words_of(text * 60)  # past _MAX_SENTENCE too


def test_a_stretchs_tokens_are_those_tokenize_finds_in_it() -> None:
    """Every stretch of the texts, cut on and inside words (`Lavrov’s` cut after
    `Lavrov`, `W.` before its dot, `U.S.` inside): the same words, offsets into the text."""
    from reader.text.tokens import TokenIndex

    for text in TEXTS:
        index = TokenIndex(text, tokenize(text))
        cuts = sorted(
            {0, len(text), *range(0, len(text), 7), *(m.start() for m in re.finditer(r"\W", text))}
        )
        for a in cuts:
            for b in cuts:
                if b < a or b - a > 60:
                    continue
                want = [
                    (t.start + a, t.end + a, t.text, t.base, t.lower, t.capitalised)
                    for t in tokenize(text[a:b])
                ]
                got = [
                    (t.start, t.end, t.text, t.base, t.lower, t.capitalised)
                    for t in index.within(a, b)
                ]
                assert got == want, (a, b, text[a:b])
