"""JSON Lines, W3C Web Annotation (every MUST of the model), doccano and Markdown exports."""

from __future__ import annotations

import json
import re

import pytest

from reader.errors import ExportFailed
from reader.library import Library
from reader.model import Scope

from .export_data import add_articles, annotate_all

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Terms the Web Annotation context (anno.jsonld) defines: an extension must not reuse them.
ANNO_TERMS = {
    "id", "type", "body", "target", "source", "selector", "state", "value", "exact",
    "prefix", "suffix", "start", "end", "refinedBy", "conformsTo", "name", "nickname",
    "email", "email_sha1", "homepage", "via", "canonical", "language", "format",
    "processingLanguage", "textDirection", "purpose", "scope", "styleClass", "renderedVia",
    "created", "modified", "generated", "generator", "creator", "audience",
    "accessibility", "rights", "motivation", "items", "first", "last", "next", "prev",
    "partOf", "total", "startIndex", "label", "stylesheet", "cached", "sourceDate",
    "sourceDateStart", "sourceDateEnd", "bodyValue", "Annotation", "TextualBody",
}  # fmt: skip
MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}


@pytest.fixture
def lib(db_path):
    with Library(db_path, annotator="ana") as library:
        ids = add_articles(library)
        annotate_all(library, ids)
        entity = library.find_entity("Sergey Lavrov", "PERSON")
        library._store.db["entities"].update(entity.id, {"wikidata": "Q40629"})
        yield library


def _as_list(value):
    return value if isinstance(value, list) else [value]


def test_jsonl_one_annotation_per_line_article_nested(lib, tmp_path):
    out = tmp_path / "a.jsonl"
    result = lib.export_annotations("jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.count == len(lines) == 14
    records = [json.loads(line) for line in lines]
    texts = {i: lib.article(i).text for i in range(1, 5)}
    for r in records:
        assert r["text"] == texts[r["article"]["id"]][r["start"] : r["end"]]
    first = records[0]
    assert list(first)[:6] == ["id", "kind", "label", "text", "start", "end"]
    assert first["article"] == {
        "id": 1,
        "title": "Ministerin 👩🏽‍⚖️ in Genf",
        "published": "2025-03-01",
        "source": "Agentur",
        "author": None,
        "url": "https://example.org/genf",
        "language": "de",
        "content_hash": lib.article(1).content_hash,
    }
    lavrov = next(r for r in records if r["kind"] == "entity")
    assert lavrov["entity"] == {
        "id": 1,
        "name": "Sergey Lavrov",
        "type": "PERSON",
        "aliases": [],
        "wikidata": "Q40629",
    }


def _check_annotation(a, texts_by_source):
    """Every MUST of the Web Annotation Data Model that applies to what Reader writes."""
    # 3.1 Annotations: @context, exactly one IRI id, type Annotation, at least one target.
    # Two contexts (the model's first, then Reader's extension terms): given as a list.
    from reader.exporters.w3c import READER_CONTEXT

    assert a["@context"] == [CONTEXT, READER_CONTEXT]
    # Extension contexts MUST NOT redefine the Web Annotation context's terms.
    assert not set(READER_CONTEXT) & ANNO_TERMS
    assert isinstance(a["id"], str) and IRI.match(a["id"])
    assert "Annotation" in _as_list(a["type"])
    targets = _as_list(a["target"])
    assert len(targets) >= 1
    # 3.3.5 motivation / purpose values come from the model's list.
    for m in _as_list(a.get("motivation", [])):
        assert m in MOTIVATIONS
    # 3.3.1 lifecycle: xsd:dateTime; creator an Agent (IRI or object).
    for key in ("created", "modified"):
        if key in a:
            assert isinstance(a[key], str) and DATETIME.match(a[key])
    for creator in _as_list(a.get("creator", [])):
        assert (
            isinstance(creator, str)
            and IRI.match(creator)
            or (
                creator["type"] in ("Person", "Organization", "Software")
                and isinstance(creator["name"], str)
            )
        )
        # SHOULD: an Agent has exactly one IRI; a nickname is given.
        assert IRI.match(creator["id"]) and isinstance(creator["nickname"], str)
    assert a["generator"]["type"] == "Software" and IRI.match(a["generator"]["id"])
    # 3.2 bodies: a TextualBody has exactly one string value; ids are IRIs.
    for body in _as_list(a.get("body", [])):
        assert isinstance(body, dict)
        if body.get("purpose") is not None:
            assert body["purpose"] in MOTIVATIONS
        if body.get("type") == "TextualBody":
            assert isinstance(body["value"], str)
            assert "id" not in body or IRI.match(body["id"])
        elif body.get("type") == "SpecificResource":
            assert isinstance(body["source"], str) and IRI.match(body["source"])
        else:
            pytest.fail(f"unexpected body {body}")
    for target in targets:
        # 4 Specific Resources: exactly one source, an IRI (or an object with an IRI id).
        source = target["source"]
        source_id = source["id"] if isinstance(source, dict) else source
        assert isinstance(source_id, str) and IRI.match(source_id)
        selectors = _as_list(target["selector"])
        types = [s["type"] for s in selectors]  # 4.2 every selector has exactly one type
        assert sorted(types) == ["TextPositionSelector", "TextQuoteSelector"]
        quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
        position = next(s for s in selectors if s["type"] == "TextPositionSelector")
        # 4.2.4 exactly one exact (string); prefix and suffix at most one string each.
        assert isinstance(quote["exact"], str) and quote["exact"]
        for key in ("prefix", "suffix"):
            assert key not in quote or isinstance(quote[key], str)
        # 4.2.5 start and end: exactly one non-negative integer each, in code points.
        for key in ("start", "end"):
            assert isinstance(position[key], int) and position[key] >= 0
        text = texts_by_source[source_id]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote.get("prefix", ""))
        assert text[position["end"] :].startswith(quote.get("suffix", ""))


