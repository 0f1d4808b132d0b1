"""Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
Myanmar; Hangul, whose particles attach to words) made searchable by any substring.

FTS5's unicode61 tokenizer makes one token of a whole run of such characters, so
"鉄道" is not found inside "鉄道会社". The side index `articles_cjk` holds, per article
that has such characters, each character (with its combining marks) as its own token;
a query run becomes the phrase of its characters, which matches exactly where those
characters stand next to each other: words of one, two or more characters alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import sqlite_utils

_RANGES = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1100-\u11ff"  # Hangul Jamo
    "\u1780-\u17ff"  # Khmer
    "\u3005\u3006\u3007"  # 々 〆 〇
    "\u3040-\u30ff"  # Hiragana, Katakana (with ー)
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_RUN = re.compile(f"[{_RANGES}]+")
# Between two runs: a token no query phrase holds, so a phrase never spans a gap.
_GAP = " 0 "
# Every character with its marks one token (Thai vowels and tone marks are Mn).
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"


# UTF-8 lead bytes of every range above (all from U+0E00 on): a text without any cannot
# hold such a character. Checked first because `re` scans a big class at ~60 ns a
# character, a third of an import's time per article; `bytes.translate` is ~1 ns.
_LEADS = frozenset(
    (0xE0, 0xE1, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF, 0xF0)
)
_NOT_LEADS = bytes(b for b in range(256) if b not in _LEADS)


def has_spaceless(text: str | None) -> bool:
    if not text or text.isascii():
        return False
    if not text.encode("utf-8", "surrogatepass").translate(None, _NOT_LEADS):
        return False
    return _RUN.search(text) is not None


def runs(text: str) -> list[str]:
    """The runs of spaceless-script characters in `text`."""
    return _RUN.findall(text)


def _units(run: str) -> list[str]:
    units: list[str] = []
    for c in unicodedata.normalize("NFC", run):
        if units and unicodedata.category(c)[0] == "M":
            units[-1] += c
        else:
            units.append(c)
    return units


def spaced(text: str | None) -> str:
    """What the side index stores for a column: its runs, one token per character."""
    if not text:
        return ""
    return _GAP.join(" ".join(_units(r)) for r in _RUN.findall(text))


def phrase(run: str, prefix: bool = False) -> str:
    """The side index's FTS5 phrase for one run of a query."""
    return '"' + " ".join(_units(run)) + '"' + ("*" if prefix else "")


def index_rows(
    db: sqlite_utils.Database, rows: Iterable[tuple[Any, ...]], fresh: bool = True
) -> int:
    """Index rows of (id, title, subtitle, author, source, text) in the side index (not
    `fresh`: replacing what it held); only rows with spaceless-script characters are
    stored. Returns how many were."""
    batch = []
    for article_id, *fields in rows:
        if not fresh:
            db.execute("DELETE FROM articles_cjk WHERE rowid = ?", [article_id])
        if any(has_spaceless(f) for f in fields):
            batch.append([article_id, *(spaced(f) for f in fields)])
    db.conn.executemany(
        "INSERT INTO articles_cjk (rowid, title, subtitle, author, source, text) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        batch,
    )
    return len(batch)


def reindex(db: sqlite_utils.Database, article_id: int) -> None:
    """Bring one article's side-index row up to date (after its fields changed)."""
    cols = "title, subtitle, author, source, text"
    row = db.execute(f"SELECT id, {cols} FROM articles WHERE id = ?", [article_id])
    index_rows(db, row.fetchall(), fresh=False)
