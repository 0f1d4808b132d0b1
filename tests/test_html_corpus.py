"""HTML import on real pages (mozilla/readability test suite) and re-extraction."""

from __future__ import annotations

import json
import zlib

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.importers import parse_file
from reader.model import ImportStatus
from tests.conftest import SHARED

PAGES = SHARED / "corpus" / "readability-pages"
pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="shared corpus not present")


def expected(name: str) -> dict:
    return json.loads((PAGES / name / "expected-metadata.json").read_text("utf-8"))


@pytest.mark.parametrize("name", ["aclu", "wikipedia-2", "ars-1"])
def test_metadata_matches_expected(name):
    article = parse_file(PAGES / name / "source.html")
    exp = expected(name)
    assert article.title == exp["title"]
    assert article.language == exp["lang"][:2].lower()
    assert article.source_format == "html"
    if exp["byline"]:
        assert exp["byline"] in article.author


def test_aclu_all_fields():
    a = parse_file(PAGES / "aclu" / "source.html")
    assert a.author == "Daniel Kahn Gillmor"
    assert a.published == "2018-04-05T06:00:00"
    assert a.source == "American Civil Liberties Union"
    assert a.url == (
        "https://www.aclu.org/blog/privacy-technology/internet-privacy/"
        "facebook-tracking-me-even-though-im-not-facebook"
    )
    assert a.excerpt == expected("aclu")["excerpt"]


def test_cli_imports_every_page(tmp_path):
    db = tmp_path / "lib.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(PAGES), "--recursive", "-q"])
    # Every source.html and expected.html (and the licence note, .md) imports: none fails.
    files = [p for p in PAGES.rglob("*") if p.suffix in (".html", ".md")]
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    imported, duplicates = (int(x.split()[-1]) for x in summary.split(",")[:2])
    assert summary.endswith(", failed 0")
    assert imported + duplicates == len(files) == 123
    assert imported >= 2 * len(list(PAGES.glob("*/source.html"))) - 10


def test_reextract(tmp_path, lib):
    path = tmp_path / "page.html"
    path.write_bytes((PAGES / "aclu" / "source.html").read_bytes())
    first = lib.import_file(path)
    assert first.status == ImportStatus.IMPORTED
    aid = first.article_id
    before = lib.article(aid)
    assert [(o.status, o.reason) for o in lib.reextract([aid])] == [("unchanged", None)]

    # Simulate an article stored by an older extractor: different markdown and text.
    store = lib._store.articles
    with lib._store.atomic():
        store.update_content(aid, {"markdown": "Old text.\n", "text": "Old text."})
    outcome = lib.reextract(None)
    assert [(o.article_id, o.status) for o in outcome] == [(aid, "updated")]
    after = lib.article(aid)
    assert after.text == before.text and after.markdown == before.markdown
    assert lib.search("Facebook")[0].id == aid

    # With annotations: they are re-anchored on the new text, or orphaned, never lost.
    old_text = "Old intro paragraph.\n\n" + before.text
    with lib._store.atomic():
        store.update_content(aid, {"markdown": "x\n", "text": old_text})
    word = old_text.index("Facebook")
    kept = lib.annotate(aid, "highlight", word, word + len("Facebook"), note="kept")
    gone = lib.annotate(aid, "quote", 0, len("Old intro paragraph."))
    outcome = lib.reextract([aid])
    assert [(o.status, o.reason) for o in outcome] == [
        ("updated", "annotations: 0 unchanged, 1 re-anchored, 1 orphaned")
    ]
    text = lib.article(aid).text
    assert text == before.text
    moved = lib.annotation(kept.id)
    assert (moved.start, moved.status, moved.note) == (text.index("Facebook"), "ok", "kept")
    assert text[moved.start : moved.end] == "Facebook"
    orphan = lib.annotation(gone.id)
    assert (orphan.status, orphan.exact) == ("orphaned", "Old intro paragraph.")
    assert zlib.decompress(store.original(aid)) == path.read_bytes()


def test_reextract_cli(tmp_path):
    db = tmp_path / "lib.db"
    runner = CliRunner()
    page = PAGES / "aclu" / "source.html"
    assert runner.invoke(cli, ["--db", str(db), "import", str(page)]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(db), "reextract"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "article 1: unchanged",
        "updated 0, unchanged 1, not changed 0",
    ]
    result = runner.invoke(cli, ["--db", str(db), "reextract", "99"])
    assert result.exit_code == 1
    assert "article 99: failed (no such article)" in result.output
