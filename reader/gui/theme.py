"""Light and dark palettes on the Fusion style; "system" follows the desktop's scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole

LIGHT = {
    Role.Window: "#f3f3f2",
    Role.WindowText: "#1d1d1f",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f5f4",
    Role.Text: "#1d1d1f",
    Role.PlaceholderText: "#6b6b70",
    Role.Button: "#ececeb",
    Role.ButtonText: "#1d1d1f",
    Role.Highlight: "#2f6fdb",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1f5fbf",
    Role.ToolTipBase: "#ffffe8",
    Role.ToolTipText: "#1d1d1f",
    Role.Mid: "#c8c8c6",
}
DARK = {
    Role.Window: "#232427",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1b1c1e",
    Role.AlternateBase: "#26272a",
    Role.Text: "#e3e3e3",
    Role.PlaceholderText: "#9a9aa0",
    Role.Button: "#2e2f33",
    Role.ButtonText: "#e6e6e6",
    Role.Highlight: "#2d6bd4",  # white text on it at 5:1 (WCAG AA), as in the light theme
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7fb0ff",
    Role.ToolTipBase: "#2e2f33",
    Role.ToolTipText: "#e6e6e6",
    Role.Mid: "#45464b",
}


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(theme: str) -> QPalette:
    """The palette of `theme` ("light", "dark", or "system")."""
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    palette = QPalette()
    for role, color in (DARK if dark else LIGHT).items():
        palette.setColor(role, QColor(color))
    disabled = QColor(DARK[Role.PlaceholderText] if dark else LIGHT[Role.PlaceholderText])
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
