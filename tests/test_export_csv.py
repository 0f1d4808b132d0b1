"""CSV export: exact offsets in every script, the library's values, safe cells, atomic files."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import ExportCancelled
from reader.exporters.annotations_csv import ANNOTATION_HEADER
from reader.library import Library
from reader.model import ExportOptions, Scope

from .export_data import add_articles, annotate_all

DANGER = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def filled(db_path):
    with Library(db_path, annotator="ana") as lib:
        ids = add_articles(lib)
        annotate_all(lib, ids)
    return db_path


def run(db_path, *args):
    r = CliRunner().invoke(cli, ["--db", str(db_path), *map(str, args)])
    assert r.exit_code == 0, r.output
    return r


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def article_texts(db_path, tmp_path, raw=True):
    out = tmp_path / "articles.csv"
    run(db_path, "export", "articles", "--format", "csv", "-o", out, *(["--raw"] if raw else []))
    return {int(r["id"]): r["text"] for r in read_csv(out)}


def test_header_is_the_public_interface(filled, tmp_path):
    out = tmp_path / "a.csv"
    run(filled, "export", "annotations", "--format", "csv", "-o", out)
    with open(out, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == list(ANNOTATION_HEADER)
    assert header == [
        "annotation_id",
        "article_id",
        "article_title",
        "published",
        "published_date",
        "source",
        "author",
        "url",
        "language",
        "kind",
        "label",
        "text",
        "start",
        "end",
        "prefix",
        "suffix",
        "note",
        "entity_id",
        "entity_name",
        "entity_type",
        "speaker_id",
        "speaker_name",
        "cue",
        "quote_type",
        "annotator",
        "created",
        "modified",
        "status",
        "origin",
    ]


def test_offsets_hold_on_every_row_in_every_script(filled, tmp_path):
    texts = article_texts(filled, tmp_path)
    out = tmp_path / "raw.csv"
    run(filled, "export", "annotations", "--format", "csv", "--raw", "-o", out)
    rows = read_csv(out)
    assert len(rows) == 14  # 12 marks + 2 entity mentions (王毅 has no word boundary)
    for row in rows:
        text = texts[int(row["article_id"])]
        assert row["text"] == text[int(row["start"]) : int(row["end"])], row
        assert row["prefix"] == text[max(0, int(row["start"]) - 32) : int(row["start"])]
    by_text = {r["text"]: (int(r["start"]), int(r["end"])) for r in rows}
    # Code points, not UTF-16 units or bytes: 👩🏽‍⚖️ is 5 code points, 𠀋𠀍 two.
    assert by_text["👩🏽‍⚖️"] == (15, 20)
    assert by_text["𠀋𠀍"] == (14, 16)
    assert by_text["q̃ and ṩ̃"] == (12, 21)
    assert by_text["سيرغي لافروف"] == (4, 16)
    # Default (neutralised) export: the same cell, or the cell behind one apostrophe.
    safe = tmp_path / "safe.csv"
    run(filled, "export", "annotations", "--format", "csv", "-o", safe)
    neutral_texts = article_texts(filled, tmp_path, raw=False)
    for row, raw_row in zip(read_csv(safe), rows, strict=True):
        text = neutral_texts[int(row["article_id"])]
        span = text[int(row["start"]) : int(row["end"])]
        assert row["text"] == ("'" + span if span.startswith(DANGER) else span)
        assert row["text"] == raw_row["text"] or row["text"] == "'" + raw_row["text"]


def _expected_rows(lib: Library) -> list[dict[str, str]]:
    """What the library holds, through its public reading API (not the export query)."""
    rows = []
    for summary in sorted(lib.list_articles(limit=1000), key=lambda s: s.id):
        article = lib.article(summary.id)
        for a in lib.annotations(summary.id):
            entity = lib.entity(a.entity_id) if a.entity_id else None
            speaker = lib.entity(a.speaker_id) if a.speaker_id else None
            values = {
                "annotation_id": a.id,
                "article_id": article.id,
                "article_title": article.title,
                "published": article.published,
                "published_date": (article.published or "")[:10],
                "source": article.source,
                "author": article.author,
                "url": article.url,
                "language": article.language,
                "kind": a.kind,
                "label": a.label,
                "text": a.exact,
                "start": a.start,
                "end": a.end,
                "prefix": a.prefix,
                "suffix": a.suffix,
                "note": a.note,
                "entity_id": a.entity_id,
                "entity_name": entity.name if entity else None,
                "entity_type": entity.type if entity else None,
                "speaker_id": a.speaker_id,
                "speaker_name": speaker.name if speaker else None,
                "cue": a.cue,
                "quote_type": a.quote_type,
                "annotator": a.annotator,
                "created": a.created,
                "modified": a.modified,
                "status": a.status,
                "origin": a.origin,
            }
            rows.append({k: "" if v is None else str(v) for k, v in values.items()})
    return rows


def test_round_trip_through_python_csv_equals_the_library(filled, tmp_path):
    out = tmp_path / "a.csv"
    run(filled, "export", "annotations", "--format", "csv", "--raw", "-o", out)
    with Library(filled) as lib:
        expected = _expected_rows(lib)
    assert read_csv(out) == expected
    assert len(expected) == 14


def test_formula_cells_neutralised_and_raw(filled, tmp_path):
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    run(filled, "export", "annotations", "-o", safe)
    run(filled, "export", "annotations", "--raw", "-o", raw)
    safe_rows = {r["annotation_id"]: r for r in read_csv(safe)}
    raw_rows = {r["annotation_id"]: r for r in read_csv(raw)}
    for key, r in raw_rows.items():
        for column, value in r.items():
            expected = "'" + value if value.startswith(DANGER) else value
            assert safe_rows[key][column] == expected, (column, value)
    cells = {v for r in safe_rows.values() for v in r.values()}
    assert {"'-20 degrees", "'=1+1", "'=SUM(A1:A9)", "'@everyone look", "'+1 agree"} <= cells
    assert '\'=HYPERLINK("http://evil")' in cells and "'@source" in cells
    raw_cells = {v for r in raw_rows.values() for v in r.values()}
    assert {"-20 degrees", "=1+1", "=SUM(A1:A9)", "@source"} <= raw_cells
    assert not any(v.startswith(DANGER) for v in cells)


def test_articles_csv_is_neutralised_too(filled, tmp_path):
    out = tmp_path / "articles.csv"
    run(filled, "export", "articles", "--format", "csv", "-o", out)
    titles = [r["title"] for r in read_csv(out)]
    assert titles[3] == '\'=HYPERLINK("http://evil")'
    assert article_texts(filled, tmp_path)[4].startswith("قال")


def test_excel_bom_and_rfc4180_quoting(filled, tmp_path):
    out = tmp_path / "excel.csv"
    run(filled, "export", "annotations", "--excel", "-o", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfannotation_id,article_id,")
    plain = tmp_path / "plain.csv"
    run(filled, "export", "annotations", "-o", plain)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert data[3:] == plain.read_bytes()
    body = plain.read_bytes().decode("utf-8")
    # CRLF ends records; a newline inside a cell stays a bare LF inside quotes.
    assert body.count("\r\n") == 15
    assert '"a ""note"", with comma\nand a newline"' in body
    assert '"commas and ""quotes"""' in body
    assert read_csv(out, encoding="utf-8-sig")[0]["text"] == "👩🏽‍⚖️"


