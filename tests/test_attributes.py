"""Typed attributes on entities and articles: definitions, values checked by type, undo,
the CSV import, grouped statistics and exported columns (issue 20's Done-when test)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.errors import NotFound, ReaderError
from reader.library import Library
from reader.model import Changes, ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

ARTICLES = [
    # title, source, published, url, paragraphs
    (
        "A1",
        "Wire",
        "2025-01-10",
        "https://wire.example/a1",
        ["“We agree,” Sergey Lavrov said. “It is good,” said Siti Rahma."],
    ),
    (
        "A2",
        "Wire",
        "2025-02-03",
        "https://wire.example/a2",
        ["“No deal,” said Maria Zakharova. “Later,” Maria Zakharova added."],
    ),
    (
        "A3",
        "Daily",
        "2025-02-20",
        "https://daily.example/a3",
        ["“Talks go on,” Sergey Lavrov said. “Soon,” Maria Zakharova said."],
    ),
]
PEOPLE = {
    # name: gender, role
    "Sergey Lavrov": ("male", "official"),
    "Maria Zakharova": ("female", "official"),
    "Siti Rahma": ("female", "citizen"),
}
QUOTES = [  # article index, quoted words, speaker
    (0, "We agree,", "Sergey Lavrov"),
    (0, "It is good,", "Siti Rahma"),
    (1, "No deal,", "Maria Zakharova"),
    (1, "Later,", "Maria Zakharova"),
    (2, "Talks go on,", "Sergey Lavrov"),
    (2, "Soon,", "Maria Zakharova"),
]


def run(path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(path), *args])


def bare_corpus(path):
    """Three articles, three speakers, six quotes; no attributes yet."""
    with Library(path) as lib:
        ids = []
        for title, source, published, url, paras in ARTICLES:
            parsed = ParsedArticle(
                title=title,
                markdown=paragraphs_to_markdown(paras),
                source=source,
                published=published,
                url=url,
                language="en",
            )
            ids.append(lib.add_article(parsed)[1])
        for name in PEOPLE:
            lib.tag_entity(name, "PERSON")
        for index, words, speaker in QUOTES:
            text = lib.article(ids[index]).text
            start = text.index(words)
            lib.annotate(
                ids[index],
                "quote",
                start,
                start + len(words),
                speaker_id=lib.find_entity(speaker, "PERSON").id,
            )
    return ids


@pytest.fixture
def corpus(tmp_path):
    """The bare corpus; the speakers' gender and role and the outlets' type defined and
    set from the command line."""
    path = tmp_path / "library.db"
    ids = bare_corpus(path)
    for args in (
        ("define", "gender", "--on", "entity", "--type", "choice", "--choices", "female,male"),
        ("define", "role", "--on", "entity", "--type", "choice", "--choices", "official,citizen"),
        ("define", "outlet_type", "--on", "article", "--type", "choice", "--choices", "wire,daily"),
    ):
        r = run(path, "attributes", *args)
        assert r.exit_code == 0, r.output
    for name, (gender, role) in PEOPLE.items():
        assert run(path, "attributes", "set", "gender", gender, "--entity", name).exit_code == 0
        assert run(path, "attributes", "set", "role", role, "--entity", name).exit_code == 0
    for i, (_, source, *_rest) in enumerate(ARTICLES):
        r = run(path, "attributes", "set", "outlet_type", source.lower(), "--article", str(ids[i]))
        assert r.exit_code == 0, r.output
    return path, ids


def test_done_when_speakers_by_gender_and_source(corpus):
    path, _ = corpus
    r = run(
        path, "stats", "speakers", "--by", "speaker.gender", "--by", "source", "--format", "csv"
    )
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "speaker_gender,source,quotes,quotes_pct,speakers,speakers_pct,articles",
        "female,Daily,1,25.0,1,50.0,1",
        "female,Wire,3,75.0,2,100.0,2",
        "male,Daily,1,50.0,1,100.0,1",
        "male,Wire,1,50.0,1,100.0,1",
    ]
    # the share of women among the quoted speakers of each source
    r = run(
        path, "stats", "speakers", "--by", "source", "--by", "speaker.gender", "--format", "csv"
    )
    assert r.output.splitlines()[1:] == [
        "Daily,female,1,50.0,1,50.0,1",
        "Daily,male,1,50.0,1,50.0,1",
        "Wire,female,3,75.0,2,66.7,2",
        "Wire,male,1,25.0,1,33.3,1",
    ]
    r = run(path, "stats", "speakers", "--by", "speaker.gender", "--by", "source")
    assert r.output.splitlines()[:3] == [
        "speaker_gender  source  quotes  quotes_pct  speakers  speakers_pct  articles",
        "--------------  ------  ------  ----------  --------  ------------  --------",
        "female          Daily   1       25.0        1         50.0          1",
    ]


def test_done_when_exported_columns(corpus, tmp_path):
    path, ids = corpus
    out = tmp_path / "quotes.csv"
    r = run(path, "export", "annotations", "--format", "csv", "--table", "quotes", "-o", str(out))
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0])[-4:] == ["status", "speaker_gender", "speaker_role", "article_outlet_type"]
    assert [
        (
            r["quote"],
            r["speaker_name"],
            r["speaker_gender"],
            r["speaker_role"],
            r["article_outlet_type"],
        )
        for r in rows
    ] == [
        ("We agree,", "Sergey Lavrov", "male", "official", "wire"),
        ("It is good,", "Siti Rahma", "female", "citizen", "wire"),
        ("No deal,", "Maria Zakharova", "female", "official", "wire"),
        ("Later,", "Maria Zakharova", "female", "official", "wire"),
        ("Talks go on,", "Sergey Lavrov", "male", "official", "daily"),
        ("Soon,", "Maria Zakharova", "female", "official", "daily"),
    ]


def test_grouped_statistic_filters_and_by_month(corpus):
    path, _ = corpus
    r = run(
        path,
        "stats",
        "speakers",
        "--by",
        "month",
        "--where",
        "speaker.gender=Female",
        "--format",
        "csv",
    )
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "month,quotes,quotes_pct,speakers,speakers_pct,articles",
        "2025-01,1,25.0,1,50.0,1",
        "2025-02,3,75.0,1,50.0,2",
    ]
    r = run(
        path,
        "stats",
        "speakers",
        "--by",
        "article.outlet_type",
        "--by",
        "speaker.role",
        "--format",
        "csv",
    )
    assert r.output.splitlines()[1:] == [
        "daily,official,2,100.0,2,100.0,1",
        "wire,citizen,1,25.0,1,33.3,1",
        "wire,official,3,75.0,2,66.7,2",
    ]
    # the plain statistic keeps its columns; the filter counts the women's quotes only
    r = run(path, "stats", "speakers", "--where", "speaker.gender=female", "--format", "csv")
    assert r.output.splitlines()[1:] == [
        f"{_id(path, 'Maria Zakharova')},Maria Zakharova,PERSON,3,2",
        f"{_id(path, 'Siti Rahma')},Siti Rahma,PERSON,1,1",
    ]


def _id(path, name: str) -> int:
    with Library(path) as lib:
        return lib.find_entity(name, "PERSON").id


def test_scope_filter_lists_the_articles(corpus):
    path, ids = corpus
    with Library(path) as lib:
        found = lib.list_articles(scope=Scope(attributes=(("speaker.role", "citizen"),)))
        assert [a.id for a in found] == [ids[0]]
        found = lib.list_articles(scope=Scope(attributes=(("article.outlet_type", "daily"),)))
        assert [a.id for a in found] == [ids[2]]


@pytest.mark.parametrize(
    "args, message",
    [
        (("stats", "speakers", "--by", "speaker.age"), "Error: no entity attribute named 'age'"),
        (("stats", "sources", "--by", "source"), "Error: --by works with speakers and entities"),
        (("stats", "speakers", "--by", "colour"), "Error: cannot group speakers by 'colour'"),
        (
            ("stats", "speakers", "--where", "speaker.gender=other"),
            "Error: gender: 'other' is not one of female, male",
        ),
        (
            ("attributes", "set", "gender", "x", "--entity", "Nobody"),
            "Error: no entity named 'Nobody'",
        ),
        (
            ("attributes", "set", "outlet_type", "wire", "--entity", "Siti Rahma"),
            "Error: outlet_type is an attribute of articles",
        ),
        (
            ("attributes", "define", "gender", "--on", "entity", "--type", "text"),
            "Error: an attribute named 'gender' exists already",
        ),
        (
            ("attributes", "define", "size", "--on", "entity", "--type", "choice"),
            "Error: size: a choice attribute needs --choices a,b,c",
        ),
        (
            ("attributes", "define", "speaker name", "--on", "entity", "--type", "text"),
            "Error: 'speaker name' is not an attribute name",
        ),
        (
            ("attributes", "define", "type", "--on", "entity", "--type", "text"),
            "Error: 'type' is a reserved name",
        ),
        (
            ("attributes", "set", "outlet_type", "wire", "--article", "https://nowhere.example/"),
            "Error: no article with the URL",
        ),
    ],
)
def test_errors_are_one_line(corpus, args, message):
    path, _ = corpus
    r = run(path, *args)
    assert r.exit_code == 1
    assert r.output.startswith(message), r.output
    assert len(r.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "type_, raw, stored",
    [
        ("number", "42", "42"),
        ("number", "3.50", "3.5"),
        ("number", "1e3", "1000"),
        ("date", "2025-02-27", "2025-02-27"),
        ("yes/no", "Yes", "yes"),
        ("yes/no", "0", "no"),
        ("text", "  two   words ", "two words"),
    ],
)
def test_values_are_stored_by_type(lib, type_, raw, stored):
    lib.define_attribute("x", "entity", type_)
    e = lib.create_entity("Siti Rahma", "PERSON")
    assert lib.set_attribute("x", raw, entities=[e.id]) == 1
    assert lib.attribute_values(entity_id=e.id) == {"x": stored}


@pytest.mark.parametrize(
    "type_, raw, message",
    [
        ("number", "many", "x: 'many' is not a number (such as 42 or 3.5)"),
        ("number", "nan", "x: 'nan' is not a number (such as 42 or 3.5)"),
        ("date", "27/02/2025", "x: '27/02/2025' is not a date (YYYY-MM-DD)"),
        ("yes/no", "maybe", "x: 'maybe' is not yes or no"),
    ],
)
def test_bad_values_are_refused(lib, type_, raw, message):
    lib.define_attribute("x", "entity", type_)
    e = lib.create_entity("Siti Rahma", "PERSON")
    with pytest.raises(ReaderError) as error:
        lib.set_attribute("x", raw, entities=[e.id])
    assert str(error.value) == message
    assert lib.attribute_values(entity_id=e.id) == {}


def test_writes_undo_redo_and_announce(lib):
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    a = lib.define_attribute("gender", "entity", "choice", ["female", "male"])
    assert (a.name, a.on, a.type, a.choices) == ("gender", "entity", "choice", ("female", "male"))
    one = lib.create_entity("Siti Rahma", "PERSON")
    two = lib.create_entity("Maria Zakharova", "PERSON")
    assert lib.set_attribute("gender", "FEMALE", entities=[one.id, two.id]) == 2
    assert lib.undo_name == "Set gender of 2 entities"
    assert lib.set_attribute("gender", "female", entities=[one.id]) == 0  # as it was
    assert lib.set_attribute("gender", "", entities=[two.id]) == 1
    assert lib.undo_name == "Clear gender: Maria Zakharova"
    lib.undo()
    assert lib.attribute_values(entity_id=two.id) == {"gender": "female"}
    assert lib.delete_attribute("gender") == 2
    assert lib.attributes() == [] and lib.attribute_values(entity_id=one.id) == {}
    lib.undo()
    assert [x.name for x in lib.attributes()] == ["gender"]
    assert lib.attribute_values(entity_id=two.id) == {"gender": "female"}
    lib.redo()
    assert lib.attributes() == []
    assert [heard[0], *heard[3:]] == [Changes(attributes=True)] * 7


def test_values_go_with_their_entity_and_article(lib):
    lib.define_attribute("gender", "entity", "choice", ["female", "male"])
    lib.define_attribute("wave", "article", "number")
    e = lib.create_entity("Siti Rahma", "PERSON")
    _, article = lib.add_article(ParsedArticle("T", "Some text."))
    lib.set_attribute("gender", "female", entities=[e.id])
    lib.set_attribute("wave", "2", articles=[article])
    lib.delete_entity(e.id)
    lib.delete_article(article)
    assert lib._store.db.execute("SELECT count(*) FROM attribute_values").fetchone()[0] == 0


def test_import_csv_by_name_alias_id_and_url(corpus, tmp_path):
    path, ids = corpus
    with Library(path) as lib:
        lib.define_attribute("party", "entity", "text")
        lib.update_entity(lib.find_entity("Siti Rahma", "PERSON").id, aliases=["Rahma"])
        lib.define_attribute("wave", "article", "number")
    people = tmp_path / "people.csv"
    people.write_text(
        "entity,party,gender\nsergey lavrov,United Russia,\nRahma,,female\nNobody,X,male\n",
        encoding="utf-8",
    )
    r = run(path, "attributes", "import", str(people))
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "unknown: row 4: no entity named 'Nobody'",
        "set 1 values on 2 rows, unknown rows 1",
    ]
    sheet = tmp_path / "articles.csv"
    sheet.write_text(f"article,wave\n{ids[0]},1\nhttps://daily.example/a3,2\n", encoding="utf-8")
    assert run(path, "attributes", "import", str(sheet)).output.strip() == (
        "set 2 values on 2 rows, unknown rows 0"
    )
    with Library(path) as lib:
        assert lib.attribute_values(entity_id=_id(path, "Sergey Lavrov")) == {
            "gender": "male",
            "role": "official",
            "party": "United Russia",
        }
        assert lib.attribute_values(article_id=ids[2]) == {"outlet_type": "daily", "wave": "2"}


def test_import_with_a_bad_value_writes_nothing(corpus, tmp_path):
    path, _ = corpus
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,gender,role\nSiti Rahma,male,\nSergey Lavrov,female,boss\n", "utf-8")
    r = run(path, "attributes", "import", str(bad))
    assert r.exit_code == 1
    assert r.output.strip() == (
        f"Error: {bad}: row 3, role: 'boss' is not one of official, citizen; nothing was set"
    )
    with Library(path) as lib:
        assert lib.attribute_values(entity_id=_id(path, "Siti Rahma"))["gender"] == "female"


def test_list_and_delete(corpus):
    path, _ = corpus
    assert run(path, "attributes", "list").output.splitlines() == [
        "gender  entity  choice  female, male",
        "role  entity  choice  official, citizen",
        "outlet_type  article  choice  wire, daily",
    ]
    first = json.loads(run(path, "attributes", "list", "--json").output.splitlines()[0])
    assert first["name"] == "gender" and first["choices"] == ["female", "male"]
    r = run(path, "attributes", "delete", "role")
    assert r.output.strip() == "deleted role and 3 values"
    assert "role" not in run(path, "attributes", "list").output
    assert run(path, "attributes", "delete", "role").output.startswith(
        "Error: no attribute named 'role'"
    )


def test_unknown_attribute_is_not_found(lib):
    with pytest.raises(NotFound):
        lib.attribute("nothing")


def test_jsonl_carries_attribute_objects(corpus, tmp_path):
    path, ids = corpus
    with Library(path) as lib:
        lib.define_attribute("age", "entity", "number")
        lib.define_attribute("verified", "article", "yes/no")
        lib.set_attribute("age", "61", entities=[lib.find_entity("Maria Zakharova", "PERSON").id])
        lib.set_attribute("verified", "yes", articles=[ids[1]])
        lib.export_annotations("jsonl", tmp_path / "marks.jsonl", Scope(article_ids=(ids[1],)))
    records = [json.loads(line) for line in (tmp_path / "marks.jsonl").read_text().splitlines()]
    quote = next(r for r in records if r["kind"] == "quote")
    assert quote["speaker_attributes"] == {"gender": "female", "role": "official", "age": 61}
    assert quote["article_attributes"] == {"outlet_type": "wire", "verified": True}
    assert quote["entity_attributes"] is None
    mention = next(r for r in records if r["kind"] == "entity")
    assert mention["entity_attributes"] == {"gender": "female", "role": "official", "age": 61}
    assert mention["speaker_attributes"] is None


def test_xlsx_sheets_carry_attribute_columns(corpus, tmp_path):
    import openpyxl

    path, _ = corpus
    out = tmp_path / "marks.xlsx"
    assert run(path, "export", "annotations", "--format", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    quotes = [list(r) for r in book["quotes"].iter_rows(values_only=True)]
    header = quotes[0]
    assert header[-3:] == ["speaker_gender", "speaker_role", "article_outlet_type"]
    assert [r[-3:] for r in quotes[1:3]] == [
        ["male", "official", "wire"],
        ["female", "citizen", "wire"],
    ]
    mentions = [list(r) for r in book["mentions"].iter_rows(values_only=True)]
    assert mentions[0][-3:] == ["entity_gender", "entity_role", "article_outlet_type"]
    annotations = next(book["annotations"].iter_rows(values_only=True))
    assert list(annotations[-5:]) == [
        "entity_gender",
        "entity_role",
        "speaker_gender",
        "speaker_role",
        "article_outlet_type",
    ]


def test_csv_attribute_cells_are_formula_safe(corpus, tmp_path):
    path, ids = corpus
    with Library(path) as lib:
        lib.define_attribute("motto", "article", "text")
        lib.set_attribute("motto", "=1+2", articles=[ids[0]])
    out = tmp_path / "q.csv"
    run(path, "export", "annotations", "--format", "csv", "--table", "quotes", "-o", str(out))
    first = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert first["article_motto"] == "'=1+2"


def test_refi_qda_variables_on_cases_and_sources(corpus, tmp_path):
    import zipfile
    from pathlib import Path

    import xmlschema
    from lxml import etree

    path, ids = corpus
    with Library(path) as lib:
        lib.define_attribute("age", "entity", "number")
        lib.define_attribute("verified", "article", "yes/no")
        lib.define_attribute("wave_date", "article", "date")
        lib.set_attribute("age", "61.5", entities=[lib.find_entity("Maria Zakharova", "PERSON").id])
        lib.set_attribute("verified", "no", articles=[ids[0]])
        lib.set_attribute("wave_date", "2025-03-01", articles=[ids[0]])
        lib.export_project("qdpx", tmp_path / "p.qdpx")
    xml = zipfile.ZipFile(tmp_path / "p.qdpx").read("project.qde")
    schemas = Path(__file__).parent / "schemas" / "refi-qda"
    xmlschema.XMLSchema(schemas / "Project-mrt2019.xsd").validate(xml.decode("utf-8"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = etree.fromstring(xml)
    variables = {
        v.get("guid"): (v.get("name"), v.get("typeOfVariable"))
        for v in root.iterfind("q:Variables/q:Variable", ns)
    }
    assert list(variables.values())[-6:] == [
        ("gender", "Text"),
        ("role", "Text"),
        ("outlet_type", "Text"),
        ("age", "Float"),
        ("verified", "Boolean"),
        ("wave_date", "Date"),
    ]

    def values(el):
        out = {}
        for vv in el.iterfind("q:VariableValue", ns):
            name = variables[vv.find("q:VariableRef", ns).get("targetGUID")][0]
            value = vv[1]
            out[name] = (etree.QName(value).localname, value.text)
        return out

    cases = {c.get("name"): values(c) for c in root.iterfind("q:Cases/q:Case", ns)}
    assert cases == {
        "Maria Zakharova": {
            "gender": ("TextValue", "female"),
            "role": ("TextValue", "official"),
            "age": ("FloatValue", "61.5"),
        },
        "Sergey Lavrov": {"gender": ("TextValue", "male"), "role": ("TextValue", "official")},
        "Siti Rahma": {"gender": ("TextValue", "female"), "role": ("TextValue", "citizen")},
    }
    first = root.find("q:Sources/q:TextSource[@name='A1']", ns)
    assert {
        k: v
        for k, v in values(first).items()
        if k not in ("source", "published", "language", "url")
    } == {
        "outlet_type": ("TextValue", "wire"),
        "verified": ("BooleanValue", "false"),
        "wave_date": ("DateValue", "2025-03-01"),
    }


def test_a_project_brings_its_variables_back_as_attributes(corpus, tmp_path):
    """Export a project, import it into an empty library: the same attributes and values
    (a choice comes back as text: QDA-XML writes it as Text), in the import's undo step."""
    path, ids = corpus
    with Library(path) as lib:
        lib.define_attribute("verified", "article", "yes/no")
        lib.set_attribute("verified", "no", articles=[ids[0]])
        lib.export_project("qdpx", tmp_path / "p.qdpx")
        before = {
            "entities": {e.name: lib.attribute_values(entity_id=e.id) for e in lib.entities()},
            "articles": {
                a.title: lib.attribute_values(article_id=a.id) for a in lib.list_articles()
            },
        }
    with Library(tmp_path / "other.db") as other:
        report = other.import_project(tmp_path / "p.qdpx")
        assert not [line for line in report.ignored if "variable" in line], report.ignored
        assert [(a.name, a.on, a.type) for a in other.attributes()] == [
            ("outlet_type", "article", "text"),  # the sources' variables come first
            ("verified", "article", "yes/no"),
            ("gender", "entity", "text"),
            ("role", "entity", "text"),
        ]
        after = {
            "entities": {e.name: other.attribute_values(entity_id=e.id) for e in other.entities()},
            "articles": {
                a.title: other.attribute_values(article_id=a.id) for a in other.list_articles()
            },
        }
        assert after == before
        assert after["articles"]["A1"]["verified"] == "no"
        again = other.import_project(tmp_path / "p.qdpx")  # nothing new, nothing in conflict
        assert not [line for line in again.ignored if "variable" in line or "here" in line]


