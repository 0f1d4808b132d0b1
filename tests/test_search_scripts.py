"""Search finds what is there: every field, `field:` filters, spaceless scripts (Chinese,
Japanese, Thai), emoji and symbols, and notes on marks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model import Scope

# (front matter, body): imported in this order, so article ids are 1, 2, ...
ARTICLES = [
    ({"title": "Harbour lights"}, "Ships come in at 10:30 at night and leave at dawn."),
    (
        {
            "title": "Quiet town",
            "subtitle": "The old harbour closes after a century",
            "author": "Mara Quill",
            "source": "Coast Weekly",
        },
        "The council voted on Tuesday. Fishing boats will moor elsewhere.",
    ),
    (
        {"title": "Rail plans", "author": "Sato Ken"},
        "新しい鉄道が港町に来る。駅は海の近くにできる。",
    ),
    ({"title": "Space flight"}, "中国宇航员今天进入太空，任务顺利。"),
    ({"title": "Apart"}, "The word 港 stands here and 町 stands there, not side by side."),
    ({"title": "Thai lesson"}, "เรียนภาษาไทยง่ายนิดเดียว ทุกวัน"),
    ({"title": "Party"}, "The team celebrated 🎉 with cake and a ★ rating."),
    ({"title": "鉄道の歴史", "subtitle": "明治から今まで"}, "An English text about old railways."),
]


def _markdown(meta: dict[str, str], body: str) -> str:
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    return f"---\n{front}---\n\n{body}\n"


@pytest.fixture
def library(lib, tmp_path):
    for i, (meta, body) in enumerate(ARTICLES, start=1):
        path = tmp_path / f"a{i}.md"
        path.write_text(_markdown(meta, body), encoding="utf-8")
        assert lib.import_file(path).article_id == i
    return lib


def ids(lib, query: str) -> list[int]:
    return sorted(h.id for h in lib.search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", [1, 2]),  # title, standfirst
        ("title:harbour", [1]),
        ("subtitle:harbour", [2]),
        ("standfirst:harbour", [2]),
        ("text:harbour", []),
        ("author:quill", [2]),
        ('author:"Mara Quill"', [2]),
        ("source:coast", [2]),
        ('source:"Coast Weekly" council', [2]),
        ("century", [2]),
        ("Quill", [2]),
        ("title:harbour OR subtitle:harbour", [1, 2]),  # FTS5 syntax still works
        ("nosuchfield:harbour", []),  # not a field: part of the phrase "nosuchfield harbour"
        ("at 10:30", [1]),
        ("title:", []),
        ('title:"', []),
        ("author:(", []),
        ("title:harbour:", [1]),
    ],
)
def test_every_field_and_field_filters(library, query, expected):
    assert ids(library, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("鉄道", [3, 8]),  # Japanese: in a text, and in a title
        ("港町", [3]),  # not 5, where 港 and 町 stand apart
        ("港", [3, 5]),  # one character
        ("駅", [3]),
        ("海の近く", [3]),
        ("太空", [4]),  # Chinese
        ("宇航员", [4]),
        ("宇", [4]),
        ("进入太空", [4]),
        ("title:鉄道", [8]),
        ("subtitle:明治", [8]),
        ("text:鉄道", [3]),
        ("鉄道 railways", [8]),  # a CJK word and an English word
        ("鉄道 港町", [3]),
        ("航天", []),
        ("ภาษาไทย", [6]),  # Thai, by any run of its characters
        ("ไทย", [6]),
        ("ทุกวัน", [6]),
    ],
)
def test_spaceless_scripts(library, query, expected):
    assert ids(library, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("🎉", [7]), ("★", [7]), ("🎉 cake", [7]), ("🎉 harbour", []), ("title:🎉", []), ("✈", [])],
)
def test_emoji_and_symbols(library, query, expected):
    assert ids(library, query) == expected


def test_cjk_snippet_shows_the_match(library):
    (hit,) = library.search("宇航员")
    assert hit.id == 4 and "[宇航员]" in hit.snippet


def test_the_list_and_counts_use_the_same_search(library):
    for query, expected in (("港町", [3]), ("harbour", [1, 2]), ("🎉", [7]), ("鉄道", [3, 8])):
        scope = Scope(query=query)
        assert library.count_articles(scope) == len(expected)
        for order in ("rank", "title", "imported_at"):
            rows = library.list_articles(scope=scope, order_by=order)
            assert sorted(r.id for r in rows) == expected
    typed = Scope(query="宇航", prefix=True)
    assert [r.id for r in library.list_articles(scope=typed)] == [4]


def test_deleted_article_leaves_the_side_index(library):
    library.delete_article(3)
    assert ids(library, "港町") == []
    assert ids(library, "鉄道") == [8]


def test_cli_search_finds_cjk(library, db_path):
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db_path), "search", "太空", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [json.loads(line)["id"] for line in out.stdout.splitlines()] == [4]


def test_sqlite_utils_search_finds_the_standfirst(library, db_path):
    exe = Path(sys.executable).parent / "sqlite-utils"
    out = subprocess.run(
        [str(exe), "search", str(db_path), "articles", "century", "-c", "id", "--csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["id", "2"]


def test_upgrade_to_v9_indexes_every_field_and_cjk(tmp_path):
    """A library at schema 8 (the old title+text index) gets both new indexes, filled."""
    import sqlite_utils

    from reader.library import Library
    from reader.store import schema

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    with db.atomic():
        for migration in schema.MIGRATIONS[:8]:
            migration(db)
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute("PRAGMA user_version = 8")
    rows = [
        (1, "Quiet town", "The old harbour closes", "Mara Quill", "Coast Weekly", "Boats."),
        (2, "Rail", None, None, None, "新しい鉄道が港町に来る。"),
        (3, "Other", None, None, None, "Nothing to see."),
    ]
    for i, title, subtitle, author, source, text in rows:
        db["articles"].insert(
            {
                "id": i,
                "title": title,
                "subtitle": subtitle,
                "author": author,
                "source": source,
                "markdown": text,
                "text": text,
                "blocks": "[]",
                "content_hash": str(i) * 64,
            }
        )
    assert (
        db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harbour'").fetchall()
        == []
    )
    db.close()
    with Library(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        assert ids(lib, "harbour") == [1]
        assert ids(lib, "author:quill") == [1]
        assert ids(lib, "港町") == [2]
        assert ids(lib, "Nothing") == [3]
        lib.edit_article(3, title="駅の話")
        assert ids(lib, "駅") == [3]
        lib.edit_article(2, title="Rail", source="鉄道新聞")
        assert ids(lib, "source:鉄道") == [2]
        lib.undo()
        assert ids(lib, "source:鉄道") == []
        lib.undo()
        assert ids(lib, "駅") == []
    db = sqlite_utils.Database(path)
    assert db["articles"].detect_fts() == "articles_fts"
    assert [r["id"] for r in db["articles"].search("harbour")] == [1]
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    db.close()


@pytest.fixture
def noted(library):
    first = library.annotate(1, "highlight", 0, 5, note="Check the Harbour Master's log 🎉")
    second = library.annotate(4, "highlight", 2, 5, note="宇航员的名字 still missing")
    library.annotate(2, "highlight", 0, 3)  # no note
    library.annotate(3, "highlight", 0, 3, note="")
    return library, first.id, second.id


@pytest.mark.parametrize(
    ("query", "which"),
    [
        ("harbour", [0]),
        ("HARBOUR master's", [0]),
        ('"harbour master"', [0]),
        ("🎉", [0]),
        ("宇航", [1]),
        ("missing 宇航员", [1]),
        ("harbour 宇航", []),
        ("the", [0]),
        ('"', []),
        ("", []),
        ("(", []),
    ],
)
def test_search_notes(noted, query, which):
    lib, *ann = noted
    assert [h.annotation_id for h in lib.search_notes(query)] == [ann[i] for i in which]


def test_search_notes_hit_and_cli(noted, db_path):
    lib, first, _ = noted
    (hit,) = lib.search_notes("master")
    assert (hit.article_id, hit.title, hit.kind, hit.exact, hit.start) == (
        1,
        "Harbour lights",
        "highlight",
        "Ships",
        0,
    )
    assert hit.note == "Check the Harbour Master's log 🎉"
    args = [sys.executable, "-m", "reader", "--db", str(db_path), "search", "--notes"]
    out = subprocess.run([*args, "Harbour", "--json"], capture_output=True, text=True, check=True)
    assert [json.loads(line)["annotation_id"] for line in out.stdout.splitlines()] == [first]
    out = subprocess.run([*args, "nothing-here"], capture_output=True, text=True, check=True)
    assert (out.stdout, out.stderr) == ("", "no matches\n")


def test_notes_scope_lists_the_noted_articles(noted):
    lib, _, _ = noted
    for query, expected in (("harbour", [1]), ("宇航员", [4]), ("log 🎉", [1]), ("nothing", [])):
        scope = Scope(query=query, notes=True, prefix=True)
        assert lib.count_articles(scope) == len(expected)
        for order in ("rank", "title"):
            assert [r.id for r in lib.list_articles(scope=scope, order_by=order)] == expected
    assert lib.count_articles(Scope(query="Ships", notes=True)) == 0  # the text is not a note


MIXED_HOSTILE = [
    'title:"鉄道',
    '"港町',
    "鉄道 OR",
    "NEAR(鉄道)",
    "鉄道*",
    "*鉄道",
    '🎉"',
    "author:😀 鉄道",
    "\x00鉄道",
    ":鉄道",
    "{title}:鉄道",
    "title:subtitle:x",
    "\u0e31",  # a Thai vowel sign alone
    "ภ\u0e31 (",
    "'; DROP TABLE articles_cjk; --",
    "鉄道" * 300,
    "\udcff鉄道",  # invalid UTF-8 in argv
    "title:\udcff",
]


@pytest.mark.parametrize("query", MIXED_HOSTILE)
def test_mixed_hostile_queries_return_normally(noted, query):
    lib, _, _ = noted
    assert isinstance(lib.search(query), list)
    assert isinstance(lib.search_notes(query), list)
    for notes in (False, True):
        scope = Scope(query=query, prefix=True, notes=notes)
        assert lib.count_articles(scope) == len(lib.list_articles(scope=scope, order_by="rank"))
    assert lib.count_articles() == len(ARTICLES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“quoted” – Москва", False),
        ("नमस्ते", False),  # Devanagari: words with spaces, the main index has them
        ("abc", False),
        ("", False),
        (None, False),
        ("鉄", True),
        ("𠀋", True),  # CJK extension B
        ("ภาษา", True),
        ("ｶﾀｶﾅ", True),
        ("々", True),
        ("한국", True),
    ],
)
def test_has_spaceless(text, expected):
    from reader.store.spaceless import has_spaceless

    assert has_spaceless(text) is expected
