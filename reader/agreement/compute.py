"""The agreement report from the coded articles and their marks (no storage here).

Tokens are the words of `reader.text.tokens`; a token carries a label for an annotator
when one of that annotator's marks with the label covers at least one of its code
points ("O" otherwise). Per label the token value is that label or "O"; over every
label of a kind it is the label of the longest covering mark of the kind; over every
kind, each token counts once per kind. α_u is computed on code points, the articles
laid end to end as one continuum.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import fmean

from reader.agreement import coefficients, unitizing
from reader.agreement.model import (
    ALL,
    AgreementReport,
    ArticleAgreement,
    LabelAgreement,
    PairAgreement,
    SpeakerAgreement,
)
from reader.agreement.spans import Mark, exact_f1, exact_matches, overlap_f1, paired_quotes
from reader.agreement.spans import unique as unique_marks
from reader.text.tokens import tokenize

KIND_ORDER = ("quote", "entity", "highlight")
OUTSIDE = "O"
Category = tuple[str, str]  # kind, label


@dataclass(frozen=True)
class CodedArticle:
    id: int
    title: str
    text: str


@dataclass
class _Tokens:
    """Every article's tokens; `labels[coder][kind][i]` is token i's label for the kind,
    `cats[coder][category]` the tokens a category covers."""

    count: int
    article_of: list[int]  # index of the token's article
    labels: list[dict[str, list[str]]]
    cats: list[dict[Category, set[int]]]


def _order(category: Category) -> tuple[int, str]:
    kind, label = category
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), label)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _tokens(
    articles: Sequence[CodedArticle],
    by_coder: list[list[Mark]],
    kinds: Sequence[str],
) -> _Tokens:
    article_of: list[int] = []
    labels: list[dict[str, list[str]]] = [{k: [] for k in kinds} for _ in by_coder]
    cats: list[dict[Category, set[int]]] = [defaultdict(set) for _ in by_coder]
    position = {a.id: n for n, a in enumerate(articles)}
    base = 0
    starts_of, ends_of, bases = [], [], []
    for n, article in enumerate(articles):
        toks = tokenize(article.text)
        starts_of.append([t.start for t in toks])
        ends_of.append([t.end for t in toks])
        bases.append(base)
        article_of.extend([n] * len(toks))
        base += len(toks)
    for c, marks in enumerate(by_coder):
        longest: dict[str, list[int]] = {k: [0] * base for k in kinds}
        for k in kinds:
            labels[c][k] = [OUTSIDE] * base
        for m in marks:
            n = position[m.article_id]
            first = bisect_right(ends_of[n], m.start)  # first token ending after the start
            last = bisect_left(starts_of[n], m.end)  # tokens starting before the end
            size = m.end - m.start
            for i in range(bases[n] + first, bases[n] + last):
                cats[c][(m.kind, m.label)].add(i)
                held = longest[m.kind][i]
                current = labels[c][m.kind][i]
                if size > held or (size == held and m.label < current):
                    longest[m.kind][i] = size
                    labels[c][m.kind][i] = m.label
    return _Tokens(base, article_of, labels, cats)


def _binary(tokens: _Tokens, coder: int, category: Category) -> list[str]:
    covered = tokens.cats[coder].get(category, set())
    return [category[1] if i in covered else OUTSIDE for i in range(tokens.count)]


def _overall(tokens: _Tokens, coder: int, kinds: Sequence[str]) -> list[str]:
    return [v for k in kinds for v in tokens.labels[coder][k]]


def _alpha_u_marks(
    by_coder: list[list[Mark]],
    categories: Sequence[Category],
    offsets: dict[int, int],
    length: int,
) -> dict[Category, unitizing.Disagreement]:
    out = {}
    for cat in categories:
        coders = [
            [
                (offsets[m.article_id] + m.start, offsets[m.article_id] + m.end)
                for m in marks
                if (m.kind, m.label) == cat
            ]
            for marks in by_coder
        ]
        out[cat] = unitizing.disagreement(coders, 0, length)
    return out


def report(
    annotators: Sequence[str],
    articles: Sequence[CodedArticle],
    marks: Sequence[Mark],
    kinds: Sequence[str],
    labels: Sequence[Category] = (),
) -> AgreementReport:
    """Agreement of `annotators` (two or more) over `articles`, from their `marks` (only
    those of `kinds`); `labels` are categories to report even if nobody used them."""
    coder_of = {a: i for i, a in enumerate(annotators)}
    ids = {a.id for a in articles}
    by_coder: list[list[Mark]] = [[] for _ in annotators]
    for m in unique_marks(marks):
        if m.annotator in coder_of and m.article_id in ids and m.kind in kinds:
            by_coder[coder_of[m.annotator]].append(m)
    categories = sorted(
        {(m.kind, m.label) for ms in by_coder for m in ms} | set(labels), key=_order
    )
    present = [k for k in KIND_ORDER if any(c[0] == k for c in categories)] or list(kinds)
    tokens = _tokens(articles, by_coder, present)
    offsets, length = {}, 0
    for a in articles:
        offsets[a.id] = length
        length += len(a.text)
    dis = _alpha_u_marks(by_coder, categories, offsets, length)
    pairs = list(combinations(range(len(annotators)), 2))

    def of(cats: Sequence[Category], coder: int) -> list[Mark]:
        wanted = set(cats)
        return [m for m in by_coder[coder] if (m.kind, m.label) in wanted]

    def row(
        kind: str, label: str, cats: Sequence[Category], values: list[list[str]]
    ) -> tuple[LabelAgreement, list[PairAgreement]]:
        pair_rows = []
        for i, j in pairs:
            a, b = of(cats, i), of(cats, j)
            pair_rows.append(
                PairAgreement(
                    annotators[i],
                    annotators[j],
                    kind,
                    label,
                    len(a),
                    len(b),
                    exact_matches(a, b),
                    exact_f1(a, b),
                    overlap_f1(a, b),
                    coefficients.cohen_kappa(values[i], values[j]),
                )
            )
        agreement = LabelAgreement(
            kind,
            label,
            tuple(len(of(cats, c)) for c in range(len(annotators))),
            unitizing.alpha_u([dis[c] for c in cats]),
            coefficients.kappa(values),
            coefficients.nominal_alpha(values),
            _mean([p.exact_f1 for p in pair_rows]),
            _mean([p.overlap_f1 for p in pair_rows]),
        )
        return agreement, pair_rows

    label_rows: list[LabelAgreement] = []
    pair_rows: list[PairAgreement] = []

    def add(result: tuple[LabelAgreement, list[PairAgreement]]) -> None:
        label_rows.append(result[0])
        pair_rows.extend(result[1])

    coders = range(len(annotators))
    add(row(ALL, ALL, categories, [_overall(tokens, c, present) for c in coders]))
    for kind in present:
        cats = [c for c in categories if c[0] == kind]
        if len(present) > 1 and len(cats) > 1:
            add(row(kind, ALL, cats, [list(tokens.labels[c][kind]) for c in coders]))
        for cat in cats:
            add(row(kind, cat[1], [cat], [_binary(tokens, c, cat) for c in coders]))
    pair_rows.sort(key=lambda p: (p.annotator_a, p.annotator_b))
    speakers = _speakers(annotators, by_coder, pairs) if "quote" in kinds else []
    per_article = _articles(articles, by_coder, tokens, present, categories)
    return AgreementReport(
        tuple(annotators),
        tuple(kinds),
        tuple(a.id for a in articles),
        label_rows,
        pair_rows,
        speakers,
        per_article,
        tokens.count,
    )


def _speakers(
    annotators: Sequence[str], by_coder: list[list[Mark]], pairs: Sequence[tuple[int, int]]
) -> list[SpeakerAgreement]:
    out = []
    for i, j in pairs:
        quotes_a = [m for m in by_coder[i] if m.kind == "quote"]
        quotes_b = [m for m in by_coder[j] if m.kind == "quote"]
        both = paired_quotes(quotes_a, quotes_b)
        spoken = [(q, r) for q, r in both if q.speaker is not None or r.speaker is not None]
        same = sum(1 for q, r in spoken if q.speaker == r.speaker)
        share = same / len(spoken) if spoken else None
        out.append(
            SpeakerAgreement(annotators[i], annotators[j], len(both), len(spoken), same, share)
        )
    return out


def _articles(
    articles: Sequence[CodedArticle],
    by_coder: list[list[Mark]],
    tokens: _Tokens,
    kinds: Sequence[str],
    categories: Sequence[Category],
) -> list[ArticleAgreement]:
    """Per article, the most disagreeing first (then by id)."""
    m = len(by_coder)
    counts = [0] * len(articles)
    differing = [0] * len(articles)
    for i in range(tokens.count):
        n = tokens.article_of[i]
        counts[n] += 1
        values = {tuple(tokens.labels[c][k][i] for k in kinds) for c in range(m)}
        if len(values) > 1:
            differing[n] += 1
    grouped: list[dict[int, list[Mark]]] = []
    for marks in by_coder:
        per: dict[int, list[Mark]] = defaultdict(list)
        for x in marks:
            per[x.article_id].append(x)
        grouped.append(per)
    out = []
    for n, article in enumerate(articles):
        mine = [per.get(article.id, []) for per in grouped]
        keys = [{x.key for x in ms} for ms in mine]
        agreed = set.intersection(*keys) if keys else set()
        dis = [
            unitizing.disagreement(
                [[(x.start, x.end) for x in ms if (x.kind, x.label) == cat] for ms in mine],
                0,
                len(article.text),
            )
            for cat in categories
        ]
        out.append(
            ArticleAgreement(
                article.id,
                article.title,
                counts[n],
                differing[n],
                tuple(len(ms) for ms in mine),
                len(agreed),
                unitizing.alpha_u(dis),
            )
        )
    out.sort(key=lambda a: (-a.disagreeing_tokens, -a.disagreement, a.article_id))
    return out
