"""Editing an article's metadata (title, subtitle, author, source, published, language,
URL): checked, one transaction, one undo step, announced. The text does not change, so
the marks and their offsets stay as they are, and so does the content hash (a file
imported again is still known as this article)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.errors import NotFound, ReaderError
from reader.model import Changes
from reader.store.annotations import Step
from reader.text.urls import http_url
from reader.timestamps import normalise_published

if TYPE_CHECKING:
    from reader.store import Store
    from reader.undo import History

EDITABLE = ("title", "subtitle", "author", "source", "published", "language", "url")
MAX_FIELD_CHARS = 2000
# A BCP 47 language tag as articles carry it: "en", "id", "pt-BR", "zh-Hant".
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class InvalidMetadata(ReaderError):
    """A metadata value that cannot be stored; the message names the field."""


def clean_metadata(values: dict[str, Any]) -> dict[str, str | None]:
    """The values as they are stored, or `InvalidMetadata` for the first bad one.

    Every field is one line (runs of white space become one space); an empty value
    clears the field, except the title, which cannot be empty.
    """
    out: dict[str, str | None] = {}
    for name, raw in values.items():
        if name not in EDITABLE:
            raise InvalidMetadata(f"{name} is not an article field ({', '.join(EDITABLE)})")
        value = " ".join(str(raw).split()) if raw is not None else ""
        if len(value) > MAX_FIELD_CHARS:
            raise InvalidMetadata(f"{name} is longer than {MAX_FIELD_CHARS} characters")
        out[name] = _check(name, value) if value else None
    if "title" in out and out["title"] is None:
        raise InvalidMetadata("the title cannot be empty")
    return {k: out[k] for k in EDITABLE if k in out}


def _check(name: str, value: str) -> str:
    if name == "published":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise InvalidMetadata(
                f"published {value!r} is not an ISO 8601 date "
                "(2025-02-27 or 2025-02-27T09:30:00+07:00)"
            ) from None
        return normalise_published(value) or value
    if name == "language":
        if not _LANGUAGE.fullmatch(value):
            raise InvalidMetadata(
                f"language {value!r} is not a language code (such as en, id, pt-BR)"
            )
        primary, *rest = value.split("-")
        return "-".join([primary.lower(), *rest])
    if name == "url":
        url = http_url(value)
        if url is None:
            raise InvalidMetadata(f"url {value!r} is not an http:// or https:// address")
        return url
    return value


class MetadataService:
    """The one write of an article's metadata fields."""

    def __init__(self, store: Store, history: History) -> None:
        self._store = store
        self._history = history

    def edit_article(self, article_id: int, **values: Any) -> dict[str, str | None]:
        """Set the given fields (None or "" clears one); returns the fields that changed,
        as stored. Nothing changes (and nothing is announced) when all are as they were."""
        cleaned = clean_metadata(values)
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        changed = {k: v for k, v in cleaned.items() if row[k] != v}
        if not changed:
            return {}
        before = {k: row[k] for k in changed}
        with self._store.atomic():
            self._store.articles.set_metadata(article_id, changed)
        fields = ", ".join(changed)
        self._history.record(
            f"Edit {fields} of “{row['title']}”",
            [Step("update", "articles", article_id, tuple(before.items()))],
            [Step("update", "articles", article_id, tuple(changed.items()))],
            Changes(metadata=frozenset({article_id})),
        )
        return changed
