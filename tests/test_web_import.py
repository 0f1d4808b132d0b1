"""Importing web addresses, against a server this test starts on 127.0.0.1 only."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from reader import __version__
from reader.cli import cli
from reader.fetch import MAX_BYTES, fetch
from reader.model import ImportStatus

BODY = (
    "<p>The harbour master said on Tuesday that the new pier will open in the spring, "
    "after two years of work and many delays.</p>"
    "<p>Fishing boats will moor on the east side, ferries on the west, she said.</p>"
)
TEXT = (
    "The harbour master said on Tuesday that the new pier will open in the spring, after "
    "two years of work and many delays.\n\nFishing boats will moor on the east side, "
    "ferries on the west, she said."
)


def _page(title: str, head: str = "", body: str = BODY) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str, **headers: str) -> None:
        self._send(302, Location=to, **headers)

    def do_GET(self) -> None:  # noqa: C901 - one route table
        Handler.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        p = self.path
        html = "text/html; charset=utf-8"
        if p == "/canonical":
            head = '<link rel="canonical" href="https://news.example.org/pier">'
            self._send(200, _page("New Pier Opens in Spring", head), Content_Type=html)
        elif p == "/plain":
            self._send(200, _page("Harbour Pier Plan"), Content_Type=html)
        elif p.startswith("/hop"):
            n = int(p[4:])
            self._redirect(f"/hop{n - 1}" if n > 1 else "/plain")
        elif p == "/loop-a":
            self._redirect("/loop-b")
        elif p == "/loop-b":
            self._redirect("/loop-a")
        elif p == "/to-file":
            self._redirect("file:///etc/passwd")
        elif p == "/to-ftp":
            self._redirect("ftp://127.0.0.1/pier.html")
        elif p == "/set-cookie":
            self._redirect("/plain", Set_Cookie="session=secret; Path=/")
        elif p == "/gzip":
            self._send(
                200,
                gzip.compress(_page("Gzipped Pier News")),
                Content_Type=html,
                Content_Encoding="gzip",
            )
        elif p == "/bomb":
            bomb = gzip.compress(b"<p>" + b"a" * (MAX_BYTES + 1_000_000), compresslevel=9)
            self._send(200, bomb, Content_Type=html, Content_Encoding="gzip")
        elif p == "/missing":
            self._send(404, b"no", Content_Type="text/plain")
        elif p == "/image":
            self._send(200, b"\x89PNG", Content_Type="image/png")
        elif p == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            chunk = b"<p>more</p>" * 10_000
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif p == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif p == "/silent":
            time.sleep(3)
        else:
            self._send(404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)])

    return invoke


def test_page_with_canonical_url_exact(lib, server):
    summary = lib.import_urls([f"{server}/canonical"])
    (outcome,) = summary.outcomes
    assert outcome.status == ImportStatus.IMPORTED, outcome.reason
    a = lib.article(outcome.article_id)
    assert a.title == "New Pier Opens in Spring"
    assert a.url == "https://news.example.org/pier"
    assert a.text == TEXT
    assert a.source_format == "html"
    assert lib.reextract([a.id])[0].status == "unchanged"  # the page's bytes were kept
    # The same address again: a duplicate, and not fetched again.
    before = len(Handler.seen)
    again = lib.import_urls(["https://news.example.org/pier"]).outcomes[0]
    assert (again.status, again.article_id) == (ImportStatus.DUPLICATE, a.id)
    assert len(Handler.seen) == before


def test_redirects_final_url_user_agent_and_no_cookies(lib, server):
    Handler.seen.clear()
    (outcome,) = lib.import_urls([f"{server}/hop5"]).outcomes
    assert outcome.status == ImportStatus.IMPORTED, outcome.reason
    assert lib.article(outcome.article_id).url == f"{server}/plain"
    assert [s["path"] for s in Handler.seen] == [
        "/hop5",
        "/hop4",
        "/hop3",
        "/hop2",
        "/hop1",
        "/plain",
    ]
    assert all(s["user-agent"].startswith(f"Reader/{__version__} ") for s in Handler.seen)
    Handler.seen.clear()
    fetch(f"{server}/set-cookie")
    assert [s["path"] for s in Handler.seen] == ["/set-cookie", "/plain"]
    assert "cookie" not in Handler.seen[1]


def test_hostile_answers_one_line_each(run, server):
    r = run(
        "import",
        f"{server}/hop6",
        f"{server}/loop-a",
        f"{server}/to-file",
        f"{server}/to-ftp",
        f"{server}/missing",
        f"{server}/image",
        f"{server}/endless",
        f"{server}/bomb",
        "file:///etc/passwd",
    )
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        f"{server}/hop6: too many redirects (more than 5)",
        f"{server}/loop-a: the server redirects in a loop",
        f"{server}/to-file: redirected to a refused address: only http and https addresses "
        "are fetched, not file:",
        f"{server}/to-ftp: redirected to a refused address: only http and https addresses "
        "are fetched, not ftp:",
        f"{server}/missing: the server answered 404 Not Found",
        f"{server}/image: not a web page, PDF or Word file (image/png)",
        f"{server}/endless: the page is larger than 10 MB",
        f"{server}/bomb: the page is larger than 10 MB",
        "file:///etc/passwd: only http and https addresses are fetched, not file:",
        "imported 0, duplicates 0, failed 9",
    ]


def test_gzip_page_and_urls_file(run, lib, server, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# pier news\n{server}/gzip\n\n{server}/plain\n")
    r = run("import", "--urls", listing)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{server}/gzip: article 1",
        f"{server}/plain: article 2",
        "imported 2, duplicates 0, failed 0",
    ]
    assert lib.article(1).title == "Gzipped Pier News"
    assert lib.article(1).text == TEXT


def test_trickling_and_silent_servers_time_out(lib, server):
    started = time.monotonic()
    trickle, silent = lib.import_urls(
        [f"{server}/trickle", f"{server}/silent"], timeout=0.5, total_timeout=1.0
    ).outcomes
    assert trickle.reason == "the page took too long to arrive"
    assert silent.reason == "the server did not answer in time (0.5 s)"
    assert time.monotonic() - started < 4
