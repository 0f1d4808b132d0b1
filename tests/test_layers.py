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


GUI_MAY_IMPORT = {
    "reader.library",
    "reader.model",
    "reader.errors",
    "reader.text.blocks",
    "reader.agreement.model",  # the value types `Library.agreement` returns
}


def test_the_gui_uses_only_the_facade_and_its_value_types():
    for rel, names in _modules():
        if rel.startswith("gui/"):
            core = {n for n in names if n.startswith("reader.") and not n.startswith("reader.gui")}
            assert core <= GUI_MAY_IMPORT, (rel, sorted(core - GUI_MAY_IMPORT))


def test_only_app_imports_the_main_window():
    for rel, names in _modules():
        if rel.startswith("gui/") and rel not in ("gui/app.py", "gui/main_window.py"):
            assert "reader.gui.main_window" not in names, rel


def test_the_gui_builds_no_changes():
    """What changed is announced by the library; the GUI only listens."""
    for path in (PKG / "gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                assert name != "Changes", f"{path.name}:{node.lineno} builds Changes"


def test_no_attribute_ignores_in_the_source():
    """Services are typed and composed: nothing needs `type: ignore[attr-defined]`."""
    for path in PKG.rglob("*.py"):
        assert "type: ignore[attr-defined]" not in path.read_text(encoding="utf-8"), path
