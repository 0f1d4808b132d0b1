"""The model's tagging of a long article in a second process, beside the rest of suggesting.

CRFsuite holds the GIL, so a thread cannot tag while this process tokenizes and applies
the rules; a second process can. On a machine with two cores or more, a text of
`MIN_CHARS` or more has its model mentions found by one worker process (started in the
background by the first long text; until it has loaded the models, texts are tagged
here) while this process does the rest; the mentions are the same as `spans` gives here.

The worker is a plain child process (`python -c …`) spoken to over its standard input
and output, not a multiprocessing pool: it imports no main module (a user's script
without a `__main__` guard is not run twice), nothing waits for it when this process
exits (it ends when its input closes), and it is never forked from a process with Qt
and SQLite threads. Any failure of the worker (killed, no answer within `TIMEOUT`) falls
back to tagging here, for good. The window asks for the worker (`use_worker`); the
command line does not (one article per command). `READER_TAGGING_PROCESS=1` or `0`
overrides both.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from reader.model import EntityCandidate
from reader.text.ner_model import NerModel, shipped_model, spans

MIN_CHARS = 20_000  # about 3,000 words: below this the trip costs more than it saves
TIMEOUT = 20.0  # seconds for one article's answer; a worker slower than that is stopped

Rows = list[tuple[str, int, int, str, float]]
Job = tuple[str | None, bytes | None, str]  # a shipped model's language or a model's bytes
# How many texts were tagged in the worker and here (for the tests and the benchmark).
counts = {"worker": 0, "here": 0}

_lock = threading.Lock()  # one article at a time through the worker
_worker: _Worker | None = None
_broken = False


_wanted = False


def use_worker(wanted: bool = True) -> None:
    """Let long texts be tagged in the worker: for a process that suggests for many
    articles, such as the window (a one-article command would spend more starting it
    than it saves). `READER_TAGGING_PROCESS=1` or `0` decides instead, either way."""
    global _wanted
    _wanted = wanted


def enabled() -> bool:
    env = os.environ.get("READER_TAGGING_PROCESS")
    wanted = _wanted if env is None else env != "0"
    return wanted and os.name == "posix" and (os.cpu_count() or 1) >= 2


def start(text: str, models: Sequence[tuple[NerModel, str]]) -> Pending:
    """Begin finding each model's mentions in `text` (a model with its source name)."""
    pending = Pending(text, models)
    if models and len(text) >= MIN_CHARS and enabled() and _lock.acquire(blocking=False):
        # Another thread's article in the worker: this one is tagged here meanwhile.
        worker = _ready()
        jobs: list[Job] = [(m.shipped_as, None if m.shipped_as else m.data, s) for m, s in models]
        if worker is not None and worker.send((text, jobs)):
            pending.worker = worker
        else:
            _lock.release()
            if worker is not None:
                _give_up()  # it died: tag here from now on
    return pending


class Pending:
    """Mentions being found; `result()` gives them, one list per model, as `spans` would.
    A caller that will not ask for them calls `discard()` (the worker's answer is read
    and dropped, so that the next article's answer is its own)."""

    def __init__(self, text: str, models: Sequence[tuple[NerModel, str]]) -> None:
        self.text, self.models = text, models
        self.worker: _Worker | None = None

    def _answer(self) -> list[Rows] | None:
        worker, self.worker = self.worker, None
        if worker is None:
            return None
        try:
            answer = worker.receive()
        finally:
            _lock.release()
        if answer is None:
            _give_up()
        return answer

    def discard(self) -> None:
        self._answer()

    def result(self) -> list[list[EntityCandidate]]:
        answer = self._answer()
        if answer is not None:
            counts["worker"] += 1
            return [
                [EntityCandidate(t, s, e, label, src, confidence=c) for t, s, e, label, c in rows]
                for rows, (_, src) in zip(answer, self.models, strict=True)
            ]
        counts["here"] += 1
        return [spans(self.text, m, src) for m, src in self.models]


class _Worker:
    """The child process and its two pipes; `ready` once it has loaded the models."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_root, *sys.path])}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from reader.text.tagging import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.ready = threading.Event()
        threading.Thread(target=self._wait_ready, daemon=True, name="tagging-worker").start()

    def _wait_ready(self) -> None:
        if self._read(None) == "ready":
            self.ready.set()
        else:
            _give_up()

    def send(self, message: object) -> bool:
        try:
            _write(self.proc.stdin, message)
            return True
        except (OSError, ValueError, pickle.PicklingError):
            return False

    def receive(self) -> list[Rows] | None:
        answer = self._read(TIMEOUT)
        return answer if isinstance(answer, list) else None

    def _read(self, timeout: float | None) -> object:
        out = self.proc.stdout
        try:
            if timeout is not None and not select.select([out], [], [], timeout)[0]:
                return None
            return _read(out)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError, struct.error):
            return None

    def stop(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        self.proc.kill()
        self.proc.wait()


def _ready() -> _Worker | None:
    """The worker once it has loaded the models; the first call starts it."""
    global _worker
    if _broken:
        return None
    if _worker is None:
        try:
            _worker = _Worker()
        except OSError:
            _give_up()
        return None
    return _worker if _worker.ready.is_set() else None


def _give_up() -> None:
    global _broken, _worker
    _broken = True
    worker, _worker = _worker, None
    if worker is not None:
        worker.stop()


def wait_ready(timeout: float = 60.0) -> bool:
    """Start the worker and wait until it has loaded the models (True), or give up."""
    _ready()
    worker = _worker
    return worker is not None and worker.ready.wait(timeout) and _ready() is not None


def worker_pid() -> int | None:
    """The worker process's id, while there is one."""
    worker = _worker
    return worker.proc.pid if worker is not None else None


def shutdown() -> None:
    """Stop the worker (it is started again by the next long text)."""
    global _worker, _broken
    with _lock:
        worker, _worker = _worker, None
        if worker is not None:
            worker.stop()
        _broken = False


def _write(pipe, message: object) -> None:  # noqa: ANN001 - a binary pipe
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(struct.pack("<Q", len(data)) + data)
    pipe.flush()


def _read(pipe) -> object:  # noqa: ANN001 - a binary pipe
    head = pipe.read(8)
    if len(head) < 8:
        raise EOFError
    (size,) = struct.unpack("<Q", head)
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


# -- in the worker ---------------------------------------------------------------------


def serve() -> None:
    """The worker's loop: load the models, then answer each article until input ends."""
    out = os.fdopen(os.dup(1), "wb")
    sys.stdout = sys.stderr  # a stray print must not break the answers
    for lang in ("id", "en"):
        model = shipped_model(lang)
        if model is not None:
            model.known()
    _write(out, "ready")
    library: dict[bytes, NerModel] = {}
    while True:
        try:
            text, jobs = _read(sys.stdin.buffer)
        except EOFError:
            return
        answer = []
        for lang, data, src in jobs:
            if lang:
                model = shipped_model(lang)
            else:  # a library's model, opened once while it stays the same
                model = library.get(data or b"")
                if model is None:
                    library.clear()
                    model = library[data or b""] = NerModel(data=data)
            found = spans(text, model, src) if model is not None else []
            answer.append([(c.text, c.start, c.end, c.label, c.confidence) for c in found])
        _write(out, answer)
