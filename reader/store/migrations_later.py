"""Schema migrations 11 onwards: attributes, feeds, rejected suggestions, the codebook,
and the indexes that keep a million marks and articles quick. `schema.MIGRATIONS` runs
them after 1 to 10, each in one transaction with its version bump."""

from __future__ import annotations

import sqlite_utils


def _v11(db: sqlite_utils.Database) -> None:
    """Typed attributes (reader/attributes.py) on entities and articles: the definitions,
    and one value per attribute and entity or article (gone with its entity or article)."""
    for statement in _V11:
        db.execute(statement)


_V11 = [
    """CREATE TABLE attributes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        target TEXT NOT NULL CHECK (target IN ('entity', 'article')),
        type TEXT NOT NULL,
        choices TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0
      )""",
    """CREATE TABLE attribute_values (
        id INTEGER PRIMARY KEY,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
        entity_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
        article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        CHECK ((entity_id IS NULL) <> (article_id IS NULL))
      )""",
    "CREATE UNIQUE INDEX idx_attr_values_entity ON attribute_values(attribute_id, entity_id)",
    "CREATE UNIQUE INDEX idx_attr_values_article ON attribute_values(attribute_id, article_id)",
    "CREATE INDEX idx_attribute_values_of_entity ON attribute_values(entity_id)",
    "CREATE INDEX idx_attribute_values_of_article ON attribute_values(article_id)",
]


def _v12(db: sqlite_utils.Database) -> None:
    """Feed subscriptions (reader/feeds.py) and the items each brought: an item stays
    known (never imported twice) after its article is deleted."""
    # One statement each: executescript would commit the migration's transaction.
    db.execute(
        """CREATE TABLE feeds (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          url TEXT NOT NULL UNIQUE,
          full_text INTEGER NOT NULL DEFAULT 0,
          title TEXT,
          etag TEXT,
          last_modified TEXT,
          last_checked TEXT,
          last_error TEXT,
          added_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE feed_items (
          feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
          guid TEXT NOT NULL,
          article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
          PRIMARY KEY (feed_id, guid)
        )"""
    )
    db.execute("CREATE INDEX idx_feed_items_article ON feed_items(article_id)")


def _v13(db: sqlite_utils.Database) -> None:
    """Rejected suggestions (quotes, entities), so that one stays rejected after a
    restart; gone with their article. `exact` is the text rejected at those offsets."""
    db.execute(
        """CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            label TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            annotator TEXT,
            created TEXT NOT NULL
          )"""
    )
    db.execute("CREATE INDEX idx_rejections_article ON rejections(article_id)")


def _v14(db: sqlite_utils.Database) -> None:
    """Marks by annotator (working as a team): the coders of a library, the articles one
    coded and curation read this index instead of every mark (at a million marks,
    listing the coders took 580 ms without it, 65 ms with it)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_annotations_annotator ON annotations(annotator, article_id)"
    )


def _v15(db: sqlite_utils.Database) -> None:
    """The codebook (reader/codebook.py): labels form a tree (a parent of the same kind),
    and each carries a definition, inclusion and exclusion notes and an example."""
    db.execute("ALTER TABLE labels ADD COLUMN parent_id INTEGER REFERENCES labels(id)")
    for column in ("definition", "inclusion", "exclusion", "example"):
        db.execute(f"ALTER TABLE labels ADD COLUMN {column} TEXT")


def _v16(db: sqlite_utils.Database) -> None:
    """Statistics over a million marks read narrow indexes in order instead of the marks
    table (reader/store/stats.py): labels by kind and label, quotes by article, mentions
    by entity (at 1,000,000 marks: labels 1.2 s -> 0.2 s, languages 0.7 s -> 0.3 s)."""
    # None leads with kind: a query asking for one kind alone keeps its plan (SQLite
    # without ANALYZE statistics would take any index on kind, then read marks at random).
    for name, columns in (
        ("label_kind", "label, kind, article_id"),
        ("article_kind", "article_id, kind, group_id"),
        ("entity_kind", "entity_id, kind, article_id"),
    ):
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_annotations_{name} ON annotations({columns})")


def _v17(db: sqlite_utils.Database) -> None:
    """The list's pages by import time read no article row when the articles came in id
    order (reader/store/search_pages.py). `import_order.disorder` is the highest id at or
    below which import times may not follow the ids: above it they rise with the ids,
    each newer than every time at or below it. Triggers raise it when an article comes
    in out of order (a merge keeps the other library's times) or a time is changed."""
    db.execute("CREATE TABLE import_order (disorder INTEGER NOT NULL)")
    db.execute("INSERT INTO import_order VALUES (?)", [_disorder(db)])
    db.execute(
        """CREATE TRIGGER import_order_ai AFTER INSERT ON articles
        WHEN new.imported_at IS NULL
          OR new.id < (SELECT max(id) FROM articles)
          OR new.imported_at < (SELECT max(imported_at) FROM articles)
        BEGIN
          UPDATE import_order SET disorder = max(disorder, (SELECT max(id) FROM articles));
        END"""
    )
    db.execute(
        """CREATE TRIGGER import_order_au AFTER UPDATE OF id, imported_at ON articles
        BEGIN
          UPDATE import_order
          SET disorder = max(disorder, old.id, new.id, (SELECT max(id) FROM articles));
        END"""
    )


def _disorder(db: sqlite_utils.Database) -> int:
    """The first `disorder` of a library: the import time's index is walked from the
    newest article while each one is the next highest id (nothing between it and the
    one before). The table's own id order is not walked: its pages hold the rows
    (8 GB at a million articles, 48 s to read here); the index is 30 bytes an entry."""
    top = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    if top is None:
        return 0
    between = "SELECT 1 FROM articles WHERE id > ? AND id < ? LIMIT 1"
    walk = db.execute(
        "SELECT id, imported_at FROM articles INDEXED BY idx_articles_imported_at "
        "ORDER BY imported_at DESC, id DESC"
    )
    last = top + 1  # the lowest id of the region so far
    for article_id, at in walk:
        if at is None or article_id >= last:
            return last - 1
        if article_id != last - 1 and db.execute(between, [article_id, last]).fetchone():
            return last - 1
        last = article_id
    return 0
