"""The codebook (issue #20): labels as a tree with definitions and notes, its edits one
undo step each, codebook files (REFI-QDA `.qdc` and CSV) round-tripped exactly, and
statistics and exports that add a parent up over its children."""

from __future__ import annotations

import json

import pytest
import xmlschema
from click.testing import CliRunner

from reader.cli import cli
from reader.codebook import join_path, label_path, split_path, tree_order
from reader.errors import ImportFailed, ReaderError
from reader.library import Library
from reader.model import ParsedArticle, Scope

from .test_refi_qda import SCHEMAS

TEXT = "The minister spoke. An expert disagreed. A citizen shrugged. The mayor left."


def _tree(lib: Library) -> list[tuple[str, int]]:
    return [(lb.name, depth) for lb, depth in tree_order(lib.labels("highlight"))]


def _paths(lib: Library) -> dict[str, str]:
    labels = lib.labels()
    return {lb.name: label_path(labels, lb) for lb in labels}


def _sources(lib: Library) -> dict[str, int]:
    """Sources > Official, Expert, Citizen (highlight labels); Official > Mayor."""
    sources = lib.add_code("Sources", "highlight", colour="#336699", definition="Who speaks")
    ids = {"Sources": sources.id}
    for name in ("Official", "Expert", "Citizen"):
        ids[name] = lib.add_code(name, "highlight", sources.id).id
    ids["Mayor"] = lib.add_code("Mayor", "highlight", ids["Official"], "#aa0000").id
    return ids


def _corpus(lib: Library) -> tuple[int, int]:
    _, first = lib.add_article(ParsedArticle("First", TEXT, source="Daily"))
    _, second = lib.add_article(ParsedArticle("Second", "The minister spoke again.", source="Wire"))
    for article, word, label in (
        (first, "The minister spoke", "Official"),
        (first, "An expert disagreed", "Expert"),
        (first, "A citizen shrugged", "Citizen"),
        (first, "The mayor left", "Mayor"),
        (second, "The minister spoke again", "Official"),
        (second, "again", "Sources"),
        (second, "spoke", "important"),
    ):
        text = lib.article(article).text
        start = text.index(word)
        lib.annotate(article, "highlight", start, start + len(word), label)
    return first, second


def test_a_tree_of_labels_with_details(lib):
    ids = _sources(lib)
    assert _tree(lib) == [
        ("important", 0),
        ("evidence", 0),
        ("question", 0),
        ("background", 0),
        ("Sources", 0),
        ("Official", 1),
        ("Mayor", 2),
        ("Expert", 1),
        ("Citizen", 1),
    ]
    official = next(lb for lb in lib.labels() if lb.id == ids["Official"])
    assert (official.parent_id, official.colour) == (ids["Sources"], "#336699")  # the parent's
    sources = next(lb for lb in lib.labels() if lb.id == ids["Sources"])
    assert sources.definition == "Who speaks" and sources.parent_id is None
    lib.edit_label(ids["Expert"], definition="A specialist", inclusion="academics",
                   exclusion="pundits", example="a professor says")  # fmt: skip
    expert = next(lb for lb in lib.labels() if lb.id == ids["Expert"])
    assert (expert.definition, expert.inclusion, expert.exclusion, expert.example) == (
        "A specialist",
        "academics",
        "pundits",
        "a professor says",
    )
    assert lib.undo_name == "Edit label: Expert"
    lib.undo()
    expert = next(lb for lb in lib.labels() if lb.id == ids["Expert"])
    assert (expert.definition, expert.inclusion) == ("", "")


