"""The README's tested examples (blocks after `<!-- tested example: NAME -->`) run as
written: each `reader …` line, and the `# …` line after it is what it prints last."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.library import Library

from .export_data import add_articles
from .test_refi_qda import build

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"<!-- tested example: (\S+) [^\n]*-->\n```sh\n(.*?)```", re.S)


def examples() -> dict[str, list[tuple[str, str | None]]]:
    out = {}
    for name, body in BLOCK.findall(README.read_text(encoding="utf-8")):
        steps: list[tuple[str, str | None]] = []
        for line in body.splitlines():
            if line.startswith("reader "):
                steps.append((line.split("   #")[0].strip(), None))
            elif line.startswith("# ") and steps:
                steps[-1] = (steps[-1][0], line[2:])
        out[name] = steps
    return out


def test_readme_has_the_examples():
    assert sorted(examples()) == ["attributes", "refi-qda", "w3c"]


@pytest.mark.parametrize("name", ["w3c", "refi-qda"])
def test_readme_example_runs_as_written(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Library(tmp_path / "library.db", annotator="ana") as lib:
        build(lib)
    with Library(tmp_path / "colleague.db") as colleague:
        add_articles(colleague)  # the same articles, no marks
    runner = CliRunner()
    env = {"READER_DB": str(tmp_path / "library.db")}
    for command, expected in examples()[name]:
        r = runner.invoke(cli, shlex.split(command)[1:], env=env)
        assert r.exit_code == 0, (command, r.output)
        if expected is not None:
            assert r.output.splitlines()[-1] == expected, command
