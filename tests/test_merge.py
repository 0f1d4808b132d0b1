"""`Library.merge` and `reader merge`: another coder's library brought into this one,
exactly and idempotently, conflicts listed (issue 19)."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import LibraryError, MergeCancelled
from reader.library import Library
from reader.model import Changes, ParsedArticle
from reader.store.schema import SCHEMA_VERSION
from reader.text.canonical import paragraphs_to_markdown

GENERATED = [
    "Menteri Retno Marsudi bertemu Antony Blinken di Jakarta pada hari Senin.",
    "“Kami sepakat,” kata Retno setelah pertemuan itu.",
]

# Columns compared between libraries (ids differ from one library to another).
MARK = (
    'kind, label, start, "end", exact, prefix, suffix, note, annotator, created, modified, '
    "status, origin, speaker_start, speaker_end, cue, quote_type"
)


def marks(lib: Library) -> list[tuple]:
    """Every mark with its article's hash, entity and speaker by (type, name), and its
    group by the first part's start: comparable across libraries."""
    sql = f"""SELECT a.content_hash, {", ".join("n." + c.strip() for c in MARK.split(","))},
                     e.type, e.name, s.type, s.name, g.start
                FROM annotations n JOIN articles a ON a.id = n.article_id
                LEFT JOIN entities e ON e.id = n.entity_id
                LEFT JOIN entities s ON s.id = n.speaker_id
                LEFT JOIN annotations g ON g.id = n.group_id
               ORDER BY 1, n.start, n."end", n.annotator, n.kind"""
    return [tuple(r) for r in lib._store.db.execute(sql).fetchall()]


def find(lib: Library, article_id: int, word: str, nth: int = 0) -> tuple[int, int]:
    text = lib.article(article_id).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def coder(path, name: str, seed_path) -> tuple[Library, int]:
    lib = Library(path, annotator=name)
    outcome = lib.import_file(seed_path)
    return lib, outcome.article_id


@pytest.fixture
def two(tmp_path, seed_path):
    """Ana and Budi each code the seed article in their own library; Budi also has an
    article Ana lacks."""
    ana, a_seed = coder(tmp_path / "ana.db", "ana", seed_path)
    budi, b_seed = coder(tmp_path / "budi.db", "budi", seed_path)
    ana.create_entity("Sergey Lavrov", "PERSON", ["Lavrov"])
    ana.annotate(a_seed, "entity", *find(ana, a_seed, "Sergey Lavrov"), "PERSON")
    ana.annotate(a_seed, "entity", *find(ana, a_seed, "Istanbul"), "LOCATION")
    ana.annotate(a_seed, "highlight", *find(ana, a_seed, "masalah sistemik"), note="kunci")
    # Budi: the same person (named by an alias), the same place, a quote with its speaker,
    # and a quote in two parts
    budi.annotate(b_seed, "entity", *find(budi, b_seed, "Lavrov", 1), "PERSON")
    budi.annotate(b_seed, "entity", *find(budi, b_seed, "Istanbul"), "LOCATION")
    q = budi.annotate(
        b_seed,
        "quote",
        *find(budi, b_seed, "cepat dan efektif kita dapat bergerak maju,"),
        speaker_id=budi.resolve_speaker("Lavrov"),
        cue="tambah",
    )
    part = budi.annotate(b_seed, "quote", *find(budi, b_seed, "masalah sistemik"))
    budi.update_annotation(part.id, group_id=q.id)
    _, gen = budi.add_article(
        ParsedArticle("Retno bertemu Blinken", paragraphs_to_markdown(GENERATED))
    )
    budi.annotate(gen, "entity", *find(budi, gen, "Antony Blinken"), "PERSON")
    yield ana, budi, a_seed, gen
    ana.close()
    budi.close()


