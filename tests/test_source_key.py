"""Source names that differ only in case or spacing are one source (first spelling shown)."""

from __future__ import annotations

import pytest

from reader.model import ParsedArticle, Scope
from reader.store.sources import source_key
from reader.text.canonical import paragraphs_to_markdown

ROWS = [  # title, source, text
    ("One", "Nytimes", "“We agree,” Lavrov said in Doha."),
    ("Two", "NYTimes", "Lavrov left Doha on Monday."),
    ("Three", "NY  Times", "“No deal,” said Lavrov."),
    ("Four", "Daily Star", "Nothing to see here today."),
    ("Five", "dailystar", "Nothing to see here again."),
    ("Six", None, "An article with no source at all."),
]


@pytest.fixture
def ids(lib):
    out = []
    for title, source, text in ROWS:
        parsed = ParsedArticle(title, paragraphs_to_markdown([text]), source=source)
        out.append(lib.add_article(parsed)[1])
    lavrov = lib.resolve_speaker("Lavrov")
    for article_id, inner in ((out[0], "We agree"), (out[2], "No deal")):
        text = lib.article(article_id).text
        start = text.index(inner)
        lib.annotate(article_id, "quote", start, start + len(inner), speaker_id=lavrov)
    return out


def test_the_key():
    assert source_key("NYTimes") == source_key("Nytimes") == source_key(" NY\tTimes ") == "nytimes"
    assert source_key("Straße") == source_key("STRASSE") == "strasse"
    assert source_key("NYT") != source_key("NYTimes")
    assert source_key(None) is None


def test_sources_list_merges_spellings_showing_the_first(lib, ids):
    assert lib.sources() == [("Nytimes", 3), ("Daily Star", 2)]


def test_the_source_filter_takes_any_spelling(lib, ids):
    for spelling in ("NYTimes", "nytimes", "NY Times"):
        scope = Scope(sources=(spelling,))
        assert lib.count_articles(scope) == 3
        assert sorted(s.id for s in lib.list_articles(scope=scope)) == ids[:3]
    assert lib.count_articles(Scope(sources=("Daily Star", "NYTimes"))) == 5


def test_statistics_group_by_the_key(lib, ids):
    assert lib.statistic("sources").rows == [
        ("Nytimes", 3, 2, 2),
        ("Daily Star", 2, 0, 0),
        ("", 1, 0, 0),
    ]
    speaker = lib.find_entity("Lavrov", "PERSON").id
    assert lib.statistic("speakers-by-source").rows == [(speaker, "Lavrov", "Nytimes", 2)]
    scoped = lib.statistic("sources", Scope(sources=("nytimes",)))
    assert scoped.rows == [("Nytimes", 3, 2, 2)]