def test_w3c_collection_satisfies_every_must(lib, tmp_path):
    import base64
    import hashlib

    out = tmp_path / "a.jsonld"
    lib.export_annotations("w3c", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    # 5.1 Collection: context, exactly one IRI, type AnnotationCollection, total.
    assert doc["@context"] == CONTEXT
    assert IRI.match(doc["id"]) and "AnnotationCollection" in _as_list(doc["type"])
    assert doc["total"] == 14 and isinstance(doc["total"], int)
    # 5.2 Page: an IRI, type AnnotationPage, one or more items, startIndex >= 0.
    page = doc["first"]
    assert IRI.match(page["id"]) and page["type"] == "AnnotationPage"
    assert page["startIndex"] == 0 and len(page["items"]) == 14
    # SHOULD: the collection names its last page, the page the collection it is part of.
    assert doc["last"] == page["id"] and page["partOf"]["id"] == doc["id"]
    assert doc["generator"]["name"].startswith("Reader ")
    texts = {}
    for i in range(1, 5):
        article = lib.article(i)
        # RFC 6920: the `ni` IRI names the text itself (its SHA-256, base64url, no padding).
        digest = hashlib.sha256(article.text.encode("utf-8")).digest()
        iri = "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode().rstrip("=")
        texts[iri] = article.text
    for a in page["items"]:
        _check_annotation(a, texts)
    ids = [a["id"] for a in page["items"]]
    assert len(set(ids)) == len(ids)
    first = page["items"][0]
    assert first["target"]["source"]["via"] == "https://example.org/genf"
    assert first["creator"] == {
        "id": first["creator"]["id"],
        "type": "Person",
        "name": "ana",
        "nickname": "ana",
    }
    lavrov = next(a for a in page["items"] if a["motivation"] == "identifying")
    assert lavrov["body"] == [
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": "entity",
            "format": "text/plain",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "PERSON", "format": "text/plain"},
        {
            "type": "TextualBody",
            "purpose": "identifying",
            "value": "Sergey Lavrov",
            "format": "text/plain",
        },
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": "http://www.wikidata.org/entity/Q40629",
        },
    ]
    noted = next(a for a in page["items"] if a["target"]["selector"][0]["exact"] == "-20 degrees")
    assert {"type": "TextualBody", "purpose": "commenting", "value": "=1+1"} | {
        "format": "text/plain"
    } in noted["body"]
    # The same library exports the same annotation ids (a stable identity).
    again = tmp_path / "b.jsonld"
    lib.export_annotations("w3c", again)
    assert [a["id"] for a in json.loads(again.read_text())["first"]["items"]] == ids