def test_interrupted_export_leaves_no_file(filled, tmp_path, monkeypatch):
    import reader.exporters

    monkeypatch.setattr(reader.exporters, "CHUNK", 2)
    out = tmp_path / "out.csv"
    out.write_text("previous export\n")
    calls = []

    def boom(done, total):
        calls.append((done, total))
        if done >= 4:
            raise RuntimeError("disk on fire")

    with Library(filled) as lib:
        with pytest.raises(RuntimeError):
            lib.export_annotations("csv", out, progress=boom)
        assert calls == [(2, 14), (4, 14)]
        assert out.read_text() == "previous export\n"
        new = tmp_path / "new.csv"
        with pytest.raises(ExportCancelled):
            lib.export_annotations("csv", new, cancelled=lambda: True)
        assert not new.exists()
        for fmt in ("jsonl", "w3c", "doccano"):
            with pytest.raises(ExportCancelled):
                lib.export_annotations(fmt, new, cancelled=lambda: True)
            assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_scope_whole_library_and_one_search(filled, tmp_path):
    whole, search = tmp_path / "whole.csv", tmp_path / "search.csv"
    run(filled, "export", "annotations", "-o", whole)
    run(filled, "export", "annotations", "--query", "Genf", "-o", search)
    assert {r["article_id"] for r in read_csv(whole)} == {"1", "2", "3", "4"}
    rows = read_csv(search)
    assert {r["article_id"] for r in rows} == {"1"} and len(rows) == 4
    with Library(filled) as lib:
        assert lib.count_export("csv", Scope(query="Genf")) == 4
        marks = list(lib.annotation_rows(Scope(kinds=("quote",), article_ids=(2, 4))))
        assert [m["text"] for m in marks] == ["नमस्ते दुनिया", "المحادثات ستبدأ غداً"]
        labels = list(lib.annotation_rows(Scope(labels=("evidence", "question"))))
        assert [m["text"] for m in labels] == ["👩🏽‍⚖️", "q̃ and ṩ̃"]
    out = tmp_path / "k.csv"
    run(filled, "export", "annotations", "--kind", "entity", "--article", "4", "-o", out)
    assert [r["text"] for r in read_csv(out)] == ["سيرغي لافروف"]
    dates = ("--since", "2025-03-03", "--until", "2025-03-03")
    run(filled, "export", "annotations", *dates, "-o", out)
    assert [r["text"] for r in read_csv(out)] == ["中方愿与各方合作", "𠀋𠀍"]


