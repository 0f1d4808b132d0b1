"""Numbered schema migrations, applied in order on open; `PRAGMA user_version` is the version.

A migration runs inside one transaction together with the version bump, so a
library is always at exactly one version. Migrations 11 onwards are in
reader/store/migrations_later.py.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from reader.store.migrations_later import _v11, _v12, _v13, _v14, _v15, _v16, _v17

APPLICATION_ID = 0x52445231  # "RDR1": marks the file as a Reader library


def _v1(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "subtitle": str,
            "author": str,
            "source": str,
            "published": str,
            "language": str,
            "url": str,
            "sections": str,  # JSON list
            "excerpt": str,
            "footer": str,
            "markdown": str,
            "text": str,
            "blocks": str,  # JSON, see reader.text.blocks
            "word_count": int,
            "content_hash": str,
            "source_path": str,
            "source_format": str,
            "original": bytes,  # zlib-compressed original (HTML) for re-extraction
            "imported_at": str,
            "modified_at": str,
            "read": int,
            "starred": int,
        },
        pk="id",
        not_null={"title", "markdown", "text", "blocks", "content_hash", "read", "starred"},
        defaults={"read": 0, "starred": 0, "word_count": 0, "sections": "[]"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    for column in ("published", "source", "language", "imported_at", "url"):
        db["articles"].create_index([column])
    db.execute("CREATE INDEX idx_articles_title_nocase ON articles(title COLLATE NOCASE)")

    # FTS5 on title and text, configured the sqlite-utils way so that
    # `sqlite-utils search` and Datasette find it. The triggers are our own:
    # they re-index only when title or text change, not on read/starred flags.
    db["articles"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=False)
    db.executescript(
        """
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
          INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """
    )

    db["labels"].create(
        {"id": int, "name": str, "kind": str, "colour": str, "shortcut": str, "position": int},
        pk="id",
        not_null={"name", "kind"},
    )
    db["labels"].create_index(["kind", "name"], unique=True)

    db["entities"].create(
        {
            "id": int,
            "name": str,
            "type": str,
            "aliases": str,  # JSON list
            "wikidata": str,
            "note": str,
            "created": str,
            "modified": str,
        },
        pk="id",
        not_null={"name", "type"},
        defaults={"aliases": "[]"},
    )
    db["entities"].create_index(["type", "name"], unique=True)

    db["annotations"].create(
        {
            "id": int,
            "article_id": int,
            "kind": str,  # quote | entity | highlight
            "label": str,
            "start": int,  # code-point offsets into articles.text
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "note": str,
            "annotator": str,
            "created": str,
            "modified": str,
            "status": str,  # ok | orphaned
            "origin": str,  # manual | suggested | imported
            "entity_id": int,
            "speaker_id": int,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "quote_type": str,  # direct | indirect | mixed
            "group_id": int,  # parts of one split quote share it
        },
        pk="id",
        not_null={"article_id", "kind", "start", "end", "exact", "status", "origin"},
        defaults={"status": "ok", "origin": "manual"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("entity_id", "entities", "id"),
            ("speaker_id", "entities", "id"),
        ],
    )
    for column in ("article_id", "entity_id", "speaker_id", "label"):
        db["annotations"].create_index([column])


DEFAULT_LABELS = [
    # name, kind, colour, shortcut
    ("PERSON", "entity", "#1f77b4", "1"),
    ("ORG", "entity", "#d62728", "2"),
    ("LOCATION", "entity", "#2ca02c", "3"),
    ("EVENT", "entity", "#9467bd", "4"),
    ("DATE", "entity", "#8c564b", "5"),
    ("MISC", "entity", "#7f7f7f", "6"),
    # quotes and highlights: apart from one another under protanopia, deuteranopia and
    # tritanopia too (tests/gui/test_palette.py); schema 10 moves old defaults to these
    ("QUOTE", "quote", "#4dabf7", "Q"),
    ("important", "highlight", "#ffd43b", "H"),
    ("evidence", "highlight", "#d8f5a2", None),
    ("question", "highlight", "#ff6b6b", None),
    ("background", "highlight", "#9775fa", None),
]
# the defaults before schema 10: a quote (#f5d76e) and an important highlight (#ffe066)
# looked alike, and apart they were not for colour-blind eyes
OLD_DEFAULT_COLOURS = {
    ("QUOTE", "quote"): "#f5d76e",
    ("important", "highlight"): "#ffe066",
    ("evidence", "highlight"): "#b2f2bb",
    ("question", "highlight"): "#ffc9c9",
    ("background", "highlight"): "#a5d8ff",
}


def _v2(db: sqlite_utils.Database) -> None:
    """Default labels for news work; annotations indexed by position within an article."""
    if not db.execute("SELECT count(*) FROM labels").fetchone()[0]:
        db["labels"].insert_all(
            {"name": n, "kind": k, "colour": c, "shortcut": s, "position": i}
            for i, (n, k, c, s) in enumerate(DEFAULT_LABELS)
        )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_annotations_article_start ON annotations(article_id, start)"
    )


def _v3(db: sqlite_utils.Database) -> None:
    """Quotes by speaker without reading the table: halves `reader stats speakers` and
    `speakers-by-source` over a million annotations (scripts/bench_stats.py)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_annotations_speaker_quotes "
        "ON annotations(speaker_id, kind, article_id, group_id)"
    )


