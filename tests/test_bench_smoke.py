"""The benchmark runs end to end on tiny data so that it cannot rot (figures not judged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from reader.statistics import STATISTICS

from .conftest import ROOT

ROWS = (
    "import",
    "search (Library.search",
    "list search",
    "annotate",
    "window start",
    "window peak RSS",
    "open a 1,000-word article, 200 marks",
    "export 2,000 annotations",
    "export peak RSS",
    "startup: reader --version",
    "startup: reader list",
    *(f"statistic: {name}" for name in STATISTICS),
)


def test_bench_smoke_writes_every_row(tmp_path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--smoke", "--json", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["articles"] == 200
    assert data["annotations"] == 2000
    names = [r["name"] for r in data["rows"]]
    assert len(names) == len(ROWS)
    for prefix, name in zip(ROWS, names, strict=True):
        assert name.startswith(prefix), (prefix, name)
    for row in data["rows"]:
        assert row["reader"] > 0 and row["baseline"] > 0, row
        assert row["ratio"] == row["reader"] / row["baseline"]
        assert isinstance(row["passed"], bool)
    assert proc.stdout.count("\n") >= len(ROWS) + 2  # the table: header, rule, one line a row


def test_bench_curve_prints_each_row_at_each_size(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--curve", "--smoke"]
    cmd += ["--sizes", "60,120", "--keep", str(tmp_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("measure"))
    assert lines[head].split()[1:3] == ["60", "120"]
    rows = lines[head + 2 :]
    # Each curve section's rows, sizes in their names normalised ("N articles").
    assert any(r.startswith("import (N files") for r in rows), rows
    assert any(r.startswith("open a N-word article, N marks") for r in rows), rows
    assert any(r.startswith("statistic: cooccurrence") for r in rows), rows
    for r in rows:
        assert r.rstrip().endswith("×"), r  # a growth figure for every row
    for n in (60, 120):
        data = json.loads((tmp_path / str(n) / "rows.json").read_text())
        assert data["articles"] == n


def test_a_broken_section_is_a_missed_row_and_the_others_run():
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench

    def broken():
        raise SystemExit("the window child failed: QThread destroyed")

    rows = bench.run_section("window", broken)
    assert [(r.name, r.passed, r.note) for r in rows] == [
        ("window: did not run", False, "the window child failed: QThread destroyed")
    ]
