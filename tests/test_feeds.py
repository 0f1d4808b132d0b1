"""Feeds: subscriptions, updates and their failures, against a server this test starts
on 127.0.0.1 only (tests/feed_server.py)."""

from __future__ import annotations

import gzip
import time

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.importers.feed import MAX_ITEMS
from reader.model import ImportStatus, Scope

from .feed_server import FeedServer, answer, body

PARA = "The harbour master said on Tuesday that the new pier will open in the spring."
PARA2 = "Fishing boats will moor on the east side, ferries on the west, she said."

RSS092 = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.92"><channel>
<title>Harbour Gazette</title><link>http://127.0.0.1/</link>
<description>Old-style news</description>
<item><title>Pier opens in spring</title>
<description>&lt;p&gt;{PARA}&lt;/p&gt;&lt;p&gt;{PARA2}&lt;/p&gt;</description>
<link>http://127.0.0.1/pier</link></item>
<item><title>Caf\xe9 reopens</title>
<description>The caf\xe9 on the quay reopened on Monday.</description>
<link>http://127.0.0.1/cafe</link></item>
</channel></rss>""".encode("latin-1")

RSS20 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Port News</title><link>https://port.example/</link>
<description>News of the port</description>
<item><title>Ferry timetable changes</title><link>https://port.example/ferry</link>
<guid isPermaLink="false">port-1</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0100</pubDate>
<dc:creator>Ana Lima</dc:creator><description>Short summary.</description>
<content:encoded><![CDATA[<p>{PARA}</p><p>{PARA2}</p><script>alert(1)</script>]]></content:encoded>
</item>
<item><title>Storm warning</title><link>https://port.example/storm</link>
<guid>port-2</guid><description>A storm is expected on Friday night.</description></item>
</channel></rss>""".encode()

