"""Files in the repository's `resources/` folder: the icon and the sample articles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def resources_dir() -> Path:
    return RESOURCES


def samples_dir() -> Path:
    return RESOURCES / "samples"


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("reader.svg", "reader.png"):
        path = RESOURCES / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def sample_files() -> list[Path]:
    """The sample articles (every file in samples/ except its README)."""
    folder = samples_dir()
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.name.lower() != "readme.md"
        and p.suffix.lower() in (".txt", ".md", ".html")
    )