def test_merge_brings_every_mark_article_and_entity_exactly(two, tmp_path):
    ana, budi, a_seed, _ = two
    before = marks(ana)
    theirs = marks(budi)
    report = ana.merge(tmp_path / "budi.db")
    assert (report.articles_added, report.articles_matched) == (1, 1)
    assert (report.marks_added, report.marks_already) == (5, 0)
    # Lavrov (an alias of Ana's Sergey Lavrov) and Istanbul are merged, Blinken is new
    assert (report.entities_merged, report.entities_added) == (2, 1)
    assert report.conflicts == [] and report.orphaned == 0
    assert report.line() == (
        "articles added 1 (1 already here), marks added 5 (0 already here), "
        "entities merged 2 (added 1), conflicts 0"
    )
    # nothing of Ana's changed; every mark of Budi's is there as he made it, his
    # Lavrov now being Ana's Sergey Lavrov
    theirs = [
        r[:-5]
        + (("PERSON", "Sergey Lavrov") if r[-5:-3] == ("PERSON", "Lavrov") else r[-5:-3])
        + (("PERSON", "Sergey Lavrov") if r[-3:-1] == ("PERSON", "Lavrov") else r[-3:-1])
        + r[-1:]
        for r in theirs
    ]
    assert marks(ana) == sorted(before + theirs, key=lambda r: (r[0], r[3], r[4], r[9], r[1]))
    assert ana.find_entity("Sergey Lavrov", "PERSON").aliases == ["Lavrov"]
    assert [a.annotator for a in ana.annotations(a_seed)].count("budi") == 4
    gen = ana.list_articles(order_by="id", descending=False)[-1]
    assert gen.title == "Retno bertemu Blinken"
    assert ana.article(gen.id).text == budi.article(two[3]).text


def test_merge_twice_adds_nothing_and_announces_nothing(two, tmp_path):
    ana, *_ = two
    ana.merge(tmp_path / "budi.db")
    rows = marks(ana)
    entities = [(e.name, e.type, e.aliases) for e in ana.entities()]
    articles = ana.count_articles()
    heard: list[Changes] = []
    ana.subscribe(heard.append)
    undo = ana.undo_name
    report = ana.merge(tmp_path / "budi.db")
    assert (report.articles_added, report.marks_added, report.entities_added) == (0, 0, 0)
    assert (report.articles_matched, report.marks_already, report.entities_merged) == (2, 5, 3)
    assert marks(ana) == rows and ana.count_articles() == articles
    assert [(e.name, e.type, e.aliases) for e in ana.entities()] == entities
    assert heard == [] and ana.undo_name == undo


def test_merge_is_one_undo_step_and_announces_what_it_added(two, tmp_path):
    ana, _, a_seed, _ = two
    before = marks(ana)
    heard: list[Changes] = []
    ana.subscribe(heard.append)
    ana.merge(tmp_path / "budi.db")
    assert len(heard) == 1
    merged = {a.id for a in ana.annotations(a_seed) if a.annotator == "budi"}
    gen = ana.list_articles(order_by="id", descending=False)[-1].id
    merged |= {a.id for a in ana.annotations(gen)}
    assert heard[0] == Changes(
        frozenset({a_seed, gen}), frozenset(merged), added=True, entities=True
    )
    assert ana.undo_name == "Merge library"
    ana.undo()
    assert marks(ana) == before
    assert sorted(e.name for e in ana.entities()) == ["Istanbul", "Sergey Lavrov"]
    assert ana.find_entity("Sergey Lavrov", "PERSON").aliases == ["Lavrov"]
    ana.redo()
    assert len(marks(ana)) == len(before) + 5


def test_annotator_option_overrides_and_three_coders_merge(two, tmp_path, seed_path):
    ana, _, a_seed, _ = two
    cita, c_seed = coder(tmp_path / "cita.db", "cita", seed_path)
    cita.annotate(c_seed, "entity", *find(cita, c_seed, "Istanbul"), "LOCATION")
    cita.close()
    ana.merge(tmp_path / "budi.db")
    report = ana.merge(tmp_path / "cita.db", annotator="coder-3")
    assert (report.marks_added, report.articles_matched) == (1, 1)
    istanbul = [
        (a.annotator, a.start, a.entity_id)
        for a in ana.annotations(a_seed)
        if a.exact == "Istanbul" and a.kind == "entity"
    ]
    place = ana.find_entity("Istanbul", "LOCATION").id
    start = find(ana, a_seed, "Istanbul")[0]
    assert sorted(istanbul) == [
        ("ana", start, place),
        ("budi", start, place),
        ("coder-3", start, place),
    ]
    # the override is what makes a mark "already here": merging as coder-3 again adds nothing
    assert ana.merge(tmp_path / "cita.db", annotator="coder-3").marks_added == 0
    assert ana.merge(tmp_path / "cita.db").marks_added == 1  # as cita, it is new


