"""Editing an article's metadata: `Library.edit_article` and `reader edit`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ReaderError
from reader.model import Changes, ImportStatus, ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

BODY = ["Sergey Lavrov met Antony Blinken in Riyadh on Tuesday.", "They spoke for four hours."]


@pytest.fixture
def article(lib):
    parsed = ParsedArticle("Aktuálně.cz", paragraphs_to_markdown(BODY), source="aktualne")
    _, article_id = lib.add_article(parsed)
    text = lib.article(article_id).text
    start = text.index("Antony Blinken")
    lib.annotate(article_id, "entity", start, start + len("Antony Blinken"), "PERSON")
    return article_id


def _meta(lib, article_id):
    a = lib.article(article_id)
    return (a.title, a.subtitle, a.author, a.source, a.published, a.language, a.url)


def test_edit_is_one_undoable_write_and_leaves_the_marks(lib, article):
    marks = lib.annotations(article)
    text = lib.article(article).text
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    changed = lib.edit_article(
        article,
        title="  Lavrov and Blinken\nmeet in Riyadh ",
        author="Jana Nováková",
        published="2025-02-18T14:05:00+01:00",
        language="CS",
        url="https://zpravy.aktualne.cz/a/r~1/",
        source="Aktuálně.cz",
    )
    assert changed == {
        "title": "Lavrov and Blinken meet in Riyadh",
        "author": "Jana Nováková",
        "source": "Aktuálně.cz",
        "published": "2025-02-18T13:05:00Z",
        "language": "cs",
        "url": "https://zpravy.aktualne.cz/a/r~1/",
    }
    assert _meta(lib, article) == (
        "Lavrov and Blinken meet in Riyadh",
        None,
        "Jana Nováková",
        "Aktuálně.cz",
        "2025-02-18T13:05:00Z",
        "cs",
        "https://zpravy.aktualne.cz/a/r~1/",
    )
    assert heard == [Changes(metadata=frozenset({article}))]
    assert lib.annotations(article) == marks and lib.article(article).text == text
    assert [h.id for h in lib.search("Riyadh meet")] == [article]
    assert lib.undo_name == "Edit title, author, source, published, language, url of “Aktuálně.cz”"
    assert lib.undo() == Changes(metadata=frozenset({article}))
    assert _meta(lib, article) == ("Aktuálně.cz", None, None, "aktualne", None, None, None)
    assert [h.id for h in lib.search("Riyadh meet")] == []
    lib.redo()
    assert _meta(lib, article)[0] == "Lavrov and Blinken meet in Riyadh"
    assert lib.annotations(article) == marks


def test_an_edited_article_is_still_a_duplicate_of_its_file(lib, article):
    lib.edit_article(article, title="A better title")
    parsed = ParsedArticle("Aktuálně.cz", paragraphs_to_markdown(BODY), source="aktualne")
    assert lib.add_article(parsed) == (ImportStatus.DUPLICATE, article)


def test_empty_clears_a_field_and_nothing_changed_announces_nothing(lib, article):
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    assert lib.edit_article(article, source="  aktualne ") == {}
    assert heard == []
    assert lib.edit_article(article, source="") == {"source": None}
    assert lib.article(article).source is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "  "}, "the title cannot be empty"),
        (
            {"published": "last Tuesday"},
            "published 'last Tuesday' is not an ISO 8601 date "
            "(2025-02-27 or 2025-02-27T09:30:00+07:00)",
        ),
        (
            {"published": "2025-02-30"},
            "published '2025-02-30' is not an ISO 8601 date "
            "(2025-02-27 or 2025-02-27T09:30:00+07:00)",
        ),
        (
            {"language": "English"},
            "language 'English' is not a language code (such as en, id, pt-BR)",
        ),
        (
            {"url": "javascript:alert(1)"},
            "url 'javascript:alert(1)' is not an http:// or https:// address",
        ),
        (
            {"url": "ftp://example.org/a"},
            "url 'ftp://example.org/a' is not an http:// or https:// address",
        ),
        (
            {"text": "x"},
            "text is not an article field "
            "(title, subtitle, author, source, published, language, url)",
        ),
    ],
)
def test_bad_values_are_refused_with_one_line(lib, article, values, message):
    before = _meta(lib, article)
    with pytest.raises(ReaderError) as e:
        lib.edit_article(article, **values)
    assert str(e.value) == message
    assert _meta(lib, article) == before and lib.undo_name == "Tag PERSON: Antony Blinken"


def test_cli_edit(lib, article, db_path):
    lib.close()
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["--db", str(db_path), "edit", str(article), "--title", "Talks in Riyadh",
         "--published", "2025-02-18", "--subtitle", "Four hours"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert r.output == "title: Talks in Riyadh\nsubtitle: Four hours\npublished: 2025-02-18\n"
    r = runner.invoke(cli, ["--db", str(db_path), "edit", str(article), "--language", "xx_1"])
    assert (r.exit_code, r.output) == (
        1,
        "Error: language 'xx_1' is not a language code (such as en, id, pt-BR)\n",
    )
    r = runner.invoke(cli, ["--db", str(db_path), "edit", "99", "--title", "X"])
    assert (r.exit_code, r.output) == (1, "Error: no article with id 99\n")
    r = runner.invoke(cli, ["--db", str(db_path), "show", str(article)])
    assert r.output.startswith(
        "Talks in Riyadh\nFour hours\nsource: aktualne\npublished: 2025-02-18\n"
    )