def _v4(db: sqlite_utils.Database) -> None:
    """Annotation counts kept by triggers, and indexes for sorting the list by flags.

    The library list sorts by annotation count; counting per row made that a scan of
    every article's annotations (about 200 ms at 100,000 articles). `article_stats`
    has one row per article, kept by triggers, and an index that gives the order.
    """
    # One statement at a time: executescript() would commit the migration's transaction.
    for statement in _V4:
        db.execute(statement)


_V4 = [
    """CREATE TABLE article_stats (
        article_id INTEGER PRIMARY KEY,
        annotations INTEGER NOT NULL DEFAULT 0
      )""",
    """INSERT INTO article_stats (article_id, annotations)
        SELECT a.id, (SELECT count(*) FROM annotations n WHERE n.article_id = a.id)
        FROM articles a""",
    "CREATE INDEX idx_article_stats_annotations ON article_stats(annotations, article_id)",
    """CREATE TRIGGER article_stats_ai AFTER INSERT ON articles BEGIN
        INSERT INTO article_stats (article_id, annotations) VALUES (new.id, 0);
      END""",
    """CREATE TRIGGER article_stats_ad AFTER DELETE ON articles BEGIN
        DELETE FROM article_stats WHERE article_id = old.id;
      END""",
    """CREATE TRIGGER annotation_count_ai AFTER INSERT ON annotations BEGIN
        UPDATE article_stats SET annotations = annotations + 1
          WHERE article_id = new.article_id;
      END""",
    """CREATE TRIGGER annotation_count_ad AFTER DELETE ON annotations BEGIN
        UPDATE article_stats SET annotations = annotations - 1
          WHERE article_id = old.article_id;
      END""",
    """CREATE TRIGGER annotation_count_au AFTER UPDATE OF article_id ON annotations
        WHEN old.article_id IS NOT new.article_id BEGIN
        UPDATE article_stats SET annotations = annotations - 1
          WHERE article_id = old.article_id;
        UPDATE article_stats SET annotations = annotations + 1
          WHERE article_id = new.article_id;
      END""",
    "CREATE INDEX idx_articles_read ON articles(read)",
    "CREATE INDEX idx_articles_starred ON articles(starred)",
]


def _v5(db: sqlite_utils.Database) -> None:
    """Which entities each article names or quotes, kept by triggers.

    Co-occurrence counted the distinct (article, entity) pairs of every annotation each
    time (over a second at a million annotations); this table holds them, with how
    many annotations make each pair.
    """
    for statement in _V5:
        db.execute(statement)


def _link_upsert(article: str, entity: str, delta: str) -> str:
    return (
        f"INSERT INTO article_entities (article_id, entity_id, annotations) "
        f"SELECT {article}, {entity}, {delta} WHERE {entity} IS NOT NULL "
        f"ON CONFLICT (article_id, entity_id) DO UPDATE SET annotations = annotations + {delta};"
    )


_DROP_EMPTY = "DELETE FROM article_entities WHERE annotations <= 0;"

