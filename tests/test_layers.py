"""The architecture's one-way dependencies, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "reader"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules():
    for path in PKG.rglob("*.py"):
        yield path.relative_to(PKG).as_posix(), _imports(path)


def test_only_gui_imports_qt():
    for rel, names in _modules():
        if not rel.startswith("gui/"):
            assert not any(n.startswith("PySide6") for n in names), rel


def test_only_store_touches_sql():
    for rel, names in _modules():
        if not rel.startswith("store/"):
            assert not names & {"sqlite3", "sqlite_utils"}, rel


def test_only_cli_uses_click():
    for rel, names in _modules():
        if not rel.startswith("cli/"):
            assert "click" not in names, rel


def test_core_does_not_import_front_ends():
    for rel, names in _modules():
        if not rel.startswith(("gui/", "cli")) and rel != "__main__.py":
            assert not any(n.startswith(("reader.gui", "reader.cli")) for n in names), rel