def test_entity_conflicts_are_listed_exactly_and_kept_apart(tmp_path, seed_path):
    ana, a_seed = coder(tmp_path / "ana.db", "ana", seed_path)
    budi, b_seed = coder(tmp_path / "budi.db", "budi", seed_path)
    ana.create_entity("Istanbul", "LOCATION")
    ana.create_entity("Joe Biden", "PERSON", ["Biden"])
    ana.create_entity("Barack Obama", "PERSON", ["Obama"], wikidata="Q76")
    ana.create_entity("Presiden", "PERSON")
    budi.create_entity("Barack Obama", "PERSON", wikidata="Q1")  # another Wikidata id
    budi.create_entity("Istanbul", "ORG")  # same name, another type
    budi.create_entity("Obama", "PERSON", ["Presiden"])  # alias clash: two entities here
    budi.create_entity("Joe Biden", "PERSON", ["Obama", "Joe"], wikidata="Q6279")
    budi.annotate(b_seed, "entity", *find(budi, b_seed, "Istanbul"), "ORG")
    budi.close()
    report = ana.merge(tmp_path / "budi.db")
    wikidata = "different Wikidata ids: PERSON 'Barack Obama' is Q76 here, Q1 there; kept Q76"
    biden = "alias clash: PERSON 'Joe Biden': 'Obama' is 'Barack Obama' here; not added"
    assert report.conflicts == [
        "same name, different type: 'Istanbul' is ORG there, LOCATION here; kept apart",
        wikidata,
        biden,
        "alias clash: PERSON 'Obama' matches 'Barack Obama' and 'Presiden' here; kept apart",
    ]
    assert (report.entities_merged, report.entities_added) == (2, 2)
    rows = sorted((e.type, e.name, tuple(e.aliases), e.wikidata) for e in ana.entities())
    assert rows == [
        ("LOCATION", "Istanbul", (), None),
        ("ORG", "Istanbul", (), None),
        ("PERSON", "Barack Obama", ("Obama",), "Q76"),
        ("PERSON", "Joe Biden", ("Biden", "Joe"), "Q6279"),
        ("PERSON", "Obama", ("Presiden",), None),
        ("PERSON", "Presiden", (), None),
    ]
    mark = next(a for a in ana.annotations(a_seed) if a.annotator == "budi")
    assert ana.entity(mark.entity_id).type == "ORG"
    # what was kept apart is found by its own name next time; real disagreements stay
    again = ana.merge(tmp_path / "budi.db")
    assert again.conflicts == [wikidata, biden]
    assert sorted((e.type, e.name, tuple(e.aliases), e.wikidata) for e in ana.entities()) == rows
    ana.close()


