"""Markdown for notes apps: one file per article, written to a new folder atomically.

Each file has YAML front matter (the metadata), the article in Markdown, then
its quotes and highlights as block quotes with their notes, then its entities.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ExportFailed, disk_full, is_disk_full
from reader.exporters import md_escape as md
from reader.exporters.atomic import clean_stale_parts, normal_mode, part_prefix
from reader.libfiles import refusal

META = ("title", "id", "author", "source", "published", "language", "url", "content_hash")


def file_name(article: dict[str, Any]) -> str:
    """`00012-lavrov-umumkan-babak-baru.md`, `00013-王毅会见拉夫罗夫.md`: id first (unique),
    then the title's letters, marks and digits (any script) joined by hyphens."""
    title = unicodedata.normalize("NFC", article["title"] or "").casefold()
    kept: list[str] = []
    for c in title:
        group = unicodedata.category(c)[0]
        # A mark only on a kept letter (`q̃`, `नमस्ते`), not on an emoji (U+FE0F).
        ok = group in "LN" or (group == "M" and kept and kept[-1] != " ")
        kept.append(c if ok else " ")
    words = "".join(kept).split()
    slug = ""
    for w in words:  # whole words up to 60 characters (and at most 180 bytes)
        longer = f"{slug}-{w}" if slug else w
        if len(longer) > 60 or len(longer.encode()) > 180:
            slug = slug or w[:60]
            break
        slug = longer
    while len(slug.encode()) > 180:
        slug = slug[:-1]
    return f"{article['id']:05d}-{slug or 'article'}.md"


def _mark(m: dict[str, Any]) -> str:
    lines = [md.block_quote(m["text"])]
    speaker, cue = m.get("speaker_name"), m.get("cue")
    if speaker:
        said = f" ({md.inline(cue)})" if cue else ""
        lines.append(f">\n> — {md.inline(speaker)}{said}")
    elif cue:
        lines.append(f">\n> — no speaker; cue: {md.inline(cue)}")
    tags = [m["label"]] if m["label"] and m["kind"] != "quote" else []
    if m.get("quote_type"):
        tags.append(m["quote_type"])
    meta = f"*{md.inline(', '.join(tags))}* · " if tags else ""
    lines.append(f"\n{meta}offsets {m['start']}–{m['end']}")
    if m["note"]:
        lines.append("\n" + md.block_quote(m["note"], lead="**Note:** "))
    return "\n".join(lines)


def render(article: dict[str, Any], marks: Sequence[dict[str, Any]]) -> str:
    """One article as a Markdown document."""
    front = ["---"]
    for key in META:
        if article.get(key) not in (None, ""):
            front.append(f"{key}: {json.dumps(article[key], ensure_ascii=False)}")
    front.append("---")
    body = md.body(article.get("markdown") or "").strip()
    parts = ["\n".join(front), f"# {md.inline(article['title'] or '')}", body]
    for kind, heading in (("quote", "Quotes"), ("highlight", "Highlights")):
        chosen = [m for m in marks if m["kind"] == kind]
        if chosen:
            parts.append(f"## {heading}")
            parts.extend(_mark(m) for m in chosen)
    entities: dict[tuple[str, str], int] = {}
    for m in marks:
        if m["kind"] == "entity":
            key = (m["entity_name"] or m["text"], m["label"] or "")
            entities[key] = entities.get(key, 0) + 1
    if entities:
        parts.append("## Entities")
        parts.append(
            "\n".join(
                f"- {md.inline(name)} ({md.inline(label)}) × {n}"
                for (name, label), n in sorted(entities.items())
            )
        )
    return "\n\n".join(p for p in parts if p) + "\n"


@contextlib.contextmanager
def atomic_folder(destination: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary folder beside `destination`; on success it becomes `destination`.

    An existing empty folder, or one holding only `.md` files (an earlier
    export), is replaced; any other existing path is refused untouched.
    """
    dest = Path(destination)
    if (why := refusal(dest)) is not None:
        raise ExportFailed(why)
    if dest.exists():
        if not dest.is_dir():
            raise ExportFailed(f"{dest}: exists and is not a folder")
        if any(p.suffix != ".md" or p.is_dir() for p in dest.iterdir()):
            raise ExportFailed(f"{dest}: folder holds other files; choose a new or empty folder")
    old = dest.with_name(f".{dest.name}.old")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_parts(dest)  # what an export killed here left behind
        if old.is_dir() and not dest.exists():
            os.replace(old, dest)  # killed between its two renames: the earlier export
        shutil.rmtree(old, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=part_prefix(dest), suffix=".part", dir=dest.parent))
        normal_mode(tmp, folder=True)  # mkdtemp makes 0700 whatever the umask
    except OSError as e:
        raise ExportFailed(f"{dest}: cannot write here ({e.strerror or e})") from e
    try:
        yield tmp
        if dest.exists():
            os.replace(dest, old)
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if is_disk_full(e):
            raise disk_full(dest, "nothing was written there") from e
        raise


def write_markdown(
    destination: str | os.PathLike,
    articles: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]],
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write one `.md` file per article into the folder `destination`; returns the count."""
    count = 0
    with atomic_folder(destination) as folder:
        for article, marks in articles:
            (folder / file_name(article)).write_text(render(article, marks), encoding="utf-8")
            count += 1
            if tick:
                tick(count)
    return count
