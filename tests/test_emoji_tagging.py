"""Emoji and symbols can be tagged and searched although FTS5 has no token for them."""

from __future__ import annotations

from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library
from reader.model import ParsedArticle, Scope


def _library(db_path):
    with Library(db_path) as lib:
        for title, body in (
            ("Reactions", "Readers answered 😀 and then 😀 again, some with 🚀."),
            ("Quiet", "No emoji in this one at all."),
            ("Mixed", "A single 😀 here."),
        ):
            lib.add_article(ParsedArticle(title=title, markdown=body))


def test_tag_an_emoji(db_path):
    _library(db_path)
    r = CliRunner().invoke(cli, ["--db", str(db_path), "tag", "--entity", "😀", "--type", "MISC"])
    assert r.exit_code == 0, r.output
    assert r.output == "tagged 3 mentions of 😀 (MISC) in 2 articles; 0 already tagged\n"
    with Library(db_path) as lib:
        spans = [
            (a.article_id, a.start, a.end, a.exact) for i in (1, 2, 3) for a in lib.annotations(i)
        ]
    assert spans == [(1, 17, 18, "😀"), (1, 28, 29, "😀"), (3, 9, 10, "😀")]


def test_an_emoji_alias_of_a_word_entity(db_path):
    _library(db_path)
    with Library(db_path) as lib:
        report = lib.tag_entity("rocket", "MISC", aliases=["🚀"])
        assert (report.mentions, report.articles) == (1, 1)


def test_search_an_emoji(db_path):
    _library(db_path)
    with Library(db_path) as lib:
        hits = lib.search("😀")
        assert [h.id for h in hits] == [1, 3]
        assert hits[1].snippet == "…A single [😀] here.…"
        assert lib.search("🦄") == []
        assert [h.id for h in lib.search("emoji")] == [2]  # words still go through FTS


def test_the_library_list_filters_by_an_emoji(db_path):
    _library(db_path)
    with Library(db_path) as lib:
        scope = Scope(query="😀", prefix=True)
        assert lib.count_articles(scope) == 2
        assert [s.id for s in lib.list_articles(order_by="id", descending=False, scope=scope)] == [
            1,
            3,
        ]
        assert lib.count_articles(Scope(query="emoji", prefix=True)) == 1
