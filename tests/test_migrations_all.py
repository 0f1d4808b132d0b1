"""A library written at any earlier schema version opens, upgraded, with its data whole."""

from __future__ import annotations

import pytest
import sqlite_utils

from reader.library import Library
from reader.store import schema


def _library_at(path, version):
    db = sqlite_utils.Database(path)
    with db.atomic():
        for migration in schema.MIGRATIONS[:version]:
            migration(db)
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {version}")
    db["entities"].insert({"id": 1, "name": "Sergey Lavrov", "type": "PERSON", "aliases": "[]"})
    for i in (1, 2):
        db["articles"].insert(
            {
                "id": i,
                "title": f"Article {i}",
                "markdown": "Lavrov said “yes” in Doha.\n",
                "text": "Lavrov said “yes” in Doha.",
                "blocks": '[{"kind":"paragraph","start":0,"end":26}]',
                "content_hash": str(i) * 64,
            }
        )
    db["annotations"].insert_all(
        [
            {
                "article_id": 1,
                "kind": "entity",
                "label": "PERSON",
                "start": 0,
                "end": 6,
                "exact": "Lavrov",
                "entity_id": 1,
            },
            {
                "article_id": 1,
                "kind": "quote",
                "label": "QUOTE",
                "start": 13,
                "end": 16,
                "exact": "yes",
                "speaker_id": 1,
            },
            {
                "article_id": 2,
                "kind": "entity",
                "label": "PERSON",
                "start": 0,
                "end": 6,
                "exact": "Lavrov",
                "entity_id": 1,
            },
        ]  # fmt: skip
    )
    db.close()


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_upgrade_from(version, tmp_path):
    path = tmp_path / "old.db"
    _library_at(path, version)
    with Library(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        assert lib.count_articles() == 2
        assert lib.article(1).encoding is None  # not known for articles imported before v8
        assert [a.exact for a in lib.annotations(1)] == ["Lavrov", "yes"]
        assert all(a.status == "ok" for a in lib.annotations(1))
        assert lib.search("Doha")[0].title in ("Article 1", "Article 2")
        summaries = {s.id: s.annotation_count for s in lib.list_articles()}
        assert summaries == {1: 2, 2: 1}
        assert lib.statistic("speakers").rows[0][1:4] == ("Sergey Lavrov", "PERSON", 1)
        assert lib.statistic("entities").rows[0][1:4] == ("Sergey Lavrov", "PERSON", 2)
        assert [r[4] for r in lib.statistic("cooccurrence").rows] == []
        assert {lb.name for lb in lib.labels("entity")} >= {"PERSON", "ORG", "LOCATION"}
        lib.annotate(2, "quote", 13, 16, speaker_id=1)  # writes work after the upgrade
        assert lib.statistic("speakers").rows[0][3] == 2
    assert list(tmp_path.glob(f"old.db.v{version}-*.bak"))


@pytest.mark.parametrize(
    ("times", "disorder"),
    [
        (["2025-01-01", "2025-01-02", "2025-01-02", "2025-01-03"], 0),  # in id order
        (["2025-01-02", "2025-01-01", "2025-01-03", "2025-01-04"], 2),  # 1 and 2 swapped
        (["2025-01-01", "2025-01-05", "2025-01-02", "2025-01-03"], 4),  # 2 newer than all
        (["2025-01-04", "2025-01-01", "2025-01-02", "2025-01-03"], 4),
        (["2025-01-01", "2025-01-02", None, "2025-01-03"], 3),
        (["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-01"], 4),
        ({1: "2025-01-01", 2: "2025-01-02", 4: "2025-01-03", 7: "2025-01-04"}, 0),  # gaps
        ({1: "2025-01-01", 2: "2025-01-03", 4: "2025-01-02", 5: "2025-01-04"}, 4),
        ({1: "2025-01-01", 3: "2025-01-02", 4: "2025-01-04", 6: "2025-01-03"}, 6),
        ({}, 0),
    ],
)
def test_upgrade_finds_where_import_order_stops_following_ids(tmp_path, times, disorder):
    path = tmp_path / "old.db"
    _library_at(path, 16)
    db = sqlite_utils.Database(path)
    db.execute("DELETE FROM articles")
    times = times if isinstance(times, dict) else dict(enumerate(times, start=1))
    for i, at in times.items():
        row = {"id": i, "title": "T", "markdown": "m\n", "text": "m", "blocks": "[]"}
        db["articles"].insert(row | {"content_hash": str(i) * 64, "imported_at": at})
    db.close()
    with Library(path) as lib:
        assert lib._store.db.execute("SELECT disorder FROM import_order").fetchone() == (disorder,)
