"""How annotations look in the article view: formats over code-point ranges.

Overlapping and nested marks are split into elementary ranges, each with one merged
format (the ExtraSelections of a QTextEdit are painted one over another, so a later
background would hide an earlier one): backgrounds of quotes and highlights are
blended (on the theme's page, with a text colour that keeps WCAG AA contrast), an
entity adds an underline in its label's colour (and a faint tint), so an entity
inside a quote shows both. Orphaned marks are not drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QColor, QTextCharFormat

from reader.gui.contrast import RGB, over, readable_ink
from reader.model import Annotation, Label

QUOTE_ALPHA = 0.38  # quotes are a tint: long spans must stay easy to read
HIGHLIGHT_ALPHA = 0.62
ENTITY_ALPHA = 0.16
SELECTED_ALPHA = 0.30
FALLBACK = "#9a9a9a"

Mark = tuple[int, int, QTextCharFormat]


def label_colours(labels: Iterable[Label]) -> dict[tuple[str, str], QColor]:
    """(kind, name) -> colour of every label."""
    return {(lb.kind, lb.name): QColor(lb.colour) for lb in labels}


def colour_of(a: Annotation, colours: dict[tuple[str, str], QColor]) -> QColor:
    return QColor(colours.get((a.kind, a.label or ""), QColor(FALLBACK)))


def _over(layers: Sequence[tuple[QColor, float]]) -> QColor | None:
    """Colours painted one over another ("source over"), as one colour with alpha."""
    r = g = b = a = 0.0
    for colour, alpha in layers:
        out = alpha + a * (1 - alpha)
        if out <= 0:
            continue
        r = (colour.redF() * alpha + r * a * (1 - alpha)) / out
        g = (colour.greenF() * alpha + g * a * (1 - alpha)) / out
        b = (colour.blueF() * alpha + b * a * (1 - alpha)) / out
        a = out
    if a <= 0:
        return None
    result = QColor()
    result.setRgbF(r, g, b, a)
    return result


def _rgb(colour: QColor) -> RGB:
    return (colour.redF(), colour.greenF(), colour.blueF())


def on_page(background: QColor, page: QColor, ink: QColor) -> tuple[QColor, QColor]:
    """A mark's background painted on the page (opaque) and the text colour that reads
    on it: the theme's, unless that falls below WCAG AA (white text on a yellow
    highlight in the dark theme), then dark or light ink."""
    flat = over(_rgb(background), background.alphaF(), _rgb(page))
    text = readable_ink(flat, _rgb(ink))
    return QColor.fromRgbF(*flat), QColor.fromRgbF(*text)


def merged_format(
    marks: Sequence[Annotation],
    colours: dict[tuple[str, str], QColor],
    selected: int | None = None,
    selection_colour: QColor | None = None,
    page: QColor | None = None,
    ink: QColor | None = None,
) -> QTextCharFormat:
    """One format for a stretch of text covered by `marks` (outermost first). With the
    theme's `page` and `ink` colours the background is opaque and the text readable."""
    layers: list[tuple[QColor, float]] = []
    underline: QColor | None = None
    for a in marks:
        colour = colour_of(a, colours)
        if a.kind == "entity":
            layers.append((colour, ENTITY_ALPHA))
            underline = colour  # the innermost entity's colour wins
        else:
            layers.append((colour, QUOTE_ALPHA if a.kind == "quote" else HIGHLIGHT_ALPHA))
    if selected is not None and any(a.id == selected for a in marks):
        layers.append((selection_colour or QColor("#2f6fdb"), SELECTED_ALPHA))
    fmt = QTextCharFormat()
    if (background := _over(layers)) is not None:
        if page is not None and ink is not None:
            # the text colour always set: a link's own colour inside a mark is not
            # checked against the mark (its underline still says it is a link)
            background, text = on_page(background, page, ink)
            fmt.setForeground(text)
        fmt.setBackground(background)
    if underline is not None:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(underline)
    return fmt


