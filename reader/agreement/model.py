"""What `Library.agreement` returns: plain dataclasses, no storage, no Qt."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ALL = ""  # the `kind` and `label` of a row over every kind or every label


@dataclass(frozen=True)
class LabelAgreement:
    """One label (or, with `label == ""`, every label of `kind`; with both empty, every
    kind) over the articles all annotators coded. None: undefined (nobody marked it)."""

    kind: str
    label: str
    marks: tuple[int, ...]  # per annotator, in the report's order
    alpha_u: float | None  # Krippendorff's α for unitizing, on code points
    kappa: float | None  # on tokens: Cohen's κ (two annotators), Fleiss' κ (more)
    alpha: float | None  # Krippendorff's α, nominal, on the same tokens
    exact_f1: float | None  # exact-span F1, mean over the pairs of annotators
    overlap_f1: float | None  # overlap F1, mean over the pairs


@dataclass(frozen=True)
class PairAgreement:
    """Two annotators on one label (or every label: `label == ""`)."""

    annotator_a: str
    annotator_b: str
    kind: str
    label: str
    marks_a: int
    marks_b: int
    exact: int  # marks with the same start, end and label in both
    exact_f1: float | None
    overlap_f1: float | None  # a mark counts when one of the other's, same label, overlaps
    kappa: float | None  # Cohen's κ on tokens


@dataclass(frozen=True)
class SpeakerAgreement:
    """The speakers of the quotes two annotators both marked (quotes paired by overlap)."""

    annotator_a: str
    annotator_b: str
    quotes: int  # quotes both marked
    with_speaker: int  # of those, the ones at least one of them gave a speaker
    same: int  # of those, the ones with the same speaker
    agreement: float | None  # same / with_speaker


@dataclass(frozen=True)
class ArticleAgreement:
    """One article: how much its annotators disagree, to know where to talk."""

    article_id: int
    title: str
    tokens: int
    disagreeing_tokens: int  # tokens not labelled alike by everyone
    marks: tuple[int, ...]  # per annotator
    agreed_marks: int  # marks every annotator made exactly alike (counted once)
    alpha_u: float | None

    @property
    def disagreement(self) -> float:
        return self.disagreeing_tokens / self.tokens if self.tokens else 0.0


@dataclass(frozen=True)
class AgreementReport:
    """`Library.agreement`: the labels, the pairs, the speakers and the articles, most
    disagreeing first, over the articles every one of `annotators` coded."""

    annotators: tuple[str, ...]
    kinds: tuple[str, ...]
    article_ids: tuple[int, ...]
    labels: list[LabelAgreement] = field(default_factory=list)
    pairs: list[PairAgreement] = field(default_factory=list)
    speakers: list[SpeakerAgreement] = field(default_factory=list)
    articles: list[ArticleAgreement] = field(default_factory=list)
    tokens: int = 0

    @property
    def kappa_name(self) -> str:
        return "Cohen's κ" if len(self.annotators) == 2 else "Fleiss' κ"

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kappa"] = "cohen" if len(self.annotators) == 2 else "fleiss"
        for row, article in zip(out["articles"], self.articles, strict=True):
            row["disagreement"] = article.disagreement
        return out
