from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reader.cli import cli

from .conftest import ROOT


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)], env=env)

    return invoke


def test_import_export_jsonl_exact(run, seed_path):
    r = run("import", seed_path)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "imported 1, duplicates 0, failed 0"
    r = run("export", "articles", "--format", "jsonl")
    assert r.exit_code == 0
    (line,) = r.output.splitlines()
    row = json.loads(line)
    assert list(row) == [
        "id",
        "title",
        "subtitle",
        "author",
        "source",
        "published",
        "published_date",
        "language",
        "url",
        "sections",
        "text",
        "markdown",
        "word_count",
        "content_hash",
        "imported_at",
    ]
    assert {k: row[k] for k in ("title", "author", "source", "published", "language")} == {
        "title": "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS",
        "author": "Daring",
        "source": "SeaPRwire",
        "published": "2025-02-27",
        "language": "id",
    }
    assert row["subtitle"].startswith("Pertemuan tingkat tinggi akan diadakan di Istanbul")
    assert row["sections"] == ["Top Story", "Daily News"]
    assert row["text"].startswith("Diplomat tingkat tinggi")
    assert len(row["content_hash"]) == 64


def test_reimport_reports_duplicate(run, seed_path):
    run("import", seed_path)
    r = run("import", seed_path)
    assert r.exit_code == 0
    assert r.output.splitlines()[-1] == "imported 0, duplicates 1, failed 0"
    r = run("list", "--json")
    assert len(r.output.splitlines()) == 1


def test_bad_files_reported_and_batch_goes_on(run, tmp_path, seed_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "c-good.txt").write_text("Good title\n\nGood body text.\n")
    (folder / "d-pdf.md").write_bytes(b"%PDF-1.4 rest")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "e.txt").write_text("Nested\n\nNested body.\n")
    r = run("import", folder, "--recursive")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert f"{folder / 'a-empty.txt'}: empty file" in lines
    assert any(line.startswith(f"{folder / 'b-binary.txt'}: not a text file") for line in lines)
    assert any(line.startswith(f"{folder / 'd-pdf.md'}: not a text article") for line in lines)
    assert lines[-1] == "imported 2, duplicates 0, failed 3"
    assert "Traceback" not in r.output


def test_folder_without_recursive_skips_subfolders(run, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "top.txt").write_text("Top\n\nbody\n")
    (tmp_path / "x" / "sub").mkdir()
    (tmp_path / "x" / "sub" / "deep.txt").write_text("Deep\n\nbody\n")
    r = run("import", tmp_path / "x")
    assert r.output.splitlines()[-1] == "imported 1, duplicates 0, failed 0"


def test_export_csv_to_file(run, seed_path, tmp_path):
    run("import", seed_path)
    out = tmp_path / "articles.csv"
    r = run("export", "articles", "--format", "csv", "-o", out)
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1
    assert rows[0]["sections"] == '["Top Story", "Daily News"]'
    assert rows[0]["text"].count("\n\n") == 6
    assert not list(tmp_path.glob(".articles.csv.*"))


def test_show_search_list(run, seed_path):
    run("import", seed_path)
    r = run("show", "1")
    assert r.exit_code == 0
    assert r.output.startswith("Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS\n")
    assert "author: Daring" in r.output
    r = run("search", "Zakharova")
    assert r.exit_code == 0 and "[Zakharova]" in r.output
    r = run("search", 'NEAR("')
    assert r.exit_code == 0
    r = run("list")
    assert "(2025-02-27 · SeaPRwire · id)" in r.output


def test_unknown_article_is_one_line(run):
    r = run("show", "42")
    assert r.exit_code == 1
    assert r.output == "Error: no article with id 42\n"


def test_foreign_db_is_one_line(tmp_path):
    p = tmp_path / "x.db"
    p.write_text("hello")
    r = CliRunner().invoke(cli, ["--db", str(p), "list"])
    assert r.exit_code == 1
    assert len(r.output.splitlines()) == 1 and r.output.startswith("Error: ")


def test_reader_db_environment(tmp_path, seed_path):
    target = tmp_path / "env.db"
    r = CliRunner().invoke(cli, ["import", str(seed_path)], env={"READER_DB": str(target)})
    assert r.exit_code == 0 and target.exists()


def test_default_location_is_user_data_dir(seed_path, tmp_path, monkeypatch):
    from reader.paths import default_db_path

    r = CliRunner().invoke(cli, ["import", str(seed_path)])
    assert r.exit_code == 0
    assert default_db_path().exists()
    assert default_db_path().name == "library.db"


def test_no_command_opens_the_window_on_the_chosen_library(run, db_path, monkeypatch):
    import reader.gui.app

    opened = []
    monkeypatch.setattr(reader.gui.app, "run", lambda path: opened.append(path) or 0)
    r = run()
    assert r.exit_code == 0, r.output
    assert opened == [db_path]


def test_python_dash_m_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert out.stdout.strip() == "reader, version 0.1.0"


def test_export_to_a_device_writes_through_it(run, seed_path, tmp_path):
    """Exporting to /dev/null (or a pipe) must never replace the device with a file."""
    import os
    import stat

    run("import", seed_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    r = run("export", "articles", "-o", fifo)
    reader.join(10)
    assert r.exit_code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["title"] == "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS"
    r = run("export", "articles", "-o", os.devnull)
    assert r.exit_code == 0 and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_fault_in_reader_is_one_line_without_unexpected(run, monkeypatch):
    """The last-resort handler: a non-ReaderError still ends in one plain line, exit 1."""
    from reader.library import Library

    def broken(self, *args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(Library, "list_articles", broken)
    monkeypatch.delenv("READER_DEBUG", raising=False)
    r = run("list")
    assert r.exit_code == 1
    assert r.output == "Error: KeyError: 'boom' (a fault in Reader; READER_DEBUG=1 shows details)\n"
