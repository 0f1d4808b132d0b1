"""Large batches are parsed in worker processes; results are stored in file order."""

from __future__ import annotations

import reader.importing


def test_parallel_batch_same_as_serial(tmp_path, lib, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02}.txt").write_text(
            f"Februari {i + 1}, 2025\n\nTitle {i}\n\nBy Daring\n\n(Wire) – Body of article {i}.\n",
            encoding="utf-8",
        )
    (folder / "bad.txt").write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(reader.importing, "PARALLEL_FROM", 5)
    seen = []
    summary = lib.import_paths([folder], progress=lambda d, t, o: seen.append((d, t, o.path)))
    assert summary.line() == "imported 12, duplicates 0, failed 1"
    assert [p for _, _, p in seen] == sorted(str(p) for p in folder.iterdir())
    assert [d for d, _, _ in seen] == list(range(1, 14))
    failed = [o for o in summary.outcomes if o.status == "failed"]
    assert failed[0].reason == "not a text article: this is a PDF document"
    titles = {s.title: s.published for s in lib.list_articles(limit=50)}
    assert titles["Title 0"] == "2025-02-01" and titles["Title 11"] == "2025-02-12"


def test_parallel_batch_can_be_cancelled(tmp_path, lib, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(20):
        (folder / f"a{i:02}.txt").write_text(f"Title {i}\n\nBody {i}.\n", encoding="utf-8")
    monkeypatch.setattr(reader.importing, "PARALLEL_FROM", 5)
    done = []
    summary = lib.import_paths(
        [folder], progress=lambda d, t, o: done.append(d), cancelled=lambda: len(done) >= 3
    )
    assert summary.imported == 3 and lib.count_articles() == 3
