"""REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks, validated against the
official schemas, a lossless round trip, and a project as another tool writes it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner
from lxml import etree

from reader.cli import cli
from reader.errors import ImportFailed
from reader.library import Library
from reader.model import Scope

from .export_data import add_articles, annotate_all, mark

SCHEMAS = Path(__file__).parent / "schemas" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0"}
# Row fields that change on import (new ids, the import time, the origin).
VOLATILE = {"annotation_id", "entity_id", "speaker_id", "modified", "origin", "group_id"}


@pytest.fixture(scope="module")
def project_schema():
    return xmlschema.XMLSchema(SCHEMAS / "Project-mrt2019.xsd")


def build(lib: Library) -> None:
    """Every kind of mark, a speaker with where the text names them, a split quote, a
    label of one's own with its colour, two annotators, notes, entity details."""
    ids = add_articles(lib)
    annotate_all(lib, ids)
    de, comb, _, ar = ids
    lavrov = lib.find_entity("Sergey Lavrov", "PERSON")
    lib.update_entity(lavrov.id, aliases=["Lavrov"], wikidata="Q40629")
    text = lib.article(de).text
    quote = next(a for a in lib.annotations(de) if a.kind == "quote")
    at = text.index("Sergey Lavrov")
    lib.update_annotation(
        quote.id,
        speaker_id=lavrov.id,
        speaker_start=at,
        speaker_end=at + len("Sergey Lavrov"),
        cue="sagte",
        quote_type="direct",
    )
    other = lib.find_entity("سيرغي لافروف", "PERSON")
    first = next(a for a in lib.annotations(comb) if a.kind == "quote")
    second = mark(lib, comb, "quote", 'commas and "quotes"')
    for part in (first, second):
        lib.update_annotation(
            part.id, group_id=first.id, speaker_id=other.id, quote_type="indirect"
        )
    lib.add_label("contested", "highlight", "#123456")
    lib.annotator = "ben"
    mark(lib, ar, "highlight", "المحادثات", label="contested", note="two readings")
    lib.annotator = "ana"


@pytest.fixture
def source(tmp_path):
    with Library(tmp_path / "a.db", annotator="ana") as lib:
        build(lib)
        out = tmp_path / "work.qdpx"
        result = lib.export_project("qdpx", out)
        yield lib, out, result


def state(lib: Library) -> dict:
    """Everything a round trip must keep, without library-local ids."""
    rows = list(lib.annotation_rows(Scope()))
    first_of = {r["annotation_id"]: i for i, r in enumerate(rows)}
    marks = []
    for r in rows:
        row = {k: v for k, v in r.items() if k not in VOLATILE}
        row["group"] = first_of.get(r["group_id"])
        marks.append(row)
    return {
        "marks": marks,
        "labels": sorted((lb.name, lb.kind, lb.colour) for lb in lib.labels()),
        "entities": sorted((e.name, e.type, tuple(e.aliases), e.wikidata) for e in lib.entities()),
    }


