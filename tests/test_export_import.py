"""Import back: export → import into another library with the same articles → same rows."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library

from .export_data import ARTICLES, annotate_all

# Columns that must differ after an import: new ids, the import time, the origin.
AGAIN = "imported 0 annotations, merged 0, duplicates 14, new entities 0, unmatched 0\n"
VOLATILE = {"annotation_id", "entity_id", "speaker_id", "modified", "origin"}


def write_sources(folder):
    """The test articles as Markdown files: both libraries import the same sources."""
    folder.mkdir()
    for i, a in enumerate(ARTICLES, start=1):
        front = [f"title: {a['title']}", f"date: {a['published']}", f"source: {a['source']}"]
        if a.get("url"):
            front.append(f"url: {a['url']}")
        body = "\n\n".join(a["paragraphs"])
        (folder / f"{i}.md").write_text(
            "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n", encoding="utf-8"
        )
    return folder


def cli_run(db, *args, code=0):
    r = CliRunner().invoke(cli, ["--db", str(db), *map(str, args)])
    assert r.exit_code == code, r.output
    return r


def csv_rows(db, tmp_path, name):
    out = tmp_path / name
    cli_run(db, "export", "annotations", "--raw", "-o", out)
    with open(out, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def stable(rows, drop=frozenset()):
    return [{k: v for k, v in r.items() if k not in VOLATILE | drop} for r in rows]


@pytest.fixture
def source_lib(tmp_path):
    sources = write_sources(tmp_path / "sources")
    db = tmp_path / "a.db"
    cli_run(db, "import", sources)
    with Library(db, annotator="ana") as lib:
        ids = [s.id for s in sorted(lib.list_articles(), key=lambda s: s.id)]
        annotate_all(lib, ids)
        quote = next(a for a in lib.annotations(ids[1]) if a.kind == "quote")
        speaker = lib.find_entity("Sergey Lavrov", "PERSON")
        lib.update_annotation(quote.id, speaker_id=speaker.id, cue="said", quote_type="direct")
    return db, sources


@pytest.mark.parametrize("fmt", ["jsonl", "w3c"])
def test_export_import_export_gives_the_same_rows(source_lib, tmp_path, fmt):
    db, sources = source_lib
    before = csv_rows(db, tmp_path, "before.csv")
    exported = tmp_path / f"marks.{fmt}"
    cli_run(db, "export", "annotations", "--format", fmt, "-o", exported)

    empty = tmp_path / "b.db"
    cli_run(empty, "import", sources)
    r = cli_run(empty, "import-annotations", exported)
    new_entities = 2  # Sergey Lavrov (also the speaker), سيرغي لافروف
    assert r.output == (
        "imported 14 annotations, merged 0, duplicates 0, "
        f"new entities {new_entities}, unmatched 0\n"
    )
    after = csv_rows(empty, tmp_path, "after.csv")
    # Both formats keep everything, the quote's attribution included.
    assert stable(after) == stable(before)
    assert {r["origin"] for r in after} == {"imported"}
    quote = next(r for r in after if r["speaker_name"])
    assert (quote["speaker_name"], quote["cue"], quote["quote_type"]) == (
        "Sergey Lavrov",
        "said",
        "direct",
    )
    # Importing the same file again adds nothing.
    r = cli_run(empty, "import-annotations", exported)
    assert (
        r.output == "imported 0 annotations, merged 0, duplicates 14, new entities 0, unmatched 0\n"
    )
    assert len(csv_rows(empty, tmp_path, "again.csv")) == 14


def test_import_into_the_same_library_adds_nothing(source_lib, tmp_path):
    db, _ = source_lib
    exported = tmp_path / "marks.jsonl"
    cli_run(db, "export", "annotations", "--format", "jsonl", "-o", exported)
    r = cli_run(db, "import-annotations", exported)
    assert (
        r.output == "imported 0 annotations, merged 0, duplicates 14, new entities 0, unmatched 0\n"
    )


def test_matching_by_title_reanchors_and_lists_the_unmatched(source_lib, tmp_path):
    db, _ = source_lib
    exported = tmp_path / "marks.jsonl"
    cli_run(db, "export", "annotations", "--format", "jsonl", "--article", "1", "-o", exported)
    other = tmp_path / "other.db"
    edited = tmp_path / "edited.md"
    # Same title, an extra first paragraph, the emoji paragraph dropped: no hash, no URL.
    edited.write_text(
        f"---\ntitle: {ARTICLES[0]['title']}\n---\n\nA new lead paragraph.\n\n"
        f"{ARTICLES[0]['paragraphs'][1]}\n",
        encoding="utf-8",
    )
    cli_run(other, "import", edited)
    r = cli_run(other, "import-annotations", exported, code=1)
    lines = r.output.splitlines()
    assert (
        lines[-1] == "imported 2 annotations, merged 0, duplicates 0, new entities 1, unmatched 2"
    )
    unmatched = sorted(line.split(": ", 1)[1] for line in lines[:-1])
    assert unmatched == [
        '"„Wir sind bereit 🚀, wirklich 🇺🇦“" not found in article 1',
        '"👩🏽\u200d⚖️" not found in article 1',
    ]
    with Library(other) as lib:
        text = lib.article(1).text
        marks = lib.annotations(1)
        assert [(m.exact, m.start, text[m.start : m.end]) for m in marks] == [
            ("Sergey Lavrov", 37, "Sergey Lavrov"),
            ("𝔐𝔞𝔱𝔥", 56, "𝔐𝔞𝔱𝔥"),
        ]
        assert marks[1].prefix == text[24:56] and marks[1].note.startswith('a "note"')


def test_no_matching_article_is_listed(source_lib, tmp_path):
    db, _ = source_lib
    exported = tmp_path / "marks.w3c.json"
    cli_run(db, "export", "annotations", "--format", "w3c", "--article", "3", "-o", exported)
    empty = tmp_path / "empty.db"
    r = cli_run(empty, "import-annotations", exported, code=1)
    assert r.output.splitlines()[-1] == (
        "imported 0 annotations, merged 0, duplicates 0, new entities 0, unmatched 2"
    )
    assert 'no article matches "王毅会见拉夫罗夫"' in r.output


def test_import_is_one_undo_step(source_lib, tmp_path):
    db, sources = source_lib
    exported = tmp_path / "marks.jsonl"
    cli_run(db, "export", "annotations", "--format", "jsonl", "-o", exported)
    other = tmp_path / "b.db"
    cli_run(other, "import", sources)
    with Library(other) as lib:
        report = lib.import_annotations(exported)
        assert (report.added, lib.count_annotations(), len(lib.entities())) == (14, 14, 2)
        assert lib.undo_name == "Import annotations"
        changes = lib.undo()
        assert lib.count_annotations() == 0 and lib.entities() == []
        assert len(changes.annotations) == 14 and changes.entities
        lib.redo()
        assert lib.count_annotations() == 14 and len(lib.entities()) == 2


def test_bad_files_are_one_line(tmp_path, db_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": {}}\n', encoding="utf-8")
    r = cli_run(db_path, "import-annotations", bad, code=1)
    assert r.output == (
        "bad.jsonl:1: field 'kind' is missing\n"
        "imported 0 annotations, merged 0, duplicates 0, new entities 0, unmatched 1\n"
    )
    other = tmp_path / "x.txt"
    other.write_text("hello", encoding="utf-8")
    r = cli_run(db_path, "import-annotations", other, code=1)
    assert r.output == f"Error: {other}: not a jsonl or w3c annotation export\n"
    (tmp_path / "one.json").write_text(json.dumps({"type": "Annotation"}), encoding="utf-8")
    r = cli_run(db_path, "import-annotations", tmp_path / "one.json", code=1)
    assert "no target with a text selector" in r.output
