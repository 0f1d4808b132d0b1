"""Curation: agreed marks written once as the curator's, disagreements listed with each
coder's version (reader/curation.py, Library.curate_agreed / disagreements, issue 19)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.curation import Unit, is_agreed, units
from reader.errors import ReaderError
from reader.library import Library
from reader.model import Annotation, Changes, ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

GENERATED = [
    "Menteri Retno Marsudi bertemu Antony Blinken di Jakarta pada hari Senin.",
    "“Kami sepakat,” kata Retno setelah pertemuan itu.",
]


def span(lib: Library, article_id: int, word: str, nth: int = 0) -> tuple[int, int]:
    text = lib.article(article_id).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def as_(lib: Library, who: str, article_id: int, kind: str, word: str, label=None, **extra):
    lib.annotator = who
    return lib.annotate(article_id, kind, *span(lib, article_id, word), label, **extra)


QUOTE_X = "cepat dan efektif kita dapat bergerak maju,"
QUOTE_Y = "masalah sistemik"


@pytest.fixture
def coded(lib, seed_path):
    """Ana, Budi and Cita code the seed article; Ana and Budi a generated one."""
    seed = lib.import_file(seed_path).article_id
    _, gen = lib.add_article(ParsedArticle("Retno", paragraphs_to_markdown(GENERATED)))
    lavrov = lib.resolve_speaker("Sergey Lavrov")
    for who in ("ana", "budi", "cita"):
        as_(lib, who, seed, "entity", "Sergey Lavrov", "PERSON")  # all agree
    as_(lib, "ana", seed, "entity", "Istanbul", "LOCATION")
    as_(lib, "budi", seed, "entity", "Istanbul", "ORG")  # label differs
    as_(lib, "ana", seed, "quote", QUOTE_X, speaker_id=lavrov)
    as_(lib, "budi", seed, "quote", QUOTE_X, speaker_id=lavrov)  # A and B agree, C not
    as_(lib, "cita", seed, "quote", QUOTE_X)
    as_(lib, "ana", seed, "quote", QUOTE_Y, speaker_id=lavrov)
    as_(lib, "budi", seed, "quote", QUOTE_Y)  # the speaker differs
    as_(lib, "ana", seed, "highlight", "masalah sistemik")
    as_(lib, "budi", seed, "highlight", "masalah sistemik” yang")  # the span differs
    as_(lib, "budi", seed, "entity", "Doha", "LOCATION")  # only Budi
    for who in ("ana", "budi"):
        as_(lib, who, gen, "entity", "Antony Blinken", "PERSON")
        as_(lib, who, gen, "entity", "Jakarta", "LOCATION")
    lib.annotator = "me"
    return lib, seed, gen, lavrov


def curated(lib: Library, article_id: int, into: str = "curated") -> list[tuple]:
    return [
        (a.kind, a.label, a.start, a.end, a.exact, a.speaker_id, a.origin)
        for a in lib.annotations(article_id)
        if a.annotator == into
    ]


def test_pure_units_group_overlapping_marks_and_agree_on_span_label_speaker():
    def m(i, who, kind, start, end, label="L", speaker=None) -> Annotation:
        return Annotation(
            i, 1, kind, start, end, "x" * (end - start), label, annotator=who, speaker_id=speaker
        )

    marks = [
        m(1, "a", "entity", 0, 5), m(2, "b", "entity", 0, 5),  # agreed
        m(3, "a", "entity", 10, 15), m(4, "b", "entity", 12, 18), m(5, "b", "entity", 17, 20),
        m(6, "a", "quote", 30, 40, speaker=7), m(7, "b", "quote", 30, 40, speaker=8),
        m(8, "a", "highlight", 0, 5),  # another kind: its own unit
        m(9, "z", "entity", 0, 5),  # not a chosen coder
        m(10, "cur", "entity", 13, 14),
    ]  # fmt: skip
    got = units(1, marks, ["a", "b"], "cur")
    assert [(u.kind, u.start, u.end, is_agreed(u)) for u in got] == [
        ("entity", 0, 5, True),
        ("highlight", 0, 5, False),
        ("entity", 10, 20, False),  # 10-15, 12-18, 17-20 chain into one unit
        ("quote", 30, 40, False),  # the speakers differ
    ]
    chain = got[2]
    assert [m.id for m in chain.version("a")] == [3] and [m.id for m in chain.version("b")] == [
        4,
        5,
    ]
    assert [m.id for m in chain.curated] == [10]
    assert got[1].version("b") == ()


def test_disagreements_list_each_coders_version_in_text_order(coded):
    lib, seed, _, _ = coded
    got = lib.disagreements(seed, ["ana", "budi"])
    assert all(isinstance(u, Unit) for u in got)
    text = lib.article(seed).text

    def coders(u: Unit) -> list:
        return [(c, [(m.label, m.exact) for m in ms]) for c, ms in u.versions]

    rows = [(u.kind, text[u.start : u.end], coders(u)) for u in got]
    order = sorted(rows, key=lambda r: lib.article(seed).text.index(r[1]))
    assert rows == order
    wider = "masalah sistemik” yang"
    assert sorted(rows) == sorted(
        [
            ("entity", "Doha", [("ana", []), ("budi", [("LOCATION", "Doha")])]),
            ("entity", "Istanbul",
             [("ana", [("LOCATION", "Istanbul")]), ("budi", [("ORG", "Istanbul")])]),
            ("quote", QUOTE_Y, [("ana", [("QUOTE", QUOTE_Y)]), ("budi", [("QUOTE", QUOTE_Y)])]),
            ("highlight", wider,
             [("ana", [("important", "masalah sistemik")]), ("budi", [("important", wider)])]),
        ]
    )  # fmt: skip


def test_curate_agreed_writes_exactly_the_agreed_marks_once_and_is_one_undo_step(coded):
    lib, seed, gen, lavrov = coded
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    report = lib.curate_agreed(["ana", "budi"])
    assert (report.articles, report.agreed, report.disagreed) == (2, 4, 4)
    assert (report.written, report.already) == (4, 0)
    assert report.line() == (
        "ana, budi on 2 articles: agreed 4, disagreed 4; written as curated 4 (0 already there)"
    )
    assert curated(lib, seed) == [
        ("entity", "PERSON", *span(lib, seed, "Sergey Lavrov"), "Sergey Lavrov", None, "curated"),
        ("quote", "QUOTE", *span(lib, seed, QUOTE_X), QUOTE_X, lavrov, "curated"),
    ]
    assert curated(lib, gen) == [
        ("entity", "PERSON", *span(lib, gen, "Antony Blinken"), "Antony Blinken", None, "curated"),
        ("entity", "LOCATION", *span(lib, gen, "Jakarta"), "Jakarta", None, "curated"),
    ]
    ids = frozenset(
        a.id for a in lib.annotations(seed) + lib.annotations(gen) if a.annotator == "curated"
    )
    assert heard == [Changes(frozenset({seed, gen}), ids)]
    assert lib.undo_name == "Accept agreed marks"
    again = lib.curate_agreed(["ana", "budi"])
    assert (again.written, again.already) == (0, 4) and len(heard) == 1
    lib.undo()
    assert curated(lib, seed) == [] and curated(lib, gen) == []


def test_three_coders_agree_on_less_and_a_scope_limits_the_articles(coded):
    lib, seed, gen, _ = coded
    report = lib.curate_agreed(
        ["ana", "budi", "cita"], into="gold", scope=Scope(article_ids=(seed,))
    )
    assert (report.articles, report.agreed, report.disagreed, report.written) == (1, 1, 5, 1)
    assert [r[:2] for r in curated(lib, seed, "gold")] == [("entity", "PERSON")]
    assert curated(lib, gen, "gold") == []
    # every annotator but the curated set, when none are named: cita coded only the seed
    report = lib.curate_agreed(into="gold", dry_run=True)
    assert report.annotators == ("ana", "budi", "cita") and report.written == 0


def test_taking_a_version_copies_exactly_those_marks(coded):
    lib, seed, _, _ = coded
    unit = next(
        u
        for u in lib.disagreements(seed, ["ana", "budi"])
        if u.kind == "entity" and u.version("ana")
    )
    written = lib.curate_marks([m.id for m in unit.version("budi")])
    assert [(a.label, a.exact, a.annotator) for a in written] == [("ORG", "Istanbul", "curated")]
    assert lib.undo_name == "Take version"
    after = next(u for u in lib.disagreements(seed, ["ana", "budi"]) if u.start == unit.start)
    assert [m.id for m in after.curated] == [written[0].id]
    assert lib.curate_marks([m.id for m in unit.version("budi")]) == []  # already taken


def test_refusals(coded):
    lib, seed, _, _ = coded
    with pytest.raises(ReaderError, match="at least two annotators"):
        lib.curate_agreed(["ana"])
    with pytest.raises(ReaderError, match="is the curated set"):
        lib.curate_agreed(["ana", "curated"])
    with pytest.raises(ReaderError, match="need an annotator name"):
        lib.curate_agreed(["ana", "budi"], into=" ")


def test_cli_curate(coded, db_path):
    lib, seed, *_ = coded
    lib.close()
    runner = CliRunner()
    db = ["--db", str(db_path)]
    result = runner.invoke(cli, [*db, "curate", "--annotators", "ana,budi"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ana, budi on 2 articles: agreed 4, disagreed 4 (nothing written: add --accept-agreed)\n"
    )
    result = runner.invoke(
        cli,
        [
            *db,
            "curate",
            "--accept-agreed",
            "--into",
            "gold",
            "--annotators",
            "ana,budi",
            "--article",
            str(seed),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ana, budi on 1 articles: agreed 2, disagreed 4; written as gold 2 (0 already there)\n"
    )
    result = runner.invoke(cli, [*db, "curate", "--accept-agreed", "--annotators", "ana"])
    assert result.exit_code == 1 and result.output.startswith("Error: curation compares")


def test_the_annotator_filter_covers_the_list_exports_and_statistics(coded, tmp_path):
    lib, seed, gen, _ = coded
    cita = Scope(annotators=("cita",))
    assert [s.id for s in lib.list_articles(scope=cita)] == [seed]
    assert lib.count_articles(Scope(annotators=("ana",))) == 2
    assert lib.count_articles(Scope(annotators=("nobody",))) == 0
    rows = list(lib.annotation_rows(cita))
    assert [(r["annotator"], r["kind"], r["text"]) for r in rows] == [
        ("cita", "entity", "Sergey Lavrov"),
        ("cita", "quote", QUOTE_X),
    ]
    assert lib.count_export("csv", Scope(annotators=("ana", "cita"))) == 9
    assert lib.statistic("annotators", cita).rows == [("cita", 2, 1)]
    assert lib.statistic("labels", Scope(annotators=("budi",))).dicts()[0] == {
        "kind": "entity",
        "label": "LOCATION",
        "annotations": 2,
        "articles": 2,
    }
    lib.curate_agreed(["ana", "budi"])
    out = tmp_path / "gold.jsonl"
    result = lib.export_annotations("jsonl", out, Scope(annotators=("curated",)))
    assert result.count == 4
    runner = CliRunner()
    lib.close()
    db = ["--db", str(lib.path)]
    got = runner.invoke(cli, [*db, "export", "annotations", "--annotator", "curated"])
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(got.output)))
    assert got.exit_code == 0 and [r["annotator"] for r in table] == ["curated"] * 4
    got = runner.invoke(cli, [*db, "stats", "annotators", "--annotator", "cita", "--format", "csv"])
    assert got.output.splitlines() == ["annotator,annotations,articles", "cita,2,1"]
    got = runner.invoke(cli, [*db, "list", "--annotator", "cita", "--json"])
    assert [__import__("json").loads(line)["id"] for line in got.output.splitlines()] == [seed]