_V5 = [
    """CREATE TABLE article_entities (
        article_id INTEGER NOT NULL,
        entity_id INTEGER NOT NULL,
        annotations INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id)
      ) WITHOUT ROWID""",
    """INSERT INTO article_entities (article_id, entity_id, annotations)
        SELECT article_id, entity_id, count(*) FROM (
          SELECT article_id, entity_id FROM annotations WHERE entity_id IS NOT NULL
          UNION ALL
          SELECT article_id, speaker_id FROM annotations WHERE speaker_id IS NOT NULL)
        GROUP BY article_id, entity_id""",
    "CREATE INDEX idx_article_entities_entity ON article_entities(entity_id, article_id)",
    f"""CREATE TRIGGER article_entities_ai AFTER INSERT ON annotations BEGIN
        {_link_upsert("new.article_id", "new.entity_id", "1")}
        {_link_upsert("new.article_id", "new.speaker_id", "1")}
      END""",
    f"""CREATE TRIGGER article_entities_ad AFTER DELETE ON annotations BEGIN
        {_link_upsert("old.article_id", "old.entity_id", "-1")}
        {_link_upsert("old.article_id", "old.speaker_id", "-1")}
        {_DROP_EMPTY}
      END""",
    f"""CREATE TRIGGER article_entities_au
        AFTER UPDATE OF article_id, entity_id, speaker_id ON annotations BEGIN
        {_link_upsert("old.article_id", "old.entity_id", "-1")}
        {_link_upsert("old.article_id", "old.speaker_id", "-1")}
        {_link_upsert("new.article_id", "new.entity_id", "1")}
        {_link_upsert("new.article_id", "new.speaker_id", "1")}
        {_DROP_EMPTY}
      END""",
]


def _v6(db: sqlite_utils.Database) -> None:
    """One form for `published`: UTC with `Z` when a time is known, else `YYYY-MM-DD`.

    Imports wrote what the page said (`2018-04-05T06:00:00`, `…+01:00`, `….607000+00:00`
    beside `2025-02-27`), which no single date parser reads as one column.
    """
    from reader.timestamps import normalise_published

    rows = db.execute("SELECT id, published FROM articles WHERE published IS NOT NULL")
    changed = [(new, i) for i, old in rows.fetchall() if (new := normalise_published(old)) != old]
    db.conn.executemany("UPDATE articles SET published = ? WHERE id = ?", changed)


def _v7(db: sqlite_utils.Database) -> None:
    """Entity models trained on the library's own marks (reader/learning.py), as blobs."""
    db.execute(
        """CREATE TABLE models (
            name TEXT PRIMARY KEY,
            data BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            labels TEXT NOT NULL,
            marks INTEGER NOT NULL,
            trained TEXT NOT NULL
          )"""
    )


def _v8(db: sqlite_utils.Database) -> None:
    """Which encoding each imported file was decoded with (NULL: pasted, or imported before)."""
    db.execute("ALTER TABLE articles ADD COLUMN encoding TEXT")


FTS_COLUMNS = ("title", "subtitle", "author", "source", "text")


def _v9(db: sqlite_utils.Database) -> None:
    """Search every field: the main index gets subtitle, author and source (rebuilt,
    still the sqlite-utils way), and the side index `articles_cjk` makes spaceless
    scripts (Chinese, Japanese, Thai...) searchable by any run of characters."""
    from reader.store.spaceless import TOKENIZE

    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db["articles"].enable_fts(list(FTS_COLUMNS), fts_version="FTS5", create_triggers=False)
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    db.executescript(
        f"""
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, {cols}) VALUES (new.id, {new});
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
          DELETE FROM articles_cjk WHERE rowid = old.id;
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF {cols} ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
          INSERT INTO articles_fts (rowid, {cols}) VALUES (new.id, {new});
        END;
        CREATE VIRTUAL TABLE articles_cjk USING fts5({cols}, tokenize = "{TOKENIZE}");
        """
    )
    from reader.store.spaceless import index_rows

    index_rows(db, db.execute(f"SELECT id, {cols} FROM articles"))


def _v10(db: sqlite_utils.Database) -> None:
    """New default colours for quotes and highlights. A label moves only while it has
    exactly its old default colour: a colour the user chose stays."""
    new = {(name, kind): colour for name, kind, colour, _ in DEFAULT_LABELS}
    for (name, kind), old in OLD_DEFAULT_COLOURS.items():
        db.execute(
            "UPDATE labels SET colour = ? WHERE name = ? AND kind = ? AND lower(colour) = ?",
            [new[(name, kind)], name, kind, old],
        )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    *(_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11, _v12, _v13, _v14, _v15, _v16),
    _v17,
]
SCHEMA_VERSION = len(MIGRATIONS)
