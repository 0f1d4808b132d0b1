"""Finding in an article's text (reader.text.find, `Library.find_in_article`,
`Library.search_spans`): case-insensitive, in code points, any script."""

from __future__ import annotations

import pytest

from reader.errors import NotFound
from reader.model import ParsedArticle
from reader.text.find import find_all, find_words, fold


def test_find_all_ignores_case_and_counts_code_points():
    text = "STRASSE, Straße und straße 😀 Straße"
    every = [(0, 7), (9, 15), (20, 26), (29, 35)]  # ß folds to ss: STRASSE is Straße
    assert find_all(text, "straße") == every
    assert find_all(text, "STRASSE") == every
    assert [text[s:e] for s, e in find_all(text, "ss")] == ["SS", "ß", "ß", "ß"]
    assert find_all(text, "") == [] and find_all(text, "   ") == []


def test_find_all_white_space_and_overlaps():
    assert find_all("a\u00a0b a b", "a b") == [(0, 3), (4, 7)]  # no-break space too
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]  # no overlaps
    folded = fold("İstanbul")
    assert folded.origin is not None and folded.span(0, 2) == (0, 1)


def test_find_all_in_cjk_and_arabic():
    ja = "架空の港町・潮見市🚆。朝の列車：一時間に六本"
    assert find_all(ja, "六本") == [(len(ja) - 2, len(ja))]
    ar = "وقالت مديرة المعرض سلمى الراشد. ويستمر المعرض حتى"
    assert find_all(ar, "المعرض") == [(12, 18), (39, 45)]


def test_find_words_as_the_search_matches():
    text = "Harbours, harbour and Harbourside; the harbour."
    assert find_words(text, [("harbour", False)]) == [(10, 17), (39, 46)]
    assert find_words(text, [("harbour", True)]) == [(0, 7), (10, 17), (22, 29), (39, 46)]
    assert find_words("東京で発表した。東京", [("東京", False)]) == [(0, 2), (8, 10)]
    assert find_words("a big 😀 day", [("😀", False)]) == [(6, 7)]
    # overlapping terms are merged
    assert find_words("New York City", [("new york", False), ("york city", False)]) == [(0, 13)]


def test_the_library_finds_in_an_article(lib):
    _, article_id = lib.add_article(
        ParsedArticle(
            title="Ferries", markdown="The ferry timetable: FERRY times.\n\nFerrymen agree."
        )
    )
    text = lib.article(article_id).text
    assert [text[s:e] for s, e in lib.find_in_article(article_id, "ferry")] == [
        "ferry",
        "FERRY",
        "Ferry",
    ]
    # the search field's terms: the last one a prefix; operators and other fields skipped
    spans = lib.search_spans(article_id, "ferry tim")
    assert [text[s:e] for s, e in spans] == ["ferry", "tim", "FERRY", "tim"]
    spans = lib.search_spans(article_id, "title:ferries ferry OR agree", prefix=False)
    assert [text[s:e] for s, e in spans] == ["ferry", "FERRY", "agree"]
    assert lib.search_spans(article_id, '"ferry timetable"', prefix=False) == [(4, 19)]
    assert lib.search_spans(article_id, "") == []
    with pytest.raises(NotFound):
        lib.find_in_article(article_id + 1, "ferry")