def test_parents_of_another_kind_and_cycles_are_refused(lib):
    ids = _sources(lib)
    person = next(lb for lb in lib.labels("entity") if lb.name == "PERSON")
    other_kind = "'PERSON' is not a highlight label: a parent is of the same kind"
    with pytest.raises(ReaderError, match=other_kind):
        lib.move_label(ids["Official"], person.id)
    with pytest.raises(ReaderError, match="'Mayor' is inside the label: that would be a cycle"):
        lib.move_label(ids["Sources"], ids["Mayor"])
    with pytest.raises(ReaderError, match="cycle"):
        lib.move_label(ids["Sources"], ids["Sources"])
    with pytest.raises(ReaderError, match="there is already a highlight label 'Expert'"):
        lib.add_code("Expert", "highlight")
    with pytest.raises(ReaderError, match="there is already a highlight label 'Citizen'"):
        lib.rename_label(ids["Expert"], "Citizen")
    with pytest.raises(ReaderError, match="colour 'blue' is not #rrggbb"):
        lib.edit_label(ids["Expert"], colour="blue")
    with pytest.raises(ReaderError, match="colour None is not #rrggbb"):
        lib.edit_label(ids["Expert"], colour=None)
    with pytest.raises(ReaderError, match="a label needs a name"):
        lib.add_code("  ", "highlight")
    assert lib.undo_name == "Add label: Mayor"  # nothing refused was recorded


def test_add_move_rename_merge_are_one_undo_step_each(lib):
    ids = _sources(lib)
    first, second = _corpus(lib)
    lib.move_label(ids["Mayor"], ids["Sources"])
    assert lib.undo_name == "Move label: Mayor"
    assert ("Mayor", 1) in _tree(lib)
    lib.undo()
    assert ("Mayor", 2) in _tree(lib)

    lib.rename_label(ids["Citizen"], "Public")
    assert lib.undo_name == "Rename label: Citizen → Public"
    assert [a.label for a in lib.annotations(first)] == ["Official", "Expert", "Public", "Mayor"]
    lib.undo()
    assert [a.label for a in lib.annotations(first)] == ["Official", "Expert", "Citizen", "Mayor"]
    lib.redo()
    assert [a.label for a in lib.annotations(first)] == ["Official", "Expert", "Public", "Mayor"]

    # Official (with Mayor under it) into Sources: the marks follow, Mayor moves up
    lib.merge_labels(ids["Official"], ids["Sources"])
    assert lib.undo_name == "Merge labels: Official → Sources"
    assert [a.label for a in lib.annotations(first)] == ["Sources", "Expert", "Public", "Mayor"]
    assert [a.label for a in lib.annotations(second)] == ["Sources", "important", "Sources"]
    assert _tree(lib)[4:] == [("Sources", 0), ("Expert", 1), ("Public", 1), ("Mayor", 1)]
    lib.undo()
    assert [a.label for a in lib.annotations(second)] == ["Official", "important", "Sources"]
    assert _tree(lib)[4:] == [
        ("Sources", 0),
        ("Official", 1),
        ("Mayor", 2),
        ("Expert", 1),
        ("Public", 1),
    ]
    assert lib.undo_name == "Rename label: Citizen → Public"


def test_merging_into_a_label_inside_it(lib):
    ids = _sources(lib)
    lib.merge_labels(ids["Sources"], ids["Mayor"])
    assert _tree(lib)[4:] == [("Mayor", 0), ("Official", 1), ("Expert", 1), ("Citizen", 1)]
    lib.undo()
    assert _tree(lib)[4:] == [
        ("Sources", 0),
        ("Official", 1),
        ("Mayor", 2),
        ("Expert", 1),
        ("Citizen", 1),
    ]
    person = next(lb for lb in lib.labels("entity") if lb.name == "PERSON")
    with pytest.raises(ReaderError, match="only labels of one kind merge"):
        lib.merge_labels(ids["Sources"], person.id)


def test_merging_entity_labels_carries_the_entities(lib):
    _, article = lib.add_article(ParsedArticle("A", "Lavrov met Blinken."))
    lib.annotate(article, "entity", 0, 6, "PERSON")
    lib.annotate(article, "entity", 11, 18, "MISC")
    misc = next(lb for lb in lib.labels("entity") if lb.name == "MISC")
    person = next(lb for lb in lib.labels("entity") if lb.name == "PERSON")
    lib.merge_labels(misc.id, person.id)
    assert sorted((e.name, e.type) for e in lib.entities()) == [
        ("Blinken", "PERSON"),
        ("Lavrov", "PERSON"),
    ]
    assert "MISC" not in {lb.name for lb in lib.labels("entity")}
    lib.undo()
    assert sorted((e.name, e.type) for e in lib.entities()) == [
        ("Blinken", "MISC"),
        ("Lavrov", "PERSON"),
    ]