def test_w3c_empty_collection_has_no_page(lib, tmp_path):
    out = tmp_path / "empty.jsonld"
    lib.export_annotations("w3c", out, Scope(query="nothingmatchesthis"))
    doc = json.loads(out.read_text())
    assert doc["total"] == 0 and "first" not in doc and doc["type"] == "AnnotationCollection"


def test_doccano_one_article_per_line(lib, tmp_path):
    out = tmp_path / "train.jsonl"
    result = lib.export_annotations("doccano", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (result.count, result.unit) == (4, "articles")
    assert [sorted(x) for x in lines] == [["id", "label", "text"]] * 4
    assert lines[0]["label"] == [[87, 100, "PERSON"]]
    assert lines[2]["label"] == []  # an article with no entity is a negative example
    assert lines[3]["label"] == [[4, 16, "PERSON"]]
    for line in lines:
        assert line["text"] == lib.article(line["id"]).text
    quotes = tmp_path / "quotes.jsonl"
    lib.export_annotations("doccano", quotes, Scope(kinds=("quote",), article_ids=(2,)))
    (only,) = [json.loads(line) for line in quotes.read_text(encoding="utf-8").splitlines()]
    s, e, label = only["label"][0]
    assert (only["text"][s:e], label) == ("नमस्ते दुनिया", "QUOTE")


def test_markdown_one_file_per_article(lib, tmp_path):
    folder = tmp_path / "notes"
    result = lib.export_annotations("markdown", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert result.count == 4
    assert names == [
        "00001-ministerin-in-genf.md",
        "00002-combining-marks-q̃-and-नमस्ते.md",
        "00003-王毅会见拉夫罗夫.md",
        "00004-hyperlink-http-evil.md",
    ]
    doc = (folder / names[0]).read_text(encoding="utf-8")
    assert doc.startswith('---\ntitle: "Ministerin 👩🏽‍⚖️ in Genf"\nid: 1\nsource: "Agentur"\n')
    assert "\n# Ministerin 👩🏽‍⚖️ in Genf\n\nDie Ministerin 👩🏽‍⚖️ sagte:" in doc
    assert "## Quotes\n\n> „Wir sind bereit 🚀, wirklich 🇺🇦“\n" in doc
    assert "> **Note:** emoji inside, flag at the end" in doc
    assert "## Highlights\n\n> 👩🏽‍⚖️\n\n*evidence* · offsets 15–20" in doc
    assert "> 𝔐𝔞𝔱𝔥\n\n*important* · offsets" in doc
    assert '> **Note:** a "note", with comma\n> and a newline' in doc
    assert doc.endswith("## Entities\n\n- Sergey Lavrov (PERSON) × 1\n")
    # A second export replaces the earlier one atomically; other folders are refused.
    lib.export_annotations("markdown", folder, Scope(article_ids=(3,)))
    assert sorted(p.name for p in folder.iterdir()) == ["00003-王毅会见拉夫罗夫.md"]
    (folder / "mine.txt").write_text("keep me")
    with pytest.raises(ExportFailed, match="holds other files"):
        lib.export_annotations("markdown", folder)
    assert (folder / "mine.txt").read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_markdown_interrupted_leaves_no_folder(lib, tmp_path):
    folder = tmp_path / "notes"

    def stop(done, total):
        if done == 2:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        lib.export_annotations("markdown", folder, progress=stop)
    assert not folder.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".notes")]


def test_progress_reports_done_and_total(lib, tmp_path, monkeypatch):
    import reader.exporters

    monkeypatch.setattr(reader.exporters, "CHUNK", 5)
    seen = []
    lib.export_annotations("jsonl", tmp_path / "x.jsonl", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(5, 14), (10, 14), (14, 14)]