RSS10 = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Harbour</title>
<link>https://rdf.example/</link><description>RSS 1.0</description>
<items><rdf:Seq><rdf:li resource="https://rdf.example/one"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/one"><title>Lighthouse repainted</title>
<link>https://rdf.example/one</link><dc:date>2026-11-29T10:30:00Z</dc:date>
<description>{PARA}</description></item>
</rdf:RDF>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Quay</title>
<id>urn:uuid:atom-quay</id><updated>2026-11-28T12:00:00Z</updated>
<entry><title type="html">Tugboat &lt;em&gt;rescue&lt;/em&gt;</title>
<link rel="alternate" href="/tug"/><id>urn:uuid:tug</id>
<updated>2026-11-28T12:00:00Z</updated><author><name>Bo Chen</name></author>
<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry>
<entry><title>Harbour fees</title><link href="https://atom.example/fees"/>
<id>urn:uuid:fees</id><updated>2026-11-27T09:00:00Z</updated>
<summary>The fees rise by two percent next year.</summary></entry>
</feed>""".encode()


@pytest.fixture
def server():
    s = FeedServer().start()
    yield s
    s.stop()


def _articles(lib, feed_id=None):
    scope = Scope(feed_ids=(feed_id,)) if feed_id else None
    rows = lib.list_articles(limit=1000, order_by="id", descending=False, scope=scope)
    return [lib.article(r.id) for r in rows]


def _summary(lib, feed_id=None):
    return [(a.title, a.url, a.text) for a in _articles(lib, feed_id)]


def test_rss_092_items_become_articles_with_their_links(lib, server):
    server.routes["/rss092"] = body(RSS092, "text/xml")
    feed = lib.add_feed(server.url("/rss092"), name="Gazette")
    [report] = lib.update_feeds()
    assert [o.status for o in report.outcomes] == [ImportStatus.IMPORTED] * 2
    assert _summary(lib, feed.id) == [
        ("Pier opens in spring", "http://127.0.0.1/pier", f"{PARA}\n\n{PARA2}"),
        ("Café reopens", "http://127.0.0.1/cafe", "The café on the quay reopened on Monday."),
    ]
    assert {a.source for a in _articles(lib)} == {"Harbour Gazette"}
    [listed] = lib.feeds()
    assert (listed.name, listed.title, listed.articles, listed.unread) == (
        "Gazette",
        "Harbour Gazette",
        2,
        2,
    )
    assert listed.last_error is None and listed.last_checked is not None


def test_rss_20_content_encoded_author_date_and_no_script(lib, server):
    server.routes["/rss20"] = body(RSS20)
    lib.add_feed(server.url("/rss20"))
    lib.update_feeds()
    ferry, storm = _articles(lib)
    assert (ferry.title, ferry.url, ferry.text) == (
        "Ferry timetable changes",
        "https://port.example/ferry",
        f"{PARA}\n\n{PARA2}",
    )
    assert (ferry.author, ferry.published, ferry.source) == (
        "Ana Lima",
        "2026-11-30T07:00:00Z",
        "Port News",
    )
    assert (storm.title, storm.text) == ("Storm warning", "A storm is expected on Friday night.")
    assert "alert" not in ferry.markdown


def test_rss_10_and_atom(lib, server):
    server.routes["/rdf"] = body(RSS10, "application/rdf+xml")
    server.routes["/atom"] = body(ATOM, "application/atom+xml")
    rdf = lib.add_feed(server.url("/rdf"), name="rdf")
    atom = lib.add_feed(server.url("/atom"), name="atom")
    lib.update_feeds()
    assert _summary(lib, rdf.id) == [("Lighthouse repainted", "https://rdf.example/one", PARA)]
    [one] = _articles(lib, rdf.id)
    assert one.published == "2026-11-29T10:30:00Z"
    assert _summary(lib, atom.id) == [
        ("Tugboat rescue", server.url("/tug"), PARA),  # relative link resolved
        ("Harbour fees", "https://atom.example/fees", "The fees rise by two percent next year."),
    ]
    tug = _articles(lib, atom.id)[0]
    assert (tug.author, tug.published, tug.source) == (
        "Bo Chen",
        "2026-11-28T12:00:00Z",
        "Atom Quay",
    )


def test_only_new_items_are_imported_and_duplicates_are_linked(lib, server):
    server.routes["/rss20"] = body(RSS20)
    feed = lib.add_feed(server.url("/rss20"), name="port")
    lib.update_feeds()
    [report] = lib.update_feeds()
    assert report.outcomes == []  # both items known by their GUIDs
    more = RSS20.replace(
        b"<item>",
        b"<item><title>Quay closed</title><guid>port-3</guid>"
        b"<description>The quay is closed today.</description></item><item>",
        1,
    )
    server.routes["/rss20"] = body(more)
    [report] = lib.update_feeds(["port"])
    assert [(o.path, o.status) for o in report.outcomes] == [("Quay closed", ImportStatus.IMPORTED)]
    assert [a.title for a in _articles(lib, feed.id)] == [
        "Ferry timetable changes",
        "Storm warning",
        "Quay closed",
    ]
    # Another feed carrying the same article (same link): a duplicate, shown in both.
    server.routes["/copy"] = body(RSS20.replace(b"port-1", b"copy-1").replace(b"port-2", b"c2"))
    copy = lib.add_feed(server.url("/copy"), name="copy")
    [report] = lib.update_feeds(["copy"])
    assert [o.status for o in report.outcomes] == [ImportStatus.DUPLICATE] * 2
    assert lib.count_articles() == 3
    assert [a.title for a in _articles(lib, copy.id)] == [
        "Ferry timetable changes",
        "Storm warning",
    ]


def test_duplicate_guids_in_one_feed_import_the_first(lib, server):
    doubled = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Twice</title>
<item><title>First telling</title><guid isPermaLink="false">same</guid>
<description>Told once.</description></item>
<item><title>Second telling</title><guid isPermaLink="false">same</guid>
<description>Told again.</description></item>
<item><title>Other</title><guid isPermaLink="false">other</guid>
<description>Something else.</description></item>
</channel></rss>"""
    server.routes["/twice"] = body(doubled)
    feed = lib.add_feed(server.url("/twice"))
    [report] = lib.update_feeds()
    assert [o.path for o in report.outcomes] == ["First telling", "Other"]
    assert [(a.title, a.url, a.text) for a in _articles(lib, feed.id)] == [
        ("First telling", None, "Told once."),
        ("Other", None, "Something else."),
    ]


