"""`published` has one form (UTC `…Z` with a time, else a date), plus `published_date`."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
import sqlite_utils
from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library
from reader.model import ParsedArticle
from reader.store import schema
from reader.timestamps import normalise_published

MIXED = {
    "2025-02-27": "2025-02-27",
    "2018-04-05T06:00:00": "2018-04-05T06:00:00Z",
    "2021-11-01T10:52:50+01:00": "2021-11-01T09:52:50Z",
    "2015-10-15T02:19:15.607000+00:00": "2015-10-15T02:19:15Z",
}


@pytest.mark.parametrize(
    "given, stored", [*MIXED.items(), ("2021-11-01T00:30:00+01:00", "2021-10-31T23:30:00Z")]
)
def test_normalise(given, stored):
    assert normalise_published(given) == stored


def test_what_is_no_date_is_kept_and_empty_is_none():
    assert normalise_published("spring 2020") == "spring 2020"
    assert normalise_published("  ") is None
    assert normalise_published(None) is None


def test_imports_store_one_form_and_exports_add_published_date(db_path, tmp_path):
    with Library(db_path) as lib:
        for i, given in enumerate(MIXED):
            lib.add_article(ParsedArticle(title=f"A{i}", markdown=f"Text {i}.", published=given))
            lib.annotate(i + 1, "highlight", 0, 4)
        assert [lib.article(i + 1).published for i in range(4)] == list(MIXED.values())
    out = tmp_path / "a.csv"
    r = CliRunner().invoke(
        cli, ["--db", str(db_path), "export", "annotations", "--raw", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["published"], r["published_date"]) for r in rows] == [
        (v, v[:10]) for v in MIXED.values()
    ]
    # One column, one parser: what failed with the mixed forms.
    df = pd.read_csv(out, keep_default_na=False)
    assert list(pd.to_datetime(df.published_date, format="%Y-%m-%d").dt.day) == [27, 5, 1, 15]
    assert pd.to_datetime(df.published, format="ISO8601", utc=True).dt.hour.tolist() == [0, 6, 9, 2]


def test_migration_normalises_an_existing_library(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    with db.atomic():
        for migration in schema.MIGRATIONS[:5]:
            migration(db)
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute("PRAGMA user_version = 5")
    for i, given in enumerate([*MIXED, None, "spring 2020"]):
        db["articles"].insert(
            {
                "id": i + 1,
                "title": f"Old {i}",
                "markdown": "Body.\n",
                "text": "Body.",
                "blocks": '[{"kind":"paragraph","start":0,"end":5}]',
                "content_hash": str(i) * 64,
                "published": given,
            }
        )
    db.close()
    with Library(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        got = [lib.article(i + 1).published for i in range(6)]
    assert got == [*MIXED.values(), None, "spring 2020"]
