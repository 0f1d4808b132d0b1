from __future__ import annotations

import pytest

from reader.errors import NotFound, ReaderError
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

TEXTS = {
    "emoji": ["Breaking 🇮🇩 news 😀: Lavrov 👨‍👩‍👧 said “yes” 🎉."],
    "combining": ["Cafe\u0301 in Tu\u0308rkiye: the minister said \u201cq\u0307uick\u201d."],
    "cjk": ["俄罗斯外交部长拉夫罗夫周三在多哈表示，会谈将在伊斯坦布尔举行。", "第二段。"],
    "rtl": ["قال وزير الخارجية الروسي سيرغي لافروف إن الاجتماع سيعقد في إسطنبول.", "שלום עולם"],
}


def _add(lib, paragraphs, title="T"):
    status, article_id = lib.add_article(
        ParsedArticle(title=title, markdown=paragraphs_to_markdown(paragraphs))
    )
    return article_id


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_invariant_holds_for_every_range(lib, name):
    article_id = _add(lib, TEXTS[name])
    text = lib.article(article_id).text
    step = max(1, len(text) // 12)
    made = []
    for start in range(0, len(text), step):
        for end in range(start + 1, len(text) + 1, step):
            if text[start:end].strip():
                made.append(lib.annotate(article_id, "highlight", start, end))
    assert made
    for a in lib.annotations(article_id):
        assert a.status == "ok"
        assert text[a.start : a.end] == a.exact
        assert a.exact == a.exact.strip()
        assert a.prefix == text[max(0, a.start - 32) : a.start]
        assert a.suffix == text[a.end : a.end + 32]


def test_annotation_fields(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    text = lib.article(article_id).text
    quote = "“cepat dan efektif kita dapat bergerak maju,”"
    start = text.index(quote)
    # Spaces around the selection are trimmed.
    a = lib.annotate(article_id, "quote", start - 1, start + len(quote) + 1, note="key quote")
    assert (a.start, a.end, a.exact) == (start, start + len(quote), quote)
    assert (a.kind, a.label, a.note, a.status, a.origin) == (
        "quote",
        "QUOTE",
        "key quote",
        "ok",
        "manual",
    )
    assert a.annotator == lib.annotator
    assert a.created.endswith("Z") and a.created == a.modified
    assert a.prefix == text[start - 32 : start] and len(a.suffix) == 32
    (stored,) = lib.annotations(article_id)
    assert stored == a


def test_overlap_and_nesting(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    text = lib.article(article_id).text
    sentence_start = text.index("Lavrov menyampaikan")
    sentence_end = text.index("Qatar") + len("Qatar")
    outer = lib.annotate(article_id, "quote", sentence_start, sentence_end)
    inner = lib.annotate(article_id, "entity", sentence_start, sentence_start + 6, "PERSON")
    place = lib.annotate(
        article_id, "entity", text.index("Doha"), text.index("Doha") + 4, "LOCATION"
    )
    crossing = lib.annotate(article_id, "highlight", text.index("Doha"), sentence_end + 20)
    got = [(a.id, a.exact[:12]) for a in lib.annotations(article_id)]
    # Text order: by start, the longer first when two start together.
    assert got == [
        (outer.id, "Lavrov menya"),
        (inner.id, "Lavrov"),
        (crossing.id, "Doha, Qatar,"),
        (place.id, "Doha"),
    ]


def test_span_across_paragraphs(lib, seed_path):
    article_id = lib.import_file(seed_path).article_id
    text = lib.article(article_id).text
    start = text.index("Sergey Lavrov.")
    end = text.index("Lavrov menyampaikan") + len("Lavrov")
    a = lib.annotate(article_id, "highlight", start, end)
    assert a.exact == "Sergey Lavrov.\n\nLavrov"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(5, 5, "nothing selected"), (-1, 3, "outside"), (0, 10**6, "outside")],
)
def test_bad_ranges(lib, start, end, message):
    article_id = _add(lib, ["Hello world, this is text."])
    with pytest.raises(ReaderError, match=message):
        lib.annotate(article_id, "highlight", start, end)
    assert lib.annotations(article_id) == []


def test_only_spaces_selected(lib):
    article_id = _add(lib, ["one", "two"])
    with pytest.raises(ReaderError, match="nothing selected"):
        lib.annotate(article_id, "highlight", 3, 5)  # the "\n\n" between paragraphs


def test_unknown_kind_and_article(lib):
    article_id = _add(lib, ["Hello world"])
    with pytest.raises(ReaderError, match="unknown kind"):
        lib.annotate(article_id, "comment", 0, 5)
    with pytest.raises(NotFound):
        lib.annotate(999, "quote", 0, 5)


def test_undo_redo_sequence(lib):
    article_id = _add(lib, ["Alpha beta gamma delta"])
    assert lib.undo_name is None and lib.undo() is None
    a = lib.annotate(article_id, "entity", 0, 5, "PERSON")
    b = lib.annotate(article_id, "highlight", 6, 10)
    lib.update_annotation(b.id, note="why")
    assert lib.undo_name == "Edit note: beta"
    changes = lib.undo()
    assert changes.annotations == {b.id} and changes.articles == {article_id}
    assert lib.annotation(b.id).note is None
    assert lib.undo_name == "Highlight: beta" and lib.redo_name == "Edit note: beta"
    lib.undo()
    assert [x.id for x in lib.annotations(article_id)] == [a.id]
    lib.redo()
    lib.redo()
    assert lib.annotation(b.id).note == "why"
    lib.delete_annotation(a.id)
    assert lib.undo_name == "Delete PERSON: Alpha" and lib.redo_name is None
    lib.undo()
    assert lib.annotation(a.id).exact == "Alpha"
    lib.redo()
    assert [x.id for x in lib.annotations(article_id)] == [b.id]
    # New work clears the redo side.
    lib.undo()
    lib.annotate(article_id, "quote", 11, 16)
    assert lib.redo_name is None


def test_undo_survives_reopen_of_data(db_path):
    from reader.library import Library

    with Library(db_path) as lib:
        article_id = _add(lib, ["Alpha beta"])
        a = lib.annotate(article_id, "entity", 0, 5, "PERSON", note="n")
        lib.update_annotation(a.id, label="ORG")
        lib.undo()
    with Library(db_path) as lib:
        assert lib.annotation(a.id).label == "PERSON"
        assert lib.undo_name is None


def test_update_rejects_unknown_fields(lib):
    article_id = _add(lib, ["Alpha beta"])
    a = lib.annotate(article_id, "highlight", 0, 5)
    with pytest.raises(ReaderError, match="cannot change 'start'"):
        lib.update_annotation(a.id, start=1)


def test_default_labels(lib):
    entity = [(lb.name, lb.shortcut) for lb in lib.labels("entity")]
    assert entity == [
        ("PERSON", "1"),
        ("ORG", "2"),
        ("LOCATION", "3"),
        ("EVENT", "4"),
        ("DATE", "5"),
        ("MISC", "6"),
    ]
    assert {lb.kind for lb in lib.labels()} == {"entity", "quote", "highlight"}
    assert all(lb.colour.startswith("#") for lb in lib.labels())


def test_add_and_rename_label(lib):
    article_id = _add(lib, ["Alpha beta"])
    label = lib.add_label("WEAPON", "entity", "#000000", "7")
    a = lib.annotate(article_id, "entity", 0, 5, "WEAPON")
    lib.update_label(label.id, name="ARMS")
    assert lib.annotation(a.id).label == "ARMS"
    with pytest.raises(ReaderError, match="already"):
        lib.add_label("ARMS", "entity", "#111111")


def test_loaded_annotation_checks_invariant(lib, monkeypatch):
    article_id = _add(lib, ["Alpha beta"])
    a = lib.annotate(article_id, "highlight", 0, 5)
    lib._store.annotations.update(a.id, {"exact": "Other"})  # a broken row
    (loaded,) = lib.annotations(article_id)
    assert loaded.status == "orphaned" and loaded.exact == "Other"


def test_deleting_article_deletes_its_annotations(lib):
    article_id = _add(lib, ["Alpha beta"])
    lib.annotate(article_id, "highlight", 0, 5)
    lib.delete_article(article_id)
    assert lib.count_annotations() == 0


def test_marks_overlapping_a_range(lib):
    """What opening a long article reads first: the marks over the first screen."""
    article_id = _add(lib, ["Alpha beta gamma delta"])
    alpha = lib.annotate(article_id, "highlight", 0, 5)
    beta = lib.annotate(article_id, "entity", 6, 10, "PERSON", note="n")
    wide = lib.annotate(article_id, "quote", 0, 16)
    gamma = lib.annotate(article_id, "highlight", 11, 16)
    lib.annotate(article_id, "highlight", 17, 22)
    lib._store.annotations.update(gamma.id, {"exact": "Other"})  # a broken row
    every = {a.id: a for a in lib.annotations(article_id)}
    # ends at 5 and starts at 17: outside text[5:17]; the others in text order
    got = lib.annotations(article_id, (5, 17))
    assert [a.id for a in got] == [wide.id, beta.id, gamma.id]
    assert got == [every[wide.id], every[beta.id], every[gamma.id]]
    assert got[2].status == "orphaned"
    assert [a.id for a in lib.annotations(article_id, (0, 6))] == [wide.id, alpha.id]
    assert lib.annotations(article_id, (22, 30)) == []
    assert lib.count_annotations(article_id) == 5
    assert lib.count_annotations(_add(lib, ["Other text"])) == 0
    with pytest.raises(NotFound):
        lib.annotations(10**6, (0, 5))


def test_mark_columns_are_the_fields_of_annotation():
    from dataclasses import fields

    from reader.model import Annotation
    from reader.store.annotations import MARK_COLUMNS

    assert tuple(f.name for f in fields(Annotation)) == MARK_COLUMNS