def test_paths_escape_slashes():
    assert join_path(["Sources", "A/B", "C\\D"]) == "Sources/A\\/B/C\\\\D"
    assert split_path("Sources/A\\/B/C\\\\D") == ["Sources", "A/B", "C\\D"]


ENTITY_ROWS = (
    "PERSON,,#1f77b4,,,,entity\r\n"
    "ORG,,#d62728,,,,entity\r\n"
    "LOCATION,,#2ca02c,,,,entity\r\n"
    "EVENT,,#9467bd,,,,entity\r\n"
    "DATE,,#8c564b,,,,entity\r\n"
    "MISC,,#7f7f7f,,,,entity\r\n"
)
HIGHLIGHT_ROWS = (
    "important,,#ffd43b,,,,highlight\r\n"
    "evidence,,#d8f5a2,,,,highlight\r\n"
    "question,,#ff6b6b,,,,highlight\r\n"
    "background,,#9775fa,,,,highlight\r\n"
    "Sources,Who speaks,#336699,,,,highlight\r\n"
    "Sources/Official,,#336699,,,,highlight\r\n"
    'Sources/Official/Mayor,"A town\'s head, elected",#aa0000,mayors,deputies,'
    '"""I will,"" she said",highlight\r\n'
    "Sources/Expert,,#336699,,,,highlight\r\n"
    "Sources/Citizen,'=not a formula,#336699,,,,highlight\r\n"
)
HEADER = "path,definition,colour,inclusion,exclusion,example,kind\r\n"
CSV = HEADER + ENTITY_ROWS + HIGHLIGHT_ROWS + "QUOTE,,#4dabf7,,,,quote\r\n"


def _described(lib: Library) -> dict[str, int]:
    ids = _sources(lib)
    lib.edit_label(ids["Mayor"], definition="A town's head, elected", inclusion="mayors",
                   exclusion="deputies", example='"I will," she said')  # fmt: skip
    lib.edit_label(ids["Citizen"], definition="=not a formula")
    return ids


def test_csv_export_is_exact_and_round_trips(lib, tmp_path):
    _described(lib)
    out = tmp_path / "codes.csv"
    result = lib.export_labels("csv", out)
    text = out.read_bytes().decode("utf-8")
    assert text == CSV
    assert (result.count, result.unit) == (16, "labels")
    with Library(tmp_path / "other.db") as other:
        report = other.import_codebook("csv", out)
        assert report.line() == "imported the codebook: 5 labels created, 0 updated"
        again = tmp_path / "again.csv"
        other.export_labels("csv", again)
        assert again.read_bytes() == out.read_bytes()
        assert other.undo_name == "Import codebook codes.csv"
        other.undo()
        assert "Sources" not in {lb.name for lb in other.labels()}


def test_qdc_export_validates_nests_and_round_trips(lib, tmp_path):
    _described(lib)
    out = tmp_path / "codes.qdc"
    result = lib.export_labels("qdc", out)
    xml = out.read_text(encoding="utf-8")
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(xml)
    assert result.count == 19  # 16 labels and the three kind groups
    assert (
        '<Code guid="' in xml
        and 'name="Mayor" isCodable="true" color="#aa0000">\n'
        "      <Description>A town's head, elected\n\nInclude: mayors\n\nExclude: deputies\n\n"
        'Example: "I will," she said</Description>'
        in xml
    )
    from lxml import etree

    root = etree.fromstring(out.read_bytes())
    ns = "{urn:QDA-XML:codebook:1.0}"
    mayor = root.find(f".//{ns}Code[@name='Mayor']")
    path = [mayor.get("name")] + [a.get("name") for a in mayor.iterancestors(f"{ns}Code")]
    assert path == ["Mayor", "Official", "Sources", "Highlights"]
    with Library(tmp_path / "other.db") as other:
        assert other.import_codebook("qdc", out).created == 5
        again = tmp_path / "again.qdc"
        other.export_labels("qdc", again)
        assert again.read_bytes() == out.read_bytes()
        csv_a, csv_b = tmp_path / "a.csv", tmp_path / "b.csv"
        lib.export_labels("csv", csv_a)
        other.export_labels("csv", csv_b)
        assert csv_a.read_bytes() == csv_b.read_bytes()


