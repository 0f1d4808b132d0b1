"""The library's own entity model: a CRF trained on the marks its users made or accepted.

Suggestions then follow the researcher's labels and codebook, labels Reader does not
ship included. Training starts when the marks changed since the model was trained; the
marks and texts are read in the caller's thread (the library's connection stays there),
the CRF is trained in a background thread within a time budget, and the model is saved
into the library (table `models`) by the next call from the library's thread. Training
starts from scratch each time, on the newest `MAX_MARKS` marks: CRFsuite has no
incremental training, and 5,000 marks train in seconds.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text.ner_model import NerModel
from reader.text.ner_train import Sentence, marked_sentences, train

if TYPE_CHECKING:
    from reader.store import Store

NAME = "entities"
MIN_MARKS = 20  # fewer marks teach a CRF nothing useful
MAX_MARKS = 5_000
MAX_SECONDS = 30.0


Marked = list[tuple[str, list[tuple[int, int, str]]]]  # article texts and their marks


def collect(store: Store, limit: int = MAX_MARKS) -> tuple[Marked, list[str], int]:
    """The texts with the newest `limit` entity marks, the marks' labels and count (only
    reads: the tagging and training are for the background)."""
    by_article: dict[int, list[tuple[int, int, str]]] = {}
    marks = store.models.training_marks(limit)
    for article_id, start, end, label in marks:
        by_article.setdefault(article_id, []).append((start, end, label))
    texts: Marked = []
    for article_id, spans in sorted(by_article.items()):
        row = store.articles.get(article_id)
        if row is not None:
            texts.append((row["text"], _outermost(spans)))
    labels = sorted({m[3] for m in marks})
    return texts, labels, len(marks)


def sentences_of(texts: Marked) -> list[Sentence]:
    return [s for text, spans in texts for s in marked_sentences(text, spans)]


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Nested or overlapping marks cannot both be tags: the longer one stays."""
    out: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda m: (m[0] - m[1], m[0])):
        if all(s[1] <= o[0] or s[0] >= o[1] for o in out):
            out.append(s)
    return sorted(out)


def train_bytes(sentences: list[Sentence], max_seconds: float = MAX_SECONDS) -> bytes:
    """A CRF trained on `sentences`, as the bytes of its model file."""
    with tempfile.TemporaryDirectory(prefix="reader-model-") as tmp:
        path = Path(tmp) / "model.crfsuite"
        train(sentences, path, max_iterations=100, max_seconds=max_seconds)
        return path.read_bytes()


class Learner:
    """One library's model: loaded from the library, retrained when its marks change."""

    def __init__(self, store: Store, min_marks: int = MIN_MARKS) -> None:
        self._store = store
        self.min_marks = min_marks
        self._model: NerModel | None = None
        self._loaded = False
        self._thread: threading.Thread | None = None
        self._done: tuple[bytes, str, list[str], int] | None = None
        self._lock = threading.Lock()
        self.last_error: str | None = None

    def model(self) -> NerModel | None:
        """The current model (None before the first training); saves a finished one."""
        self._save_finished()
        if not self._loaded:
            self._loaded = True
            row = self._store.models.get(NAME)
            if row is not None:
                self._model = NerModel(data=row["data"])
        return self._model

    def info(self) -> dict | None:
        """Labels, mark count and time of the stored model."""
        self._save_finished()
        row = self._store.models.get(NAME)
        if row is None:
            return None
        return {k: row[k] for k in ("labels", "marks", "trained", "fingerprint")}

    @property
    def training(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stale(self) -> bool:
        """The marks changed since the stored model was trained (and there are enough)."""
        self._save_finished()
        fp = self._store.models.fingerprint()
        if int(fp.split(":", 1)[0]) < self.min_marks:
            return False
        return self._store.models.trained_on(NAME) != fp

    def learn(self, background: bool = True, max_seconds: float = MAX_SECONDS) -> bool:
        """Train when the marks changed; False when nothing needed doing (or a training
        is under way). In the background the model is saved on a later call."""
        if self._store.readonly or self.training or not self.stale():
            return False
        fp = self._store.models.fingerprint()
        texts, labels, n = collect(self._store)
        if not texts:
            return False

        def work() -> None:
            try:
                data = train_bytes(sentences_of(texts), max_seconds)
            except Exception as e:  # noqa: BLE001 - a failed training only loses the update
                self.last_error = str(e)
                return
            with self._lock:
                self._done = (data, fp, labels, n)

        if background:
            self._thread = threading.Thread(target=work, name="reader-learn", daemon=True)
            self._thread.start()
        else:
            work()
            self._save_finished()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background training and save its model."""
        if self._thread is not None:
            self._thread.join(timeout)
        self._save_finished()

    def _save_finished(self) -> None:
        with self._lock:
            done, self._done = self._done, None
        if done is None:
            return
        data, fp, labels, n = done
        self._store.models.put(NAME, data, fp, labels, n)
        self._model = NerModel(data=data)
        self._loaded = True
