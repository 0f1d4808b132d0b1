"""Text from articles, files and users shown as text, never as HTML.

Qt guesses: a tooltip, a label or a message box whose text looks like HTML
(`Qt.mightBeRichText`: a tag or an entity on its first line) is rendered as rich
text, so a title `<img src="file:///dev/zero">` makes Qt read that file when its
tooltip shows (and abort on the allocation). Qt Charts always render their titles,
axis labels and legend names as HTML. Every such string goes through one of these:

- `plain(text)` wherever Qt guesses (item models' ToolTipRole, `QToolTip.showText`,
  `setToolTip`, labels of QInputDialog and QProgressDialog): text Qt would take for
  HTML is escaped and wrapped so that it shows exactly as written, line breaks kept;
  other text is returned as it is.
- `plain_label(widget)` for a QLabel or QMessageBox we make: plain text format.
- `chart_text(text)` for Qt Charts: always escaped.
- `show_tooltip(pos, text, widget)`: `QToolTip.showText` with `plain(text)`.
- `menu_text(text)`: a name in a menu, button or chip, its `&` shown as `&`.

Item views draw DisplayRole as plain text already (QStyledItemDelegate), as do menus,
buttons, combo boxes, line edits, window titles and the status bar.
"""

from __future__ import annotations

import html
from typing import TypeVar

from PySide6.QtCore import QPoint
from PySide6.QtGui import Qt  # QtGui's Qt namespace: QtCore's plus mightBeRichText
from PySide6.QtWidgets import QLabel, QMessageBox, QToolTip, QWidget

_Widget = TypeVar("_Widget", QLabel, QMessageBox)
_WRAP = '<p style="white-space:pre-wrap">{}</p>'


def plain(text: str | None) -> str | None:
    """`text` as a widget that guesses its format shows it: verbatim (None, "" unchanged)."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return _WRAP.format(html.escape(text, quote=False))


def tooltip(text: str | None) -> str | None:
    """A tooltip that shows `text` verbatim (the same as `plain`)."""
    return plain(text)


def show_tooltip(pos: QPoint, text: str | None, widget: QWidget | None = None) -> None:
    """Show `text` as a plain tooltip at `pos` (hide the tooltip when there is no text)."""
    if text:
        QToolTip.showText(pos, plain(text), widget)
    else:
        QToolTip.hideText()


def plain_label(widget: _Widget) -> _Widget:
    """The label or message box, set to show its text as plain text; returned for chaining."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def chart_text(text: str) -> str:
    """A name as Qt Charts shows it verbatim (they render every label as HTML)."""
    return html.escape(text, quote=False)


def menu_text(text: str) -> str:
    """A name as a menu, button or chip text: `&` shown, not taken for a keyboard mnemonic."""
    return text.replace("&", "&&")
