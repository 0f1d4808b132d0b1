"""Remembered window state, in QSettings (an INI file in the user's config folder).

Created only when the window is, never at import time; tests point QSettings at a
temporary folder with `QSettings.setPath`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "reader"
APPLICATION = "reader"
THEMES = ("system", "light", "dark")


class Settings:
    """Typed access to the few values Reader remembers."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter(self, value: QByteArray) -> None:
        self.q.setValue("window/splitter", value)

    def header(self) -> QByteArray | None:
        return self._bytes("library/header")

    def set_header(self, value: QByteArray) -> None:
        self.q.setValue("library/header", value)

    def sort(self) -> tuple[str, bool] | None:
        """The library list's sort: (column key, descending), None for the default order."""
        key = str(self.q.value("library/sort_column", "") or "")
        if not key:
            return None
        descending = str(self.q.value("library/sort_descending", "false")).lower()
        return key, descending in ("true", "1")

    def set_sort(self, key: str | None, descending: bool) -> None:
        self.q.setValue("library/sort_column", key or "")
        self.q.setValue("library/sort_descending", "true" if descending else "false")

    def font_size(self) -> float | None:
        try:
            value = float(self.q.value("article/font_size", 0) or 0)
        except (TypeError, ValueError):
            return None
        return value if value > 0 else None

    def set_font_size(self, size: float) -> None:
        self.q.setValue("article/font_size", float(size))

    def theme(self) -> str:
        value = str(self.q.value("view/theme", "system"))
        return value if value in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        self.q.setValue("view/theme", theme if theme in THEMES else "system")

    def caret_browsing(self) -> bool:
        """A text cursor in the article view (F7); on unless turned off."""
        return str(self.q.value("view/caret_browsing", "true")).lower() not in ("false", "0")

    def set_caret_browsing(self, on: bool) -> None:
        self.q.setValue("view/caret_browsing", "true" if on else "false")

    def last_article(self) -> int | None:
        try:
            value = int(self.q.value("article/last", 0) or 0)
        except (TypeError, ValueError):
            return None
        return value or None

    def set_last_article(self, article_id: int | None) -> None:
        self.q.setValue("article/last", int(article_id or 0))

    def sync(self) -> None:
        self.q.sync()

    def update_feeds_on_start(self) -> bool:
        """Whether opening a library updates its feeds in the background (off by default)."""
        return str(self.q.value("feeds/update_on_start", "false")).lower() in ("true", "1")

    def set_update_feeds_on_start(self, on: bool) -> None:
        self.q.setValue("feeds/update_on_start", "true" if on else "false")

    def import_attachments(self) -> bool:
        """Whether importing e-mails also imports their PDF and Word attachments (off)."""
        return str(self.q.value("import/attachments", "false")).lower() in ("true", "1")

    def set_import_attachments(self, on: bool) -> None:
        self.q.setValue("import/attachments", "true" if on else "false")

    # -- annotating -------------------------------------------------------------------

    def snap_to_words(self) -> bool:
        """Whether a selection in the article snaps to whole words (on by default)."""
        return str(self.q.value("annotate/snap_to_words", "true")).lower() not in ("false", "0")

    def set_snap_to_words(self, on: bool) -> None:
        self.q.setValue("annotate/snap_to_words", "true" if on else "false")

    def annotator(self) -> str:
        """The name written on new annotations (Preferences); by default the login name."""
        value = str(self.q.value("annotate/annotator", "") or "").strip()
        if value:
            return value
        from reader.library import default_annotator

        return default_annotator()

    def set_annotator(self, name: str) -> None:
        self.q.setValue("annotate/annotator", name.strip())

    def suggestion_threshold(self) -> float:
        """The least confidence of suggestions shown for review (Preferences), 0 to 1."""
        try:
            value = float(self.q.value("annotate/suggestion_threshold", 0.0) or 0.0)
        except (TypeError, ValueError):
            return 0.0
        return min(1.0, max(0.0, value))

    def set_suggestion_threshold(self, value: float) -> None:
        self.q.setValue("annotate/suggestion_threshold", min(1.0, max(0.0, float(value))))
