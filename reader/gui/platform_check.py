"""A clear message instead of Qt's abort when no window can be opened."""

from __future__ import annotations

import ctypes.util
import os
import sys

from reader.errors import ReaderError

XCB_HINT = (
    "Qt needs the X11 libraries; on Debian/Ubuntu: sudo apt-get install libxcb-cursor0 "
    "libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 "
    "libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0"
)


def check_platform(environ: dict[str, str] | None = None) -> None:
    """Raise ReaderError (one line) when Qt would fail to open a window on Linux.

    Qt aborts the process when its platform plugin cannot load, so the checks it
    would fail are made first: a display to talk to, and the xcb-cursor library.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        raise ReaderError(
            "no display to open the window on (DISPLAY is not set); run Reader from a "
            "desktop session, or under a virtual display (xvfb-run reader)"
        )
    if not env.get("WAYLAND_DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        raise ReaderError("the window cannot start: libxcb-cursor is missing. " + XCB_HINT)
