"""W3C Web Annotation exchange: a round trip keeps attribution and split quotes, other
tools' annotations (Hypothesis: a URL as source, no purposes) find their article."""

from __future__ import annotations

import json

import pytest

from reader.library import Library
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

PARAGRAPHS = [
    "«We are ready,» the minister Ana Vidal said on Monday, «and we start tomorrow.»",
    "Critics doubted it. Vidal had promised the same in March.",
]
URL = "https://news.example.org/2025/vidal"
# What a W3C round trip must keep of every mark (ids, times and origin change).
KEPT = (
    "kind",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "note",
    "annotator",
    "created",
    "status",
    "cue",
    "quote_type",
    "speaker_start",
    "speaker_end",
)


def add_article(lib: Library, url: str | None = URL) -> int:
    parsed = ParsedArticle(
        title="Vidal sets the date",
        markdown=paragraphs_to_markdown(PARAGRAPHS),
        paragraphs=PARAGRAPHS,
        source="Example News",
        url=url,
    )
    return lib.add_article(parsed)[1]


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def annotate(lib: Library) -> int:
    """A quote split around its attribution, with speaker and cue; an entity; a note."""
    article_id = add_article(lib)
    text = lib.article(article_id).text
    vidal = lib.create_entity("Ana Vidal", "PERSON", aliases=["Vidal"], wikidata="Q1")
    who = span(text, "Ana Vidal")
    attribution = {
        "speaker_id": vidal.id,
        "speaker_start": who[0],
        "speaker_end": who[1],
        "cue": "said",
        "quote_type": "direct",
    }
    first = lib.annotate(article_id, "quote", *span(text, "We are ready,"), **attribution)
    lib.annotate(
        article_id,
        "quote",
        *span(text, "and we start tomorrow."),
        group_id=first.id,
        **attribution,
    )
    lib.update_annotation(first.id, group_id=first.id)
    lib.tag_entity("Ana Vidal", "PERSON", aliases=["Vidal"])
    lib.annotate(article_id, "highlight", *span(text, "Critics doubted it."), note="check")
    return article_id


def marks(lib: Library, article_id: int) -> list[dict]:
    """Every mark as comparable values: its speaker and entity by name, its group by
    the position of the group's first part."""
    rows = lib.annotations(article_id)
    position = {a.id: i for i, a in enumerate(rows)}
    out = []
    for a in rows:
        row = {k: getattr(a, k) for k in KEPT}
        row["speaker"] = lib.entity(a.speaker_id).name if a.speaker_id else None
        entity = lib.entity(a.entity_id) if a.entity_id else None
        row["entity"] = (
            (entity.name, entity.type, entity.aliases, entity.wikidata) if entity else None
        )
        row["group"] = position[a.group_id] if a.group_id else None
        out.append(row)
    return out


@pytest.fixture
def source(tmp_path):
    with Library(tmp_path / "a.db", annotator="ana") as lib:
        article_id = annotate(lib)
        w3c = tmp_path / "marks.jsonld"
        jsonl = tmp_path / "marks.jsonl"
        lib.export_annotations("w3c", w3c)
        lib.export_annotations("jsonl", jsonl)
        yield marks(lib, article_id), w3c, jsonl


def test_round_trip_keeps_speaker_cue_type_and_split_quotes(source, tmp_path):
    expected, w3c, jsonl = source
    assert [m["group"] for m in expected] == [0, None, 0, None, None]  # two parts, one quote
    doc = json.loads(w3c.read_text(encoding="utf-8"))
    first = doc["first"]["items"][0]
    assert first["speaker"] == {
        "id": "http://www.wikidata.org/entity/Q1",
        "name": "Ana Vidal",
        "entityType": "PERSON",
        "aliases": ["Vidal"],
    }
    assert (first["cue"], first["quoteType"]) == ("said", "direct")
    assert first["quoteGroup"] == doc["first"]["items"][2]["quoteGroup"]
    with Library(tmp_path / "b.db") as other:
        article_id = add_article(other)
        report = other.import_annotations(w3c)
        assert (report.added, report.merged, report.duplicates, report.unmatched) == (5, 0, 0, [])
        assert marks(other, article_id) == expected
        # The same file again, and then the JSON Lines of the same work: nothing new.
        assert other.import_annotations(w3c).line() == (
            "imported 0 annotations, merged 0, duplicates 5, new entities 0, unmatched 0"
        )
        assert other.import_annotations(jsonl).duplicates == 5
        assert marks(other, article_id) == expected


