"""The parse workers start warm: forked from a server that loaded the parsers' models."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import reader.importing
from reader.importers.workers import pool_context, stop_pool_server


def _state() -> tuple[int, int, bool]:
    """py3langid's model, dateparser's parsers and whether the HTML extractors are in."""
    from reader.importers.meta import _classify, _date_parser

    dates = _date_parser.cache_info().currsize
    return _classify.cache_info().currsize, dates, "trafilatura" in sys.modules


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)
def test_a_worker_has_the_models_before_its_first_file(monkeypatch):
    monkeypatch.delenv("READER_IMPORT_FORKSERVER", raising=False)
    context = pool_context()
    assert context.get_start_method() == "forkserver"
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(_state).result(timeout=60) == (1, 4, False)
    stop_pool_server(context)


def test_without_the_server_a_worker_starts_cold(monkeypatch):
    monkeypatch.setenv("READER_IMPORT_FORKSERVER", "0")
    context = pool_context()
    assert context.get_start_method() == "spawn"
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(_state).result(timeout=60) == (0, 0, False)
    stop_pool_server(context)  # a no-op without the server


def _children() -> list[str]:
    """The command lines of this process's children (Linux /proc)."""
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                    found.append((entry / "cmdline").read_bytes().decode(errors="replace"))
            except OSError:
                continue
    return found


@pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or "forkserver" not in multiprocessing.get_all_start_methods(),
    reason="reads Linux /proc; no fork server here",
)
def test_the_server_is_gone_after_an_import(tmp_path, lib, monkeypatch):
    monkeypatch.delenv("READER_IMPORT_FORKSERVER", raising=False)
    monkeypatch.setattr(reader.importing, "PARALLEL_FROM", 5)
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no workers")
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(8):
        (folder / f"a{i}.txt").write_text(f"Title {i}\n\nBody of article {i}.\n", "utf-8")
    assert lib.import_paths([folder]).line() == "imported 8, duplicates 0, failed 0"
    assert not [c for c in _children() if "forkserver" in c]


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)
def test_an_import_ending_leaves_another_imports_workers_running(monkeypatch):
    monkeypatch.delenv("READER_IMPORT_FORKSERVER", raising=False)
    first, second = pool_context(), pool_context()
    with ProcessPoolExecutor(1, mp_context=second) as pool:
        assert pool.submit(os.getpid).result(timeout=60) > 0
        # The first import ends while the second one parses: it must not wait for it.
        ending = threading.Thread(target=stop_pool_server, args=(first,))
        ending.start()
        ending.join(timeout=20)
        assert not ending.is_alive()
        assert pool.submit(os.getpid).result(timeout=60) > 0
    stop_pool_server(second)
    assert not [c for c in _children() if "forkserver" in c]