def test_deleted_articles_are_not_imported_again_and_remove_keeps_articles(lib, server):
    server.routes["/rss20"] = body(RSS20)
    lib.add_feed(server.url("/rss20"), name="port")
    lib.update_feeds()
    ferry = _articles(lib)[0]
    lib.delete_article(ferry.id)
    server.routes["/rss20"] = body(RSS20 + b" ")  # changed: no 304
    [report] = lib.update_feeds()
    assert report.outcomes == []
    lib.remove_feed("port")
    assert lib.feeds() == [] and [a.title for a in _articles(lib)] == ["Storm warning"]


def test_redirects_are_followed(lib, server):
    server.routes["/old"] = lambda h: answer(h, 301, Location="/new")
    server.routes["/new"] = body(RSS10)
    lib.add_feed(server.url("/old"))
    [report] = lib.update_feeds()
    assert (report.error, [o.path for o in report.outcomes]) == (None, ["Lighthouse repainted"])


def _conditional(validator: str, value: str):
    def route(h):
        if h.headers.get(validator) == value:
            answer(h, 304)
        else:
            header = "ETag" if validator == "If-None-Match" else "Last-Modified"
            answer(h, 200, RSS20, Content_Type="application/rss+xml", **{header: value})

    return route


@pytest.mark.parametrize(
    "validator,value",
    [("If-None-Match", '"v1"'), ("If-Modified-Since", "Mon, 30 Nov 2026 08:00:00 GMT")],
)
def test_not_modified_imports_nothing(lib, server, validator, value):
    server.routes["/feed"] = _conditional(validator, value)
    lib.add_feed(server.url("/feed"), name="port")
    [first] = lib.update_feeds()
    assert len(first.outcomes) == 2
    [second] = lib.update_feeds()
    assert second.not_modified and second.outcomes == [] and second.line() == "port: not modified"
    first_request, second_request = server.requests("/feed")
    assert validator.lower() not in first_request
    assert second_request[validator.lower()] == value
    assert lib.count_articles() == 2 and lib.feeds()[0].last_error is None


def test_gzip_feed(lib, server):
    server.routes["/gz"] = body(
        gzip.compress(ATOM), "application/atom+xml", Content_Encoding="gzip"
    )
    lib.add_feed(server.url("/gz"))
    [report] = lib.update_feeds()
    assert [o.path for o in report.outcomes] == ["Tugboat rescue", "Harbour fees"]
    assert "gzip" in server.requests("/gz")[0]["accept-encoding"]


def test_invalid_xml_is_recorded_and_other_feeds_still_update(lib, server):
    server.routes["/broken"] = body(
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel>'
        b"<title>Broken</title><item><title>A</title></channel></rss>"
    )
    server.routes["/rss20"] = body(RSS20)
    lib.add_feed(server.url("/broken"), name="a-broken")
    lib.add_feed(server.url("/rss20"), name="b-port")
    broken, port = lib.update_feeds()
    error = (
        "the feed is not well-formed XML (Opening and ending tag mismatch: item line 2 "
        "and channel, line 2, column 82)"
    )
    assert broken.error == error and broken.outcomes == []
    assert len(port.outcomes) == 2 and port.error is None
    feeds = {f.name: f for f in lib.feeds()}
    assert feeds["a-broken"].last_error == error and feeds["b-port"].last_error is None
    # a later good answer clears the error
    server.routes["/broken"] = body(RSS10)
    lib.update_feeds(["a-broken"])
    assert {f.name: f.last_error for f in lib.feeds()} == {"a-broken": None, "b-port": None}


