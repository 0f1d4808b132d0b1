"""NER training exports: CoNLL (IOB2) and spaCy DocBin, with spans that do not align counted."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import cli
from reader.errors import ExportFailed
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.names import suggest_entities
from reader.text.train_tokens import sentences, tokens
from tests.conftest import SEED

TEXT = (
    "Sergey Lavrov met U.S. officials on Oct. 5 in Doha. The server speaks HTTP/1.1 to "
    "Lavrov’s team.\n\nRusia-AS talks follow @Uber_Sydney 😀."
)
MARKS = [  # (text, occurrence, label); HTTP, Oct and Uber sit inside tokens
    ("Sergey Lavrov", 0, "PERSON"),
    ("Doha", 0, "LOCATION"),
    ("HTTP", 0, "MISC"),
    ("Oct", 0, "DATE"),
    ("Lavrov", 1, "PERSON"),
    ("Rusia", 0, "LOCATION"),
    ("Uber", 0, "ORG"),
    ("U.S.", 0, "LOCATION"),
]
CONLL = """-DOCSTART- -X- O O

Sergey -X- _ B-PERSON
Lavrov -X- _ I-PERSON
met -X- _ O
U.S. -X- _ B-LOCATION
officials -X- _ O
on -X- _ O
Oct. -X- _ O
5 -X- _ O
in -X- _ O
Doha -X- _ B-LOCATION
. -X- _ O

The -X- _ O
server -X- _ O
speaks -X- _ O
HTTP/1.1 -X- _ O
to -X- _ O
Lavrov -X- _ B-PERSON
’s -X- _ O
team -X- _ O
. -X- _ O

Rusia -X- _ B-LOCATION
- -X- _ O
AS -X- _ O
talks -X- _ O
follow -X- _ O
@Uber_Sydney -X- _ O
😀 -X- _ O
. -X- _ O

-DOCSTART- -X- O O

No -X- _ O
names -X- _ O
here -X- _ O
. -X- _ O

"""


@pytest.fixture
def marked(db_path):
    with Library(db_path) as lib:
        _, aid = lib.add_article(ParsedArticle(title="T", markdown=TEXT))
        lib.add_article(ParsedArticle(title="Empty", markdown="No names here."))
        text = lib.article(aid).text
        assert text == TEXT
        for needle, occurrence, label in MARKS:
            start = -1
            for _ in range(occurrence + 1):
                start = text.index(needle, start + 1)
            lib.annotate(aid, "entity", start, start + len(needle), label=label)
        lib.annotate(aid, "highlight", 0, 6)  # not an entity: not in the training data
    return db_path


def test_conll_columns_documents_sentences(marked, tmp_path):
    out = tmp_path / "train.conll"
    r = CliRunner().invoke(
        cli, ["--db", str(marked), "export", "annotations", "--format", "conll", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert r.stderr == (
        f"exported 2 articles to {out}; 3 of 8 entity spans did not align to token boundaries "
        "and were left out\n"
    )
    assert out.read_text(encoding="utf-8") == CONLL


def test_overlapping_spans_are_counted(marked, tmp_path):
    with Library(marked) as lib:
        lib.annotate(1, "entity", 7, 13, label="PERSON")  # `Lavrov` inside `Sergey Lavrov`
        result = lib.export_annotations("conll", tmp_path / "a.conll")
    assert result.notes == (
        "3 of 9 entity spans did not align to token boundaries and were left out",
        "1 overlapping entity span was left out",
    )


def test_tokens_cover_every_character_but_spaces():
    text = "Ein „Zitat“ — q̃ and नमस्ते; 王毅表示, U.S.-Russia ties (2025) don't end.\tx"
    assert "नमस्ते" in [text[s:e] for s, e in tokens(text)]
    spans = tokens(text)
    assert "".join(text[s:e] for s, e in spans) == "".join(text.split())
    assert [text[s:e] for s, e in spans][:6] == ["Ein", "„", "Zitat", "“", "—", "q̃"]
    assert "U.S." in [text[s:e] for s, e in spans]
    assert [len(s) for s in sentences(text, spans)] == [len(spans) - 1, 1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_tokens_are_ordered_and_never_hold_whitespace(text):
    spans = tokens(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(s < e and not any(c.isspace() for c in text[s:e]) for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == "".join(c for c in text if not c.isspace())


def test_suggested_entities_align_to_tokens():
    with Library(None) as lib:
        text = lib.article(lib.import_file(SEED).article_id).text
    spans = tokens(text)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    extra = "It runs HTTP/1.1, URI_ENCODE and @Uber_Sydney since Oct. 5. Uber said so."
    cands = suggest_entities(text) + suggest_entities(extra)
    assert len(cands) > 20
    for c in suggest_entities(text):
        assert c.start in starts and c.end in ends, c
    extra_spans = tokens(extra)
    for c in suggest_entities(extra):
        assert c.start in {s for s, _ in extra_spans} and c.end in {e for _, e in extra_spans}, c


def test_spacy_needs_the_extra(marked, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    with (
        Library(marked) as lib,
        pytest.raises(ExportFailed, match=r"pip install 'reader\[spacy\]'"),
    ):
        lib.export_annotations("spacy", tmp_path / "a.spacy")
    assert not (tmp_path / "a.spacy").exists()


def test_spacy_docbin(marked, tmp_path):
    spacy = pytest.importorskip(
        "spacy", reason="spaCy is not installed (pip install 'reader[spacy]')"
    )
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    with Library(marked) as lib:
        result = lib.export_annotations("spacy", out, Scope())
        texts = [lib.article(i).text for i in (1, 2)]
    assert result.count == 2 and len(result.notes) == 1
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert [d.text for d in docs] == texts  # the article's text exactly: offsets hold
    assert [(e.text, e.label_, e.start_char) for e in docs[0].ents] == [
        ("Sergey Lavrov", "PERSON", 0),
        ("U.S.", "LOCATION", 18),
        ("Doha", "LOCATION", 46),
        ("Lavrov", "PERSON", TEXT.index("Lavrov", 8)),
        ("Rusia", "LOCATION", 98),
    ]
    assert len(list(docs[0].sents)) == 3
    assert [d.user_data["article_id"] for d in docs] == [1, 2]
    conll_words = [ln.split()[0] for ln in CONLL.splitlines() if ln and not ln.startswith("-DOC")]
    assert [t.text for d in docs for t in d if not t.is_space] == conll_words


def test_spacy_convert_reads_the_conll_file(marked, tmp_path):
    pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'reader[spacy]')")
    from spacy.training.converters import conll_ner_to_docs

    docs = list(conll_ner_to_docs(CONLL, n_sents=0, no_print=True))
    assert len(docs) == 2  # one per article: the delimiter is the one spaCy splits on
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Sergey Lavrov", "PERSON"),
        ("U.S.", "LOCATION"),
        ("Doha", "LOCATION"),
        ("Lavrov", "PERSON"),
        ("Rusia", "LOCATION"),
    ]
    assert [t.text for t in docs[1]] == ["No", "names", "here", "."]
