"""Codebook files (pure): the label tree as CSV, and reading a CSV or a REFI-QDA
codebook (`.qdc`) back as entries to store (`reader.codebook`).

CSV columns: path (`Sources/Official`), definition, colour, inclusion, exclusion,
example, kind (entity, quote or highlight; empty: highlight). Formula-like cells are
written with a leading `'` (as every CSV Reader writes) and read back without it.

In a `.qdc`, the codes under Reader's kind groups ("Entities", "Quotes", "Highlights")
are labels of that kind; any other code (another tool's codebook) is a highlight
label. A code's description holds the definition, then "Include: ", "Exclude: " and
"Example: " paragraphs. Quote types, cues and the entities of `reader export codebook`
are not labels and are left out.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ImportFailed
from reader.exporters.csv_safe import FORMULA_PREFIXES, CsvError, neutralise, read_rows, writer
from reader.model import Label

COLUMNS = ("path", "definition", "colour", "inclusion", "exclusion", "example", "kind")
NOTE_LINES = {"inclusion": "Include: ", "exclusion": "Exclude: ", "example": "Example: "}
KINDS = ("entity", "quote", "highlight")
COLOUR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
MAX_BYTES = 32 * 1024 * 1024


@dataclass
class Entry:
    """One label a codebook file describes."""

    where: str  # "row 3", "code 'Official'": where a problem is reported
    kind: str
    names: list[str]  # the path, root first
    colour: str | None = None
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


def description(label: Label) -> str | None:
    """A label's definition and notes as one REFI-QDA description."""
    parts = [label.definition] if label.definition else []
    parts += [NOTE_LINES[k] + getattr(label, k) for k in NOTE_LINES if getattr(label, k)]
    return "\n\n".join(parts) or None


def parse_description(text: str | None) -> dict[str, str]:
    """The definition and notes `description` wrote (any other text: the definition)."""
    out = {"definition": "", "inclusion": "", "exclusion": "", "example": ""}
    current = "definition"
    for paragraph in (text or "").split("\n\n"):
        for key, prefix in NOTE_LINES.items():
            if paragraph.startswith(prefix):
                current, paragraph = key, paragraph[len(prefix) :]
                out[key] = paragraph
                break
        else:
            out[current] = f"{out[current]}\n\n{paragraph}" if out[current] else paragraph
    return {k: v.strip() for k, v in out.items()}


def codebook_csv(labels: Iterable[Label]) -> bytes:
    """The labels as CSV, one row each in tree order (parents first)."""
    from reader.codebook import label_path, tree_order

    labels = list(labels)
    out = io.StringIO()
    w = writer(out)
    w.writerow(COLUMNS)
    for lb, _ in tree_order(labels):
        row = [
            label_path(labels, lb),
            lb.definition,
            lb.colour,
            lb.inclusion,
            lb.exclusion,
            lb.example,
            lb.kind,
        ]
        w.writerow([neutralise(v) for v in row])
    return out.getvalue().encode("utf-8")


def _cell(value: str | None) -> str:
    value = (value or "").strip("\r\n")
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        value = value[1:]
    return value.strip()


def _read(source: str | os.PathLike) -> bytes:
    path = Path(source)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFailed(f"{path.name}: larger than {MAX_BYTES // 1024 // 1024} MB")
        return path.read_bytes()
    except OSError as e:
        raise ImportFailed(f"cannot read {path}: {e.strerror or e}") from e


def read_codebook(fmt: str, source: str | os.PathLike) -> tuple[list[Entry], list[str]]:
    """The entries of a codebook file and the rows that cannot be read (one line each)."""
    data = _read(source)
    if fmt == "csv":
        return _read_csv(data)
    if fmt == "qdc":
        return _read_qdc(data, Path(source).name)
    raise ImportFailed(f"unknown codebook format {fmt!r} (choose one of qdc, csv)")


def _check(entry: Entry, problems: list[str]) -> bool:
    if not entry.names or any(not n for n in entry.names):
        problems.append(f"{entry.where}: the path has an empty name")
    elif entry.kind not in KINDS:
        choose = ", ".join(KINDS)
        problems.append(f"{entry.where}: unknown kind {entry.kind!r} (choose one of {choose})")
    elif entry.colour and not COLOUR.match(entry.colour):
        problems.append(f"{entry.where}: colour {entry.colour!r} is not #rrggbb")
    else:
        return True
    return False


def _read_csv(data: bytes) -> tuple[list[Entry], list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFailed(f"the CSV is not UTF-8 (byte {e.start})") from e
    try:
        table = read_rows(text)
    except CsvError as e:
        raise ImportFailed(f"the CSV cannot be read: {e}") from e
    header = [h.strip().lower() for h in (table[0] if table else [])]
    if "path" not in header:
        raise ImportFailed(f"the CSV has no path column (columns: {', '.join(COLUMNS)})")
    rows = [dict(zip(header, r, strict=False)) for r in table[1:]]
    entries, problems = [], []
    for number, row in enumerate(rows, start=2):
        path = _cell(row.get("path"))
        if not path and not any(_cell(v) for v in row.values() if isinstance(v, str)):
            continue  # an empty line
        from reader.codebook import split_path

        entry = Entry(
            f"row {number}",
            _cell(row.get("kind")).lower() or "highlight",
            split_path(path) if path else [],
            _cell(row.get("colour")) or None,
            **{k: _cell(row.get(k)) for k in ("definition", "inclusion", "exclusion", "example")},
        )
        if _check(entry, problems):
            entries.append(entry)
    return entries, problems


def _read_qdc(data: bytes, name: str) -> tuple[list[Entry], list[str]]:
    from lxml import etree

    from reader.exporters.refi_qda import (
        CODEBOOK_NS,
        CUES_GROUP,
        KIND_GROUPS,
        QUOTE_TYPES_GROUP,
        guid,
    )

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as e:
        raise ImportFailed(f"{name} is not well-formed XML ({e})") from e
    tag = str(root.tag)
    ns = tag[1 : tag.index("}")] if tag.startswith("{") else ""
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    if root.tag != q("CodeBook") or ns not in (CODEBOOK_NS, "urn:QDA-XML:project:1.0"):
        raise ImportFailed(f"{name} is not a REFI-QDA codebook (no CodeBook element)")
    codes = root.find(q("Codes"))
    groups = {v: k for k, v in KIND_GROUPS.items()}
    entries: list[Entry] = []
    problems: list[str] = []

    def one(el, kind: str, names: list[str]) -> None:
        code_name = " ".join((el.get("name") or "").split())
        if names and el.get("guid", "").upper() == guid("entity", names[-1], code_name):
            return  # an entity of `reader export codebook`, not a label
        desc = el.find(q("Description"))
        entry = Entry(
            f"code {code_name!r}",
            kind,
            [*names, code_name],
            el.get("color") or None,
            **parse_description(desc.text if desc is not None else None),
        )
        if _check(entry, problems):
            entries.append(entry)
            for child in el.iterfind(q("Code")):
                one(child, kind, entry.names)

    for el in codes.iterfind(q("Code")) if codes is not None else ():
        top = el.get("name") or ""
        if top in groups:
            for child in el.iterfind(q("Code")):
                one(child, groups[top], [])
        elif top not in (QUOTE_TYPES_GROUP, CUES_GROUP):
            one(el, "highlight", [])
    return entries, problems