def test_qdpx_validates_and_maps_every_part(source, project_schema):
    lib, out, result = source
    assert (result.count, result.unit) == (16, "annotations")
    with zipfile.ZipFile(out) as z:
        qde = z.read("project.qde")
        sources = {n: z.read(n).decode("utf-8") for n in z.namelist() if n != "project.qde"}
    project_schema.validate(qde.decode("utf-8"))
    root = etree.fromstring(qde)
    assert root.get("origin").startswith("Reader ")
    # Users: the annotators.
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    assert sorted(users.values()) == ["ana", "ben"]
    # Articles: text sources with their plain text as a file, metadata as variables.
    text_sources = root.findall("q:Sources/q:TextSource", NS)
    assert [s.get("name") for s in text_sources] == [lib.article(i).title for i in range(1, 5)]
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert sorted(variables.values()) == ["author", "language", "published", "source", "url"]
    first = text_sources[0]
    values = {
        variables[vv.find("q:VariableRef", NS).get("targetGUID")]: vv.find("q:TextValue", NS).text
        for vv in first.iterfind("q:VariableValue", NS)
    }
    assert values == {
        "source": "Agentur",
        "published": "2025-03-01",
        "language": "de",
        "url": "https://example.org/genf",
    }
    # Selections: code points into the source's text.
    codes = {c.get("guid"): c for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    seen = []
    for s in text_sources:
        text = sources["Sources/" + s.get("plainTextPath").removeprefix("internal://")]
        for sel in s.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            names = [
                codes[c.get("targetGUID")].get("name") for c in sel.iterfind(".//q:CodeRef", NS)
            ]
            seen.append((text[start:end], names, users.get(sel.get("creatingUser"))))
    assert seen[:4] == [
        ("👩🏽‍⚖️", ["evidence"], "ana"),
        ("„Wir sind bereit 🚀, wirklich 🇺🇦“", ["QUOTE", "direct", "sagte"], "ana"),
        ("Sergey Lavrov", [], "ana"),  # where the text names the speaker: no code
        ("Sergey Lavrov", ["Sergey Lavrov"], "ana"),  # an entity: its own code
    ]
    assert ("المحادثات", ["contested"], "ben") in seen
    # Codebook: entities under their label, with its colour; a group code per kind.
    person = next(c for c in codes.values() if c.get("name") == "PERSON")
    assert person.getparent().get("name") == "Entities" and person.get("color") == "#1f77b4"
    children = [(c.get("name"), c.get("color")) for c in person.iterfind("q:Code", NS)]
    # Every entity of the library, the one no mark names (王毅) too.
    names = [name for name, colour in children if colour == "#1f77b4"]
    assert names == ["Sergey Lavrov", "سيرغي لافروف", "王毅"] == [n for n, _ in children]
    lavrov = person.find("q:Code", NS).find("q:Description", NS).text
    assert lavrov == "Wikidata: Q40629\nAlias: Lavrov"
    contested = next(c for c in codes.values() if c.get("name") == "contested")
    assert (contested.getparent().get("name"), contested.get("color")) == ("Highlights", "#123456")
    # Speakers: one case per speaker entity, referencing their quotes' selections.
    cases = root.findall("q:Cases/q:Case", NS)
    assert [(c.get("name"), len(c.findall("q:SelectionRef", NS))) for c in cases] == [
        ("Sergey Lavrov", 1),
        ("سيرغي لافروف", 2),
    ]
    # Notes, referenced from their selections.
    notes = [n.find("q:PlainTextContent", NS).text for n in root.iterfind("q:Notes/q:Note", NS)]
    assert "two readings" in notes and len(notes) == 6
    links = sorted(link.get("name") for link in root.iterfind("q:Links/q:Link", NS))
    assert links == ["continues", "speaker"]


def test_codebook_validates(source, tmp_path):
    lib, _, _ = source
    out = tmp_path / "codes.qdc"
    result = lib.export_codebook("qdc", out)
    # Every label and entity, under one parent code per kind.
    assert result.count == len(lib.labels()) + len(lib.entities()) + 3 == 18
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(out.read_text(encoding="utf-8"))
    root = etree.fromstring(out.read_bytes())
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names[:3] == ["Entities", "PERSON", "Sergey Lavrov"] and "contested" in names


def test_round_trip_keeps_everything(source, tmp_path):
    lib, out, _ = source
    expected = state(lib)
    assert sum(1 for m in expected["marks"] if m["group"] is not None) == 2
    with Library(tmp_path / "b.db") as other:
        report = other.import_project(out)
        assert report.line() == (
            "imported 4 articles (0 already there), 16 annotations, merged 0, duplicates 0, "
            "new entities 3, unmatched 0, parts not imported 0"
        )
        got = state(other)
        # The default labels exist in both; `contested` came with its colour.
        assert got == expected
        speaker_span = [(m["text"], m["speaker_name"]) for m in got["marks"] if m["cue"]]
        assert speaker_span == [("„Wir sind bereit 🚀, wirklich 🇺🇦“", "Sergey Lavrov")]
        quote = next(a for a in other.annotations(1) if a.kind == "quote")
        text = other.article(1).text
        assert text[quote.speaker_start : quote.speaker_end] == "Sergey Lavrov"
        # Importing the same project again adds nothing; so does importing it into
        # the library it came from.
        again = other.import_project(out)
        assert (again.articles_added, again.marks.added, again.marks.duplicates) == (0, 0, 16)
        assert state(other) == expected
    assert lib.import_project(out).marks.duplicates == 16
    assert state(lib) == expected


def test_orphaned_marks_are_left_out_and_said(source, tmp_path):
    lib, _, _ = source
    lost = lib.annotations(3)[0]
    lib._store.db["annotations"].update(lost.id, {"status": "orphaned"})
    result = lib.export_project("qdpx", tmp_path / "again.qdpx")
    assert result.line() == (
        f"exported 15 annotations to {tmp_path / 'again.qdpx'}; 4 articles as text sources; "
        "1 orphaned annotations left out (their text is gone)"
    )


def test_import_is_one_undo_step(source, tmp_path):
    _, out, _ = source
    with Library(tmp_path / "b.db") as other:
        other.import_project(out)
        assert other.undo_name == "Import project"
        other.undo()
        assert other.count_annotations() == 0 and other.count_articles() == 4


# A project as QualCoder or MAXQDA write one: a text file per source (CRLF line ends),
# nested codes, a coding with a note, users, a variable Reader does not know, a PDF
# source, a set, a case and a selection with positions past the end of its text.
FOREIGN_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="QualCoder 3.6"
         creationDateTime="2024-05-02T10:11:12Z">
 <Users>
  <User guid="11111111-1111-1111-1111-111111111111" name="colin"/>
 </Users>
 <CodeBook><Codes>
  <Code guid="22222222-2222-2222-2222-222222222221" name="Work" isCodable="true" color="#FF8000">
   <Code guid="22222222-2222-2222-2222-222222222222" name="Stress" isCodable="true"
         color="#AA0000"/>
  </Code>
  <Code guid="22222222-2222-2222-2222-222222222223" name="Hope" isCodable="true"/>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="33333333-3333-3333-3333-333333333331" name="Source" typeOfVariable="Text"/>
  <Variable guid="33333333-3333-3333-3333-333333333332" name="Age" typeOfVariable="Integer"/>
 </Variables>
 <Cases>
  <Case guid="44444444-4444-4444-4444-444444444444" name="Participant A">
   <SourceRef targetGUID="55555555-5555-5555-5555-555555555551"/>
  </Case>
 </Cases>
 <Sources>
  <TextSource guid="55555555-5555-5555-5555-555555555551" name="interview_a.txt"
              plainTextPath="internal://55555555-5555-5555-5555-555555555551.txt">
   <PlainTextSelection guid="66666666-6666-6666-6666-666666666661" name="too much work"
       startPosition="{s1}" endPosition="{e1}" creatingUser="11111111-1111-1111-1111-111111111111"
       creationDateTime="2024-05-02T10:20:00Z">
    <Coding guid="77777777-7777-7777-7777-777777777771"
            creatingUser="11111111-1111-1111-1111-111111111111">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/>
    </Coding>
    <NoteRef targetGUID="88888888-8888-8888-8888-888888888881"/>
   </PlainTextSelection>
   <PlainTextSelection guid="66666666-6666-6666-6666-666666666662" name="it gets better"
       startPosition="{s2}" endPosition="{e2}">
    <Coding guid="77777777-7777-7777-7777-777777777772">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222223"/>
    </Coding>
    <Coding guid="77777777-7777-7777-7777-777777777773">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222221"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="66666666-6666-6666-6666-666666666663" startPosition="400"
       endPosition="420">
    <Coding guid="77777777-7777-7777-7777-777777777774">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222223"/>
    </Coding>
   </PlainTextSelection>
   <VariableValue>
    <VariableRef targetGUID="33333333-3333-3333-3333-333333333331"/>
    <TextValue>Field notes 2024</TextValue>
   </VariableValue>
   <VariableValue>
    <VariableRef targetGUID="33333333-3333-3333-3333-333333333332"/>
    <IntegerValue>42</IntegerValue>
   </VariableValue>
  </TextSource>
  <PDFSource guid="55555555-5555-5555-5555-555555555552" name="scan.pdf"
             path="internal://scan.pdf"/>
 </Sources>
 <Notes>
  <Note guid="88888888-8888-8888-8888-888888888881" name="memo">
   <PlainTextContent>She said this twice.</PlainTextContent>
  </Note>
 </Notes>
 <Sets>
  <Set guid="99999999-9999-9999-9999-999999999999" name="Wave 1">
   <MemberSource targetGUID="55555555-5555-5555-5555-555555555551"/>
  </Set>
 </Sets>
</Project>
"""
# Line ends as Windows tools write them; positions count them as two characters.
FOREIGN_TEXT = (
    "Interview A\r\nQ: How is the job?\r\nA: There is too much work, but it gets better.\r\n"
)


MEMO = "She said this twice."


def foreign_qdpx(path: Path) -> Path:
    def at(needle: str) -> tuple[int, int]:
        start = FOREIGN_TEXT.index(needle)
        return start, start + len(needle)

    (s1, e1), (s2, e2) = at("too much work"), at("it gets better")
    qde = FOREIGN_QDE.format(s1=s1, e1=e1, s2=s2, e2=e2)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr("Sources/55555555-5555-5555-5555-555555555551.txt", FOREIGN_TEXT)
    return path


def test_foreign_project_schema_valid_fixture(tmp_path, project_schema):
    """The hand-written fixture is itself a valid project (so the import is tested on
    what a conforming tool may write)."""
    with zipfile.ZipFile(foreign_qdpx(tmp_path / "a.qdpx")) as z:
        project_schema.validate(z.read("project.qde").decode("utf-8"))


def test_import_another_tools_project(tmp_path):
    path = foreign_qdpx(tmp_path / "interviews.qdpx")
    with Library(tmp_path / "b.db") as lib:
        report = lib.import_project(path)
        assert report.ignored == [
            "1 PDFSource (Reader imports text sources only)",
            "1 of Sets (not kept by Reader)",
            "case 'Participant A' (0 selections, 1 sources): cases are not imported",
        ]
        # the source's Integer variable "Age" is an article attribute now (a number)
        assert [(a.name, a.on, a.type) for a in lib.attributes()] == [("Age", "article", "number")]
        assert lib.attribute_values(article_id=1) == {"Age": "42"}
        assert report.marks.unmatched == [
            "interview_a.txt: selection 66666666-6666-6666-6666-666666666663: "
            "positions 400–420 are outside the text"
        ]
        assert (report.articles_added, report.marks.added) == (1, 3)
        article = lib.article(1)
        assert article.title == "interview_a.txt" and article.source == "Field notes 2024"
        assert article.text == (
            "Interview A\n\nQ: How is the job?\n\nA: There is too much work, but it gets better."
        )
        got = [
            (a.kind, a.label, a.exact, article.text[a.start : a.end], a.note, a.annotator)
            for a in lib.annotations(1)
        ]
        assert got == [
            (
                "highlight",
                "Stress",
                "too much work",
                "too much work",
                "She said this twice.",
                "colin",
            ),
            ("highlight", "Hope", "it gets better", "it gets better", None, None),
            ("highlight", "Work", "it gets better", "it gets better", None, None),
        ]
        colours = {lb.name: lb.colour for lb in lib.labels("highlight")}
        assert (colours["Work"], colours["Stress"], colours["Hope"]) == (
            "#FF8000",
            "#AA0000",
            "#cccccc",
        )
        again = lib.import_project(path)
        assert (again.articles_added, again.articles_found, again.marks.added) == (0, 1, 0)
        assert again.marks.duplicates == 3 and lib.count_annotations() == 3


def test_cli_export_and_import(tmp_path):
    db = tmp_path / "a.db"
    with Library(db, annotator="ana") as lib:
        build(lib)
    runner = CliRunner()
    out = tmp_path / "p.qdpx"
    r = runner.invoke(cli, ["--db", str(db), "export", "project", "-o", str(out)])
    assert r.output == f"exported 16 annotations to {out}; 4 articles as text sources\n"
    assert r.exit_code == 0
    from reader.exporters.atomic import umask

    assert out.stat().st_mode & 0o777 == 0o666 & ~umask()  # the normal mode, not 0600
    r = runner.invoke(cli, ["--db", str(db), "export", "codebook", "--format", "qdc"])
    assert r.exit_code == 0 and r.output.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert 'xmlns="urn:QDA-XML:codebook:1.0"' in r.output
    other = tmp_path / "b.db"
    r = runner.invoke(cli, ["--db", str(other), "import-project", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1].startswith("imported 4 articles (0 already there), 16 ann")
    foreign = foreign_qdpx(tmp_path / "f.qdpx")
    r = runner.invoke(cli, ["--db", str(other), "import-project", str(foreign)])
    assert r.exit_code == 1
    assert "not imported: 1 PDFSource (Reader imports text sources only)" in r.output
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    r = runner.invoke(cli, ["--db", str(other), "import-project", str(bad)])
    assert r.exit_code == 1 and r.output.startswith(f"Error: {bad}: ")
    assert len(r.output.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no project.qde inside"),
        (b"<Project", "not well-formed XML"),
        (b'<?xml version="1.0"?><Codebook xmlns="x"/>', "not a REFI-QDA project"),
        (
            b'<!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
            b'<TextSource guid="B0000000-0000-0000-0000-000000000001" name="x">'
            b"<PlainTextContent>&e;</PlainTextContent></TextSource></Sources></Project>",
            None,
        ),
    ],
)
def test_bad_projects_are_one_error(tmp_path, content, message):
    path = tmp_path / "x.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
        if content is not None:
            z.writestr("project.qde", content)
    with Library(tmp_path / "b.db") as lib:
        if message is None:  # an external entity is never read
            report = lib.import_project(path)
            assert report.ignored == ["text source 'x': it has no plain text"]
            assert lib.count_articles() == 0
        else:
            with pytest.raises(ImportFailed, match=message):
                lib.import_project(path)


def test_inline_text_and_rich_text_only_sources(tmp_path):
    """A source may carry its text inline (PlainTextContent, as MAXQDA can); one with
    only a rich-text file (.docx) is listed, not guessed at."""
    qde = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Inline" origin="MAXQDA 2022">
 <CodeBook><Codes>
  <Code guid="A0000000-0000-0000-0000-000000000001" name="Motiv" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="A0000000-0000-0000-0000-000000000002" name="Notiz">
   <PlainTextContent>Erste Zeile.
Zweite Zeile mit Motiv.</PlainTextContent>
   <PlainTextSelection guid="A0000000-0000-0000-0000-000000000003" startPosition="13"
       endPosition="36">
    <Coding guid="A0000000-0000-0000-0000-000000000004">
     <CodeRef targetGUID="A0000000-0000-0000-0000-000000000001"/>
    </Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="A0000000-0000-0000-0000-000000000005" name="Bericht"
              richTextPath="internal://bericht.docx"/>
 </Sources>
</Project>
"""
    path = tmp_path / "inline.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
    with Library(tmp_path / "b.db") as lib:
        report = lib.import_project(path)
        assert report.ignored == ["text source 'Bericht': it has no plain text"]
        article = lib.article(1)
        assert article.text == "Erste Zeile.\n\nZweite Zeile mit Motiv."
        (a,) = lib.annotations(1)
        assert (a.label, a.exact) == ("Motiv", "Zweite Zeile mit Motiv.")


def test_cancelled_or_failed_project_export_leaves_nothing(source, tmp_path):
    from reader.errors import ExportCancelled

    lib, _, _ = source
    out = tmp_path / "never.qdpx"
    with pytest.raises(ExportCancelled):
        lib.export_project("qdpx", out, progress=lambda d, t: None, cancelled=lambda: True)

    def broken(done, total):
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        lib.export_project("qdpx", out, progress=broken)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".never")] == []
