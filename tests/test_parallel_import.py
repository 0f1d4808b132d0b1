"""Large batches are parsed in worker processes; results are stored in file order."""

from __future__ import annotations

import reader.importing
from reader.errors import ImportFailed, disk_full
from reader.model import Scope


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


def _folder(tmp_path, n):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(f"Title {i}\n\nBody {i}.\n", encoding="utf-8")
    return folder


def test_a_batch_is_one_transaction_and_a_bad_article_is_rolled_back_alone(
    tmp_path, lib, monkeypatch
):
    folder = _folder(tmp_path, 12)
    monkeypatch.setattr(reader.importing, "PARALLEL_FROM", 5)
    monkeypatch.setattr(reader.importing, "BATCH_SECONDS", 600.0)
    store = lib._store
    commits = []
    real_commit, real_insert = store.commit, store.articles.insert
    monkeypatch.setattr(store, "commit", lambda: commits.append(1) or real_commit())

    def insert(row):
        article_id = real_insert(row)  # stored, then refused: the savepoint takes it back
        if row["title"] == "Title 5":
            raise ImportFailed("refused")
        return article_id

    monkeypatch.setattr(store.articles, "insert", insert)
    announced = []
    lib.subscribe(announced.append)
    summary = lib.import_paths([folder])
    assert summary.line() == "imported 11, duplicates 0, failed 1"
    assert [o.reason for o in summary.outcomes if o.status == "failed"] == ["refused"]
    assert commits == [1] and len(announced) == 1  # the 11 articles in one commit
    titles = sorted(s.title for s in lib.list_articles(limit=50))
    assert titles == sorted(f"Title {i}" for i in range(12) if i != 5)
    assert lib.count_articles(Scope(query="Title")) == 11
    assert lib.count_articles(Scope(query="Body 5")) == 0 and lib.count_articles() == 11


def test_a_batch_that_cannot_be_committed_takes_its_articles_back(tmp_path, lib, monkeypatch):
    folder = _folder(tmp_path, 12)
    (folder / "a00.txt").write_text("Title 1\n\nBody 1.\n", encoding="utf-8")  # a duplicate
    monkeypatch.setattr(reader.importing, "PARALLEL_FROM", 5)
    monkeypatch.setattr(reader.importing, "BATCH_SECONDS", 600.0)
    full = disk_full(lib.path, "this change was not stored")

    def commit():  # as Store.commit does when COMMIT fails
        lib._store.rollback()
        raise full

    monkeypatch.setattr(lib._store, "commit", commit)
    told = []
    summary = lib.import_paths([folder], progress=lambda d, t, o: told.append((o.path, o.status)))
    assert summary.line() == "imported 0, duplicates 0, failed 12, not tried 0"
    assert {o.reason for o in summary.outcomes} == {str(full)}
    assert summary.stopped == str(full) and summary.not_tried == 0
    # Told once as stored (or a duplicate of a stored one), then again as failed.
    assert [s for _, s in told] == ["imported"] + ["duplicate"] + ["imported"] * 10 + [
        "failed"
    ] * 12
    assert lib.count_articles() == 0