def test_w3c_without_attribution_then_jsonl_merges_it(source, tmp_path):
    """Another tool keeps only the model's terms; the JSON Lines of the same work then
    completes the marks (speakers, cues, groups) instead of reporting duplicates."""
    expected, w3c, jsonl = source
    doc = json.loads(w3c.read_text(encoding="utf-8"))
    for item in doc["first"]["items"]:
        item["@context"] = "http://www.w3.org/ns/anno.jsonld"
        for key in ("speaker", "speakerSelector", "cue", "quoteType", "quoteGroup"):
            item.pop(key, None)
    plain = tmp_path / "plain.jsonld"
    plain.write_text(json.dumps(doc), encoding="utf-8")
    with Library(tmp_path / "b.db") as other:
        article_id = add_article(other)
        other.import_annotations(plain)
        assert [m["speaker"] for m in marks(other, article_id)] == [None] * 5
        report = other.import_annotations(jsonl)
        assert report.line() == (
            "imported 0 annotations, merged 2, duplicates 3, new entities 0, unmatched 0"
        )
        assert marks(other, article_id) == expected
        # One undo step takes the merge back.
        other.undo()
        assert [m["cue"] for m in marks(other, article_id)] == [None] * 5


def _hypothesis(source, quote: str, **extra) -> dict:
    """An annotation as Hypothesis exports it: the page URL as source, DOM selectors."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"https://hypothes.is/a/{abs(hash(quote))}",
        "type": "Annotation",
        "motivation": "commenting",
        "creator": "acct:reader@hypothes.is",
        "body": [
            {"type": "TextualBody", "value": "worth a follow-up", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "question"},
        ],
        "target": [
            {
                "source": source,
                "selector": [
                    {"type": "RangeSelector", "startContainer": "/main[1]/p[1]"},
                    {"type": "TextPositionSelector", "start": 812, "end": 812 + len(quote)},
                    {"type": "TextQuoteSelector", "exact": quote},
                ],
            }
        ],
        **extra,
    }


def test_source_url_as_string_or_id_finds_the_article(tmp_path):
    with Library(tmp_path / "b.db") as lib:
        article_id = add_article(lib)
        add_article_other = lib.add_article(
            ParsedArticle(title="Other", markdown="Critics doubted it.\n", url=URL + "/other")
        )[1]
        page = [
            _hypothesis(URL, "Critics doubted it."),
            _hypothesis({"id": URL + "/#annotations"}, "promised the same"),
            _hypothesis({"id": "urn:x-unknown:1", "via": URL}, "Vidal had"),
        ]
        path = tmp_path / "hypothesis.json"
        path.write_text(json.dumps(page), encoding="utf-8")
        report = lib.import_annotations(path)
        assert (report.added, report.unmatched) == (3, [])
        text = lib.article(article_id).text
        got = [
            (a.exact, text[a.start : a.end], a.label, a.note) for a in lib.annotations(article_id)
        ]
        assert got == [
            ("Critics doubted it.", "Critics doubted it.", "question", "worth a follow-up"),
            ("Vidal had", "Vidal had", "question", "worth a follow-up"),
            ("promised the same", "promised the same", "question", "worth a follow-up"),
        ]
        assert lib.annotations(add_article_other) == []


def test_ni_source_matches_by_the_hash_of_the_text(source, tmp_path):
    """A file naming the article only by its `ni:` IRI (no URL, no title) still finds
    it; an older export whose IRI hashed title and text is still understood."""
    from reader.exporters.w3c import hash_iri

    _, w3c, _ = source
    doc = json.loads(w3c.read_text(encoding="utf-8"))
    for item in doc["first"]["items"]:
        item["target"]["source"] = {"id": item["target"]["source"]["id"]}
    bare = tmp_path / "bare.jsonld"
    bare.write_text(json.dumps(doc), encoding="utf-8")
    with Library(tmp_path / "b.db") as other:
        other.add_article(ParsedArticle(title="Unrelated", markdown="Nothing here.\n"))
        article_id = add_article(other, url=None)
        assert other.import_annotations(bare).added == 5
        legacy = json.loads(bare.read_text(encoding="utf-8"))
        for item in legacy["first"]["items"]:
            item["target"]["source"]["id"] = hash_iri(other.article(article_id).content_hash)
        bare.write_text(json.dumps(legacy), encoding="utf-8")
        assert other.import_annotations(bare).duplicates == 5


def test_a_duplicate_keeps_its_speaker_and_makes_no_entity(source, tmp_path):
    """A file naming another speaker for a stored quote changes nothing: the stored
    speaker stays, and the file's speaker is not added to the registry."""
    expected, w3c, jsonl = source
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line["speaker"]:
            line["speaker"] = dict(line["speaker"], name="Somebody Else")
    other_file = tmp_path / "other.jsonl"
    other_file.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with Library(tmp_path / "b.db") as other:
        article_id = add_article(other)
        other.import_annotations(w3c)
        report = other.import_annotations(other_file)
        assert (report.merged, report.duplicates, report.entities_added) == (0, 5, 0)
        assert other.find_entity("Somebody Else", "PERSON") is None
        assert marks(other, article_id) == expected
