"""Bad annotation files and search strings: one clear line per bad record, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from reader.library import Library
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

DEEP = 100_000


def _library(db):
    with Library(db) as lib:
        md = paragraphs_to_markdown(["Retno Marsudi met Sergey Lavrov in Jakarta on Monday."])
        lib.add_article(ParsedArticle(title="Talks", markdown=md))
        lib.annotate(1, "highlight", 0, 13, note="first")
        lib.annotate(1, "entity", 23, 36, "PERSON")
        lib.annotate(1, "highlight", 40, 47)


def _reader(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), *args], capture_output=True, text=True
    )


def _exported(tmp_path, fmt):
    source = tmp_path / f"source-{fmt}.db"
    _library(source)
    out = tmp_path / f"good.{fmt}"
    with Library(source) as lib:
        lib.export_annotations(fmt, out)
    target = tmp_path / f"target-{fmt}.db"
    with Library(target) as lib:
        md = paragraphs_to_markdown(["Retno Marsudi met Sergey Lavrov in Jakarta on Monday."])
        lib.add_article(ParsedArticle(title="Talks", markdown=md))
    return out, target


def test_bad_jsonl_records_one_line_each(tmp_path):
    good, db = _exported(tmp_path, "jsonl")
    first, second, third = good.read_text(encoding="utf-8").splitlines()

    def changed(line, **values):
        record = json.loads(line)
        record.update(values)
        return json.dumps(record)

    lines = [
        first,
        changed(second, text=12),
        changed(second, start="five"),
        changed(second, start=7).replace('"start": 7', '"start": 1e400'),
        changed(second, end=7).replace('"end": 7', '"end": Infinity'),
        changed(second, label=["PERSON"]),
        changed(second, label={"name": "PERSON"}),
        "[" * DEEP + "]" * DEEP,
        changed(second, note="x").replace('"note": "x"', '"note": ' + "[" * DEEP + "]" * DEEP),
        changed(second, entity={"name": 5, "type": "PERSON"}),
        changed(second, kind=None),
        changed(second, text="\\ud800").replace('"\\\\ud800"', '"\\ud800"'),
        changed(second, article=[1, 2]),
        third,
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = _reader(db, "import-annotations", str(bad))
    assert r.returncode == 1
    assert (
        r.stdout == "imported 2 annotations, merged 0, duplicates 0, new entities 0, unmatched 12\n"
    )
    assert r.stderr.splitlines() == [
        "bad.jsonl:2: field 'text' must be text, not the number 12",
        "bad.jsonl:3: field 'start' must be an offset (a whole number from 0), not the text 'five'",
        "bad.jsonl:4: field 'start' must be an offset (a whole number from 0), "
        "not the number Infinity",
        "bad.jsonl:5: field 'end' must be an offset (a whole number from 0), "
        "not the number Infinity",
        "bad.jsonl:6: field 'label' must be text, not a list",
        "bad.jsonl:7: field 'label' must be text, not an object",
        "bad.jsonl:8: not a Reader annotation line (nested too deeply to read)",
        "bad.jsonl:9: not a Reader annotation line (nested too deeply to read)",
        "bad.jsonl:10: field 'entity.name' must be text, not the number 5",
        "bad.jsonl:11: field 'kind' is missing",
        "bad.jsonl:12: field 'text' is not valid text (it holds a lone surrogate)",
        "bad.jsonl:13: field 'article' must be an object, not a list",
    ]
    with Library(db) as lib:
        assert [(a.kind, a.start, a.end, a.note) for a in lib.annotations(1)] == [
            ("highlight", 0, 13, "first"),
            ("highlight", 40, 47, None),
        ]


def test_bad_w3c_annotations_one_line_each(tmp_path):
    good, db = _exported(tmp_path, "w3c")
    data = json.loads(good.read_text(encoding="utf-8"))
    items = data["first"]["items"]
    base = json.dumps(items[1])

    def variant(old, new):
        assert old in base
        return json.loads(base.replace(old, new))

    position = next(s for s in items[1]["target"]["selector"] if "start" in s)
    exact = next(s for s in items[1]["target"]["selector"] if "exact" in s)
    start = f'"start": {position["start"]}'
    items[1:2] = [
        variant(start, '"start": 1e400'),
        variant(f'"exact": "{exact["exact"]}"', '"exact": 42'),
        variant('"value": "PERSON"', '"value": ["PERSON"]'),
        variant(start, '"start": "ten"'),
    ]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    r = _reader(db, "import-annotations", str(bad))
    assert r.returncode == 1
    assert (
        r.stdout == "imported 2 annotations, merged 0, duplicates 0, new entities 0, unmatched 4\n"
    )
    ids = [a["id"] for a in items[1:5]]
    assert r.stderr.splitlines() == [
        f"{ids[0]}: field 'TextPositionSelector.start' must be an offset "
        "(a whole number from 0), not the number Infinity",
        f"{ids[1]}: field 'TextQuoteSelector.exact' must be text, not the number 42",
        f"{ids[2]}: field 'body (tagging).value' must be text, not a list",
        f"{ids[3]}: field 'TextPositionSelector.start' must be an offset "
        "(a whole number from 0), not the text 'ten'",
    ]
    deep = tmp_path / "deep.json"
    deep.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    r = _reader(db, "import-annotations", str(deep))
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == f"Error: {deep}: nested too deeply to be an annotation export\n"


def test_search_with_invalid_text_finds_nothing(tmp_path):
    db = tmp_path / "library.db"
    _library(db)
    with Library(db) as lib:
        assert [h.id for h in lib.search("Jakarta")] == [1]
        for query in ("Jakarta\ud800", "\udcff", "caf\udcc3 Jakarta", '"\ud83d" OR Jakarta'):
            assert lib.search(query) == []
            assert lib.count_articles(lib_scope(query)) == 0
    r = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "search", os.fsdecode(b"Jak\xffarta")],
        capture_output=True,
    )
    assert (r.returncode, r.stdout, r.stderr) == (0, b"", b"no matches\n")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--db",
            str(db),
            "tag",
            "--entity",
            os.fsdecode(b"Jak\xffarta"),
            "--type",
            "LOCATION",
        ],
        capture_output=True,
    )
    assert (r.returncode, r.stdout) == (1, b"")
    assert r.stderr == b"Error: an argument is not valid text (it holds bytes that are not UTF-8)\n"


def lib_scope(query):
    from reader.model import Scope

    return Scope(query=query)
