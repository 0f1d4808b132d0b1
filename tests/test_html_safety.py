"""Safety of HTML import: nothing is run or fetched; odd encodings, nesting and size."""

from __future__ import annotations

import socket
import zlib

import pytest

from reader.errors import ImportFailed
from reader.importers import parse_file
from reader.importers.html import parse_html, parse_html_bytes
from reader.importers.html_clean import MAX_HTML_BYTES
from reader.model import ImportStatus
from reader.text.canonical import markdown_to_canonical

BODY = (
    "<p>The committee met on Tuesday to discuss the budget for next year, and the members "
    "agreed on most of the points that had been raised in the spring.</p>"
    "<p>Several questions remain open, among them the share of the money that goes to "
    "schools and the timetable for the new bridge over the river.</p>"
)


def text_of(article) -> str:
    return markdown_to_canonical(article.markdown).text


def page(body: str, head: str = "<title>Budget talks</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_scripts_styles_iframes_forms_and_handlers_dropped(no_network):
    html = page(
        BODY[:-4] + ' <a href="javascript:alert(1)" onclick="steal()">link</a></p>'
        "<script>document.write('SCRIPTED')</script>"
        "<style>p { color: red } .STYLED {}</style>"
        '<iframe src="https://example.com/frame">FRAMED</iframe>'
        '<form action="https://example.com/post"><input value="FORMVALUE"><button>SEND</button>'
        "</form>"
        '<img src="https://example.com/tracker.png" alt="ALTTEXT">'
        '<p onmouseover="evil()">Handlers are gone from this paragraph.</p>'
    )
    article = parse_html(html)
    for word in ("SCRIPTED", "STYLED", "FRAMED", "FORMVALUE", "SEND", "tracker", "javascript"):
        assert word not in article.markdown
    for word in ("onclick", "onmouseover", "steal", "evil", "alert"):
        assert word not in article.markdown
    assert "Handlers are gone from this paragraph." in article.markdown
    assert article.title == "Budget talks"


def test_remote_resources_are_never_fetched(no_network, lib):
    html = (
        page(
            BODY,
            head='<title>Budget talks</title><link rel="stylesheet" href="https://example.com/a.css">'
            '<script src="https://example.com/a.js"></script>'
            '<meta http-equiv="refresh" content="0; url=https://example.com/">',
        )
        + '<img src="http://example.com/x.png"><video src="http://example.com/v.mp4"></video>'
    )
    outcome = lib.import_html(html, url="https://news.example.org/budget")
    assert outcome.status == ImportStatus.IMPORTED
    article = lib.article(outcome.article_id)
    assert article.url == "https://news.example.org/budget"
    assert "example.com" not in article.markdown


def test_wrong_charset_declaration_utf8_bytes():
    html = page("<p>Zürich und Genève: Straße, Übersee, café crème et déjà vu.</p>" + BODY)
    html = html.replace("<head>", '<head><meta charset="iso-8859-1">')
    article = parse_html_bytes(html.encode("utf-8"))
    assert "Zürich und Genève: Straße, Übersee, café crème et déjà vu." in text_of(article)


def test_declared_legacy_charset_is_used():
    text = "Привет, мир. Комитет собрался во вторник, чтобы обсудить бюджет на следующий год."
    html = page(f"<p>{text}</p>" + BODY, head='<meta charset="windows-1251"><title>Бюджет</title>')
    article = parse_html_bytes(html.encode("cp1251"))
    assert article.title == "Бюджет"
    assert text in text_of(article)


def test_missing_charset_legacy_bytes_detected():
    text = (
        "Les députés ont voté mercredi soir la réforme des retraites, après des débats très longs."
    )
    html = page(f"<p>{text}</p><p>{text} Déjà trois fois cette année.</p>")
    article = parse_html_bytes(html.encode("cp1252"))
    assert text in text_of(article)


def test_bom_is_handled():
    html = page(BODY)
    for data in (b"\xef\xbb\xbf" + html.encode("utf-8"), html.encode("utf-16")):
        article = parse_html_bytes(data)
        assert article.title == "Budget talks"
        assert text_of(article).startswith("The committee met on Tuesday")


def test_hundred_thousand_nested_elements():
    html = "<html><body>" + "<div>" * 100_000 + BODY + "</div>" * 100_000 + "</body></html>"
    try:
        article = parse_html(html)
    except ImportFailed as e:
        assert str(e)  # a clear message, not a crash
    else:
        assert article.markdown.strip()


def test_size_cap(tmp_path, lib):
    big = page(BODY + "<p>" + "x " * (MAX_HTML_BYTES // 2) + "</p>")
    outcome = lib.import_html(big)
    assert outcome.status == ImportStatus.FAILED
    assert outcome.reason.startswith("page too large (")
    assert "the limit is 10 MB" in outcome.reason
    path = tmp_path / "big.html"
    path.write_text(big)
    with pytest.raises(ImportFailed, match="page too large"):
        parse_file(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [(b"PK\x03\x04" + b"\x00" * 100, "ZIP"), (b"%PDF-1.7\n" + b"\x00\x01" * 100, "PDF")],
)
def test_binary_renamed_html(tmp_path, data, what):
    path = tmp_path / "article.html"
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=what):
        parse_file(path)


def test_original_kept_compressed(lib, tmp_path):
    data = page(BODY).encode("utf-8")
    path = tmp_path / "a.html"
    path.write_bytes(data)
    outcome = lib.import_file(path)
    assert outcome.status == ImportStatus.IMPORTED
    stored = lib._store.articles.original(outcome.article_id)
    assert zlib.decompress(stored) == data


def test_markdown_structure_kept():
    html = page(
        "<h2>Key points</h2>" + BODY + "<table><tr><th>Year</th><th>Budget</th></tr>"
        "<tr><td>2024</td><td>12</td></tr></table>"
        + BODY
        + "<ul><li>first <em>point</em></li><li>second</li></ul>"
        "<blockquote><p>A quoted sentence from the minister.</p></blockquote>"
        '<p>Read the <a href="https://example.org/report">full report</a>.</p>'
    )
    article = parse_html(html)
    assert "## Key points" in article.markdown
    assert "- first *point*" in article.markdown
    assert "> A quoted sentence from the minister." in article.markdown
    assert "[full report](https://example.org/report)" in article.markdown
    assert "| Year | Budget |" in article.markdown
    assert "Year\tBudget\n2024\t12" in text_of(article)
