"""Quote speakers and quote candidates: one test per error kind of issue 18.

Every sentence here is written for the test (no corpus text).
"""

from __future__ import annotations

import pytest

from reader.text.quotes import suggest_quotes


def one(text: str):
    (q,) = suggest_quotes(text)
    return q


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Pieces of an apposition are not the speaker.
        (
            "Sen. Ruth Calder, Republican of Ohio, said: “We will not give up on this bill.”",
            "Ruth Calder",
        ),
        ("“The budget is a moral document,” said Rep. Owen Pratt, R-Wis.", "Owen Pratt"),
        ("Rep. Owen Pratt (R-Wis.) said: “The budget is a moral document.”", "Owen Pratt"),
        ("“We are ready for a vote,” said Sen. Ruth Calder.", "Ruth Calder"),
    ],
)
def test_apposition_pieces_are_not_speakers(text, speaker):
    q = one(text)
    assert q.speaker == speaker
    assert text[q.speaker_start : q.speaker_end] == speaker
    assert q.speaker_confidence == pytest.approx(0.9)


def test_an_organisation_in_an_apposition_is_not_the_speaker():
    q = one("“Enrollment keeps growing,” a spokeswoman for Plains Tech University said.")
    assert q.speaker is None and q.cue == "said"


def test_the_listener_is_not_the_speaker():
    text = "Mayor Lena Hoff spoke on Monday. “I have no regrets,” she told Fox News."
    q = one(text)
    assert q.cue == "told"
    assert text[q.speaker_start : q.speaker_end] == "she"
    assert q.speaker == "Lena Hoff"
    assert q.speaker_confidence == pytest.approx(0.6)


def test_a_day_name_is_not_the_speaker():
    q = one("“The talks resume next week,” the ministry added Tuesday.")
    assert (q.speaker, q.cue) == (None, "added")
    q = one("“The talks resume next week,” said Tuesday a spokesman for the ministry.")
    assert (q.speaker, q.cue) == (None, "said")
    text = "Minister Abel Ruiz met the press. “The talks resume next week,” he added Tuesday."
    q = one(text)
    assert q.cue == "added"
    assert text[q.speaker_start : q.speaker_end] == "he"
    assert q.speaker == "Abel Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "“Please stay home tonight,” Governor Amy Walsh implored residents.",
            "Amy Walsh",
            "implored",
        ),
        ("Coach Dana Reyes boasts: “Nobody runs faster than my team.”", "Dana Reyes", "boasts"),
        (
            "Economist Paul Hart described the plan as “a recipe for disaster.”",
            "Paul Hart",
            "described",
        ),
    ],
)
def test_more_speech_cues(text, speaker, cue):
    q = one(text)
    assert (q.speaker, q.cue) == (speaker, cue)


def test_a_dash_line_after_the_quote_names_the_speaker():
    text = "“Knowledge is the one wealth no thief can take.”\n― Ada Whitfield, essayist"
    q = one(text)
    assert q.speaker == "Ada Whitfield"
    assert text[q.speaker_start : q.speaker_end] == "Ada Whitfield"
    assert q.cue == "―" and q.speaker_confidence == pytest.approx(0.85)


def test_a_transcript_line_names_the_speaker():
    text = (
        "The TV host Amy Walsh opened the show.\n\nWALSH: “We have to act before the river rises.”"
    )
    q = one(text)
    assert q.speaker == "WALSH"
    assert text[q.speaker_start : q.speaker_end] == "WALSH"
    assert q.speaker_entity_hint == "Amy Walsh"


def test_a_following_quote_keeps_the_speaker_only_when_nothing_intervenes():
    text = (
        "Minister Rina Sari called the deal fair. “It helps both sides,” she said. "
        "“It is a good day for us all.”"
    )
    first, second = suggest_quotes(text)
    assert first.speaker == second.speaker == "Rina Sari"
    assert second.cue is None and second.speaker_confidence == pytest.approx(0.55)
    text = (
        "“We will win,” said Tom Baker. Then Jane Roe spoke for the other side. "
        "“It is far from over.”"
    )
    first, second = suggest_quotes(text)
    assert first.speaker == "Tom Baker"
    assert second.speaker is None and second.speaker_confidence == 0.0


def test_names_in_the_attribution_sentence_do_not_intervene():
    text = (
        "“Prices will keep rising,” said Lena Marsh, an analyst at the Harbor Institute "
        "in Boston. “Nobody is ready for it.” Then Jane Roe spoke. “It will pass.”"
    )
    first, second, third = suggest_quotes(text)
    assert first.speaker == second.speaker == "Lena Marsh"
    assert second.cue is None and second.speaker_confidence == pytest.approx(0.55)
    assert third.speaker is None


def test_a_following_quote_in_the_next_paragraph_has_no_speaker():
    text = "“We will win,” said Tom Baker.\n\n“It is far from over.”"
    first, second = suggest_quotes(text)
    assert first.speaker == "Tom Baker" and second.speaker is None


@pytest.mark.parametrize(
    "text",
    ['“We are ready to sign," the minister said.', '"We are ready to sign,” the minister said.'],
)
def test_mixed_straight_and_curly_marks_pair(text):
    q = one(text)
    assert q.text == "We are ready to sign,"
    assert (q.open_mark_start, q.close_mark_end) == (0, 23)
    assert q.cue == "said"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('She went on "Morning Joe" to talk about the book.', "Morning Joe"),
        ("The crowd chanted 'Make America Great Again' at the rally.", "Make America Great Again"),
    ],
)
def test_short_title_like_quotes_get_a_low_confidence(text, quoted):
    q = one(text)
    assert q.text == quoted and q.confidence == pytest.approx(0.2)


def test_a_real_quote_gets_a_high_confidence():
    q = one("“We will rebuild every school that the flood destroyed,” said Mayor Lena Hoff.")
    assert q.confidence == pytest.approx(0.95) and q.speaker == "Lena Hoff"


def test_a_lower_case_police_rank_before_the_name_is_a_role():
    q = one("“The road will stay closed,” said chief inspector Dana Holt from the county police.")
    assert q.speaker == "Dana Holt" and q.cue == "said"


def test_saying_is_a_cue_for_the_subject_of_the_sentence():
    q = one(
        "The mayor, Omar Vance, rejected the plan, saying in a statement that it "
        "“would hurt every family here.”"
    )
    assert q.speaker == "Omar Vance" and q.cue == "saying"