def test_refuses_itself_a_foreign_file_a_newer_schema_and_a_missing_file(lib, db_path, tmp_path):
    with pytest.raises(LibraryError, match="cannot merge the library into itself"):
        lib.merge(db_path)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(LibraryError, match="not a Reader library"):
        lib.merge(foreign)
    newer = tmp_path / "newer.db"
    Library(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer than this Reader supports"):
        lib.merge(newer)
    with pytest.raises(LibraryError, match="no such file"):
        lib.merge(tmp_path / "missing.db")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(LibraryError, match="not a Reader library"):
        lib.merge(empty)
    assert not (tmp_path / "missing.db").exists() and empty.read_bytes() == b""


def test_cancel_stores_nothing_and_progress_counts_articles(two, tmp_path):
    ana, *_ = two
    before = marks(ana), ana.count_articles()
    seen: list[tuple[int, int]] = []
    with pytest.raises(MergeCancelled, match="nothing was merged"):
        ana.merge(
            tmp_path / "budi.db",
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: bool(seen),
        )
    assert seen == [(1, 2)]
    assert (marks(ana), ana.count_articles()) == before
    seen.clear()
    ana.merge(tmp_path / "budi.db", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]


def test_an_article_matched_by_url_with_another_text_gets_its_marks_re_anchored(tmp_path):
    ana = Library(tmp_path / "ana.db", annotator="ana")
    budi = Library(tmp_path / "budi.db", annotator="budi")
    url = "https://example.org/talks"
    _, a = ana.add_article(
        ParsedArticle("Talks", paragraphs_to_markdown(["Intro line.", *GENERATED]), url=url)
    )
    _, b = budi.add_article(ParsedArticle("Talks", paragraphs_to_markdown(GENERATED), url=url))
    budi.annotate(b, "entity", *find(budi, b, "Jakarta"), "LOCATION")
    budi.annotate(b, "highlight", *find(budi, b, "Kami sepakat"))
    budi.close()
    report = ana.merge(tmp_path / "budi.db")
    assert (report.articles_added, report.articles_matched, report.marks_added) == (0, 1, 2)
    got = [(m.kind, m.start, m.end, m.exact, m.status) for m in ana.annotations(a)]
    assert got == [
        ("entity", *find(ana, a, "Jakarta"), "Jakarta", "ok"),
        ("highlight", *find(ana, a, "Kami sepakat"), "Kami sepakat", "ok"),
    ]
    assert ana.merge(tmp_path / "budi.db").marks_added == 0
    ana.close()


def test_cli_merge_prints_the_summary_and_conflicts(two, tmp_path):
    ana, budi, *_ = two
    ana.close()
    budi.close()
    runner = CliRunner()
    args = ["--db", str(tmp_path / "ana.db"), "merge", str(tmp_path / "budi.db")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "articles added 1 (1 already here), marks added 5 (0 already here), "
        "entities merged 2 (added 1), conflicts 0\n"
    )
    result = runner.invoke(cli, [*args, "--annotator", "budi-2"])
    assert "marks added 5 (0 already here)" in result.output
    result = runner.invoke(
        cli, ["--db", str(tmp_path / "ana.db"), "merge", str(tmp_path / "ana.db")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "merge the library into itself" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "w3c", "qdpx"])
def test_importing_another_coders_export_keeps_their_name_and_is_idempotent(two, tmp_path, fmt):
    ana, budi, a_seed, _ = two
    out = tmp_path / f"budi.{fmt}"
    if fmt == "qdpx":
        budi.export_project(fmt, out)
    else:
        budi.export_annotations(fmt, out)
    ana_before = [(a.annotator, a.kind, a.start, a.end) for a in ana.annotations(a_seed)]
    budi_marks = [
        (a.annotator, a.kind, a.start, a.end)
        for a in budi.annotations(budi.list_articles(order_by="id", descending=False)[0].id)
    ]
    load = ana.import_project if fmt == "qdpx" else ana.import_annotations
    report = load(out)
    added = report.marks.added if fmt == "qdpx" else report.added
    # Budi's Istanbul is on the same span as Ana's: another coder's mark, added too; his
    # second article comes with a project (jsonl and w3c hold no article text)
    seed_only = 4 if fmt != "qdpx" else 5
    assert added == seed_only
    got = sorted((a.annotator, a.kind, a.start, a.end) for a in ana.annotations(a_seed))
    assert got == sorted(ana_before + budi_marks)
    again = load(out)
    assert (again.marks.added if fmt == "qdpx" else again.added) == 0
    # --annotator: the same file as another coder's work
    report = load(out, annotator="budi-2")
    assert (report.marks.added if fmt == "qdpx" else report.added) == seed_only
    assert sorted(a.annotator for a in ana.annotations(a_seed)).count("budi-2") == 4


def test_cli_import_annotations_takes_an_annotator(two, tmp_path):
    ana, budi, a_seed, _ = two
    budi.export_annotations("jsonl", tmp_path / "budi.jsonl")
    ana.close()
    budi.close()
    runner = CliRunner()
    db = ["--db", str(tmp_path / "ana.db")]
    result = runner.invoke(
        cli, [*db, "import-annotations", str(tmp_path / "budi.jsonl"), "--annotator", "B"]
    )
    assert result.exit_code == 1  # the article Ana lacks is listed as unmatched
    assert "imported 4 annotations" in result.output
    with Library(tmp_path / "ana.db") as lib:
        assert sorted({a.annotator for a in lib.annotations(a_seed)}) == ["B", "ana"]


@pytest.mark.parametrize("version", [1, 7])
def test_a_library_of_an_older_schema_is_merged_as_it_is(lib, tmp_path, version):
    from tests.test_migrations_all import _library_at

    old = tmp_path / f"v{version}.db"
    _library_at(old, version)
    before = old.read_bytes()
    report = lib.merge(old, annotator="pilot")
    assert (report.articles_added, report.marks_added, report.entities_added) == (2, 3, 1)
    rows = sorted(
        (lib.article(a.article_id).title, a.kind, a.exact, a.annotator, a.speaker_id is not None)
        for s in lib.list_articles()
        for a in lib.annotations(s.id)
    )
    assert rows == [
        ("Article 1", "entity", "Lavrov", "pilot", False),
        ("Article 1", "quote", "yes", "pilot", True),
        ("Article 2", "entity", "Lavrov", "pilot", False),
    ]
    assert old.read_bytes() == before  # read only: the old file is not upgraded


def test_merge_brings_attributes_and_lists_their_conflicts(two, tmp_path):
    ana, budi, a_seed, gen = two
    lavrov_here = ana.find_entity_ids("Sergey Lavrov")[0]
    ana.define_attribute("gender", "entity", "choice", ["female", "male"])
    ana.define_attribute("party", "entity", "choice", ["A", "B"])
    ana.set_attribute("gender", "male", entities=[lavrov_here])
    lavrov_there = budi.find_entity_ids("Lavrov")[0]
    budi.define_attribute("gender", "entity", "choice", ["female", "male"])
    budi.define_attribute("role", "entity", "text")
    budi.define_attribute("party", "entity", "number")  # another type: kept apart
    budi.define_attribute("outlet_type", "article", "choice", ["wire", "daily"])
    budi.set_attribute("gender", "female", entities=[lavrov_there])  # differs from Ana's
    budi.set_attribute("role", "foreign minister", entities=[lavrov_there])
    budi.set_attribute("party", 3, entities=[lavrov_there])
    budi.set_attribute("outlet_type", "wire", articles=[gen])
    budi.close()
    report = ana.merge(tmp_path / "budi.db")
    assert report.attributes_added == 2
    assert report.conflicts == [
        "attribute 'gender' of PERSON 'Sergey Lavrov' is 'male' here, 'female' there; kept 'male'",
        "attribute 'party' is a number on entity there, a choice on entity here; "
        "its values not merged",
    ]
    assert [(a.name, a.on, a.type) for a in ana.attributes()] == [
        ("gender", "entity", "choice"),
        ("party", "entity", "choice"),
        ("role", "entity", "text"),
        ("outlet_type", "article", "choice"),
    ]
    assert ana.attribute_values(entity_id=lavrov_here) == {
        "gender": "male",
        "role": "foreign minister",
    }
    new_article = next(a.id for a in ana.list_articles() if a.title == "Retno bertemu Blinken")
    assert ana.attribute_values(article_id=new_article) == {"outlet_type": "wire"}
    again = ana.merge(tmp_path / "budi.db")  # nothing more, the same conflicts
    assert (again.attributes_added, again.conflicts) == (0, report.conflicts)
    ana.undo()  # the second merge added nothing: the first one is undone
    assert ana.attribute_values(entity_id=lavrov_here) == {"gender": "male"}
    assert [a.name for a in ana.attributes()] == ["gender", "party"]