def mark_formats(
    annotations: Iterable[Annotation],
    colours: dict[tuple[str, str], QColor],
    selected: int | None = None,
    selection_colour: QColor | None = None,
    page: QColor | None = None,
    ink: QColor | None = None,
) -> list[Mark]:
    """(start, end, format) for the drawable marks, split where marks begin and end
    (`page`, `ink`: the theme's, for opaque backgrounds and readable text)."""
    marks = [a for a in annotations if a.status == "ok" and a.end > a.start]
    events: list[tuple[int, int, int]] = []  # (offset, 0 = end / 1 = start, index)
    for i, a in enumerate(marks):
        events.append((a.start, 1, i))
        events.append((a.end, 0, i))
    events.sort()
    active: set[int] = set()
    by_marks: dict[tuple[int, ...], QTextCharFormat] = {}
    # formats are shared by every stretch that looks the same (same kinds and labels,
    # layered the same way): a few dozen formats for thousands of marks
    by_look: dict[tuple[tuple[str, str | None], ...], QTextCharFormat] = {}
    out: list[Mark] = []
    previous = 0
    last_key: tuple[int, ...] = ()
    for offset, is_start, i in events:
        if active and offset > previous:
            key = tuple(sorted(active))
            fmt = by_marks.get(key)
            if fmt is None:
                # outermost (longest, then earliest) first, so inner marks paint on top
                layered = sorted(
                    (marks[k] for k in key), key=lambda a: (-(a.end - a.start), a.start, a.id)
                )
                look = tuple(
                    (a.kind, "\0selected" if a.id == selected else a.label) for a in layered
                )
                fmt = by_look.get(look)
                if fmt is None:
                    fmt = by_look[look] = merged_format(
                        layered, colours, selected, selection_colour, page, ink
                    )
                by_marks[key] = fmt
            if out and out[-1][1] == previous and last_key == key:
                out[-1] = (out[-1][0], offset, fmt)
            else:
                out.append((previous, offset, fmt))
            last_key = key
        previous = offset
        if is_start:
            active.add(i)
        else:
            active.discard(i)
    return out


def marks_at(annotations: Iterable[Annotation], offset: int) -> list[Annotation]:
    """The drawn marks covering code point `offset`, innermost (shortest) first."""
    hits = [a for a in annotations if a.status == "ok" and a.start <= offset < a.end]
    return sorted(hits, key=lambda a: (a.end - a.start, -a.start, a.id))


def describe(a: Annotation, limit: int = 60, names: dict[int, str] | None = None) -> str:
    """One line for a tooltip or a status message: label, text, speaker, note."""
    text = " ".join(a.exact.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    line = f"{a.label or a.kind}: {text}"
    if names is not None and (said := attribution(a, names)):
        line += f" ({said})"
    if a.note:
        line += f" — {a.note}"
    return line


def tooltip(
    annotations: Iterable[Annotation],
    offset: int,
    names: dict[int, str] | None = None,
    label_tips: dict[tuple[str, str], str] | None = None,
) -> str:
    """What hovering over code point `offset` shows (empty when no mark is there): the
    marks, then what their labels mean (`label_tips`: the codebook's notes)."""
    marks = marks_at(annotations, offset)
    text = "\n".join(describe(a, names=names) for a in marks)
    tips = label_tips or {}
    notes = [tips[k] for k in dict.fromkeys((a.kind, a.label or "") for a in marks) if k in tips]
    return "\n\n".join([text, *notes]) if text else ""


def suggestion_format(colour: QColor) -> QTextCharFormat:
    """A suggestion under review: a dashed underline in its label's colour, no fill
    (real marks are filled or solidly underlined). Light colours are darkened so that
    the dashes show on a light page."""
    line = QColor(colour)
    if line.lightness() > 150:
        line = line.darker(170)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(line)
    return fmt


def attribution(a: Annotation, names: dict[int, str]) -> str:
    """A quote's speaker, cue and type as one phrase (empty when it has none)."""
    if a.kind != "quote":
        return ""
    parts = [names.get(a.speaker_id, "") if a.speaker_id else "", a.cue or "", a.quote_type or ""]
    return ", ".join(p for p in parts if p)
