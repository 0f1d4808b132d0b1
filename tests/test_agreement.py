"""`Library.agreement` and `reader agreement`: two and three annotators on the seed
article and on generated articles, with values computed by hand."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest
from click.testing import CliRunner

from reader.agreement.unitizing import disagreement
from reader.cli import cli
from reader.errors import AgreementError
from reader.library import Library
from reader.model import ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

from .conftest import SHARED

SEED = SHARED / "corpus" / "press" / "seaprwire-id-2025-02-27-lavrov.txt"
WORDS = "aa bb cc dd ee ff gg hh ii jj"  # ten tokens of two letters: token i at 3i


def tok(i: int, j: int | None = None) -> tuple[int, int]:
    """The code points of tokens i..j."""
    return 3 * i, 3 * (i if j is None else j) + 2


def close(value: float | None, fraction: Fraction) -> bool:
    return value is not None and abs(value - float(fraction)) < 1e-12


@pytest.fixture
def generated(tmp_path):
    """Two articles of ten tokens; alice and bob (and carol, when asked) mark them."""
    lib = Library(tmp_path / "library.db", annotator="alice")
    ids = []
    for title in ("First", "Second"):
        status, article_id = lib.add_article(ParsedArticle(title, paragraphs_to_markdown([WORDS])))
        assert lib.article(article_id).text == WORDS
        ids.append(article_id)
    first, second = ids

    def mark(who: str, article: int, span: tuple[int, int], label: str) -> None:
        lib.annotator = who
        lib.annotate(article, "entity", *span, label=label)

    mark("alice", first, tok(0, 1), "PERSON")
    mark("alice", second, tok(9), "LOCATION")
    mark("bob", first, tok(0), "PERSON")
    mark("bob", first, tok(5), "PERSON")
    mark("bob", second, tok(9), "LOCATION")
    lib.mark = mark
    lib.ids = ids
    yield lib
    lib.close()


def test_two_annotators_on_generated_articles(generated):
    r = generated.agreement()
    assert r.annotators == ("alice", "bob") and r.article_ids == tuple(generated.ids)
    assert r.tokens == 20 and r.kinds == ("quote", "entity", "highlight")
    overall, location, person = r.labels
    assert [(x.kind, x.label) for x in r.labels] == [
        ("", ""),
        ("entity", "LOCATION"),
        ("entity", "PERSON"),
    ]
    # Tokens: alice PER PER O… | …LOC; bob PER O O O O PER O… | …LOC.
    # All labels: p_o = 18/20, p_e = (2·2 + 1·1 + 17·17)/400 = 294/400, κ = 33/53.
    assert close(overall.kappa, Fraction(33, 53))
    # PERSON alone: p_o = 18/20, p_e = (2·2 + 18·18)/400 = 328/400, κ = 4/9;
    # α nominal: n = 40 values, 4 disagreeing pairs, n_P = 4, n_O = 36:
    # α = 1 − 39·4 / (2·4·36) = 11/24.
    assert close(person.kappa, Fraction(4, 9))
    assert close(person.alpha, Fraction(11, 24))
    assert location.kappa == 1.0 and location.alpha == 1.0 and location.alpha_u == 1.0
    assert person.marks == (1, 2) and location.marks == (1, 1) and overall.marks == (2, 3)
    # Exact: only LOCATION, 2·1/(2 + 3) = 0.4; overlap: alice 2/2, bob 2/3 → F1 = 0.8.
    assert overall.exact_f1 == pytest.approx(0.4, abs=1e-12)
    assert overall.overlap_f1 == pytest.approx(0.8, abs=1e-12)
    assert person.exact_f1 == 0.0
    assert person.overlap_f1 == pytest.approx(2 / 3, abs=1e-12)
    # α_u of PERSON: the two articles end to end, 29 code points each.
    expected = disagreement([[tok(0, 1)], [tok(0), tok(5)]], 0, 58)
    assert person.alpha_u == expected.alpha
    assert expected.observed == 2 * (0 + 3**2 + 2**2) / (2 * 58**2)  # overlap, and bb
    (pair,) = [p for p in r.pairs if p.label == ""]
    assert (pair.annotator_a, pair.annotator_b, pair.marks_a, pair.marks_b, pair.exact) == (
        "alice",
        "bob",
        2,
        3,
        1,
    )
    assert close(pair.kappa, Fraction(33, 53))
    first, second = generated.ids
    assert [(a.article_id, a.tokens, a.disagreeing_tokens, a.agreed_marks) for a in r.articles] == [
        (first, 10, 2, 0),
        (second, 10, 0, 1),
    ]
    assert r.articles[0].marks == (1, 2) and r.articles[1].alpha_u == 1.0
    assert r.speakers[0].quotes == 0 and r.speakers[0].agreement is None


def test_three_annotators_use_fleiss(generated):
    first, second = generated.ids
    generated.mark("carol", first, tok(0, 1), "PERSON")  # as alice
    generated.mark("carol", second, tok(9), "LOCATION")
    r = generated.agreement()
    assert r.annotators == ("alice", "bob", "carol") and r.kappa_name == "Fleiss' κ"
    person = next(x for x in r.labels if x.label == "PERSON")
    # Items: tok0 PPP (P_i = 1), tok1 PO·P and tok5 OPO (1/3 each), 17 all O (1):
    # P̄ = (18 + 2/3)/20 = 14/15; p_P = 6/60, P̄_e = .01 + .81; κ = (14/15 − .82)/.18 = 17/27.
    assert close(person.kappa, Fraction(17, 27))
    assert person.marks == (1, 2, 1)
    pairs = {(p.annotator_a, p.annotator_b): p for p in r.pairs if p.label == "PERSON"}
    assert sorted(pairs) == [("alice", "bob"), ("alice", "carol"), ("bob", "carol")]
    assert pairs[("alice", "carol")].exact_f1 == 1.0 and pairs[("alice", "carol")].kappa == 1.0
    assert close(pairs[("alice", "bob")].kappa, Fraction(4, 9))
    # the mean over the three pairs: (0 + 1 + 0)/3 exact, (2/3 + 1 + 2/3)/3 overlap
    assert person.exact_f1 == pytest.approx(1 / 3, abs=1e-12)
    assert person.overlap_f1 == pytest.approx(7 / 9, abs=1e-12)
    # two of them only: the same as without carol
    two = generated.agreement(["alice", "bob"])
    assert close(next(x for x in two.labels if x.label == "PERSON").kappa, Fraction(4, 9))


def test_labels_kinds_and_scope(generated):
    first, second = generated.ids
    r = generated.agreement(labels=["PERSON"])
    assert [(x.kind, x.label) for x in r.labels] == [("", ""), ("entity", "PERSON")]
    assert close(r.labels[0].kappa, Fraction(4, 9))  # the overall is PERSON alone
    r = generated.agreement(scope=Scope(article_ids=(second,)))
    assert r.article_ids == (second,) and r.labels[0].kappa == 1.0
    r = generated.agreement(kind="highlight")  # nobody highlighted: nothing to agree on
    assert [(x.kind, x.label, x.kappa, x.alpha_u) for x in r.labels] == [("", "", None, None)]
    assert r.speakers == []


def test_a_curated_set_is_not_a_coder_by_default(generated):
    first, second = generated.ids
    generated.annotator = "curated"
    for article in (first, second):
        generated.annotate(article, "entity", *tok(0), label="PERSON", origin="curated")
    assert generated.agreement().annotators == ("alice", "bob")
    asked = generated.agreement(["alice", "curated"])  # compared when asked for
    assert asked.annotators == ("alice", "curated")
    assert asked.article_ids == (first, second)


def test_the_errors_say_what_is_missing(generated):
    first, second = generated.ids
    with pytest.raises(AgreementError, match=r"two or more annotators \(here: alice\)"):
        generated.agreement(["alice"])
    with pytest.raises(
        AgreementError, match=r"^unknown annotator 'dora' \(annotators: alice, bob\)$"
    ):
        generated.agreement(["alice", "dora"])
    with pytest.raises(AgreementError, match=r"unknown label 'NOPE' \(labels: DATE, EVENT"):
        generated.agreement(labels=["NOPE"])
    generated.mark("dora", second, tok(2), "ORG")  # dora never coded the first article
    with pytest.raises(AgreementError, match="no article here was coded by every one of"):
        generated.agreement(["alice", "dora"], scope=Scope(article_ids=(first,)))


def _seed_library(path) -> tuple[Library, int, str]:
    lib = Library(path, annotator="alice")
    outcome = lib.import_file(SEED)
    return lib, outcome.article_id, lib.article(outcome.article_id).text


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not here")
def test_two_and_three_annotators_on_the_seed_article(tmp_path):
    lib, aid, text = _seed_library(tmp_path / "library.db")
    lavrov = lib.create_entity("Sergey Lavrov", "PERSON").id
    marks = {
        "alice": [("Sergey Lavrov", "PERSON"), ("Doha", "LOCATION"), ("Istanbul", "LOCATION")],
        "bob": [("Sergey Lavrov", "PERSON"), ("Doha, Qatar", "LOCATION"), ("Istanbul", "ORG")],
    }
    for who, items in marks.items():
        lib.annotator = who
        for words, label in items:
            lib.annotate(aid, "entity", *_span(text, words), label=label)
    # one quote both mark (bob a few words shorter) with the same speaker
    sentence = "Lavrov menyampaikan pernyataan tersebut pada hari Rabu"
    start, end = _span(text, sentence)
    lib.annotator = "alice"
    lib.annotate(aid, "quote", start, end, label="QUOTE", speaker_id=lavrov)
    lib.annotator = "bob"
    lib.annotate(aid, "quote", start, end - 10, label="QUOTE", speaker_id=lavrov)

    r = lib.agreement(kind="entity")
    assert r.tokens == 335 and r.article_ids == (aid,)
    overall = r.labels[0]
    # Tokens: Sergey Lavrov PER/PER ×2, Doha LOC/LOC, Qatar O/LOC, Istanbul LOC/ORG, 330 O/O.
    # p_o = 333/335; p_e = (2·2 + 2·2 + 331·330)/335²; κ = (p_o − p_e)/(1 − p_e).
    p_o, p_e = Fraction(333, 335), Fraction(2 * 2 + 2 * 2 + 331 * 330, 335**2)
    assert close(overall.kappa, (p_o - p_e) / (1 - p_e))
    assert overall.exact_f1 == pytest.approx(1 / 3, abs=1e-12)  # Sergey Lavrov only
    assert overall.overlap_f1 == pytest.approx(2 / 3, abs=1e-12)  # Istanbul's label differs
    by_label = {x.label: x for x in r.labels}
    assert by_label["PERSON"].alpha_u == 1.0 and by_label["PERSON"].kappa == 1.0
    assert by_label["ORG"].marks == (0, 1) and by_label["ORG"].kappa == 0.0
    # LOCATION: Doha inside Doha, Qatar: δ² = 0² + 7² = 49; Istanbul in bob's gap: 8² = 64;
    # both orders, over 2·L².
    loc = disagreement(
        [[_span(text, "Doha"), _span(text, "Istanbul")], [_span(text, "Doha, Qatar")]],
        0,
        len(text),
    )
    assert loc.observed == 2 * (49 + 64) / (2 * len(text) ** 2)
    assert by_label["LOCATION"].alpha_u == loc.alpha

    r = lib.agreement(kind="quote")
    (speakers,) = r.speakers
    assert (speakers.quotes, speakers.with_speaker, speakers.same, speakers.agreement) == (
        1,
        1,
        1,
        1.0,
    )
    assert r.labels[0].exact_f1 == 0.0 and r.labels[0].overlap_f1 == 1.0

    # a third annotator who marks as alice, with another speaker for the quote
    other = lib.create_entity("Antony Blinken", "PERSON").id
    lib.annotator = "carol"
    for words, label in marks["alice"]:
        lib.annotate(aid, "entity", *_span(text, words), label=label)
    lib.annotate(aid, "quote", start, end, label="QUOTE", speaker_id=other)
    r = lib.agreement(kind="entity")
    assert r.annotators == ("alice", "bob", "carol")
    pairs = {(p.annotator_a, p.annotator_b): p for p in r.pairs if p.label == ""}
    assert pairs[("alice", "carol")].exact_f1 == 1.0
    assert close(pairs[("alice", "bob")].kappa, (p_o - p_e) / (1 - p_e))
    speakers = lib.agreement(kind="quote").speakers
    assert [(s.annotator_a, s.annotator_b, s.same, s.agreement) for s in speakers] == [
        ("alice", "bob", 1, 1.0),
        ("alice", "carol", 0, 0.0),
        ("bob", "carol", 0, 0.0),
    ]
    lib.close()


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def run(generated):
    path = generated.path
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(path), "agreement", *map(str, args)])

    return invoke


def test_cli_table(run, generated):
    r = run("--annotators", "alice,bob", "--label", "PERSON")
    assert r.exit_code == 0, r.output
    first, second = generated.ids
    assert r.output.splitlines() == [
        "2 articles coded by alice, bob; 20 tokens; κ is Cohen's κ",
        "",
        "By label",
        "label           marks alice  marks bob  α_u    κ      α      exact F1  overlap F1",
        "--------------  -----------  ---------  -----  -----  -----  --------  ----------",
        "(all)           1            2          0.553  0.444  0.458  0.000     0.667",
        "entity: PERSON  1            2          0.553  0.444  0.458  0.000     0.667",
        "",
        "Between pairs",
        "annotators   label           marks  exact  exact F1  overlap F1  Cohen's κ",
        "-----------  --------------  -----  -----  --------  ----------  ---------",
        "alice / bob  (all)           1 / 2  0      0.000     0.667       0.444",
        "alice / bob  entity: PERSON  1 / 2  0      0.000     0.667       0.444",
        "",
        "Articles that disagree most",
        "id  disagreeing tokens  share  agreed marks  α_u    title",
        "--  ------------------  -----  ------------  -----  ------",
        f"{first}   2 / 10              20.0%  0             0.482  First",
        f"{second}   0 / 10              0.0%   0                    Second",
        "",
    ]


def test_cli_json_and_csv(run):
    r = run("--format", "json", "--kind", "entity")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["annotators"] == ["alice", "bob"] and data["kappa"] == "cohen"
    assert data["kinds"] == ["entity"]
    person = next(x for x in data["labels"] if x["label"] == "PERSON")
    assert person["marks"] == [1, 2] and round(person["kappa"], 6) == round(4 / 9, 6)
    assert [a["disagreeing_tokens"] for a in data["articles"]] == [2, 0]
    assert data["articles"][0]["disagreement"] == 0.2
    r = run("--format", "csv", "--label", "PERSON")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0] == ["table", "kind", "label", "annotators", "article_id", "measure", "value"]
    kappa = [row for row in rows if row[:3] == ["labels", "entity", "PERSON"] and row[5] == "kappa"]
    assert len(kappa) == 1 and round(float(kappa[0][6]), 6) == round(4 / 9, 6)
    assert ["labels", "entity", "PERSON", "bob", "", "marks", "2"] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotators", "alice"], "Error: agreement needs two or more annotators (here: alice)"),
        (
            ["--label", "NOPE"],
            "Error: unknown label 'NOPE' (labels: DATE, EVENT, LOCATION, MISC, ORG, PERSON, "
            "QUOTE, background, evidence, important, question)",
        ),
        (
            ["--annotators", "alice,bob", "--query", "nothingmatchesthis"],
            "Error: no article here was coded by every one of alice, bob",
        ),
    ],
)
def test_cli_errors_are_one_line(run, args, message):
    r = run(*args)
    assert r.exit_code == 1
    assert r.output.splitlines() == [message]
