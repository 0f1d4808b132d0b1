from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = [
    '"',
    '""',
    "'",
    "(",
    ")))",
    "((Lavrov",
    "AND",
    "OR",
    "NOT",
    "Lavrov AND",
    "OR Lavrov",
    "NEAR",
    "NEAR(",
    "NEAR(Lavrov",
    "NEAR(a b, -1)",
    "*",
    "Lav*rov",
    "-",
    "-Lavrov",
    "Rusia-AS",
    "title:",
    "nosuchcolumn:Lavrov",
    "{title text}:x",
    "^",
    "+",
    ":",
    "\\",
    "%",
    "_",
    "; DROP TABLE articles; --",
    "' OR 1=1 --",
    "\x00",
    "\u202e",
    "😀",
    "   ",
    "",
    "Lavrov" * 500,
]


@pytest.fixture
def seeded(lib, seed_path):
    lib.import_file(seed_path)
    return lib


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_return_normally(seeded, query):
    hits = seeded.search(query)
    assert isinstance(hits, list)
    assert seeded.count_articles() == 1


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Lavrov", True),
        ("lavrov", True),
        ("Rusia-AS", True),
        ('"Sergey Lavrov"', True),
        ("Lavr*", True),
        ("Lavrov AND Istanbul", True),
        ("Lavrov NOT Istanbul", False),
        ("-Lavrov", True),  # not valid FTS5: searched as the plain word
        ("((Lavrov", True),
        ("Zelensky", False),
    ],
)
def test_search_finds(seeded, query, found):
    assert bool(seeded.search(query)) is found


def test_search_ranks_and_snippets(seeded, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Another story\n\nIt mentions Lavrov once among many other words.\n")
    seeded.import_file(other)
    hits = seeded.search("Lavrov")
    assert [h.title for h in hits] == [
        "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS",
        "Another story",
    ]
    assert "[Lavrov]" in hits[0].snippet and "\n" not in hits[0].snippet


def test_sqlite_utils_search_finds_lavrov(seeded, db_path):
    exe = Path(sys.executable).parent / "sqlite-utils"
    out = subprocess.run(
        [str(exe), "search", str(db_path), "articles", "Lavrov", "-c", "title"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS" in out.stdout
