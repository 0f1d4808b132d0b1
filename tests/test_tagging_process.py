"""A long article's model mentions found in the second process are exactly those found
here; a worker that dies leaves suggesting working, in this process (texts written here)."""

from __future__ import annotations

import os
import signal

import pytest

from reader.text import tagging
from reader.text.entities import suggest, suggest_with_tokens
from reader.text.tokens import tokenize

PARAGRAPHS = [
    "Menteri Luar Negeri Rusia Sergey Lavrov menyampaikan di Jakarta, Indonesia, bahwa "
    "Kementerian Luar Negeri-nya siap. “Kita bergerak maju,” kata Lavrov kepada wartawan "
    "di Kuala Lumpur pada Kamis. Presiden Joe Biden dan Duta Besar Lynne Tracy bertemu di "
    "New York, sementara juru bicara Maria Zakharova mengatakan bahwa pembicaraan di "
    "Istanbul akan cepat dan efektif.",
    "Dewan Perwakilan Rakyat menggelar rapat dengan Badan Pusat Statistik di Gedung Nusantara "
    "pada 27 Februari 2025. Ketua Komisi XI Misbakhun menegaskan bahwa data harus terbuka, "
    "dan Sri Mulyani dari Kementerian Keuangan menambahkan bahwa anggaran tidak akan berubah.",
]


def _long_text(n: int) -> str:
    parts, i = [], 0
    while sum(map(len, parts)) < n:
        # Each copy a little different: the worker must not be answering from a cache.
        parts.append(PARAGRAPHS[i % 2].replace("Kamis", f"Kamis ke-{i}"))
        i += 1
    return "\n\n".join(parts)


@pytest.fixture
def fresh_worker(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the worker is for two cores or more
    monkeypatch.delenv("READER_TAGGING_PROCESS", raising=False)
    tagging.shutdown()
    tagging.use_worker(True)
    yield
    tagging.use_worker(False)
    tagging.shutdown()


def _in_this_process(monkeypatch: pytest.MonkeyPatch, text: str) -> list:
    """The suggestions with all tagging here (the reference the worker must match)."""
    monkeypatch.setenv("READER_TAGGING_PROCESS", "0")
    found = suggest(text)
    monkeypatch.delenv("READER_TAGGING_PROCESS")
    return found


def test_the_worker_finds_what_this_process_finds(
    fresh_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(tagging.MIN_CHARS + 5_000)
    here = _in_this_process(monkeypatch, text)
    assert tagging.wait_ready(120), "the worker did not start"
    before = tagging.counts["worker"]
    found, tokens = suggest_with_tokens(text)
    assert tagging.counts["worker"] == before + 1
    assert found == here
    assert len([c for c in found if c.source == "model"]) > 20
    assert tokens == tokenize(text)


def test_a_short_text_is_tagged_here(fresh_worker: None) -> None:
    assert tagging.wait_ready(120)
    before = dict(tagging.counts)
    suggest(_long_text(2_000))
    assert tagging.counts["worker"] == before["worker"]
    assert tagging.counts["here"] == before["here"] + 1


def test_a_worker_that_dies_leaves_suggesting_here(
    fresh_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(tagging.MIN_CHARS + 1_000)
    here = _in_this_process(monkeypatch, text)
    assert tagging.wait_ready(120)
    pid = tagging.worker_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert suggest(text) == here  # the broken worker is noticed, the text tagged here
    assert suggest(text) == here
    assert tagging.worker_pid() is None


def test_the_worker_is_off_on_one_core_and_when_asked(
    fresh_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    tagging.use_worker(False)
    assert not tagging.enabled()  # the command line's default
    monkeypatch.setenv("READER_TAGGING_PROCESS", "1")
    assert tagging.enabled()
    monkeypatch.delenv("READER_TAGGING_PROCESS")
    tagging.use_worker(True)
    assert tagging.enabled()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not tagging.enabled()
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("READER_TAGGING_PROCESS", "0")
    assert not tagging.enabled()
    before = tagging.counts["worker"]
    suggest(_long_text(tagging.MIN_CHARS + 10))
    assert tagging.counts["worker"] == before
    assert tagging.worker_pid() is None  # never started


def test_an_error_while_the_worker_tags_leaves_the_next_answer_right(
    fresh_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules fail on one article while the worker tags it: the next article gets its
    own mentions, not the failed one's."""
    from reader.text import names

    first, second = _long_text(tagging.MIN_CHARS + 10), _long_text(tagging.MIN_CHARS + 3_000)
    second = second.replace("Lavrov", "Blinken")
    want = _in_this_process(monkeypatch, second)
    assert tagging.wait_ready(120)
    real = names._patterns

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(names, "_patterns", broken)
    with pytest.raises(RuntimeError):
        suggest(first)
    monkeypatch.setattr(names, "_patterns", real)
    before = tagging.counts["worker"]
    assert suggest(second) == want
    assert tagging.counts["worker"] == before + 1