def test_the_project_export_nests_labels_and_reads_back(lib, tmp_path):
    ids = _sources(lib)
    first, _ = _corpus(lib)
    _, art = lib.add_article(ParsedArticle("Third", "Lavrov spoke."))
    lib.annotate(art, "entity", 0, 6, "PERSON")
    lib.export_codebook("qdc", tmp_path / "all.qdc")  # `reader export codebook` still works
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(
        (tmp_path / "all.qdc").read_text(encoding="utf-8")
    )
    lib.export_project("qdpx", tmp_path / "p.qdpx")
    with Library(tmp_path / "other.db") as other:
        other.import_project(tmp_path / "p.qdpx")
        arts = {a.title: a.id for a in other.list_articles()}
        assert [a.label for a in other.annotations(arts["First"])] == [
            "Official",
            "Expert",
            "Citizen",
            "Mayor",
        ]
        assert [(e.name, e.type) for e in other.entities()] == [("Lavrov", "PERSON")]
        # the project's codebook came along: the tree, the colours, the definitions
        assert _paths(other) == _paths(lib)
        sources = next(lb for lb in other.labels() if lb.name == "Sources")
        assert (sources.colour, sources.definition) == ("#336699", "Who speaks")
        # a codebook with entities imports its labels only (here: nothing new)
        report = other.import_codebook("qdc", tmp_path / "all.qdc")
        assert (report.created, report.updated) == (0, 0)
        assert "Lavrov" not in {lb.name for lb in other.labels()}
    assert _paths(lib)["Mayor"] == "Sources/Official/Mayor" and ids