def test_quotes_entities_mentions_tables(filled, tmp_path):
    with Library(filled) as lib:
        (quote,) = [a for a in lib.annotations(2) if a.kind == "quote"]
        speaker = lib.find_entity("Sergey Lavrov", "PERSON")
        lib.update_annotation(quote.id, speaker_id=speaker.id, cue="said", quote_type="direct")
    out = tmp_path / "q.csv"
    run(filled, "export", "annotations", "--table", "quotes", "-o", out)
    quotes = read_csv(out)
    assert [q["quote"] for q in quotes] == [
        "„Wir sind bereit 🚀, wirklich 🇺🇦“",
        "नमस्ते दुनिया",
        "المحادثات ستبدأ غداً",
    ]
    assert (quotes[1]["speaker_name"], quotes[1]["cue"], quotes[1]["quote_type"]) == (
        "Sergey Lavrov",
        "said",
        "direct",
    )
    run(filled, "export", "annotations", "--table", "entities", "-o", out)
    entities = read_csv(out)
    assert [(e["name"], e["mentions"], e["quotes"], e["articles"]) for e in entities] == [
        ("Sergey Lavrov", "1", "1", "2"),
        ("سيرغي لافروف", "1", "0", "1"),
        ("王毅", "0", "0", "0"),  # tagged, never found: listed for the whole library only
    ]
    run(filled, "export", "annotations", "--table", "mentions", "-o", out)
    assert [(m["entity_name"], m["text"], m["start"]) for m in read_csv(out)] == [
        ("Sergey Lavrov", "Sergey Lavrov", "87"),
        ("سيرغي لافروف", "سيرغي لافروف", "4"),
    ]
    run(filled, "export", "annotations", "--table", "entities", "--query", "Genf", "-o", out)
    assert [e["name"] for e in read_csv(out)] == ["Sergey Lavrov"]


def test_stdout_and_options_api(filled):
    r = run(filled, "export", "annotations", "--article", "3")
    rows = list(csv.DictReader(io.StringIO(r.output, newline="")))
    assert [x["text"] for x in rows] == ["中方愿与各方合作", "𠀋𠀍"]
    with Library(filled) as lib:
        result = lib.export_annotations("csv", None, Scope(article_ids=(3,)), ExportOptions())
    assert (result.count, result.unit, result.destination) == (2, "annotations", None)
