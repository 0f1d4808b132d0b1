"""Schema 10: the new default quote and highlight colours reach existing libraries only
where a label still has exactly its old default colour; a colour the user chose stays."""

from __future__ import annotations

import sqlite_utils

from reader.library import Library
from reader.store import schema


def test_old_default_colours_move_and_chosen_ones_stay(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    before = schema.MIGRATIONS.index(schema._v10)
    with db.atomic():
        for migration in schema.MIGRATIONS[:before]:
            migration(db)
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {before}")
    # a library made before: the old defaults, one changed by its user, one in capitals
    for (name, kind), colour in schema.OLD_DEFAULT_COLOURS.items():
        db.execute("UPDATE labels SET colour = ? WHERE name = ? AND kind = ?", [colour, name, kind])
    db.execute("UPDATE labels SET colour = '#123456' WHERE name = 'QUOTE'")
    db.execute("UPDATE labels SET colour = '#FFC9C9' WHERE name = 'question'")
    db["labels"].insert({"name": "mine", "kind": "highlight", "colour": "#ffe066", "position": 99})
    db.conn.commit()
    db.close()
    with Library(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        colours = {(lb.name, lb.kind): lb.colour for lb in lib.labels()}
    new = {(n, k): c for n, k, c, _ in schema.DEFAULT_LABELS}
    assert colours[("QUOTE", "quote")] == "#123456"  # the user's
    assert colours[("important", "highlight")] == new[("important", "highlight")] == "#ffd43b"
    assert colours[("question", "highlight")] == "#ff6b6b"
    assert colours[("background", "highlight")] == "#9775fa"
    assert colours[("evidence", "highlight")] == "#d8f5a2"
    assert colours[("mine", "highlight")] == "#ffe066"  # not a default label: untouched
    assert colours[("PERSON", "entity")] == "#1f77b4"


def test_a_new_library_has_the_new_colours(tmp_path):
    with Library(tmp_path / "new.db") as lib:
        colours = {(lb.name, lb.kind): lb.colour for lb in lib.labels()}
    assert colours[("QUOTE", "quote")] == "#4dabf7"
    assert colours[("important", "highlight")] == "#ffd43b"
