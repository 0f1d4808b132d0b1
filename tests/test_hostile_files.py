"""Hostile files (issue 13, item 4): bounded cost, non-regular files, URLs, file names.

The command line runs in a subprocess with a timeout, so a hang fails the test
instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from reader.errors import ImportFailed
from reader.importers import expand_paths, parse_file
from reader.importers.html import parse_html
from reader.importers.limits import (
    MAX_ATTRIBUTES,
    MAX_BLOCKS,
    MAX_ELEMENTS,
    check_markup,
    check_text_blocks,
    check_tree,
)
from reader.library import Library
from reader.model import ImportStatus, ParsedArticle
from reader.text.oneline import display_path, one_line
from reader.text.urls import http_url

CLI_TIMEOUT = 90  # seconds for a whole batch: each file must be refused in a few seconds
BODY = "<p>The council met on Monday and agreed on the budget for the coming year.</p>"


def run_cli(*args: str | os.PathLike) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(os.fsdecode, args)],
        capture_output=True,
        timeout=CLI_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def lines_of(result: subprocess.CompletedProcess) -> list[str]:
    out = (result.stdout + result.stderr).decode("utf-8")
    assert "Traceback" not in out and "unexpected" not in out, out
    return out.splitlines()


def summary(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8").splitlines()[-1]


def line_for(lines: list[str], name: str) -> str:
    found = [x for x in lines if x.startswith(f"{name}: ")]
    assert len(found) == 1, (name, lines)
    return found[0]


def page(body: str, head: str = "<title>Budget talks</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def good_text(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text("Budget agreed\n\nThe council agreed on the budget on Monday.\n")
    return path


def test_huge_pages_and_special_files_fail_fast_with_the_limit_named(tmp_path):
    attributes = " ".join(f'data-a{i}="v"' for i in range(200_000))
    (tmp_path / "attributes.html").write_text(page(f"<p {attributes}>Hello there.</p>"))
    siblings = "".join(f"<p>Paragraph {i} of the report.</p>" for i in range(100_000))
    (tmp_path / "siblings.html").write_text(page(siblings))
    paragraphs = "\n\n".join(f"Paragraph {i} of the report." for i in range(100_000))
    (tmp_path / "paragraphs.txt").write_text("A long report\n\n" + paragraphs)
    (tmp_path / "paragraphs.md").write_text("# A long report\n\n" + paragraphs)
    items = "\n".join(f"- item {i}" for i in range(100_000))
    (tmp_path / "items.md").write_text("# A long list\n\n" + items)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = good_text(tmp_path)
    names = ["attributes.html", "siblings.html", "paragraphs.txt", "paragraphs.md", "items.md"]
    files = [tmp_path / n for n in names] + [fifo, Path("/dev/zero"), good]

    r = run_cli("--db", tmp_path / "lib.db", "import", *files)

    lines = lines_of(r)
    assert r.returncode == 1
    assert line_for(lines, str(tmp_path / "attributes.html")).endswith(
        ": an element has 200,000 attributes (the limit is 1,000 attributes on one element)"
    )
    assert line_for(lines, str(tmp_path / "siblings.html")).endswith(
        ": page too complex (100,004 elements; the limit is 50,000)"
    )
    for name, blocks in (("paragraphs.txt", 100_001), ("paragraphs.md", 100_002)):
        assert line_for(lines, str(tmp_path / name)).endswith(
            f": too many paragraphs ({blocks:,} blocks; the limit is 10,000 in one article)"
        )
    assert "the limit is 10,000 in one article" in line_for(lines, str(tmp_path / "items.md"))
    assert line_for(lines, str(fifo)).endswith(
        ": a FIFO (named pipe), not a regular file: only regular files are imported"
    )
    assert line_for(lines, "/dev/zero").endswith(
        ": a character device, not a regular file: only regular files are imported"
    )
    assert line_for(lines, str(good)).endswith(": article 1")
    assert summary(r) == "imported 1, duplicates 0, failed 7"


def test_recursive_import_refuses_fifos_and_devices_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    os.mkfifo(folder / "sub" / "pipe.md")
    (folder / "zero.html").symlink_to("/dev/zero")
    good = good_text(folder / "sub")

    r = run_cli("--db", tmp_path / "lib.db", "import", "--recursive", folder)

    lines = lines_of(r)
    assert r.returncode == 1
    assert "a FIFO (named pipe), not a regular file" in line_for(
        lines, str(folder / "sub" / "pipe.md")
    )
    assert "a character device, not a regular file" in line_for(lines, str(folder / "zero.html"))
    assert line_for(lines, str(good)).endswith(": article 1")
    assert summary(r) == "imported 1, duplicates 0, failed 2"


@pytest.mark.parametrize(
    "command, special",
    [
        ("import-annotations", "fifo"),
        ("import-annotations", "/dev/zero"),
        ("import-project", "fifo"),
        ("restore", "fifo"),
    ],
)
def test_other_file_commands_refuse_fifos_and_devices(tmp_path, command, special):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    target = fifo if special == "fifo" else Path(special)
    db = tmp_path / "lib.db"
    with Library(db):
        pass

    r = run_cli("--db", db, command, target)

    lines = lines_of(r)
    assert r.returncode == 1
    kind = "a FIFO (named pipe)" if special == "fifo" else "a character device"
    assert lines == [f"Error: {target}: {kind}, not a regular file: only regular files are read"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_undecodable_and_multiline_file_names_are_escaped_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsencode(folder) + b"/caf\xe9 \xff.txt"
    with open(odd, "wb") as f:
        f.write(b"First article\n\nThe first body of text.\n")
    (folder / "two\nlines.md").write_text("# Second article\n\nThe second body of text.\n")
    (folder / "missing\r\nname.txt").symlink_to(folder / "nowhere")
    good = good_text(folder, "zz-good.txt")
    db = tmp_path / "lib.db"

    r = run_cli("--db", db, "import", folder)

    lines = lines_of(r)
    assert r.returncode == 1
    assert f"{folder}/caf\\xe9 \\xff.txt: article 1" in lines
    assert f"{folder}/missing\\r\\nname.txt: no such file" in lines
    assert f"{folder}/two\\nlines.md: article 2" in lines
    assert f"{good}: article 3" in lines
    assert summary(r) == "imported 3, duplicates 0, failed 1"
    with Library(db) as lib:
        paths = [lib.article(i).source_path for i in (1, 2, 3)]
    assert paths == [f"{folder}/caf\\xe9 \\xff.txt", f"{folder}/two\\nlines.md", str(good)]


def test_only_http_urls_are_stored_for_every_input_kind(tmp_path, lib):
    (tmp_path / "front.md").write_text(
        "---\ntitle: Front matter\nurl: javascript:alert(1)\n---\n\nThe body of the note.\n"
    )
    (tmp_path / "fine.md").write_text(
        "---\ntitle: Fine\nurl: https://example.org/a?b=1\n---\n\nAnother body of text.\n"
    )
    canonical = '<link rel="canonical" href="JavaScript:alert(1)"><title>Budget talks</title>'
    (tmp_path / "canonical.html").write_text(page(BODY, canonical))
    outcomes = [lib.import_file(tmp_path / n) for n in ("front.md", "fine.md", "canonical.html")]
    pasted = lib.import_html(page(BODY.replace("budget", "plan")), url="javascript:alert(2)")
    direct = ParsedArticle(title="Direct", markdown="Body.\n", url="file:///etc/passwd")
    _, direct_id = lib.add_article(direct)
    ids = [o.article_id for o in [*outcomes, pasted]] + [direct_id]
    assert all(o.status == ImportStatus.IMPORTED for o in [*outcomes, pasted])
    urls = [lib.article(i).url for i in ids]
    assert urls == [None, "https://example.org/a?b=1", None, None, None]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "//example.org/no-scheme",
        "https://",
        "http://exa mple.org/",
        "http://example.org/\nSet-Cookie",
        "https://[::1/",
        "https://example.org/" + "a" * 3000,
        "",
        None,
        12,
    ],
)
def test_http_url_refuses_everything_but_http_and_https(value):
    assert http_url(value) is None


def test_http_url_keeps_http_and_https():
    assert http_url(" https://example.org/a?b=1#c ") == "https://example.org/a?b=1#c"
    assert http_url("HTTP://Example.org") == "HTTP://Example.org"


def test_limits_hold_exactly_at_their_values():
    attrs = " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES))
    check_markup(page(f"<p {attrs}>x</p>"))
    with pytest.raises(ImportFailed, match="1,001 attributes"):
        check_markup(page(f"<p {attrs} one-more>x</p>"))
    # html, head, title, body and the paragraphs
    check_tree(lxml.html.document_fromstring(page("<b>x</b>" * (MAX_ELEMENTS - 4))))
    with pytest.raises(ImportFailed, match="50,001 elements"):
        check_tree(lxml.html.document_fromstring(page("<b>x</b>" * (MAX_ELEMENTS - 3))))
    check_text_blocks("\n\n".join(["para"] * MAX_BLOCKS))
    with pytest.raises(ImportFailed, match="10,001 blocks"):
        check_text_blocks("\n\n".join(["para"] * (MAX_BLOCKS + 1)))


def test_limits_refuse_pasted_html_too():
    with pytest.raises(ImportFailed, match="the limit is 1,000 attributes"):
        parse_html(page("<p " + " ".join(f"a{i}=1" for i in range(5000)) + ">x</p>"))


def test_expand_paths_opens_nothing(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    good = good_text(tmp_path)
    # A FIFO opened for reading would block this call forever.
    assert list(expand_paths([tmp_path], recursive=True)) == [good, tmp_path / "pipe.txt"]
    with pytest.raises(ImportFailed, match="FIFO"):
        parse_file(tmp_path / "pipe.txt")


def test_one_line_escapes_breaks_controls_and_undecodable_bytes():
    assert one_line("a\nb\rc\td\x00e\x1bf\u2028g") == r"a\nb\rc\td\x00e\x1bf\u2028g"
    assert display_path(os.fsdecode(b"/tmp/caf\xe9.txt")) == "/tmp/caf\\xe9.txt"
    assert display_path(Path("/tmp/plain é.txt")) == "/tmp/plain é.txt"
    assert json.dumps(display_path(os.fsdecode(b"\xff")))  # encodable: no lone surrogate


def _attributes(n: int) -> str:
    return " ".join(f"a{i}" for i in range(n))


@pytest.mark.parametrize(
    "markup",
    [
        f"<p>x</p><script {_attributes(1_500)}>x</script>",  # a script's own attributes count
        f"<!--><p {_attributes(1_500)}>x</p>",  # `<!-->` is a whole (empty) comment
        f'<p a="<script>" {_attributes(1_500)}>x</p>',  # no script starts inside a value
        f'<script>x<a b="</script><p {_attributes(1_500)}>"</script>',  # the script ended
        f"<div><p {_attributes(1_500)} title='>'>x</p></div>",
    ],
)
def test_attribute_limit_sees_every_element_libxml2_parses(markup):
    html = page(markup)
    parsed = lxml.html.document_fromstring(html)
    assert max(len(el.attrib) for el in parsed.iter() if isinstance(el.tag, str)) > 1_000
    with pytest.raises(ImportFailed, match="the limit is 1,000 attributes"):
        check_markup(html)


@pytest.mark.parametrize(
    "markup",
    [
        f"<script>if (a<b {_attributes(1_500)}) {{}}</script><p>x</p>",
        f"<style>p<q {_attributes(1_500)} {{}}</style><p>x</p>",
        f"<!-- <p {_attributes(1_500)}> --><p>x</p>",
        f"<textarea><p {_attributes(1_500)}></textarea>",
    ],
)
def test_attribute_limit_ignores_what_libxml2_reads_as_text(markup):
    html = page(markup)
    parsed = lxml.html.document_fromstring(html)
    assert max(len(el.attrib) for el in parsed.iter() if isinstance(el.tag, str)) < 10
    check_markup(html)
