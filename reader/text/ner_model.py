"""The statistical entity recogniser: a CRF (CRFsuite) over the features of ner_features.

Two models ship in the package (reader/text/data/ner-*.crfsuite, see the README for their
training data and licences): Indonesian and English, chosen per text by its commonest
function words. A library's own model (reader/learning.py) is the same kind of file,
trained on the marks its users made. `spans(text, model)` turns the tags into entity
candidates with a confidence: the lowest marginal probability of the span's tags.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from reader.model import EntityCandidate
from reader.text.ner_features import KnownFeatures, sentence_features, words_of

# Reader's labels for the tags of the training sets (CoNLL-style PER/LOC/ORG/MISC).
LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORG", "MISC": "MISC", "EVE": "EVENT"}
LANGUAGES = ("id", "en")
_FUNCTION = {
    "id": frozenset(
        [
            "yang",
            "dan",
            "di",
            "ke",
            "dari",
            "ini",
            "itu",
            "dengan",
            "untuk",
            "tidak",
            "dalam",
            "akan",
            "pada",
            "juga",
            "bersama",
            "oleh",
            "sebagai",
            "karena",
            "bahwa",
            "adalah",
            "telah",
            "sudah",
            "tersebut",
            "para",
            "saat",
            "kata",
            "ujar",
            "menurut",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "are",
            "was",
            "were",
            "that",
            "for",
            "on",
            "with",
            "as",
            "by",
            "at",
            "from",
            "said",
            "a",
            "an",
            "has",
            "have",
            "be",
            "this",
            "it",
            "its",
            "but",
            "not",
            "who",
            "which",
        ]
    ),
}
# Languages without a model: their function words keep a text from passing for English.
_OTHERS = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "mit",
        "sich",
        "ist",
        "nicht",
        "ein",
        "eine",
        "dem",
        "den",
        "zu",
        "auf",
        "für",
        "von",
        "le",
        "la",
        "les",
        "et",
        "des",
        "du",
        "est",
        "dans",
        "pour",
        "une",
        "sur",
        "pas",
        "qui",
        "el",
        "los",
        "las",
        "y",
        "del",
        "que",
        "en",
        "por",
        "con",
        "una",
        "es",
        "se",
        "para",
        "il",
        "di",
        "che",
        "della",
        "per",
        "non",
        "sono",
    ]
)
_WORDS = re.compile(r"[a-zäöüßéèêàçñ]+")


class NerModel:
    """A trained CRF, from a file or bytes, opened for tagging (one tagger per thread)."""

    def __init__(self, path: str | Path | None = None, data: bytes | None = None) -> None:
        if data is None and path is not None:
            data = Path(path).read_bytes()  # held in memory: the file may go away
        if not data:
            raise ValueError("a model needs a file or its bytes")
        self.data = data
        self.shipped_as: str | None = None  # the language of a shipped model
        self._local = threading.local()
        self._lock = threading.Lock()
        self._known: KnownFeatures | None = None
        self.labels = sorted({_label(t) for t in self._tagger().labels() if t != "O"})

    def _tagger(self):  # noqa: ANN202 - pycrfsuite.Tagger
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.data)
            self._local.tagger = tagger
        return tagger

    def known(self) -> KnownFeatures:
        """The attributes the model has weights for (read once from its dump: ~0.1 s)."""
        with self._lock:
            if self._known is None:
                attrs = frozenset(a for a, _ in self._tagger().info().state_features)
                self._known = KnownFeatures(attrs)
            return self._known

    def tag(self, words: list[str]) -> list[tuple[str, float]]:
        """Each word's tag (`B-PERSON`, `O`…) and its marginal probability (1.0 for `O`:
        only mentions need a confidence, and asking CRFsuite costs time)."""
        if not words:
            return []
        tagger = self._tagger()
        tags = tagger.tag(sentence_features(words, self._known or self.known()))
        return [(t, tagger.marginal(t, i) if t != "O" else 1.0) for i, t in enumerate(tags)]


def _label(tag: str) -> str:
    return tag.split("-", 1)[1] if "-" in tag else tag


def detect_language(text: str, sample: int = 20_000) -> str | None:
    """`id` or `en` when the text's function words say so, else None (rules only)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    others = 0
    for w in _WORDS.findall(text[:sample].casefold()):
        others += w in _OTHERS
        for lang, fw in _FUNCTION.items():
            if w in fw:
                counts[lang] += 1
    lang = max(counts, key=counts.__getitem__)
    total = sum(counts.values()) + others
    return lang if total >= 1 and counts[lang] >= 0.6 * total else None


@lru_cache(maxsize=4)
def shipped_model(lang: str) -> NerModel | None:
    """The model shipped for a language, or None when there is none."""
    res = files("reader.text").joinpath(f"data/ner-{lang}.crfsuite")
    if not res.is_file():
        return None
    model = NerModel(data=res.read_bytes())
    model.shipped_as = lang
    return model


def spans(text: str, model: NerModel, source: str = "model") -> list[EntityCandidate]:
    """The entity mentions the model tags in `text`, with offsets and a confidence."""
    out: list[EntityCandidate] = []
    tagger = model._tagger()
    known = model._known or model.known()
    for sent in words_of(text):
        tags = tagger.tag(sentence_features([w for _, _, w in sent], known))
        n = len(tags)
        # Only the tagged words are looked at (most are `O`), and only they get a marginal.
        for i in [k for k, t in enumerate(tags) if t != "O"]:
            tag = tags[i]
            if tag[:2] == "I-" and i and tags[i - 1] != "O" and _label(tags[i - 1]) == tag[2:]:
                continue  # inside the mention opened before
            label = _label(tag)
            inside = f"I-{label}"
            j, conf = i + 1, tagger.marginal(tag, i)
            while j < n and tags[j] == inside:
                conf = min(conf, tagger.marginal(inside, j))
                j += 1
            s, e = sent[i][0], sent[j - 1][1]
            s, e = _trim(text, s, e)
            if e > s:
                out.append(EntityCandidate(text[s:e], s, e, label, source, confidence=conf))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """No punctuation or possessive at the edges of a mention (`Lavrov's`, `"NATO`)."""
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
        e -= 1
    if text[s:e].endswith(("'s", "’s")) and e - s > 3:
        e -= 2
    return s, e