def test_a_bad_row_writes_nothing_and_each_is_reported(lib, tmp_path):
    _sources(lib)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "path,definition,colour,kind\n"
        "New/Child,fine,#123456,\n"
        "Broken//Path,,,\n"
        "Odd,,red,\n"
        "Thing,,,animal\n"
        "Sources/Sources,,,\n"
        "PERSON,,,\n",
        encoding="utf-8",
    )
    before = [(lb.name, lb.parent_id, lb.colour) for lb in lib.labels()]
    with pytest.raises(ImportFailed) as e:
        lib.import_codebook("csv", bad)
    assert str(e.value).splitlines() == [
        "row 3: the path has an empty name",
        "row 4: colour 'red' is not #rrggbb",
        "row 5: unknown kind 'animal' (choose one of entity, quote, highlight)",
        "row 6: 'Sources' is inside the label: that would be a cycle",
    ]
    assert [(lb.name, lb.parent_id, lb.colour) for lb in lib.labels()] == before
    assert lib.undo_name == "Add label: Mayor"
    (tmp_path / "none.csv").write_text("name,colour\nX,#000000\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="the CSV has no path column"):
        lib.import_codebook("csv", tmp_path / "none.csv")
    (tmp_path / "bad.qdc").write_text("<CodeBook", encoding="utf-8")
    with pytest.raises(ImportFailed, match="bad.qdc is not well-formed XML"):
        lib.import_codebook("qdc", tmp_path / "bad.qdc")


def test_a_foreign_codebook_becomes_highlight_labels(lib, tmp_path):
    path = tmp_path / "maxqda.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA"><Codes>'
        '<Code guid="A" name="Emotions" isCodable="false" color="#FF0000">'
        "<Description>Feelings voiced</Description>"
        '<Code guid="B" name="Anger" isCodable="true"/></Code>'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    assert lib.import_codebook("qdc", path).created == 2
    emotions = next(lb for lb in lib.labels() if lb.name == "Emotions")
    anger = next(lb for lb in lib.labels() if lb.name == "Anger")
    assert (emotions.kind, emotions.colour, emotions.definition) == (
        "highlight",
        "#FF0000",
        "Feelings voiced",
    )
    assert (anger.kind, anger.parent_id, anger.colour) == ("highlight", emotions.id, "#FF0000")


def test_statistics_add_a_parent_up_over_its_children(lib):
    _sources(lib)
    _corpus(lib)
    plain = lib.statistic("labels", Scope(labels=("Sources",)))
    assert plain.rows == [("highlight", "Sources", 1, 1)]
    rolled = lib.statistic("labels", Scope(labels=("Sources",)), with_children=True)
    assert rolled.rows == [("highlight", "Sources", 6, 2)]
    official = lib.statistic("labels", Scope(labels=("Official",)), with_children=True)
    assert official.rows == [("highlight", "Official", 3, 2)]  # Official 2, Mayor 1
    both = lib.statistic("labels", Scope(labels=("Official", "Expert")), with_children=True)
    assert both.rows == [("highlight", "Official", 3, 2), ("highlight", "Expert", 1, 1)]
    person = next(lb for lb in lib.labels("entity") if lb.name == "PERSON")
    lib.add_code("Politician", "entity", person.id)
    _, third = lib.add_article(ParsedArticle("Third", "Lavrov met Blinken.", source="Wire"))
    lib.annotate(third, "entity", 0, 6, "Politician")
    lib.annotate(third, "entity", 11, 18, "PERSON")
    scope = Scope(labels=("PERSON",))
    grouped = lib.grouped_statistic("entities", ["source"], scope, with_children=True)
    assert grouped.rows == [("Wire", 2, 100.0, 2, 100.0, 1)]
    assert lib.grouped_statistic("entities", ["source"], scope).rows == [
        ("Wire", 1, 100.0, 1, 100.0, 1)
    ]
    assert lib.label_family(["Official", "Expert"]) == ("Official", "Mayor", "Expert")


def _cli(db, *args, input=None):
    r = CliRunner().invoke(cli, ["--db", str(db), *args], input=input)
    return r


def test_cli_stats_export_and_codebook_files(db_path, tmp_path):
    with Library(db_path) as lib:
        _described(lib)
        _corpus(lib)
    r = _cli(db_path, "stats", "labels", "--label", "Sources", "--with-children", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.output == "kind,label,annotations,articles\nhighlight,Sources,6,2\n"
    r = _cli(db_path, "stats", "labels", "--label", "Sources", "--format", "csv")
    assert r.output == "kind,label,annotations,articles\nhighlight,Sources,1,1\n"
    r = _cli(db_path, "export", "annotations", "--format", "jsonl", "--label", "Official",
             "--with-children")  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert [(x["label"], x["text"]) for x in rows] == [
        ("Official", "The minister spoke"),
        ("Mayor", "The mayor left"),
        ("Official", "The minister spoke again"),
    ]
    r = _cli(db_path, "codebook", "export", "--format", "csv")
    assert r.exit_code == 0 and r.output == CSV.replace("\r\n", "\n")
    out = tmp_path / "book.qdc"
    r = _cli(db_path, "codebook", "export", str(out))
    assert r.exit_code == 0 and r.output == f"exported 19 codes to {out}\n"
    other = tmp_path / "other.db"
    r = _cli(other, "codebook", "import", str(out))
    assert r.exit_code == 0, r.output
    assert r.output == "imported the codebook: 5 labels created, 0 updated\n"
    r = _cli(other, "codebook", "import", "--format", "csv", input="path,colour\nX/Y,blue\n")
    assert r.exit_code == 1
    assert r.output == "Error: row 2: colour 'blue' is not #rrggbb\n"
    r = _cli(other, "codebook", "import", "--format", "csv", input="path\nX/Y\n")
    assert r.output == "imported the codebook: 2 labels created, 0 updated\n"