def test_undoing_a_deletion_or_merge_brings_the_values_back(lib):
    lib.define_attribute("gender", "entity", "choice", ["female", "male"])
    one = lib.create_entity("Maria Zakharova", "PERSON")
    two = lib.create_entity("M. Zakharova", "PERSON")
    lib.set_attribute("gender", "female", entities=[one.id, two.id])
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    lib.delete_entities([one.id])
    assert heard[-1].attributes and heard[-1].entities
    lib.undo()
    assert lib.attribute_values(entity_id=one.id) == {"gender": "female"}
    lib.merge_entities(one.id, two.id)
    assert lib.attribute_values(entity_id=two.id) == {}
    lib.undo()
    assert lib.attribute_values(entity_id=two.id) == {"gender": "female"}
    lib.redo()
    assert lib.attribute_values(entity_id=one.id) == {"gender": "female"}


def test_readme_worked_example_runs_as_written(tmp_path, monkeypatch):
    import shlex

    from .test_readme_examples import examples

    monkeypatch.chdir(tmp_path)
    bare_corpus(tmp_path / "library.db")
    rows = ["entity,gender,role"] + [f"{n},{g},{r}" for n, (g, r) in PEOPLE.items()]
    (tmp_path / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = {"READER_DB": str(tmp_path / "library.db")}
    steps = examples()["attributes"]
    assert len(steps) == 6
    for command, expected in steps:
        r = CliRunner().invoke(cli, shlex.split(command)[1:], env=env)
        assert r.exit_code == 0, (command, r.output)
        if expected is not None:
            assert r.output.splitlines()[-1] == expected, command


def test_entities_grouped_by_type_and_attribute(corpus):
    path, _ = corpus
    r = run(
        path, "stats", "entities", "--by", "entity.type", "--by", "entity.gender", "--format", "csv"
    )
    assert r.exit_code == 0, r.output
    # tagged: Lavrov in A1 and A3, Rahma in A1, Zakharova twice in A2 and once in A3
    assert r.output.splitlines() == [
        "entity_type,entity_gender,mentions,mentions_pct,entities,entities_pct,articles",
        "PERSON,female,4,66.7,2,66.7,3",
        "PERSON,male,2,33.3,1,33.3,2",
    ]
