"""Quote candidates: quotation marks of many languages, split and long quotes, speakers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.model import Mention
from reader.text.quotes import suggest_quotes
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    with Library(None) as lib:
        outcome = lib.import_file(SEED)
        return lib.article(outcome.article_id).text


def _by_text(text: str) -> dict:
    return {c.text: c for c in suggest_quotes(text)}


def _span(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]


def test_seed_quotes_with_speakers_and_cues(seed_text):
    found = _by_text(seed_text)
    quick = found["cepat dan efektif kita dapat bergerak maju,"]
    assert quick.cue == "tambah"
    assert _span(seed_text, quick.cue_start, quick.cue_end) == "tambah"
    assert quick.speaker == "Lavrov"
    assert _span(seed_text, quick.speaker_start, quick.speaker_end) == "diplomat itu"
    assert quick.speaker_entity_hint == "Sergey Lavrov"
    assert seed_text[quick.open_mark_start : quick.close_mark_end] == (
        "“cepat dan efektif kita dapat bergerak maju,”"
    )
    assert quick.type == "direct"

    unlawful = found[
        "tindakan melanggar hukum pemerintahan AS sebelumnya untuk menciptakan hambatan buatan"
    ]
    assert unlawful.cue == "menurut"
    assert unlawful.speaker == "Lavrov"
    assert _span(seed_text, unlawful.speaker_start, unlawful.speaker_end) == "Lavrov"
    assert "masalah sistemik" in found
    assert "membersihkan warisan" in found
    for c in found.values():
        assert seed_text[c.start : c.end] == c.text
        assert c.parts == ((c.start, c.end),)
    assert len(found) == 4


ENGLISH = [
    ('"We will win," said Barack Obama.', "We will win,", "Barack Obama", "said"),
    (
        'Joe Biden said: "We are ready to talk." He left.',
        "We are ready to talk.",
        "Joe Biden",
        "said",
    ),
    (
        'The talks were "constructive," according to Lavrov.',
        "constructive,",
        "Lavrov",
        "according to",
    ),
    ("“It works,” Maria Zakharova told reporters.", "It works,", "Maria Zakharova", "told"),
]


@pytest.mark.parametrize(("text", "quote", "speaker", "cue"), ENGLISH)
def test_english_cues(text, quote, speaker, cue):
    (c,) = suggest_quotes(text)
    assert (c.text, c.speaker, c.cue) == (quote, speaker, cue)
    assert text[c.speaker_start : c.speaker_end] == speaker
    assert text[c.cue_start : c.cue_end] == cue


def test_title_is_not_part_of_the_speaker():
    text = "“Cepat,” kata Menteri Luar Negeri Rusia Sergey Lavrov."
    (c,) = suggest_quotes(text)
    assert (c.speaker, c.cue) == ("Sergey Lavrov", "kata")
    assert text[c.speaker_start : c.speaker_end] == "Sergey Lavrov"


def test_anaphor_resolves_to_the_nearest_person_before():
    text = "Joe Biden met Sergey Lavrov. “We are ready,” the minister said."
    (c,) = suggest_quotes(text)
    assert text[c.speaker_start : c.speaker_end] == "the minister"
    assert c.speaker == "Sergey Lavrov"


def test_known_persons_are_used_for_resolution():
    text = "The envoy arrived. “We are ready,” dia mengatakan."
    (c,) = suggest_quotes(text, [Mention(4, 9, "Sergey Lavrov")])
    assert text[c.speaker_start : c.speaker_end] == "dia"
    assert (c.speaker, c.cue) == ("Sergey Lavrov", "mengatakan")


@pytest.mark.parametrize(
    ("text", "quote", "marks"),
    [
        ("„Wir schaffen das“, sagte Angela Merkel.", "Wir schaffen das", "„Wir schaffen das“"),
        ("Er sagte ‚ja‘ dazu.", "ja", "‚ja‘"),
        ("Zdanie „po polsku” tutaj.", "po polsku", "„po polsku”"),
        ("« Nous sommes prêts », a déclaré Emmanuel Macron.", "Nous sommes prêts", None),
        ("«Мы готовы», — сказал Сергей Лавров.", "Мы готовы", "«Мы готовы»"),
        ("Han sa »vi är redo« igår.", "vi är redo", "»vi är redo«"),
        ("Han sa ”vi är redo” igår.", "vi är redo", "”vi är redo”"),
        ("Il a dit ‹ oui › hier.", "oui", None),
        ("He called it ‘a mess’ today.", "a mess", "‘a mess’"),
        ("He called it 'a mess' today.", "a mess", "'a mess'"),
        ("彼は「東京に行く」と言った。", "東京に行く", "「東京に行く」"),
        ("彼は『本』を読んだ。", "本", "『本』"),
    ],
)
def test_quotation_conventions(text, quote, marks):
    (c,) = suggest_quotes(text)
    assert c.text == quote == text[c.start : c.end]
    if marks is not None:
        assert text[c.open_mark_start : c.close_mark_end] == marks
    assert c.type == "direct"


def test_speakers_in_other_languages():
    assert suggest_quotes("„Wir schaffen das“, sagte Angela Merkel.")[0].speaker == "Angela Merkel"
    fr = suggest_quotes("« Nous sommes prêts », a déclaré Emmanuel Macron.")[0]
    assert (fr.speaker, fr.cue) == ("Emmanuel Macron", "a déclaré")
    ru = suggest_quotes("«Мы готовы», — сказал Сергей Лавров.")[0]
    assert (ru.speaker, ru.cue) == ("Сергей Лавров", "сказал")
    es = suggest_quotes("“Estamos listos”, dijo Pedro Sánchez.")[0]
    assert (es.speaker, es.cue) == ("Pedro Sánchez", "dijo")


def test_apostrophes_are_not_quotes():
    text = "I don’t think the students’ books are here on Jum’at, it's Jum‘at's turn."
    assert suggest_quotes(text) == []


def test_split_quote_is_one_candidate():
    text = "“Cepat,” kata Lavrov, “dan efektif.” Lalu dia pergi."
    (c,) = suggest_quotes(text)
    assert [text[a:b] for a, b in c.parts] == ["Cepat,", "dan efektif."]
    assert c.text == text[c.start : c.end] == "Cepat,” kata Lavrov, “dan efektif."
    assert text[c.open_mark_start : c.close_mark_end] == "“Cepat,” kata Lavrov, “dan efektif.”"
    assert (c.speaker, c.cue) == ("Lavrov", "kata")


def test_sentences_are_not_joined_into_one_quote():
    text = "“We won.” Then Smith left. “It rained,” he said."
    assert [c.text for c in suggest_quotes(text)] == ["We won.", "It rained,"]


def test_quote_across_paragraphs():
    text = "Obama said: “First paragraph\n\n“Second paragraph,” he added.\n\nAfter."
    (c,) = suggest_quotes(text)
    assert [text[a:b] for a, b in c.parts] == ["First paragraph", "Second paragraph,"]
    assert text[c.open_mark_start : c.close_mark_end] == ("“First paragraph\n\n“Second paragraph,”")
    assert c.speaker == "Obama"


def test_unclosed_quote_without_continuation_is_dropped():
    assert suggest_quotes("He said “this never ends.\n\nNew paragraph here.") == []


def test_nested_quote_stays_inside_the_outer_one():
    text = "“He told me ‘never’ twice,” Smith said."
    (c,) = suggest_quotes(text)
    assert c.text == "He told me ‘never’ twice,"
    assert c.speaker == "Smith"


def test_quote_of_its_own_keeps_the_previous_speaker():
    text = "“We won,” Smith said. “It was hard.”"
    first, second = suggest_quotes(text)
    assert first.speaker == "Smith"
    assert (second.speaker, second.cue, second.speaker_start) == ("Smith", None, None)


def test_no_speaker_without_a_cue():
    (c,) = suggest_quotes("The so-called “reform” failed.")
    assert (c.text, c.speaker, c.cue) == ("reform", None, None)


_ALPHABET = st.sampled_from(list("ab Z.,:\n“”‘’\"'«»„‚‹›「」『』—")) | st.characters()


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_candidates_are_always_slices_of_the_text(text):
    for c in suggest_quotes(text):
        assert 0 <= c.open_mark_start <= c.start <= c.end <= c.close_mark_end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.parts[0][0] == c.start and c.parts[-1][1] == c.end
        for a, b in c.parts:
            assert c.start <= a < b <= c.end
        if c.speaker_start is not None:
            assert 0 <= c.speaker_start < c.speaker_end <= len(text)
        if c.cue_start is not None:
            assert 0 <= c.cue_start < c.cue_end <= len(text)
