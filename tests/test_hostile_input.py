"""Hostile files: never a crash, hang or traceback; a clear reason; the library unchanged."""

from __future__ import annotations

import codecs
import random

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import cli
from reader.errors import ImportFailed
from reader.importers.decode import decode_bytes
from reader.importers.markdown_file import parse_markdown
from reader.importers.press import parse_press


def _hostile_files(folder):
    """Write the corpus of hostile files; returns {name: expected reason or None (imports)}."""
    rng = random.Random(7)
    files = {
        "binary.txt": (bytes(rng.randrange(256) for _ in range(5000)), "not a text"),
        "truncated-utf8.txt": ("Judul\n\nLavrov berkata “cepat”".encode()[:-2], None),
        "utf16-nobom.txt": ("Title here\n\nBody text in UTF-16.\n".encode("utf-16-le"), None),
        "nul-and-controls.txt": (b"Ti\x00tle\x01\x02\n\nbody\x1b[31m red\x07\n", "binary"),
        "controls-only-some.txt": (b"Title\x0b\n\nbody \x1b[31mred\x7f text\n", None),
        "empty.txt": (b"", "empty file"),
        "whitespace.md": (b" \n\t\r\n  \n", "empty file"),
        "zip.html": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "ZIP"),
        "pdf.html": (b"%PDF-1.7\n1 0 obj << >> endobj\n", "PDF"),
        "pdf.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        "invalid-date.txt": (b"Februari 31, 2025\n\nTitle\n\nBody.\n", None),
        "absurd-front-matter.md": (
            b"---\ntitle: " + b"T" * 5000 + b"\ndate: 99999-99-99\nlang: klingon-xx-1\n---\nBody\n",
            None,
        ),
        "bom-then-garbage.txt": (codecs.BOM_UTF16_LE + b"\x00\xd8\x00\xd8" * 50, "not a text"),
        "one-long-line.txt": (b"word " * 400_000, None),  # 2 MB on one line
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    big = folder / "big-50mb.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    files["big-50mb.txt"] = (b"", "too large")
    return {name: reason for name, (_, reason) in files.items()}


def test_hostile_corpus_through_the_cli(tmp_path, db_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    expected = _hostile_files(folder)
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", str(db_path), "import", str(folder)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    lines = r.output.splitlines()
    for name, reason in expected.items():
        line = next((x for x in lines if x.startswith(f"{folder / name}: ")), None)
        assert line is not None, name
        if reason is None:
            assert "article" in line, line
        else:
            assert reason in line, line
    failed = sum(1 for reason in expected.values() if reason)
    assert lines[-1] == f"imported {len(expected) - failed}, duplicates 0, failed {failed}"
    r = runner.invoke(cli, ["--db", str(db_path), "list", "--json", "--limit", "100"])
    titles = [__import__("json").loads(x)["title"] for x in r.output.splitlines()]
    assert len(titles) == len(expected) - failed
    assert all(0 < len(t) <= 300 for t in titles)


def test_failed_file_leaves_library_unchanged(tmp_path, lib, seed_path):
    lib.import_file(seed_path)
    before = lib._store.db.execute("SELECT count(*), total(length(text)) FROM articles").fetchone()
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"PK\x03\x04" + bytes(100))
    assert lib.import_file(bad).status == "failed"
    after = lib._store.db.execute("SELECT count(*), total(length(text)) FROM articles").fetchone()
    assert before == after


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        text = decode_bytes(data)
    except ImportFailed as e:
        assert str(e)
        return
    assert "\x00" not in text and "\r" not in text
    try:
        article = parse_press(text)
    except ImportFailed:
        return
    assert article.title.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_parses_as_press_or_markdown(text):
    for parse in (parse_press, parse_markdown):
        try:
            article = parse(text)
        except ImportFailed:
            continue
        assert len(article.title) <= 300 or parse is parse_markdown


@pytest.mark.parametrize("date", ["Februari 31, 2025", "2025-13-45", "32/32/3232", "0000-00-00"])
def test_invalid_dates_are_not_dates(date):
    article = parse_press(f"{date}\n\nTitle\n\nBody text.\n")
    assert article.published is None