def test_not_a_feed_and_any_exception_are_recorded(lib, server, monkeypatch):
    server.routes["/page"] = body(b"<html><body><p>Hi</p></body></html>", "text/html")
    server.routes["/rss20"] = body(RSS20)
    lib.add_feed(server.url("/page"), name="page")
    lib.add_feed(server.url("/rss20"), name="port")
    lib.add_feed(server.url("/missing"), name="missing")
    import reader.importers.feed as feed_module

    real = feed_module.parse_feed

    def parse(data, url, *args):
        if url.endswith("/rss20"):
            raise KeyError("boom")
        return real(data, url, *args)

    monkeypatch.setattr(feed_module, "parse_feed", parse)
    reports = lib.update_feeds()
    assert [r.line() for r in reports] == [
        "missing: failed: the server answered 404 Not Found",
        "page: failed: not an RSS or Atom feed (the document is <html>)",
        "port: failed: KeyError: 'boom'",
    ]
    assert [f.last_error for f in lib.feeds()] == [r.error for r in reports]


def test_a_feed_of_100000_items_reads_the_first_500_fast(lib, server):
    items = "".join(
        f"<item><title>Item {i}</title><guid>g{i}</guid><link>http://127.0.0.1/{i}</link></item>"
        for i in range(100_000)
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
    data += "</channel></rss>"
    server.routes["/big"] = body(data.encode())
    feed = lib.add_feed(server.url("/big"))
    started = time.perf_counter()
    [report] = lib.update_feeds()
    took = time.perf_counter() - started
    assert (len(report.outcomes), report.skipped) == (MAX_ITEMS, 100_000 - MAX_ITEMS)
    assert report.line().endswith(
        "imported 500, duplicates 0, failed 0, 99500 items past the cap not read"
    )
    titles = [a.title for a in _articles(lib, feed.id)]
    assert titles[0] == "Item 0" and titles[-1] == "Item 499" and len(titles) == 500
    assert took < 10, took  # 1.5 s here


def test_gzip_bomb_is_refused_by_the_cap(lib, server):
    bomb = gzip.compress(b"<" + b" " * (30 * 1024 * 1024))
    assert len(bomb) < 100_000
    server.routes["/bomb"] = body(bomb, Content_Encoding="gzip")
    server.routes["/rdf"] = body(RSS10)
    lib.add_feed(server.url("/bomb"), name="bomb")
    lib.add_feed(server.url("/rdf"), name="rdf")
    bombed, fine = lib.update_feeds()
    assert bombed.error == "the page is larger than 10 MB"
    assert [o.path for o in fine.outcomes] == ["Lighthouse repainted"]


def test_a_trickling_server_times_out(lib, server):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        try:
            for _ in range(40):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    server.routes["/slow"] = trickle
    lib.add_feed(server.url("/slow"), name="slow")
    started = time.perf_counter()
    [report] = lib.update_feeds(timeout=0.5, total_timeout=1.0)
    assert report.error == "the page took too long to arrive"
    assert time.perf_counter() - started < 3


def test_full_text_fetches_each_items_page(lib, server):
    page = (
        "<!doctype html><html><head><title>Ferry timetable changes</title></head>"
        "<body><nav>Menu</nav>"
        f"<article><h1>Ferry timetable changes</h1><p>{PARA}</p><p>{PARA2}</p>"
        "<p>The new timetable starts on the first of December for every line.</p>"
        "</article></body></html>"
    ).encode()
    link = server.url("/ferry")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>'
        f"<item><title>Ferry timetable changes</title><link>{link}</link><guid>f1</guid>"
        "<description>Only a teaser.</description></item></channel></rss>"
    ).encode()
    server.routes["/feed"] = body(feed)
    server.routes["/ferry"] = body(page, "text/html; charset=utf-8")
    lib.add_feed(server.url("/feed"), name="port", full_text=True)
    lib.update_feeds()
    [article] = _articles(lib)
    assert (article.title, article.url) == ("Ferry timetable changes", link)
    assert article.text == (
        f"{PARA}\n\n{PARA2}\n\nThe new timetable starts on the first of December for every line."
    )
    assert lib.feeds()[0].full_text is True


