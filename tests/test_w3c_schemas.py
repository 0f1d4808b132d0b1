"""Reader's W3C export against the Web Annotation Working Group's JSON schemas (the
test assertions of the W3C test suite, vendored in tests/schemas/web-annotation/):
every MUST holds for every annotation, the collection and its page, and so do the
SHOULDs Reader implements (creator and generator ids, nicknames; partOf; last)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")
from referencing import Registry, Resource  # noqa: E402
from referencing.jsonschema import DRAFT4  # noqa: E402

from reader.library import Library  # noqa: E402

from .export_data import add_articles, annotate_all  # noqa: E402

ROOT = Path(__file__).parent / "schemas" / "web-annotation"
# The SHOULDs (and MAYs) of the optional test lists that Reader's export implements.
IMPLEMENTED = {
    "3.3.1-annotationCreatorImplemented.json",
    "3.3.2-annotationCreatorAgentIdImplemented.json",
    "3.3.2-annotationCreatorAgentTypeImplemented.json",
    "3.3.2-annotationCreatorAgentNicknameImplemented.json",
    "3.3.2-annotationCreatorAgentSingleNameImplemented.json",
    "3.3.2-annotationCreatorAgentNameImplemented.json",
    "3.3.1-annotationGeneratorImplemented.json",
    "3.3.2-annotationGeneratorAgentIdImplemented.json",
    "3.3.2-annotationGeneratorAgentTypeImplemented.json",
    "3.3.2-annotationGeneratorAgentSingleNameImplemented.json",
    "3.3.2-annotationGeneratorAgentNameImplemented.json",
    "5.1-collectionLabelImplemented.json",
    "5.1-collectionLastImplemented.json",
    "5.1-collectionTotalImplemented.json",
    "5.1-collectionFirstImplemented.json",
    "5.2-pagePartOfImplemented.json",
    "5.2-pageStartIndexImplemented.json",
}


def _registry() -> Registry:
    resources = []
    for path in (ROOT / "definitions").glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def assertions(test_list: str) -> list[tuple[str, dict]]:
    names = json.loads((ROOT / test_list).read_text(encoding="utf-8"))["assertions"]
    return [(Path(n).name, json.loads((ROOT / n).read_text(encoding="utf-8"))) for n in names]


def failures(instance: dict, test_list: str, only: set[str] | None = None) -> list[str]:
    """The assertions of a test list the instance does not meet as expected."""
    out = []
    for name, schema in assertions(test_list):
        if only is not None and name not in only:
            continue
        validator = jsonschema.Draft4Validator(
            schema, registry=REGISTRY, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        )
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            out.append(f"{name}: {schema.get('errorMessage')}")
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("w3c")
    with Library(folder / "a.db", annotator="ana") as lib:
        annotate_all(lib, add_articles(lib))
        out = folder / "a.jsonld"
        lib.export_annotations("w3c", out)
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_schemas_reject_what_they_should():
    """The harness can fail: an annotation without a target, or with an id that is not
    an IRI, breaks a MUST."""
    bad = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "not an iri",
        "type": "Note",
        "created": "yesterday",
    }
    found = failures(bad, "annotations/annotationMusts.test")
    assert {f.split(":")[0] for f in found} == {
        "3.1-annotationIdValidated.json",
        "3.1-annotationTypeValidated.json",
        "3.1-targetKeyFound.json",
        "3.2-targetObjectsRecognized.json",
        "3.3.1-annotationCreatedValidated.json",
    }


def test_every_annotation_meets_every_must_and_the_shoulds_reader_implements(exported):
    items = exported["first"]["items"]
    assert len(items) == 14
    for item in items:
        assert failures(item, "annotations/annotationMusts.test") == [], item["id"]
        assert failures(item, "annotations/annotationsAgentOptionals.test", IMPLEMENTED) == []


def test_collection_and_page_meet_the_musts_and_shoulds(exported):
    assert failures(exported, "collections/collectionMusts.test") == []
    assert failures(exported, "collections/collectionOptionals.test", IMPLEMENTED) == []
    page = dict(exported["first"], **{"@context": exported["@context"]})
    assert failures(page, "collections/pages/pageMusts.test") == []
    assert failures(page, "collections/pages/pageOptionals.test", IMPLEMENTED) == []
