"""Starting the application: fast CLI, clear messages when no window can open."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.errors import ReaderError
from reader.gui.app import make_app
from reader.gui.platform_check import check_platform

from ..conftest import ROOT


def test_version_does_not_load_qt():
    code = (
        "import sys\n"
        "from reader.cli import cli\n"
        "try:\n    cli(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display checks")
def test_no_display_is_one_clear_line():
    with pytest.raises(ReaderError, match="no display to open the window on"):
        check_platform({})
    check_platform({"QT_QPA_PLATFORM": "offscreen"})  # an explicit platform is trusted
    check_platform({"WAYLAND_DISPLAY": "wayland-0"})


def test_app_is_named_and_has_an_icon(qapp):
    app = make_app()
    assert app is qapp
    assert app.organizationName() == "reader" and app.applicationName() == "reader"
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == "reader"


def test_desktop_file_and_icons_exist():
    desktop = (ROOT / "resources" / "reader.desktop").read_text(encoding="utf-8")
    assert "Exec=reader" in desktop and "Icon=reader" in desktop
    assert (ROOT / "resources" / "reader.svg").read_text().startswith("<svg")
    assert (ROOT / "resources" / "reader.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