def test_add_rename_remove_refusals(lib):
    assert lib.add_feed("https://www.example.org/a.xml").name == "example.org"
    assert lib.add_feed("https://example.org/b.xml").name == "example.org 2"
    from reader.errors import NotFound, ReaderError

    with pytest.raises(ReaderError, match="only http and https"):
        lib.add_feed("ftp://example.org/feed")
    with pytest.raises(
        ReaderError, match="already subscribed to https://example.org/b.xml as 'example.org 2'"
    ):
        lib.add_feed("https://example.org/b.xml")
    with pytest.raises(ReaderError, match="there is already a feed named 'example.org'"):
        lib.rename_feed("example.org 2", "EXAMPLE.ORG")
    assert lib.rename_feed("example.org 2", "Second").name == "Second"
    with pytest.raises(NotFound, match="no feed named 'nope'"):
        lib.update_feeds(["nope"])
    with pytest.raises(NotFound):
        lib.remove_feed("nope")
    assert [f.name for f in lib.feeds()] == ["example.org", "Second"]


def test_cli_feeds(db_path, server):
    server.routes["/rss20"] = body(RSS20)
    server.routes["/broken"] = body(b"<rss><channel>")
    run = CliRunner().invoke
    db = ["--db", str(db_path)]
    url = server.url("/rss20")
    result = run(cli, [*db, "feeds", "add", url, "--name", "Port"])
    assert (result.exit_code, result.output) == (0, f"added feed 'Port': {url}\n")
    run(cli, [*db, "feeds", "add", server.url("/broken"), "--name", "Broken", "--full-text"])
    result = run(cli, [*db, "feeds", "update"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Port: Ferry timetable changes: article 1",
        "Port: Storm warning: article 2",
        "Port: imported 2, duplicates 0, failed 0",
    ]
    assert result.stderr.splitlines() == [
        "Broken: failed: the feed is not well-formed XML (Premature end of data in tag "
        "channel line 1, line 1, column 15)"
    ]
    result = run(cli, [*db, "feeds", "list"])
    lines = result.output.splitlines()
    assert lines[0].startswith(
        f"Broken\t{server.url('/broken')} [full text]\t0 articles, 0 unread\t20"
    )
    assert lines[1].startswith("\terror: the feed is not well-formed XML")
    assert lines[2].startswith(f"Port\t{url}\t2 articles, 2 unread\t20")
    assert run(cli, [*db, "feeds", "rename", "Port", "Harbour"]).output == (
        "renamed feed 'Port' to 'Harbour'\n"
    )
    result = run(cli, [*db, "feeds", "update", "Harbour", "-q"])
    assert (result.exit_code, result.output) == (0, "Harbour: imported 0, duplicates 0, failed 0\n")
    result = run(cli, [*db, "feeds", "remove", "Nope"])
    assert (result.exit_code, result.output) == (
        1,
        "Error: no feed named 'Nope' (see `reader feeds list`)\n",
    )
    assert run(cli, [*db, "feeds", "remove", "Harbour"]).output == (
        "removed feed 'Harbour' (its articles stay)\n"
    )
    result = run(cli, [*db, "feeds", "list", "--json"])
    assert [line.split(",")[1] for line in result.output.splitlines()] == [' "name": "Broken"']
    assert run(cli, [*db, "list", "--json"]).output.count("\n") == 2


def test_cancel_stops_waiting_for_a_trickling_feed_and_records_nothing(lib, server):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        try:
            for _ in range(100):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    server.routes["/slow"] = trickle
    server.routes["/rdf"] = body(RSS10)
    lib.add_feed(server.url("/slow"), name="a-slow")
    lib.add_feed(server.url("/rdf"), name="b-rdf")
    started = time.perf_counter()
    assert lib.update_feeds(cancelled=lambda: time.perf_counter() - started > 0.5) == []
    assert time.perf_counter() - started < 2
    assert [(f.last_checked, f.last_error) for f in lib.feeds()] == [(None, None)] * 2
